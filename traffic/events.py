"""The device events the traffic app understands: plate reads, and the watchlist hits they make.

A reader posts {"type": "plate_read", "id": "…", "ts": "…", "image": "<base64>", "plate": "15C-123.45",
"direction": "in", "vehicle_class": "truck", "confidence": 0.93}; the core checks the envelope, this
module the rest, every bad field at once (traffic.plate_reads.check_fields). A read of a listed
plate is recorded as a `watchlist_hit` event — no device may send one — whose starting alarm rule
(migration 0002) the park manager tunes in the admin, like the camera events' rules.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ioc.alerts.event_rules import raise_for_event
from ioc.evidence.models import Purpose
from ioc.park.choices import DeviceKind
from ioc.telemetry.events import EventKind
from ioc.telemetry.models import DeviceEvent
from traffic import passages, watchlist
from traffic.models import PlateRead
from traffic.plate_reads import check_fields
from traffic.plates import mask_plate
from traffic.privacy import plate_for

READ_FIELDS = ("plate", "direction", "vehicle_class", "confidence")
# No device is of this kind: only the IOC records a watchlist hit.
IOC_ONLY = ("ioc",)


def clean_plate_read(details: dict) -> dict:
    values, errors = check_fields(details, READ_FIELDS)
    if errors:
        raise ValidationError(errors)
    return {**values, "plate": values["plate"].canonical}


def act_on_plate_read(event: DeviceEvent) -> None:
    read = passages.record(event)
    if read is not None:
        watchlist.check(read)


def present_plate_read(details: dict, request) -> dict:
    """The event list's view of a read: the plate masked unless the reader's role sees it whole."""
    return {**details, "plate": plate_for(getattr(request, "user", None), details.get("plate", ""))}


def clean_watchlist_hit(details: dict) -> dict:
    wanted = {"plate_read": int, "entry": int, "plate": str, "listed": str, "how": str}
    wrong = {name: [_("This field is required.")] for name, kind in wanted.items()
             if not isinstance(details.get(name), kind)}  # fmt: skip
    if wrong:
        raise ValidationError(wrong)
    return {name: details[name] for name in wanted}


def act_on_watchlist_hit(event: DeviceEvent) -> None:
    read = PlateRead.objects.select_related("gate", "watchlist_entry").get(pk=event.details["plate_read"])
    if read.image_id and not event.image_id:
        DeviceEvent.objects.filter(pk=event.pk).update(image_id=read.image_id)
        event.image_id = read.image_id
    # One alarm per listed vehicle at a gate: a second listed plate must not hide behind the first's alarm.
    raise_for_event(event, restricted=True, message=describe_hit(read, event), value=read.confidence,
                    subject=f"watch:{read.watchlist_entry_id}")  # fmt: skip


def describe_hit(read: PlateRead, event: DeviceEvent) -> str:
    """The alarm's text, for everyone who handles alarms: the plate masked, why it is listed."""
    where = read.gate.name if read.gate else str(event.device)
    text = _("Watch-listed plate %(plate)s at %(where)s: %(reason)s") % {
        "plate": mask_plate(read.plate), "where": where, "reason": read.watchlist_entry.reason,
    }  # fmt: skip
    if event.details["how"] == "fuzzy":
        text += " " + _("(one character differs: check the image)")
    return text


def present_watchlist_hit(details: dict, request) -> dict:
    user = getattr(request, "user", None)
    return {**details, "plate": plate_for(user, details.get("plate", "")),
            "listed": plate_for(user, details.get("listed", ""))}  # fmt: skip


KINDS = [
    EventKind("plate_read", gettext_lazy("Plate read"), "traffic", clean_plate_read, act_on_plate_read,
              (DeviceKind.GATE, DeviceKind.CAMERA), Purpose.PLATE, present_plate_read),
    EventKind("watchlist_hit", gettext_lazy("Watch-listed plate"), "security", clean_watchlist_hit,
              act_on_watchlist_hit, IOC_ONLY, Purpose.PLATE, present_watchlist_hit),
]  # fmt: skip
