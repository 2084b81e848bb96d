from ioc.park.api import views

ROUTES = [
    ("enterprises", views.EnterpriseViewSet, "enterprise"),
    ("contacts", views.ContactViewSet, "contact"),
    ("zones", views.ZoneViewSet, "zone"),
    ("lots", views.LotViewSet, "lot"),
    ("devices", views.DeviceViewSet, "device"),
]
