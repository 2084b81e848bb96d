"""A date-time query parameter the database can always take.

ISO 8601 allows offsets PostgreSQL refuses (+22:14) and years it cannot compare usefully (0634); a
filter given one answered 500. The instant is moved to UTC and kept within the years a park's data
can have, or refused with a 400 naming the parameter.
"""

from datetime import UTC

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import IsoDateTimeFilter
from django_filters.fields import IsoDateTimeField

EARLIEST_YEAR, LATEST_YEAR = 1970, 2200


class InstantField(IsoDateTimeField):
    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
            raise forms.ValidationError(
                _("Give a time between the years %(low)d and %(high)d."), code="out_of_range",
                params={"low": EARLIEST_YEAR, "high": LATEST_YEAR},
            )  # fmt: skip
        return moment.astimezone(UTC) if moment.tzinfo else moment


class InstantFilter(IsoDateTimeFilter):
    field_class = InstantField
