from django.urls import path

from ioc.submissions import views

app_name = "portal"

urlpatterns = [
    path("", views.PortalHomeView.as_view(), name="home"),
    path("report/<str:kind>/", views.ReportFormView.as_view(), name="form"),
    path("review/", views.ReviewView.as_view(), name="review"),
    path("review/<int:pk>/accept/", views.ReviewActionView.as_view(), {"verb": "accept"}, name="accept"),
    path("review/<int:pk>/return/", views.ReviewActionView.as_view(), {"verb": "return"}, name="return"),
]
