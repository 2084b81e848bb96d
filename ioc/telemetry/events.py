"""Device events: what a smart camera, an NVR or a plate reader says happened.

Accepted shapes, over HTTP (`POST /api/v1/devices/<token>/events`) and MQTT
(`ioc/v1/devices/<serial>/events`):
    {"type": "intrusion", "id": "<the device's event id>", "ts": <epoch ms | ISO 8601>,
     "image": "<base64 JPEG or PNG>", ...the type's own fields}
    [ {...}, {...} ]
The core checks the envelope and keeps each event once per device (its `id`, or a digest of the
event and its time when the device gives none); the app that registered the type checks the type's
fields (`EventKind.clean`), acts on the stored event (`EventKind.act`: alarms, plate reads, counts)
and says what readers of the event list may see of it (`EventKind.present`: masked plates).
Every refused event is answered and logged with the field and the reason, like a refused reading;
one event's fault (bad data, an app's bug) never costs the other events of its message.
"""

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils.translation import gettext as _

from ioc.evidence.images import decode_base64_image, inspect_image, store_image
from ioc.evidence.models import Purpose
from ioc.registry import registry
from ioc.telemetry import health
from ioc.telemetry.devices import DeviceContext
from ioc.telemetry.models import DeviceEvent, Rejection
from ioc.telemetry.payload import Refusal, _parse_ts, excerpt
from ioc.telemetry.reasons import reason_message

logger = logging.getLogger("ioc.telemetry.events")
ENVELOPE = ("type", "id", "ts", "image")
MAX_EVENT_ID = 100
FUTURE_TOLERANCE_S = 300
# PostgreSQL keeps neither a NUL nor half of a UTF-16 surrogate pair in text or jsonb.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class EventKind:
    """A type of device event an app understands."""

    key: str
    title: Any  # a lazy translatable string
    domain: str  # the alarms' domain
    # The type's own fields, checked: returns what to store, or raises ValidationError({field: msg}).
    clean: Callable[[dict], dict]
    # Runs in the event's transaction once it is stored; a ValidationError refuses the event.
    act: Callable[[DeviceEvent], None] | None = None
    device_kinds: tuple[str, ...] = ()  # which kinds of device may send it; empty: any
    image_purpose: str = Purpose.EVENT
    # What a reader of the event list may see of `details`: (details copy, request) -> details.
    # Personal data (a plate) is masked here for the roles that need no more (Decree 13/2023/NĐ-CP).
    present: Callable[[dict, Any], dict] | None = None


@dataclass
class EventRefusal:
    index: int | None
    type: str
    field: str
    reason: str
    params: dict = field(default_factory=dict)
    item: str = ""

    @property
    def message(self) -> str:
        return reason_message(self.reason, self.params)


@dataclass
class EventResult:
    accepted: int = 0
    duplicate: int = 0
    refusals: list[EventRefusal] = field(default_factory=list)
    events: list[DeviceEvent] = field(default_factory=list)


def _errors(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [(name, str(m)) for name, messages in error.message_dict.items() for m in messages]
    return [("", str(m)) for m in error.messages]


def _refusal(index, item, kind: str, reason: str, field_name: str = "", **params) -> EventRefusal:
    # What the device sent comes back in the answer and the log: only text both can hold.
    params = {k: _storable(v) if isinstance(v, str) else v for k, v in params.items()}
    return EventRefusal(
        index,
        _storable(kind),
        _storable(field_name),
        reason,
        params,
        _storable(excerpt(_without_image(item))),
    )


def _without_image(item):
    if isinstance(item, dict) and "image" in item:
        return {**item, "image": "…"}
    return item


def _event_id(item: dict, ts: float) -> str | None:
    """The device's id, or a digest of the event at its time: a resend of it is then recognised, while
    the same content sent again later (no id, no ts: the time of arrival) counts as a new event."""
    raw = item.get("id")
    if raw is None:
        canonical = json.dumps(
            {**item, "ts": round(ts * 1000)}, sort_keys=True, ensure_ascii=False, default=str
        )
        return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:40]
    if isinstance(raw, bool) or not isinstance(raw, str | int) or not str(raw).strip():
        return None
    text = str(raw).strip()
    return text if len(text) <= MAX_EVENT_ID else None


def _unstorable(value) -> bool:
    """Whether `value` holds text the database cannot keep (walked without recursion: JSON nests deep)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _UNSTORABLE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _check_item(context: DeviceContext, index: int, item, received_at: float):
    """(kind, event id, epoch, details, image bytes) or an EventRefusal (or a list of them)."""
    if not isinstance(item, dict):
        return _refusal(index, item, "", "event_invalid", "", field="—", detail=_("Expected an object."))
    type_key = item.get("type")
    kind = registry.device_event_kinds.get(type_key) if isinstance(type_key, str) else None
    if kind is None:
        known = ", ".join(sorted(registry.device_event_kinds))
        return _refusal(
            index, item, str(type_key)[:40], "unknown_event_type", "type", type=type_key, known=known
        )
    if kind.device_kinds and context.kind not in kind.device_kinds:
        return _refusal(index, item, kind.key, "event_not_for_device", "type", type=kind.key,
                        device_kind=context.kind)  # fmt: skip
    if _unstorable(item):
        return _refusal(index, item, kind.key, "event_invalid", "", field="—",
                        detail=_("Text may not hold a NUL character or a lone surrogate."))  # fmt: skip
    checked = _check_time(index, item, kind, received_at)
    if isinstance(checked, EventRefusal):
        return checked
    ts = checked
    event_id = _event_id(item, ts)
    if event_id is None:
        return _refusal(index, item, kind.key, "event_invalid", "id", field="id",
                        detail=_("The event id must be a non-empty text of at most 100 characters."))  # fmt: skip
    image = None
    if item.get("image") is not None:
        try:
            image = decode_base64_image(item["image"])
            inspect_image(image)
        except ValidationError as error:
            return _refusal(index, item, kind.key, "event_invalid", "image", field="image",
                            detail=_errors(error)[0][1])  # fmt: skip
    try:
        details = kind.clean({k: v for k, v in item.items() if k not in ENVELOPE})
    except ValidationError as error:
        return [
            _refusal(index, item, kind.key, "event_invalid", name, field=name or "—", detail=message)
            for name, message in _errors(error)
        ]
    return kind, event_id, ts, details, image


def _check_time(index: int, item: dict, kind: EventKind, received_at: float) -> float | EventRefusal:
    ts = _parse_ts(item.get("ts"), received_at)
    if isinstance(ts, Refusal):
        return _refusal(index, item, kind.key, ts.reason, "ts", **ts.params)
    if ts > received_at + FUTURE_TOLERANCE_S:
        return _refusal(index, item, kind.key, "future_timestamp", "ts", ts=_iso(ts),
                        minutes=FUTURE_TOLERANCE_S // 60)  # fmt: skip
    if ts < received_at - settings.EVENT_MAX_AGE_DAYS * 86400:
        return _refusal(
            index, item, kind.key, "event_too_old", "ts", ts=_iso(ts), days=settings.EVENT_MAX_AGE_DAYS
        )
    return ts


def _iso(epoch: float) -> str:
    try:
        return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):  # far beyond the years a datetime holds
        return f"{epoch * 1000:.0f} ms"


def store_event(
    *, kind: EventKind, device_id: int, event_id: str, at: datetime, details: dict, image: bytes | None,
    source: str, received_at: datetime,
) -> DeviceEvent | None:  # fmt: skip
    """Keep one event and let its app act on it; None when the device sent this event before.

    A ValidationError from the app refuses the event: nothing of it stays, its image included.
    """
    if DeviceEvent.objects.filter(device_id=device_id, event_id=event_id).exists():
        return None
    stored_image = None
    try:
        with transaction.atomic():
            if image is not None:
                stored_image = store_image(
                    device_id=device_id, data=image, taken_at=at, purpose=kind.image_purpose
                )
            event = DeviceEvent.objects.create(
                device_id=device_id, kind=kind.key, event_id=event_id, at=at, received_at=received_at,
                source=source, details=details, image=stored_image,
            )  # fmt: skip
            if kind.act is not None:
                kind.act(event)
    except IntegrityError:
        _discard(stored_image)
        if DeviceEvent.objects.filter(device_id=device_id, event_id=event_id).exists():
            return None  # the same event arrived by another path at the same moment
        raise  # an app's own constraint, not a duplicate
    except BaseException:
        _discard(stored_image)
        raise
    return event


def _discard(image) -> None:
    if image is not None:
        image.file.storage.delete(image.file.name)


def record_event(
    *, type_key: str, device_id: int, at: datetime, details: dict, image: bytes | None = None,
    event_id: str | None = None, source: str = "analysis",
) -> DeviceEvent | None:  # fmt: skip
    """An event the IOC itself observed (a worker's camera analytics): same storage, same actions."""
    kind = registry.device_event_kinds[type_key]
    details = kind.clean(details)
    if event_id is None:
        event_id = f"{source}:{type_key}:{at.timestamp():.3f}"
    return store_event(
        kind=kind, device_id=device_id, event_id=event_id, at=at, details=details, image=image,
        source=source, received_at=datetime.now(UTC),
    )  # fmt: skip


def present_details(event: DeviceEvent, request) -> dict:
    """The event's details as `request`'s user may see them (its type's `present`, if any)."""
    kind = registry.device_event_kinds.get(event.kind)
    if kind is None or kind.present is None:
        return event.details
    return kind.present(dict(event.details), request)


def _refuse_constant(name: str):
    raise ValueError(_("%(name)s is not a JSON number.") % {"name": name})


def _parse_body(body):
    """The JSON document of a message, or an EventRefusal saying why it is none."""
    if not isinstance(body, bytes | bytearray | memoryview | str):
        return body
    try:
        return json.loads(
            bytes(body) if isinstance(body, memoryview) else body, parse_constant=_refuse_constant
        )
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        return EventRefusal(
            None, "", "", "malformed_json", {"detail": str(error)[:200]}, excerpt(_text(body))
        )


def _text(body) -> str:
    return bytes(body)[:300].decode(errors="replace") if not isinstance(body, str) else body[:300]


def ingest_events(
    context: DeviceContext | None, body, source: str, received_at: float | None = None, *, serial: str = ""
) -> EventResult:
    """Check, keep and act on the events in one message from one device (`serial`: who the message
    claimed to come from, when no live device has it)."""
    received_at = time.time() if received_at is None else received_at
    received = datetime.fromtimestamp(received_at, UTC)
    result = EventResult()
    if context is None:
        result.refusals.append(
            EventRefusal(None, "", "", "unknown_device", {"serial": serial}, excerpt(_text(body)))
        )
        _log(None, source, received, result.refusals)
        return result
    body = _parse_body(body)
    if isinstance(body, EventRefusal):
        result.refusals.append(body)
        _log(context, source, received, result.refusals)
        return result
    items = body if isinstance(body, list) else [body]
    limit = settings.EVENT_MAX_PER_REQUEST
    if len(items) > limit:
        result.refusals.append(
            EventRefusal(None, "", "", "too_many_events", {"limit": limit, "count": len(items)})
        )
        _log(context, source, received, result.refusals)
        return result
    for index, item in enumerate(items):
        _take(context, index, item, source, received_at, result)
    health.record_seen({context.device_id: (received_at, {})})
    _log(context, source, received, result.refusals)
    return result


def _take(context: DeviceContext, index: int, item, source: str, received_at: float, result: EventResult):
    checked = _check_item(context, index, item, received_at)
    if isinstance(checked, EventRefusal):
        result.refusals.append(checked)
        return
    if isinstance(checked, list):
        result.refusals.extend(checked)
        return
    kind, event_id, ts, details, image = checked
    try:
        event = store_event(
            kind=kind, device_id=context.device_id, event_id=event_id, at=datetime.fromtimestamp(ts, UTC),
            details=details, image=image, source=source, received_at=datetime.fromtimestamp(received_at, UTC),
        )  # fmt: skip
    except ValidationError as error:
        result.refusals.extend(
            _refusal(index, item, kind.key, "event_invalid", name, field=name or "—", detail=message)
            for name, message in _errors(error)
        )
        return
    except (OperationalError, InterfaceError):
        raise  # the database is away: nothing of this event stayed, and the caller tries again
    except Exception as error:
        # One app's fault must not cost the other events of the message, nor (over MQTT) block the
        # queue with a message that fails the same way at every redelivery.
        logger.exception("event %s of device %s could not be processed", event_id, context.serial)
        result.refusals.append(
            _refusal(index, item, kind.key, "event_failed", "", error=type(error).__name__)
        )
        return
    if event is None:
        result.duplicate += 1
    else:
        result.accepted += 1
        result.events.append(event)


def refuse_message(context: DeviceContext | None, reason: str, params: dict, source: str,
                   received_at: float) -> EventResult:  # fmt: skip
    """A message refused whole before its events could be read (too large to read at all)."""
    result = EventResult(refusals=[EventRefusal(None, "", "", reason, params)])
    _log(context, source, datetime.fromtimestamp(received_at, UTC), result.refusals)
    return result


def _storable(text: str) -> str:
    return _UNSTORABLE.sub("\ufffd", text)


def _log(
    context: DeviceContext | None, source: str, received: datetime, refusals: list[EventRefusal]
) -> None:
    if refusals:
        Rejection.objects.bulk_create(
            Rejection(
                device_id=context.device_id if context else None,
                source=source,
                received_at=received,
                reason=r.reason,
                params={k: _storable(str(v)) for k, v in r.params.items()},
                name=_storable(r.field[:100]),
                item=_storable(r.item),
            )  # fmt: skip
            for r in refusals
        )
