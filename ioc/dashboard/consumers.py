"""The dashboard's websocket: signed-in users join the park-wide group and receive live events."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

DASHBOARD_GROUP = "dashboard"


class DashboardConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        await self.channel_layer.group_add(DASHBOARD_GROUP, self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "mode": settings.IOC_MODE})

    async def disconnect(self, code):
        await self.channel_layer.group_discard(DASHBOARD_GROUP, self.channel_name)

    async def dashboard_event(self, message):
        """Forward an event sent to the group with type 'dashboard.event'."""
        await self.send_json(message["event"])
