"""The demo cameras' synthetic snapshots; included by security/urls.py (mounted at /security/)."""

from django.urls import path

from security.demo_views import demo_snapshot

urlpatterns = [
    path("demo/cameras/<slug:name>.jpg", demo_snapshot, name="demo_camera_snapshot"),
]
