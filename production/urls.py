from django.urls import path

from ioc.dashboard.views import DomainPageView

app_name = "production"

urlpatterns = [
    path("", DomainPageView.as_view(domain_label="production"), name="home"),
]
