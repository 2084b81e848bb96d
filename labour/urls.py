from django.urls import path

from ioc.dashboard.views import DomainPageView

app_name = "labour"

urlpatterns = [
    path("", DomainPageView.as_view(domain_label="labour"), name="home"),
]
