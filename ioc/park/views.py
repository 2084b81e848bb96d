"""Pages of the park registry. Lists are paginated, filterable and scoped like the API."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView
from django_filters.views import FilterView

from ioc.api.tenancy import scope_to_user
from ioc.park.api import filters
from ioc.park.models import Device, Enterprise, Zone


class ScopedListView(LoginRequiredMixin, FilterView):
    paginate_by = 50
    enterprise_field: str | None = "enterprise"

    def get_queryset(self):
        return scope_to_user(super().get_queryset(), self.request.user, self.enterprise_field)


class EnterpriseListView(ScopedListView):
    model = Enterprise
    filterset_class = filters.EnterpriseFilter
    template_name = "park/enterprise_list.html"
    enterprise_field = "pk"


class EnterpriseDetailView(LoginRequiredMixin, DetailView):
    model = Enterprise
    template_name = "park/enterprise_detail.html"

    def get_queryset(self):
        queryset = Enterprise.objects.prefetch_related("lots", "contacts", "devices")
        return scope_to_user(queryset, self.request.user, "pk")


class DeviceListView(ScopedListView):
    model = Device
    filterset_class = filters.DeviceFilter
    template_name = "park/device_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "zone").prefetch_related("channels")


class ZoneListView(ScopedListView):
    model = Zone
    filterset_class = filters.ZoneFilter
    template_name = "park/zone_list.html"
    enterprise_field = None
