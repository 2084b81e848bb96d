from django.urls import path

from environment.views import EnvironmentPageView, TransmissionHealthView

app_name = "environment"

urlpatterns = [
    path("", EnvironmentPageView.as_view(), name="home"),
    path("transmission/", TransmissionHealthView.as_view(), name="transmission"),
]
