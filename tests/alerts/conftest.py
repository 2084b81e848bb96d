import time

import pytest

from ioc.alerts.choices import Severity
from ioc.alerts.models import AlarmRule
from ioc.telemetry.devices import context_for_serial
from ioc.telemetry.pipeline import Message, ingest


@pytest.fixture
def pm25_rule(station):
    return AlarmRule.objects.create(
        name="PM2.5 high", metric="pm25", operator="gt", threshold=50, hysteresis=5, severity=Severity.MAJOR
    )


@pytest.fixture
def send(station, django_capture_on_commit_callbacks):
    """send([(seconds ago, value), …]) through the real pipeline, running the after-commit work."""

    def send(points, name="PM2.5"):
        now = time.time()
        items = [{"ts": int((now - ago) * 1000), "values": {name: value}} for ago, value in points]
        with django_capture_on_commit_callbacks(execute=True):
            return ingest([Message(context_for_serial(station.serial), items, "http", now)])

    return send
