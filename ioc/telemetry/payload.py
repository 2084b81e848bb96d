"""Parse what a device sends into samples, explaining every item it cannot use.

Accepted shapes (ThingsBoard's, which devices already speak):
    {"ts": <epoch ms | ISO 8601>, "values": {"<name>": <value>, ...}}
    [ {...}, {...} ]
    {"<name>": <value>, ...}                       (ts = arrival time)
A value is a number, or {"value": <number>, "status": "calibrating", "unit": "ppb"}. An item may
carry a "status" for all its values. Naive ISO times are the park's local time.
"""

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from ioc.telemetry.quality import Quality, parse_status

PARK_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Epoch milliseconds before this are more likely seconds sent by mistake (1973-03-03 in ms).
MIN_EPOCH_MS = 100_000_000_000
# Names a device uses for its own condition rather than for a measurement.
HEALTH_NAMES = {"battery": "battery", "rssi": "signal", "signal": "signal"}


@dataclass(slots=True)
class Sample:
    index: int
    name: str
    ts: float  # epoch seconds
    value: float
    status: Quality | None = None
    unit: str | None = None


@dataclass(slots=True)
class Refusal:
    index: int | None
    name: str | None
    reason: str
    params: dict = field(default_factory=dict)
    item: str = ""


@dataclass
class Parsed:
    samples: list[Sample] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    health: dict[str, float] = field(default_factory=dict)


def excerpt(obj, limit: int = 300) -> str:
    text = obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_payload(body, received_at: float, *, health_names: bool = True) -> Parsed:
    """`body` is bytes/str (JSON) or an already decoded object; `received_at` is epoch seconds."""
    parsed = Parsed()
    if isinstance(body, bytes | bytearray | memoryview | str):
        try:
            body = json.loads(body)
        except (ValueError, UnicodeDecodeError) as error:
            parsed.refusals.append(
                Refusal(None, None, "malformed_json", {"detail": str(error)}, excerpt(str(body)))
            )
            return parsed
    items = body if isinstance(body, list) else [body]
    for index, item in enumerate(items):
        _parse_item(index, item, received_at, parsed, health_names)
    return parsed


def _parse_item(index: int, item, received_at: float, parsed: Parsed, health_names: bool) -> None:
    if not isinstance(item, dict):
        parsed.refusals.append(Refusal(index, None, "bad_shape", {}, excerpt(item)))
        return
    if "values" in item:
        values = item["values"]
        if not isinstance(values, dict):
            parsed.refusals.append(Refusal(index, None, "bad_shape", {}, excerpt(item)))
            return
    else:
        values = {k: v for k, v in item.items() if k not in ("ts", "status")}
    ts = _parse_ts(item.get("ts"), received_at) if "ts" in item else received_at
    if isinstance(ts, Refusal):
        ts.index, ts.item = index, excerpt(item)
        parsed.refusals.append(ts)
        return
    item_status = None
    if "status" in item:
        item_status = parse_status(item["status"])
        if item_status is None:
            parsed.refusals.append(
                Refusal(index, None, "bad_status", {"status": item["status"]}, excerpt(item))
            )
            return
    for name, raw in values.items():
        _parse_value(index, str(name), raw, ts, item_status, parsed, health_names)


def _parse_value(index, name, raw, ts, status, parsed: Parsed, health_names: bool) -> None:
    unit = None
    if isinstance(raw, dict):
        if "status" in raw:
            status = parse_status(raw["status"])
            if status is None:
                parsed.refusals.append(
                    Refusal(index, name, "bad_status", {"status": raw["status"]}, excerpt(raw))
                )
                return
        unit = raw.get("unit")
        raw = raw.get("value")
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        parsed.refusals.append(Refusal(index, name, "not_a_number", {"name": name}, excerpt({name: raw})))
        return
    if health_names and name in HEALTH_NAMES:
        parsed.health[HEALTH_NAMES[name]] = float(raw)
        return
    parsed.samples.append(
        Sample(index, name, ts, float(raw), status, unit if isinstance(unit, str) else None)
    )


def _parse_ts(raw, received_at: float) -> float | Refusal:
    if isinstance(raw, bool):
        return Refusal(None, None, "bad_timestamp", {"ts": raw})
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            return Refusal(None, None, "bad_timestamp", {"ts": raw})
        if raw < MIN_EPOCH_MS:
            return Refusal(None, None, "timestamp_in_seconds", {"ts": raw})
        return raw / 1000.0
    if isinstance(raw, str):
        try:
            moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
        except ValueError:
            return Refusal(None, None, "bad_timestamp", {"ts": raw})
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=PARK_TZ)
        return moment.timestamp()
    if raw is None:
        return received_at
    return Refusal(None, None, "bad_timestamp", {"ts": excerpt(raw, 40)})
