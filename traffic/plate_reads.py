"""What an NVR or smart camera posts when it reads a plate: validated whole, deduplicated. Pure.

Accepted: {"plate": "15C-123.45", "direction": "in"|"out", "vehicle_class": "truck",
"confidence": 0.93, "time": "2025-03-01T07:30:00+07:00", "image": "snap/123.jpg"} (image optional).
Every bad field is reported at once, keyed by its name, so a vendor fixes its mapping in one go.
The camera comes from the authenticated token, never from the body.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils.translation import gettext_lazy as _

from traffic.plates import Plate, PlateError, parse_plate

DIRECTIONS = ("in", "out")
VEHICLE_CLASSES = ("motorbike", "car", "van", "bus", "truck", "container", "other")
IMAGE_MAX_CHARS = 500
# Cameras on both lanes of a gate and NVRs that re-send on every frame read one passage many times.
DEDUP_WINDOW = timedelta(seconds=30)


@dataclass(frozen=True, slots=True)
class PlateRead:
    camera: str
    plate: Plate
    direction: str
    vehicle_class: str
    confidence: float
    at: datetime  # UTC
    image: str = ""


def validate_plate_read(camera: str, body) -> tuple[PlateRead | None, dict[str, list]]:
    """The read, or None and every error by field name, in the language active now (the request's)."""
    if not isinstance(body, dict):
        return None, {"non_field_errors": [_("A plate read must be a JSON object.")]}
    values, errors = check_fields(body, [name for name, _attribute, _check in _FIELDS])
    if errors:
        return None, errors
    return PlateRead(camera=camera, **values), {}


def check_fields(body: dict, names) -> tuple[dict, dict[str, list]]:
    """The named fields of `body` checked: their values by attribute, and every error by field name.

    The device event pipeline takes the time and the image from its envelope and checks the rest here.
    """
    values, errors = {}, {}
    for name, attribute, check in _FIELDS:
        if name not in names:
            continue
        try:
            values[attribute] = check(body.get(name))
        except ValueError as error:
            errors[name] = [error.args[0]]
    return values, errors


def _plate(raw) -> Plate:
    try:
        return parse_plate(raw)
    except PlateError as error:
        raise ValueError(error.message) from None


def _required(raw) -> None:
    if raw is None or raw == "":
        raise ValueError(_("This field is required."))


def _choice(raw, choices: tuple[str, ...], message) -> str:
    _required(raw)
    if not isinstance(raw, str) or raw.strip().lower() not in choices:
        raise ValueError(message % {"value": str(raw)[:40], "choices": ", ".join(choices)})
    return raw.strip().lower()


def _direction(raw) -> str:
    return _choice(raw, DIRECTIONS, _("Direction must be “in” or “out”, not “%(value)s”."))


def _vehicle_class(raw) -> str:
    return _choice(raw, VEHICLE_CLASSES, _("Vehicle class must be one of %(choices)s, not “%(value)s”."))


def _confidence(raw) -> float:
    _required(raw)
    if (
        isinstance(raw, bool)
        or not isinstance(raw, int | float)
        or not math.isfinite(raw)
        or not 0 <= raw <= 1
    ):
        raise ValueError(
            _("Confidence must be a number from 0 to 1, not “%(value)s”.") % {"value": str(raw)[:40]}
        )
    return float(raw)


def _time(raw) -> datetime:
    _required(raw)
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        raise ValueError(
            _("Time must be ISO 8601, e.g. 2025-03-01T07:30:00+07:00, not “%(value)s”.")
            % {"value": str(raw)[:40]}
        ) from None
    if moment.tzinfo is None:
        # A camera's clock zone is a guess we refuse to make: NVRs set to UTC and to local time both exist.
        raise ValueError(
            _("Time must carry a UTC offset (e.g. +07:00); “%(value)s” has none.") % {"value": raw[:40]}
        )
    return moment.astimezone(UTC)


def _image(raw) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str) or len(raw) > IMAGE_MAX_CHARS:
        raise ValueError(
            _("The image reference must be text of at most %(max)d characters.") % {"max": IMAGE_MAX_CHARS}
        )
    return raw.strip()


# (field in the body, attribute of the read, check)
_FIELDS = (
    ("plate", "plate", _plate),
    ("direction", "direction", _direction),
    ("vehicle_class", "vehicle_class", _vehicle_class),
    ("confidence", "confidence", _confidence),
    ("time", "at", _time),
    ("image", "image", _image),
)


def dedup_key(read: PlateRead) -> str:
    """One passage: same camera, plate and direction. Held with DEDUP_WINDOW as its expiry (SET NX EX)."""
    return f"plate-read:{read.camera}:{read.plate.compact}:{read.direction}"


def is_repeat(read: PlateRead, last_kept_at: datetime | None, window: timedelta = DEDUP_WINDOW) -> bool:
    return last_kept_at is not None and abs(read.at - last_kept_at) < window


def dedupe(reads, window: timedelta = DEDUP_WINDOW) -> list[PlateRead]:
    """Reads in time order with repeats of a passage dropped (window from the last read kept)."""
    kept, last = [], {}
    for read in sorted(reads, key=lambda r: r.at):
        key = dedup_key(read)
        if not is_repeat(read, last.get(key), window):
            kept.append(read)
            last[key] = read.at
    return kept
