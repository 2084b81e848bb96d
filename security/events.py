"""Camera event types: what each carries, and the alarms it raises.

A smart camera or NVR posts them (HTTP or MQTT); the IOC's own frame workers record the same types
for cameras without analytics. Every type's fields are checked here, field by field, so the sender
learns exactly what was wrong, in the reader's language.
"""

import math
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ioc.alerts.event_rules import raise_for_event
from ioc.telemetry.events import EventKind

OBJECTS = ("person", "vehicle", "animal", "unknown")
INTRUSION_RULES = ("region_entry", "line_crossing")
MAX_COUNT = 100_000


def _text(details: dict, name: str, errors: dict, *, required: bool, limit: int = 100) -> str:
    raw = details.get(name)
    if raw is None or raw == "":
        if required:
            errors[name] = _("This field is required.")
        return ""
    if not isinstance(raw, str) or len(raw) > limit:
        errors[name] = _("Give a text of at most %(limit)d characters.") % {"limit": limit}
        return ""
    return raw.strip()


def _number(details: dict, name: str, errors: dict, *, low: float, high: float, required: bool):
    raw = details.get(name)
    if raw is None:
        if required:
            errors[name] = _("This field is required.")
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        errors[name] = _("Give a number.")
        return None
    if not low <= raw <= high:
        errors[name] = _("%(value)s is out of range: give %(low)s to %(high)s.") % {
            "value": raw, "low": low, "high": high,
        }  # fmt: skip
        return None
    return raw


def _choice(details: dict, name: str, choices: tuple[str, ...], errors: dict, default: str) -> str:
    raw = details.get(name, default)
    if raw not in choices:
        errors[name] = _("“%(value)s” is not one of: %(choices)s.") % {
            "value": raw,
            "choices": ", ".join(choices),
        }
        return default
    return raw


def _finish(errors: dict, cleaned: dict) -> dict:
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    return {k: v for k, v in cleaned.items() if v not in (None, "")}


def clean_intrusion(details: dict) -> dict:
    errors: dict = {}
    cleaned = {
        "rule": _choice(details, "rule", INTRUSION_RULES, errors, "region_entry"),
        "region": _text(details, "region", errors, required=False),
        "object": _choice(details, "object", OBJECTS, errors, "unknown"),
        "confidence": _number(details, "confidence", errors, low=0, high=1, required=False),
    }
    return _finish(errors, cleaned)


def clean_loitering(details: dict) -> dict:
    errors: dict = {}
    cleaned = {
        "region": _text(details, "region", errors, required=False),
        "duration_s": _number(details, "duration_s", errors, low=0, high=86400, required=True),
        "confidence": _number(details, "confidence", errors, low=0, high=1, required=False),
    }
    return _finish(errors, cleaned)


def clean_fire(details: dict) -> dict:
    errors: dict = {}
    cleaned = {
        "region": _text(details, "region", errors, required=False),
        "confidence": _number(details, "confidence", errors, low=0, high=1, required=False),
    }
    return _finish(errors, cleaned)


def clean_count(details: dict) -> dict:
    errors: dict = {}
    cleaned = {
        "count": _number(details, "count", errors, low=0, high=MAX_COUNT, required=True),
        "region": _text(details, "region", errors, required=False),
        "line": _text(details, "line", errors, required=False),
        "direction": _choice(details, "direction", ("in", "out", "both"), errors, "both"),
        "period_s": _number(details, "period_s", errors, low=1, high=86400, required=False),
    }
    if cleaned["count"] is not None and cleaned["count"] != int(cleaned["count"]):
        raise ValidationError({"count": [_("A count is a whole number.")]})
    return _finish(errors, cleaned)


def in_restricted(event) -> bool:
    """Whether the event happened in its camera's restricted hours and, when it names a region, in a
    restricted one. A camera not yet described in the registry counts as restricted at all hours."""
    camera = getattr(event.device, "camera", None)
    if camera is None:
        return True
    local: datetime = timezone.localtime(event.at)
    if not camera.is_restricted_at(local.time()):
        return False
    region = event.details.get("region")
    return not region or region in camera.restricted_regions() or not camera.regions


def describe(event) -> str:
    details = event.details
    where = details.get("region") or details.get("line") or ""
    text = {
        "intrusion": _("Intrusion"),
        "loitering": _("Loitering"),
        "fire": _("Fire"),
        "smoke": _("Smoke"),
        "crowding": _("Crowding"),
    }.get(event.kind, event.kind)
    camera = str(event.device)
    return f"{text} — {camera}" + (f" · {where}" if where else "")


def act(event) -> None:
    value = event.details.get("count", event.details.get("confidence"))
    raise_for_event(event, restricted=in_restricted(event), message=describe(event), value=value)


def act_on_count(event) -> None:
    # Counts feed the dashboard and traffic figures; only crowding is a matter for an alarm.
    if event.kind == "crowding":
        act(event)


CAMERA = ("camera",)
KINDS = [
    EventKind("intrusion", gettext_lazy("Intrusion"), "security", clean_intrusion, act, CAMERA),
    EventKind("loitering", gettext_lazy("Loitering"), "security", clean_loitering, act, CAMERA),
    EventKind("fire", gettext_lazy("Fire"), "security", clean_fire, act, CAMERA),
    EventKind("smoke", gettext_lazy("Smoke"), "security", clean_fire, act, CAMERA),
    EventKind("crowding", gettext_lazy("Crowding"), "security", clean_count, act_on_count, CAMERA),
    EventKind("people_count", gettext_lazy("People count"), "security", clean_count, None, CAMERA),
    EventKind("vehicle_count", gettext_lazy("Vehicle count"), "traffic", clean_count, None, CAMERA),
]
