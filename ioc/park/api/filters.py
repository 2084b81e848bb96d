import django_filters

from ioc.park.models import Contact, Device, Enterprise, Lot, Zone


class EnterpriseFilter(django_filters.FilterSet):
    sector = django_filters.CharFilter(lookup_expr="startswith")

    class Meta:
        model = Enterprise
        fields = ["investment_type", "investor_country", "status", "sector", "is_sample"]


class ZoneFilter(django_filters.FilterSet):
    class Meta:
        model = Zone
        fields = ["kind", "code"]


class LotFilter(django_filters.FilterSet):
    class Meta:
        model = Lot
        fields = ["zone", "enterprise"]


class DeviceFilter(django_filters.FilterSet):
    class Meta:
        model = Device
        fields = ["kind", "status", "enterprise", "zone", "serial"]


class ContactFilter(django_filters.FilterSet):
    class Meta:
        model = Contact
        fields = ["enterprise"]
