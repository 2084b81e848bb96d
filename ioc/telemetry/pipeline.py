"""One ingest path for every source: parse → device → channel → unit → range → quality → dedupe → write.

The MQTT bridge, the HTTP API and the simulator all hand batches of messages to `ingest`, which
writes every valid reading once (a replay changes nothing) and explains every refusal.
"""

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction

from ioc.telemetry import health
from ioc.telemetry.devices import ChannelSpec, DeviceContext
from ioc.telemetry.limits import PHYSICAL_BOUNDS, within_physical_bounds
from ioc.telemetry.metrics import METRICS
from ioc.telemetry.models import Rejection
from ioc.telemetry.payload import Refusal, Sample, parse_payload
from ioc.telemetry.quality import Quality
from ioc.telemetry.storage.writer import Row, write_rows
from ioc.telemetry.units import converter

logger = logging.getLogger("ioc.telemetry.pipeline")
FUTURE_TOLERANCE_S = 300
# Refusals kept per message: enough to see what is wrong, not a flood from one broken device.
STORED_REFUSALS_PER_MESSAGE = 50


@dataclass
class Message:
    context: DeviceContext | None
    body: object
    source: str
    received_at: float
    serial: str = ""


@dataclass
class BatchResult:
    accepted: int = 0
    duplicate: int = 0
    rejected: list[tuple[int, Refusal]] = field(default_factory=list)  # (message index, refusal)
    readings_sent: int = 0


def ingest(messages: list[Message], *, max_readings: int | None = None) -> BatchResult:
    """Check and write `messages`; return how many readings were stored, duplicated or refused."""
    now = time.time()
    oldest = now - settings.TELEMETRY_RAW_RETENTION_DAYS * 86400
    result, rows, seen = BatchResult(), [], set()
    refusal_rows, seen_devices = [], {}
    for position, message in enumerate(messages):
        refusals = _check_message(message, now, oldest, rows, seen, result, seen_devices, max_readings)
        result.rejected.extend((position, refusal) for refusal in refusals)
        if refusals:
            refusal_rows += _rejection_rows(message, refusals[:STORED_REFUSALS_PER_MESSAGE])
    with transaction.atomic():
        inserted = write_rows(rows) if rows else 0
        if refusal_rows:
            Rejection.objects.bulk_create(refusal_rows)
        health.record_seen(seen_devices)
        if rows:
            transaction.on_commit(lambda: _announce(rows, list(seen_devices)))
    result.accepted = inserted
    result.duplicate += len(rows) - inserted
    return result


def _announce(rows, device_ids) -> None:
    """Tell the alarm engine and the live page; their failures must never undo stored data."""
    for receiver, response in health.readings_stored.send_robust(
        sender=Message, rows=rows, device_ids=device_ids
    ):
        if isinstance(response, Exception):
            logger.error("readings_stored receiver %s failed", receiver, exc_info=response)


def _check_message(message, now, oldest, rows, seen, result, seen_devices, max_readings) -> list[Refusal]:
    context = message.context
    if context is None:
        return [Refusal(None, None, "unknown_device", {"serial": message.serial})]
    parsed = parse_payload(message.body, message.received_at)
    previous = seen_devices.get(context.device_id)
    seen_devices[context.device_id] = (
        max(message.received_at, previous[0] if previous else 0),
        parsed.health,
    )
    result.readings_sent += len(parsed.samples)
    if max_readings is not None and len(parsed.samples) > max_readings:
        return [
            Refusal(None, None, "too_many_readings", {"limit": max_readings, "count": len(parsed.samples)})
        ]
    refusals = parsed.refusals
    for sample in parsed.samples:
        checked = check_sample(context, sample, now, oldest)
        if isinstance(checked, Refusal):
            refusals.append(checked)
            continue
        key = (checked[0], checked[1])
        if key in seen:
            result.duplicate += 1
            continue
        seen.add(key)
        rows.append(checked)
    return refusals


def check_sample(context: DeviceContext, sample: Sample, now: float, oldest: float) -> Row | Refusal:
    """The row to store for `sample`, or why it cannot be stored. Pure: no database."""
    spec = context.channel(sample.name)
    if spec is None:
        return _refuse(sample, "unknown_sensor", name=sample.name)
    if sample.ts > now + FUTURE_TOLERANCE_S:
        return _refuse(sample, "future_timestamp", ts=_iso(sample.ts), minutes=FUTURE_TOLERANCE_S // 60)
    if sample.ts < oldest:
        return _refuse(sample, "too_old", ts=_iso(sample.ts), days=round((now - oldest) / 86400))
    convert = _converter(spec, sample.unit)
    canonical = METRICS[spec.metric].unit if spec.metric in METRICS else spec.unit
    if convert is None:
        return _refuse(
            sample, "wrong_unit", unit=sample.unit or spec.unit, canonical=canonical, metric=spec.metric
        )
    value = convert(sample.value)
    if not within_physical_bounds(spec.metric, value):
        low, high = PHYSICAL_BOUNDS[spec.metric]
        return _refuse(
            sample,
            "physically_impossible",
            value=value,
            unit=canonical,
            metric=spec.metric,
            low=low,
            high=high,
        )
    quality = sample.status if sample.status is not None else Quality.VALID
    if quality == Quality.VALID and _outside_sensor_range(spec, value):
        quality = Quality.SUSPECT
    return (spec.channel_id, sample.ts, value, int(quality))


def _converter(spec: ChannelSpec, unit: str | None):
    if unit is None or unit == spec.unit:
        return spec.convert
    canonical = METRICS[spec.metric].unit if spec.metric in METRICS else spec.unit
    return converter(spec.metric, unit, canonical)


def _outside_sensor_range(spec: ChannelSpec, value: float) -> bool:
    return (spec.range_min is not None and value < spec.range_min) or (
        spec.range_max is not None and value > spec.range_max
    )


def _refuse(sample: Sample, reason: str, **params) -> Refusal:
    return Refusal(sample.index, sample.name, reason, params, f"{sample.name}={sample.value!r}")


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")


def _rejection_rows(message: Message, refusals: list[Refusal]) -> list[Rejection]:
    received = datetime.fromtimestamp(message.received_at, UTC)
    device_id = message.context.device_id if message.context else None
    return [
        Rejection(
            device_id=device_id,
            source=message.source,
            received_at=received,
            reason=r.reason,
            params={k: str(v) for k, v in r.params.items()},
            name=r.name or "",
            item=r.item,
        )  # fmt: skip
        for r in refusals
    ]
