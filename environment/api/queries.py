"""Query parameters of the environment endpoints, validated like any input (400 naming the field)."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

MAX_DAYS = 366
EARLIEST, LATEST = date(1970, 1, 1), date(2200, 12, 31)  # a day past the last would overflow date arithmetic


def _day_field() -> serializers.DateField:
    return serializers.DateField(required=False, input_formats=["iso-8601"], validators=[_in_range])


def _in_range(day: date) -> None:
    if not EARLIEST <= day <= LATEST:
        raise serializers.ValidationError(
            _("Give a date between %(low)s and %(high)s.")
            % {"low": EARLIEST.isoformat(), "high": LATEST.isoformat()}
        )


def _range_serializer(name: str, periods: tuple[str, ...], default: str) -> type[serializers.Serializer]:
    """`from`/`to` are Python keywords, so the class is built with them as field names."""

    def validate(self, attrs):
        start, end = attrs.get("from"), attrs.get("to")
        if start and end and end < start:
            raise serializers.ValidationError({"to": _("The end date comes before the start date.")})
        if start and end and (end - start).days >= MAX_DAYS:
            raise serializers.ValidationError(
                {"to": _("Ask for at most %(days)d days at a time.") % {"days": MAX_DAYS}}
            )
        return attrs

    fields = {
        "period": serializers.ChoiceField(periods, default=default),
        "from": _day_field(),
        "to": _day_field(),
        "validate": validate,
    }
    return type(name, (serializers.Serializer,), fields)


_AqiBase = _range_serializer("_AqiBase", ("hourly", "daily"), "hourly")


class AqiQuery(_AqiBase):
    date = _day_field()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs["period"] == "daily":
            missing = [key for key in ("from", "to") if not attrs.get(key)]
            if missing:
                raise serializers.ValidationError(
                    {key: _("Daily values need both from and to.") for key in missing}
                )
        else:
            attrs.setdefault("date", timezone.localdate())
        return attrs


_ComplianceBase = _range_serializer("_ComplianceBase", ("day", "month"), "day")


class ComplianceQuery(_ComplianceBase):
    def validate(self, attrs):
        attrs = super().validate(attrs)
        today = timezone.localdate()
        attrs.setdefault("to", today)
        back = timedelta(days=29 if attrs["period"] == "day" else 364)
        attrs.setdefault("from", attrs["to"] - back)
        return attrs
