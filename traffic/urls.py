from django.urls import path

from traffic.views import TrafficPageView

app_name = "traffic"

urlpatterns = [
    path("", TrafficPageView.as_view(), name="home"),
]
