"""Everything under /api/v1/: the registry's viewsets on one router, plus auth and vocabulary."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from ioc.alerts.api import ROUTES as ALERT_ROUTES
from ioc.alerts.api import MyNotificationsView
from ioc.api.auth import TokenObtainView, TokenRevokeAllView, TokenRevokeView
from ioc.api.views import MetricListView, MeView
from ioc.audit.api import AuditEntryViewSet
from ioc.evidence.api import ImageViewSet
from ioc.park.api.routes import ROUTES as PARK_ROUTES
from ioc.registry import registry
from ioc.submissions.api import SubmissionKindListView, SubmissionViewSet
from ioc.submissions.api_bulk import SubmissionTemplateView, SubmissionUploadView
from ioc.telemetry.api.device_events import DeviceEventViewSet


def build_router() -> DefaultRouter:
    router = DefaultRouter()
    router.include_format_suffixes = False  # one URL per resource; JSON is the format
    routes = [
        *PARK_ROUTES,
        *ALERT_ROUTES,
        ("submissions", SubmissionViewSet, "submission"),
        ("audit", AuditEntryViewSet, "audit-entry"),
        ("device-events", DeviceEventViewSet, "device-event"),
        ("images", ImageViewSet, "image"),
        *registry.api_routes(),
    ]
    for prefix, viewset, basename in routes:
        router.register(prefix, viewset, basename=basename)
    return router


router = build_router()

urlpatterns = [
    path("auth/token/", TokenObtainView.as_view(), name="auth-token"),
    path("auth/logout/", TokenRevokeView.as_view(), name="auth-logout"),
    path("auth/logout-all/", TokenRevokeAllView.as_view(), name="auth-logout-all"),
    path("me/", MeView.as_view(), name="me"),
    path("me/notifications/", MyNotificationsView.as_view(), name="my-notifications"),
    path("metrics/", MetricListView.as_view(), name="metrics"),
    path("submission-kinds/", SubmissionKindListView.as_view(), name="submission-kinds"),
    path(
        "submission-kinds/<str:key>/template/", SubmissionTemplateView.as_view(), name="submission-template"
    ),
    path(
        "submissions/upload/", SubmissionUploadView.as_view(), name="submission-upload"
    ),  # before the router's
    path("", include("ioc.telemetry.api.urls")),
    path("", include(router.urls)),
]
