"""The dashboard websocket, over the configured channel layer (Redis in CI, in-memory otherwise)."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from ioc.dashboard.consumers import DASHBOARD_GROUP, DashboardConsumer
from ioc.park.choices import Role


async def connect(user):
    communicator = WebsocketCommunicator(DashboardConsumer.as_asgi(), "/ws/dashboard/")
    communicator.scope["user"] = user
    connected, code = await communicator.connect()
    return communicator, connected, code


def test_a_stranger_is_turned_away(db):
    async def scenario():
        communicator, connected, code = await connect(AnonymousUser())
        await communicator.disconnect()
        return connected, code

    assert async_to_sync(scenario)() == (False, 4401)


def test_a_signed_in_user_hears_the_park_wide_events(make_user):
    user = make_user(Role.OPERATOR)

    async def scenario():
        communicator, connected, _code = await connect(user)
        hello = await communicator.receive_json_from(timeout=5)
        await get_channel_layer().group_send(
            DASHBOARD_GROUP, {"type": "dashboard.event", "event": {"type": "alarm", "id": 7}}
        )
        event = await communicator.receive_json_from(timeout=5)
        await communicator.disconnect()
        return connected, hello, event

    connected, hello, event = async_to_sync(scenario)()
    assert connected and hello["type"] == "hello"
    assert event == {"type": "alarm", "id": 7}
