"""What the live page hears: readings, device status and alarms, pushed after commit.

Each stored batch becomes one event with the newest value of each channel in it, so a page never
receives more than the map can show; the consumer batches further, per client.
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer

from ioc.park.models import Channel

logger = logging.getLogger("ioc.dashboard.live")
PARK_GROUP = "park"


_server_loop: asyncio.AbstractEventLoop | None = None


def remember_server_loop(loop: asyncio.AbstractEventLoop) -> None:
    """The web server's event loop, which the in-memory channel layer lives in (embedded mode)."""
    global _server_loop
    _server_loop = loop


def push(group: str, event: dict) -> None:
    """Send `event` to a group from synchronous code, whatever thread or process it runs in."""
    message = {"type": "dashboard.event", "event": event}
    layer = get_channel_layer()
    try:
        if _server_loop is not None and isinstance(layer, InMemoryChannelLayer) and _server_loop.is_running():
            # A thread of the web process (embedded mode): hand the send to the server's loop.
            asyncio.run_coroutine_threadsafe(layer.group_send(group, message), _server_loop).result(timeout=5)
        else:
            async_to_sync(layer.group_send)(group, message)
    except Exception:  # the live page is best effort; the data itself is stored
        logger.exception("could not push a %s event", event.get("type"))


def readings_stored(sender, rows, **kwargs) -> None:
    newest: dict[int, tuple] = {}
    for channel_id, epoch, value, quality in rows:
        if channel_id not in newest or epoch > newest[channel_id][0]:
            newest[channel_id] = (epoch, value, quality)
    channels = Channel.objects.filter(pk__in=newest).values_list(
        "pk", "metric", "source_name", "device_id", "device__enterprise_id", "device__zone_id"
    )
    items = [
        {"channel": pk, "metric": metric, "name": name, "device": device, "enterprise": enterprise, "zone": zone,
         "ts": newest[pk][0], "value": newest[pk][1], "quality": newest[pk][2]}
        for pk, metric, name, device, enterprise, zone in channels
    ]  # fmt: skip
    if items:
        push(PARK_GROUP, {"type": "readings", "items": items})


def device_status(sender, device_id, online: bool, **kwargs) -> None:
    from ioc.park.models import Device

    device = Device.objects.filter(pk=device_id).values("enterprise_id", "zone_id").first() or {}
    push(PARK_GROUP, {"type": "device_status", "device": device_id, "online": online,
                       "enterprise": device.get("enterprise_id"), "zone": device.get("zone_id")})  # fmt: skip


def connect() -> None:
    from ioc.telemetry import health

    health.readings_stored.connect(readings_stored, dispatch_uid="dashboard.readings")
    health.device_online.connect(
        lambda sender, device_id, **kw: device_status(sender, device_id, True),
        weak=False,
        dispatch_uid="dashboard.online",
    )
    health.device_offline.connect(
        lambda sender, device_id, **kw: device_status(sender, device_id, False),
        weak=False,
        dispatch_uid="dashboard.offline",
    )
