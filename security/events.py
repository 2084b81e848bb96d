"""Camera event types: what each carries, and the alarms it raises.

A smart camera or NVR posts them (HTTP or MQTT); the IOC's own frame workers record the same types
for cameras without analytics. Every type's fields are checked here, field by field, so the sender
learns exactly what was wrong, in the reader's language. A `heartbeat` (optionally with a snapshot)
tells that a smart camera is alive, as frame grabs do for the cameras the IOC analyses itself.
"""

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ioc.alerts.event_rules import raise_for_event
from ioc.evidence.models import Purpose
from ioc.telemetry.events import EventKind
from security.models import Camera

OBJECTS = ("person", "vehicle", "animal", "unknown")
OBJECT_NAMES = {"person": gettext_lazy("person"), "vehicle": gettext_lazy("vehicle"),
                "animal": gettext_lazy("animal")}  # fmt: skip
TITLES = {
    "intrusion": gettext_lazy("Intrusion"), "loitering": gettext_lazy("Loitering"), "fire": gettext_lazy("Fire"),
    "smoke": gettext_lazy("Smoke"), "crowding": gettext_lazy("Crowding"),
}  # fmt: skip
INTRUSION_RULES = ("region_entry", "line_crossing")
MAX_COUNT = 100_000
SNAPSHOT_FRESH = timedelta(seconds=60)


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


def clean_heartbeat(details: dict) -> dict:
    return _finish({}, {})  # the envelope (time, optional snapshot) is all a heartbeat carries


def camera_of(event) -> Camera | None:
    return (
        Camera.objects.select_related("device__zone", "latest_snapshot")
        .filter(device_id=event.device_id)
        .first()
    )


def in_restricted(event, camera: Camera | None) -> bool:
    """Whether the event happened in its camera's restricted hours and, when it names a region, in a
    restricted one. Fails closed: a camera not yet in the registry, or a region the registry does not
    know (a smart camera's own name for it), counts as restricted — better a false alarm than a
    missed intrusion."""
    if camera is None:
        return True
    local: datetime = timezone.localtime(event.at)
    if not camera.is_restricted_at(local.time()):
        return False
    region = event.details.get("region")
    known = {r.get("name") for r in camera.regions if isinstance(r, dict)}
    return not region or region in camera.restricted_regions() or region not in known


def _detail(event) -> str:
    details = event.details
    if event.kind == "intrusion" and details.get("object", "unknown") != "unknown":
        return str(OBJECT_NAMES[details["object"]])
    if event.kind == "loitering" and details.get("duration_s") is not None:
        return _("%(minutes)s min") % {"minutes": f"{details['duration_s'] / 60:.0f}"}
    if event.kind == "crowding" and details.get("count") is not None:
        return _("%(count)d people") % {"count": details["count"]}
    if details.get("confidence") is not None:
        return _("confidence %(percent)d%%") % {"percent": round(details["confidence"] * 100)}
    return ""


def alarm_message(event, camera: Camera | None) -> str:
    """What happened, at which camera, in which zone and region, and when — in the active language."""
    what = str(TITLES.get(event.kind, event.kind))
    if detail := _detail(event):
        what = f"{what} ({detail})"
    device = camera.device if camera else event.device
    parts = [f"{device.name} ({device.serial})"]
    if device.zone is not None:
        parts.append(_("zone: %(zone)s") % {"zone": device.zone.name})
    if region := event.details.get("region"):
        parts.append(_("region “%(region)s”") % {"region": region})
    elif line := event.details.get("line"):
        parts.append(_("line “%(line)s”") % {"line": line})
    parts.append(timezone.localtime(event.at).strftime("%H:%M %d/%m/%Y"))
    return f"{what} — " + " · ".join(parts)


def attach_snapshot(event, camera: Camera | None) -> None:
    """An event sent without a picture gets the camera's latest snapshot, when it was taken close
    enough to the event to show it; the alarm and any incident then carry it."""
    if event.image_id or camera is None or camera.latest_snapshot is None:
        return
    fresh = max(SNAPSHOT_FRESH, timedelta(seconds=2 * camera.grab_interval))
    if abs(event.at - camera.latest_snapshot.taken_at) <= fresh:
        event.image = camera.latest_snapshot
        event.save(update_fields=["image"])


def act(event) -> None:
    camera = camera_of(event)
    attach_snapshot(event, camera)
    # Stored once, so written in the park's language (as the starting rules' names are).
    with translation.override(settings.LANGUAGE_CODE):
        message = alarm_message(event, camera)
    value = event.details.get("count", event.details.get("confidence"))
    raise_for_event(event, restricted=in_restricted(event, camera), message=message, value=value)


def act_on_count(event) -> None:
    # Counts feed the dashboard and traffic figures; only crowding is a matter for an alarm.
    if event.kind == "crowding":
        act(event)


def act_on_heartbeat(event) -> None:
    """A smart camera says it is alive: online, and its last frame is the heartbeat's (never older)."""
    cameras = Camera.objects.filter(device_id=event.device_id)
    cameras.update(online=True, failures_in_row=0, last_error="")
    newer = {"last_frame_at": event.at, **({"latest_snapshot": event.image_id} if event.image_id else {})}
    cameras.filter(Q(last_frame_at__isnull=True) | Q(last_frame_at__lt=event.at)).update(**newer)


def camera_went_silent(sender, device_id: int, last_seen=None, **kwargs) -> None:
    """The telemetry's offline sweep gave up on a device: a camera whose health comes from its own
    heartbeats goes offline with it (the frame grabbers judge the cameras they grab)."""
    with translation.override(settings.LANGUAGE_CODE):
        since = timezone.localtime(last_seen).strftime("%H:%M %d/%m/%Y") if last_seen else "—"
        reason = _("No heartbeat since %(time)s.") % {"time": since}
    Camera.objects.filter(device_id=device_id).filter(
        Q(has_own_analytics=True) | Q(analysis_enabled=False)
    ).update(online=False, last_error=reason)


CAMERA = ("camera",)
KINDS = [
    EventKind("intrusion", TITLES["intrusion"], "security", clean_intrusion, act, CAMERA),
    EventKind("loitering", TITLES["loitering"], "security", clean_loitering, act, CAMERA),
    EventKind("fire", TITLES["fire"], "security", clean_fire, act, CAMERA),
    EventKind("smoke", TITLES["smoke"], "security", clean_fire, act, CAMERA),
    EventKind("crowding", TITLES["crowding"], "security", clean_count, act_on_count, CAMERA),
    EventKind("people_count", gettext_lazy("People count"), "security", clean_count, None, CAMERA),
    EventKind("vehicle_count", gettext_lazy("Vehicle count"), "traffic", clean_count, None, CAMERA),
    EventKind(
        "heartbeat",
        gettext_lazy("Heartbeat"),
        "security",
        clean_heartbeat,
        act_on_heartbeat,
        CAMERA,
        image_purpose=Purpose.SNAPSHOT,
    ),  # fmt: skip
]
