"""Patrol fixtures: two checkpoints (one with an NFC tag) on a night route. Imported by the patrol tests
(not a conftest, so the security tests of other branches keep their own)."""

from datetime import UTC, datetime, time

import pytest

from security.models import Checkpoint, Guard, PatrolRoute, RouteStop
from tests.conftest import point


@pytest.fixture
def night_route(small_park):
    zone = small_park["zone"]
    gate = Checkpoint.objects.create(
        code="KHO-1", name="Cửa kho 1", zone=zone, location=point(106.271, 20.925)
    )
    fence = Checkpoint.objects.create(
        code="KHO-2",
        name="Hàng rào kho",
        zone=zone,
        location=point(106.272, 20.925),
        nfc_tag="04A22B1A3C5D80",
    )
    route = PatrolRoute.objects.create(name="Tuyến kho", zone=zone, rounds_from=time(22, 0), rounds_until=time(6, 0),
                                       every=120, allowed=45)  # fmt: skip
    PatrolRoute.objects.filter(pk=route.pk).update(in_use_since=datetime(2026, 1, 5, 12, tzinfo=UTC))
    route.refresh_from_db()
    RouteStop.objects.create(route=route, checkpoint=gate, position=1)
    RouteStop.objects.create(route=route, checkpoint=fence, position=2)
    return route


@pytest.fixture
def guard_for():
    def make(api, badge: str = "BV-07") -> Guard:
        return Guard.objects.create(user=api.user, badge=badge)

    return make
