"""The dashboard websocket over the configured channel layer (Redis in CI, in-memory otherwise):
events batched per client, enterprise users hearing only their own devices."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from ioc.alerts.notify import ALARMS_GROUP
from ioc.dashboard.consumers import DashboardConsumer
from ioc.dashboard.live import PARK_GROUP
from ioc.park.choices import Role


async def connect(user):
    communicator = WebsocketCommunicator(DashboardConsumer.as_asgi(), "/ws/dashboard/")
    communicator.scope["user"] = user
    connected, code = await communicator.connect()
    return communicator, connected, code


def reading(channel, device, enterprise, value):
    return {"channel": channel, "device": device, "enterprise": enterprise, "zone": 1, "metric": "pm25",
            "name": "PM2.5", "ts": 1.0, "value": value, "quality": 0}  # fmt: skip


async def push(group, event):
    await get_channel_layer().group_send(group, {"type": "dashboard.event", "event": event})


def test_a_stranger_is_turned_away(db):
    async def scenario():
        communicator, connected, code = await connect(AnonymousUser())
        await communicator.disconnect()
        return connected, code

    assert async_to_sync(scenario)() == (False, 4401)


def test_readings_and_alarms_arrive_batched_newest_value_per_channel(make_user):
    user = make_user(Role.OPERATOR)

    async def scenario():
        communicator, connected, _code = await connect(user)
        hello = await communicator.receive_json_from(timeout=5)
        for value in (1, 2, 3):
            await push(PARK_GROUP, {"type": "readings", "items": [reading(10, 5, None, value)]})
        await push(ALARMS_GROUP, {"type": "alarm", "id": 7, "enterprise": None, "state": "active"})
        batch = await communicator.receive_json_from(timeout=5)
        await communicator.disconnect()
        return connected, hello, batch

    connected, hello, batch = async_to_sync(scenario)()
    assert connected and hello["type"] == "hello"
    assert [r["value"] for r in batch["readings"]] == [3]
    assert [e["id"] for e in batch["events"]] == [7]


def test_an_enterprise_user_hears_only_its_own_enterprise(small_park, make_user):
    user = make_user(Role.ENTERPRISE, small_park["a"])
    mine, theirs = small_park["a"].pk, small_park["b"].pk

    async def scenario():
        communicator, _connected, _code = await connect(user)
        await communicator.receive_json_from(timeout=5)
        await push(
            PARK_GROUP, {"type": "readings", "items": [reading(1, 1, theirs, 9), reading(2, 2, mine, 4)]}
        )
        await push(ALARMS_GROUP, {"type": "alarm", "id": 8, "enterprise": theirs, "state": "active"})
        await push(ALARMS_GROUP, {"type": "alarm", "id": 9, "enterprise": mine, "state": "active"})
        batch = await communicator.receive_json_from(timeout=5)
        await communicator.disconnect()
        return batch

    batch = async_to_sync(scenario)()
    assert [r["channel"] for r in batch["readings"]] == [2]
    assert [e["id"] for e in batch["events"]] == [9]


def test_a_client_may_narrow_what_it_hears_to_one_device(make_user):
    user = make_user(Role.OPERATOR)

    async def scenario():
        communicator, _connected, _code = await connect(user)
        await communicator.receive_json_from(timeout=5)
        await communicator.send_json_to({"subscribe": ["device:2"]})
        assert (await communicator.receive_json_from(timeout=5))["type"] == "subscribed"
        await push(
            PARK_GROUP, {"type": "readings", "items": [reading(1, 1, None, 9), reading(2, 2, None, 4)]}
        )
        batch = await communicator.receive_json_from(timeout=5)
        await communicator.disconnect()
        return batch

    assert [r["device"] for r in async_to_sync(scenario)()["readings"]] == [2]
