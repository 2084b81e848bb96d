from django.urls import path

from ioc.telemetry.api.events import EventIngestView
from ioc.telemetry.api.ingest import TelemetryIngestView
from ioc.telemetry.api.query import DeviceTelemetryViewSet, LatestTelemetryViewSet

urlpatterns = [
    path(
        "devices/<int:pk>/telemetry/",
        DeviceTelemetryViewSet.as_view({"get": "telemetry"}),
        name="device-telemetry",
    ),
    path("devices/<int:pk>/latest/", DeviceTelemetryViewSet.as_view({"get": "latest"}), name="device-latest"),
    path("devices/<str:token>/telemetry", TelemetryIngestView.as_view(), name="device-telemetry-ingest"),
    path("telemetry/", TelemetryIngestView.as_view(), name="telemetry-ingest"),
    path("devices/<str:token>/events", EventIngestView.as_view(), name="device-events-ingest"),
    path("events/", EventIngestView.as_view(), name="events-ingest"),
    path("telemetry/latest/", LatestTelemetryViewSet.as_view({"get": "list"}), name="telemetry-latest"),
]
