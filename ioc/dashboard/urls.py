from django.urls import path

from ioc.dashboard.views import HomeView, TilesView

app_name = "dashboard"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("dashboard/tiles/", TilesView.as_view(), name="tiles"),
]
