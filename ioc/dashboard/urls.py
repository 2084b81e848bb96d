from django.urls import path

from ioc.dashboard.views import HomeView, MapOverlaysView, TilesView

app_name = "dashboard"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("dashboard/tiles/", TilesView.as_view(), name="tiles"),
    path("dashboard/map-overlays/", MapOverlaysView.as_view(), name="map-overlays"),
]
