from django.urls import path

from ioc.dashboard.views import DomainPageView

app_name = "environment"

urlpatterns = [
    path("", DomainPageView.as_view(domain_label="environment"), name="home"),
]
