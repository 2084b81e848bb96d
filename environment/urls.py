from django.urls import path

from environment.views import TransmissionHealthView
from ioc.dashboard.views import DomainPageView

app_name = "environment"

urlpatterns = [
    path("", DomainPageView.as_view(domain_label="environment"), name="home"),
    path("transmission/", TransmissionHealthView.as_view(), name="transmission"),
]
