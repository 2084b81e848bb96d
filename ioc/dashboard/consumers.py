"""The dashboard's websocket.

A signed-in user joins the park's readings and the alarms; it may narrow what it hears with
{"subscribe": ["park" | "zone:<id>" | "device:<id>" | "alarms", …]}. An enterprise user hears only
its own enterprise's devices and alarms. Events are sent at most FLUSHES_PER_S times a second per
client, the newest value per channel winning, so a slow browser is never flooded.
"""

import asyncio

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from ioc.alerts.notify import ALARMS_GROUP
from ioc.dashboard.live import PARK_GROUP, remember_server_loop

FLUSHES_PER_S = 4


class DashboardConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        remember_server_loop(asyncio.get_running_loop())
        self.enterprise = user.enterprise_id if user.is_enterprise_user else None
        self.wanted = {"park", "alarms"}
        self.readings, self.others = {}, []
        for group in (PARK_GROUP, ALARMS_GROUP):
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        self.flusher = asyncio.ensure_future(self._flush_forever())
        await self.send_json({"type": "hello", "mode": settings.IOC_MODE})

    async def disconnect(self, code):
        if hasattr(self, "flusher"):
            self.flusher.cancel()
        for group in (PARK_GROUP, ALARMS_GROUP):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        groups = content.get("subscribe")
        if isinstance(groups, list) and all(isinstance(g, str) for g in groups):
            self.wanted = set(groups[:200])
            await self.send_json({"type": "subscribed", "groups": sorted(self.wanted)})

    def _visible(self, item: dict) -> bool:
        if self.enterprise is not None and item.get("enterprise") != self.enterprise:
            return False
        if "park" in self.wanted:
            return True
        return f"zone:{item.get('zone')}" in self.wanted or f"device:{item.get('device')}" in self.wanted

    async def dashboard_event(self, message):
        event = message["event"]
        if event["type"] == "readings":
            for item in event["items"]:
                if self._visible(item):
                    self.readings[item["channel"]] = item
        elif event["type"] == "alarm":
            if "alarms" in self.wanted and (
                self.enterprise is None or event.get("enterprise") == self.enterprise
            ):
                self.others.append(event)
        elif self._visible(event):
            self.others.append(event)

    async def _flush_forever(self):
        while True:
            await asyncio.sleep(1 / FLUSHES_PER_S)
            if self.readings or self.others:
                readings, others = list(self.readings.values()), self.others
                self.readings, self.others = {}, []
                await self.send_json({"type": "batch", "readings": readings, "events": others})
