"""The dashboard's websocket.

A signed-in user hears the park's readings, device status and alarms; it may narrow that with
{"subscribe": ["park" | "zone:<id>" | "device:<id>" | "alarms", …]}. An enterprise user hears only
its own enterprise's devices and alarms. Events reach the socket through its process's hub
(ioc/dashboard/hub.py), at most four frames a second, the newest value per channel winning, so
a slow browser is never flooded.
"""

import asyncio
import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from ioc.dashboard.hub import hub
from ioc.dashboard.live import remember_server_loop


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
        await self.accept()
        await self.send_json({"type": "hello", "mode": settings.IOC_MODE})
        self.hub = hub()
        await self.hub.join(self)

    async def disconnect(self, code):
        if hasattr(self, "hub"):
            await self.hub.leave(self)

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

    def take(self, event: dict) -> None:
        """Keep what this socket may hear of `event` until the next flush."""
        if event["type"] == "readings":
            for item in event["items"]:
                if self._visible(item):
                    self.readings[item["channel"]] = item["_json"]
        elif event["type"] == "alarm":
            if "alarms" in self.wanted and (
                self.enterprise is None or event.get("enterprise") == self.enterprise
            ):
                self.others.append(event)
        elif self._visible(event):
            self.others.append(event)

    async def flush(self) -> None:
        if not (self.readings or self.others):
            return
        readings, others = self.readings, self.others
        self.readings, self.others = {}, []
        frame = '{"type": "batch", "readings": [' + ", ".join(readings.values()) + '], "events": '
        await self.send(text_data=frame + json.dumps(others) + "}")
