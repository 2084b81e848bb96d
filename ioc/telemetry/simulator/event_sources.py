"""The simulated event senders: smart cameras (counts, intrusions, loitering, smoke) and gates' plate
readers (`plate_read`: plate, direction, vehicle class, confidence, a crop of the plate).

Only types an app has registered are sent, and only from kinds of device the type accepts: without
the traffic app no plate reads go out (the loader says so), as a real park's would be refused.
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from ioc.park.choices import DeviceKind as K
from ioc.park.models import Device
from ioc.registry import registry
from ioc.telemetry.devices import LIVE_STATUSES, DeviceContext, context_for_serial
from ioc.telemetry.simulator import gates, snapshots
from ioc.telemetry.simulator.base import Spec
from ioc.telemetry.simulator.camera_events import COUNT_EVERY_S, RARE, camera_events
from ioc.telemetry.simulator.fleet import device_spec

CAMERA_TYPES = frozenset({"people_count", "vehicle_count"} | {kind for kind, *_rest in RARE})
GATE_TYPES = frozenset({"plate_read"})
ROAD_WORDS = ("cổng", "ngã tư", "đường", "bãi xe")


@dataclass(slots=True)
class EventSource:
    spec: Spec
    make: Callable[[Spec, float, float], list[dict]]
    types: frozenset[str]  # what it sends: registered types that accept its kind of device
    context: DeviceContext | None

    def items(self, after: float, until: float) -> list[dict]:
        """What the device reports with after < ts <= until."""
        return [item for item in self.make(self.spec, after, until) if item["type"] in self.types]


def plate_reads(spec: Spec, after: float, until: float) -> list[dict]:
    out = []
    for passage in gates.reads(spec, after, until):
        ts = round(passage.t * 1000)
        out.append({
            "type": "plate_read", "id": f"sim-{spec.serial}-{ts}-{passage.direction}", "ts": ts,
            "plate": passage.plate, "direction": passage.direction, "vehicle_class": passage.vehicle_class,
            "confidence": passage.confidence, "image": snapshots.plate_crop(passage.plate),
        })  # fmt: skip
    return out


def camera_model(device: Device) -> str:
    """fence, office, road or plant: what the camera watches, from its name and channels."""
    name = device.name.lower()
    if "hàng rào" in name:
        return "fence"
    if "điều hành" in name:
        return "office"
    if any(c.metric == "vehicle_count" for c in device.channels.all()) or any(w in name for w in ROAD_WORDS):
        return "road"
    return "plant"


def load_event_sources(seed: int, serials: list[str] | None = None) -> tuple[list[EventSource], list[str]]:
    """The cameras and gates to simulate events for, and notes on what is left out and why."""
    devices = Device.objects.filter(status__in=LIVE_STATUSES, kind__in=(K.CAMERA, K.GATE))
    if serials:
        devices = devices.filter(serial__in=serials)
    sources, unregistered = [], set()
    for device in devices.select_related("enterprise").prefetch_related("channels").order_by("serial"):
        gate = device.kind == K.GATE
        wanted = GATE_TYPES if gate else CAMERA_TYPES
        types = frozenset(t for t in wanted if _accepts(t, device.kind))
        unregistered |= {t for t in wanted if t not in registry.device_event_kinds}
        if not types:
            continue
        spec = device_spec(device, "gate" if gate else camera_model(device), seed)
        # Counts cover a quarter hour each, whatever the device's telemetry interval.
        spec = dataclasses.replace(spec, params={**spec.params, "minutes": COUNT_EVERY_S / 60})
        sources.append(
            EventSource(
                spec, plate_reads if gate else camera_events, types, context_for_serial(device.serial)
            )
        )
    notes = [f"event type {t}: no app registers it, not simulated" for t in sorted(unregistered)]
    return sources, notes


def _accepts(type_key: str, device_kind: str) -> bool:
    kind = registry.device_event_kinds.get(type_key)
    return kind is not None and (not kind.device_kinds or device_kind in kind.device_kinds)


def events_due(
    sources: list[EventSource], after: float, until: float
) -> list[tuple[EventSource, list[dict]]]:
    """Per source, its items with after < ts <= until (sources with none left out)."""
    out = []
    for source in sources:
        items = source.items(after, until)
        if items:
            out.append((source, items))
    return out
