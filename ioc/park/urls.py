from django.urls import path

from ioc.park import views

app_name = "park"

urlpatterns = [
    path("enterprises/", views.EnterpriseListView.as_view(), name="enterprise-list"),
    path("enterprises/<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise-detail"),
    path("devices/", views.DeviceListView.as_view(), name="device-list"),
    path("zones/", views.ZoneListView.as_view(), name="zone-list"),
]
