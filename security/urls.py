from django.urls import include, path

from security.views import CameraSettingsView, CameraWallView, SecurityPageView

app_name = "security"

urlpatterns = [
    path("", SecurityPageView.as_view(), name="home"),
    path("cameras/wall/", CameraWallView.as_view(), name="camera-wall"),
    path("cameras/<int:pk>/settings/", CameraSettingsView.as_view(), name="camera-settings"),
    # Synthetic snapshots of the demo cameras, so the frame workers have something to analyse.
    path("", include("security.demo_urls")),
]
