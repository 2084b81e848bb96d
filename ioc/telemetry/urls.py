from django.urls import path

from ioc.telemetry import views

app_name = "telemetry"

urlpatterns = [
    path("", views.IngestOverviewView.as_view(), name="overview"),
    path("devices/<int:pk>/", views.DeviceTelemetryView.as_view(), name="device"),
]
