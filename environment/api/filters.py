import django_filters
from django import forms

from environment.models import (
    GreenArea,
    SymbiosisLink,
    WasteHandler,
    WasteRecord,
    WastewaterConnection,
    WastewaterVolume,
)


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class WastewaterConnectionFilter(django_filters.FilterSet):
    class Meta:
        model = WastewaterConnection
        fields = ["status", "enterprise"]


class WastewaterVolumeFilter(django_filters.FilterSet):
    class Meta:
        model = WastewaterVolume
        fields = {"enterprise": ["exact"], "source": ["exact"], "month": ["exact", "gte", "lte"]}


class WasteHandlerFilter(django_filters.FilterSet):
    valid_on = django_filters.DateFilter(method="filter_valid_on")

    class Meta:
        model = WasteHandler
        fields = ["licence_number"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.filter(licence_issued_on__lte=value, licence_expires_on__gte=value)


class WasteRecordFilter(django_filters.FilterSet):
    # Whole years in the range the KPI takes (a year lookup on 0 or 2020.5 would crash the query).
    year = YearFilter(field_name="period_start", lookup_expr="year", min_value=2000, max_value=2100)

    class Meta:
        model = WasteRecord
        fields = ["enterprise", "category", "waste_code", "handler"]


class SymbiosisLinkFilter(django_filters.FilterSet):
    class Meta:
        model = SymbiosisLink
        fields = ["link_type", "enterprise", "receiver"]


class GreenAreaFilter(django_filters.FilterSet):
    class Meta:
        model = GreenArea
        fields = {"zone": ["exact"], "surveyed_on": ["exact", "gte", "lte"]}
