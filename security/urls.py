from django.urls import path

from ioc.dashboard.views import DomainPageView

app_name = "security"

urlpatterns = [
    path("", DomainPageView.as_view(domain_label="security"), name="home"),
]
