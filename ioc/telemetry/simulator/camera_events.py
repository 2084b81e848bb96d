"""What smart cameras report: counts every quarter hour, and now and then something to act on.

Fence cameras see the odd intrusion or loiterer at night (22:00–05:00), almost never by day; any
camera may see smoke, about once in two months. Rare events are drawn per camera and hour from the
camera's key, so every run with the same seed has the same ones; each carries a snapshot.
"""

import math
import random

from ioc.telemetry.simulator import snapshots, traffic
from ioc.telemetry.simulator.base import Spec, local_hour, mix, poisson

COUNT_EVERY_S = 900
# Events an hour per camera: (type, models it happens on, rate by night, rate by day).
RARE = (
    ("intrusion", ("fence",), 0.03, 0.002),
    ("loitering", ("fence",), 0.015, 0.001),
    ("smoke", ("fence", "plant", "office", "road"), 1 / 1440, 1 / 1440),
)
NIGHT = (22.0, 5.0)


def camera_events(spec: Spec, after: float, until: float) -> list[dict]:
    """The camera's events with after < ts <= until: its counts and its rare events, in time order."""
    items = _counts(spec, after, until) + _rare(spec, after, until)
    return sorted(items, key=lambda item: item["ts"])


def _counts(spec: Spec, after: float, until: float) -> list[dict]:
    out = []
    for slot in range(math.floor(after / COUNT_EVERY_S) + 1, math.floor(until / COUNT_EVERY_S) + 1):
        t = slot * COUNT_EVERY_S
        rng = random.Random(mix(spec.key, slot, 23))  # noqa: S311
        if spec.model == "road":
            counted = traffic.counter(spec, t, rng)["vehicle_count"]
            kind, extra = "vehicle_count", {"line": "vạch đếm 1", "direction": "both"}
        else:
            counted = sum(traffic.people(spec, t - minute * 60, rng)["people_count"] for minute in range(15))
            kind, extra = "people_count", {}
        out.append(_item(spec, kind, t, count=counted, period_s=COUNT_EVERY_S, **extra))
    return out


def _rare(spec: Spec, after: float, until: float) -> list[dict]:
    out = []
    for hour in range(math.floor(after / 3600), math.floor(until / 3600) + 1):
        night = _is_night(hour * 3600 + 1800)
        for code, (kind, models, by_night, by_day) in enumerate(RARE):
            if spec.model not in models:
                continue
            rng = random.Random(mix(spec.key, hour, 31 + code))  # noqa: S311
            for _n in range(poisson(rng, by_night if night else by_day)):
                t = round((hour + rng.random()) * 3600, 3)
                if after < t <= until:
                    out.append(_rare_item(spec, kind, t, rng))
    return out


def _rare_item(spec: Spec, kind: str, t: float, rng) -> dict:
    confidence = round(0.6 + 0.39 * rng.random(), 2)
    image = snapshots.scene(spec.serial, t, smoke=kind == "smoke", person=kind != "smoke", seed=spec.key)
    if kind == "intrusion":
        rule = "line_crossing" if rng.random() < 0.5 else "region_entry"
        return _item(spec, kind, t, rule=rule, object="person", confidence=confidence, image=image)
    if kind == "loitering":
        return _item(
            spec, kind, t, duration_s=round(60 + 540 * rng.random()), confidence=confidence, image=image
        )
    return _item(spec, kind, t, confidence=confidence, image=image)


def _item(spec: Spec, kind: str, t: float, **details) -> dict:
    ts = round(t * 1000)
    return {"type": kind, "id": f"sim-{spec.serial}-{kind}-{ts}", "ts": ts, **details}


def _is_night(t: float) -> bool:
    hour = local_hour(t)
    return hour >= NIGHT[0] or hour < NIGHT[1]
