"""Filters of the traffic API; a plate given to search for is read like any plate, or refused."""

from django import forms
from django_filters import rest_framework as filters

from ioc.api.instants import InstantFilter
from traffic.models import PlateRead, WatchlistEntry
from traffic.plates import PlateError, parse_plate


class PlateField(forms.CharField):
    """A plate as typed (15c 123.45, 15C12345…), cleaned to its compact form."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        try:
            return parse_plate(value).compact
        except PlateError as error:
            # The reason quotes what was typed, which may hold a "%": it goes in as a parameter.
            raise forms.ValidationError(
                "%(reason)s", code=error.code, params={"reason": error.message}
            ) from None


class PlateFilter(filters.CharFilter):
    field_class = PlateField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, field_name="plate_compact", **kwargs)


class PlateReadFilter(filters.FilterSet):
    plate = PlateFilter()
    reader = filters.CharFilter(field_name="reader__serial")
    watchlisted = filters.BooleanFilter(field_name="watchlist_entry", lookup_expr="isnull", exclude=True)
    since = InstantFilter(field_name="at", lookup_expr="gte")
    until = InstantFilter(field_name="at", lookup_expr="lt")

    class Meta:
        model = PlateRead
        fields = ["gate", "direction", "vehicle_class", "heavy", "first_seen", "anomaly", "watch_match"]


class WatchlistFilter(filters.FilterSet):
    plate = PlateFilter()

    class Meta:
        model = WatchlistEntry
        fields = ["active"]
