from django.urls import path

from ioc.dashboard.views import DomainPageView

app_name = "traffic"

urlpatterns = [
    path("", DomainPageView.as_view(domain_label="traffic"), name="home"),
]
