"""What the pipeline needs to know of a device: its channels by the device's own names.

Looked up once and cached in the process for a short while (the MQTT bridge handles thousands of
messages a second); a change to the device in this process clears its entry at once, and other
processes see it within CONTEXT_TTL_S.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from ioc.park.choices import DeviceStatus
from ioc.park.models import Device
from ioc.park.models.devices import token_digest
from ioc.telemetry.metrics import METRICS
from ioc.telemetry.units import converter

CONTEXT_TTL_S = 30.0
LIVE_STATUSES = (DeviceStatus.ACTIVE, DeviceStatus.MAINTENANCE)


@dataclass(frozen=True, slots=True)
class ChannelSpec:
    channel_id: int
    metric: str
    unit: str  # what the device sends unless a value names its own unit
    convert: Callable[[float], float] | None
    range_min: float | None
    range_max: float | None


@dataclass(frozen=True)
class DeviceContext:
    device_id: int
    serial: str
    expected_interval_s: float
    channels: dict[str, ChannelSpec]
    kind: str = ""

    def channel(self, name: str) -> ChannelSpec | None:
        return self.channels.get(name)


_cache: dict[str, tuple[float, DeviceContext | None]] = {}


def _context(device: Device) -> DeviceContext:
    channels: dict[str, ChannelSpec] = {}
    for channel in device.channels.all():
        canonical = METRICS[channel.metric].unit if channel.metric in METRICS else channel.unit
        spec = ChannelSpec(
            channel.pk, channel.metric, channel.unit,
            converter(channel.metric, channel.unit, canonical), channel.range_min, channel.range_max,
        )  # fmt: skip
        channels[channel.source_name] = spec
        # A device may also use the park's metric key, when that is not another channel's name.
        channels.setdefault(channel.metric, spec)
    return DeviceContext(
        device.pk, device.serial, device.expected_interval.total_seconds(), channels, device.kind
    )


def context_for_serial(serial: str) -> DeviceContext | None:
    """The live device with `serial` (the broker has already checked who published), or None."""
    key = f"serial:{serial}"
    hit = _cache.get(key)
    if hit and hit[0] > time.monotonic():
        return hit[1]
    device = (
        Device.objects.prefetch_related("channels").filter(serial=serial, status__in=LIVE_STATUSES).first()
    )
    context = _context(device) if device else None
    _cache[key] = (time.monotonic() + CONTEXT_TTL_S, context)
    return context


def context_for_token(token: str) -> DeviceContext | None:
    """The live device whose access token this is, or None. Never cached: a revoked token must fail now."""
    if not token or len(token) > 200:
        return None
    device = (
        Device.objects.prefetch_related("channels")
        .filter(token_digest=token_digest(token), status__in=LIVE_STATUSES)
        .first()
    )
    return _context(device) if device else None


def forget_device(serial: str) -> None:
    _cache.pop(f"serial:{serial}", None)


def forget_all() -> None:
    _cache.clear()
