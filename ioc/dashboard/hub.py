"""One channel-layer member per web process, feeding every dashboard socket of that process.

Giving each socket its own channel-layer membership costs a Redis round trip, two asyncio tasks
and a database clean-up hop per event per socket; with 500 open pages one process spent its
whole core on that (bench/README.md, "Live path"). Here one member receives each event once,
encodes each reading's JSON once, and one timer flushes every socket's frame.
"""

import asyncio
import json
import logging
import time

from channels.layers import get_channel_layer

from ioc.alerts.notify import ALARMS_GROUP
from ioc.dashboard.live import PARK_GROUP

logger = logging.getLogger("ioc.dashboard.hub")
FLUSHES_PER_S = 4
GROUP_REFRESH_S = 3600  # channels_redis forgets group members after a day


class Hub:
    def __init__(self):
        self.members: set = set()
        self.tasks: list[asyncio.Task] = []
        self.channel = None

    async def join(self, consumer) -> None:
        self.members.add(consumer)
        if not self.tasks:
            layer = get_channel_layer()
            self.channel = await layer.new_channel()
            await self._subscribe(layer)
            self.tasks = [
                asyncio.ensure_future(self._pump(layer)),
                asyncio.ensure_future(self._flush_forever(layer)),
            ]

    async def leave(self, consumer) -> None:
        self.members.discard(consumer)
        if not self.members and self.tasks:
            for task in self.tasks:
                task.cancel()
            self.tasks = []
            layer = get_channel_layer()
            for group in (PARK_GROUP, ALARMS_GROUP):
                await layer.group_discard(group, self.channel)

    async def _subscribe(self, layer) -> None:
        for group in (PARK_GROUP, ALARMS_GROUP):
            await layer.group_add(group, self.channel)

    async def _pump(self, layer) -> None:
        while True:
            event = (await layer.receive(self.channel))["event"]
            if event["type"] == "readings":
                for item in event["items"]:
                    item["_json"] = json.dumps(item)  # once per process, not once per socket
            for member in list(self.members):
                member.take(event)

    async def _flush_forever(self, layer) -> None:
        refreshed = time.monotonic()
        while True:
            await asyncio.sleep(1 / FLUSHES_PER_S)
            for member in list(self.members):
                try:
                    await member.flush()
                except Exception:  # one broken socket must not stop the others' frames
                    logger.exception("could not send a dashboard frame")
            if time.monotonic() - refreshed > GROUP_REFRESH_S:
                refreshed = time.monotonic()
                await self._subscribe(layer)


_hubs: dict[asyncio.AbstractEventLoop, Hub] = {}


def hub() -> Hub:
    """The hub of the running event loop (one per server process; tests run several loops)."""
    loop = asyncio.get_running_loop()
    for old in [other for other in _hubs if other.is_closed()]:
        del _hubs[old]
    return _hubs.setdefault(loop, Hub())
