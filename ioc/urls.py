from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from ioc.registry import registry

urlpatterns = [
    path("", include("ioc.dashboard.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("park/", include("ioc.park.urls")),
    path("portal/", include("ioc.submissions.urls")),
    path("reports/", include("ioc.reports.urls")),
    path("telemetry/", include("ioc.telemetry.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("ioc.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

# Each domain app brings its own pages, mounted at /<label>/ (ioc never imports them by name).
urlpatterns += [path(f"{d.label}/", include(d.urls)) for d in registry.ordered_domains() if d.urls]
