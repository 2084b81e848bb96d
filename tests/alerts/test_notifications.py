"""Notifications: signed webhooks retried until they succeed (once), e-mail by each person's choices."""

import hashlib
import hmac
import json
import threading
from datetime import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail

from ioc.alerts.choices import Severity
from ioc.alerts.models import AlarmRule, NotificationPreference, Webhook, WebhookDelivery
from ioc.alerts.recipients import in_quiet_hours, wants
from ioc.park.choices import Role


@pytest.fixture
def flaky_receiver():
    """A webhook receiver that answers 500 twice, then 200; it records what it got."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers, body))  # case-insensitive, as HTTP headers are
            self.send_response(500 if len(received) <= 2 else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hook", received
    server.shutdown()


def test_a_webhook_that_fails_twice_gets_the_event_once_it_succeeds_with_a_valid_signature(
    pm25_rule, send, flaky_receiver
):
    url, received = flaky_receiver
    Webhook.objects.create(name="Ward system", url=url, secret="s3cret-shared")
    send([(60, 90)])
    assert len(received) == 3  # two failures, then the delivery
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is not None and delivery.attempts == 3
    headers, body = received[-1]
    expected = "sha256=" + hmac.new(b"s3cret-shared", body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-IOC-Signature"], expected)
    event = json.loads(body)
    assert event["event"] == "alarm.raised" and event["id"] == delivery.event_id
    assert {h["X-IOC-Event"] for h, _body in received} == {delivery.event_id}  # one event, retried


def test_a_user_who_opted_out_of_warnings_gets_no_warning_emails(station, send, make_user):
    AlarmRule.objects.create(
        name="PM2.5 elevated", metric="pm25", operator="gt", threshold=35, severity=Severity.WARNING
    )
    chooser, everyone = (
        make_user(Role.OPERATOR, username="chooser"),
        make_user(Role.PARK_MANAGER, username="all"),
    )
    for user, address in ((chooser, "chooser@example.vn"), (everyone, "all@example.vn")):
        user.email = address
        user.save()
    NotificationPreference.objects.create(user=everyone, min_severity=Severity.WARNING)
    NotificationPreference.objects.create(user=chooser, min_severity=Severity.MINOR)
    send([(60, 40)])
    assert [m.to for m in mail.outbox] == [["all@example.vn"]]


def test_an_enterprise_user_hears_only_of_its_own_devices(pm25_rule, send, make_user, small_park):
    outsider = make_user(Role.ENTERPRISE, small_park["a"])
    outsider.email = "a@example.vn"
    outsider.save()
    send([(60, 90)])  # the park's own air station
    assert mail.outbox == [] or all("a@example.vn" not in m.to for m in mail.outbox)


@pytest.mark.parametrize(
    ("now", "quiet_from", "quiet_to", "quiet"),
    [(time(23), time(22), time(6), True), (time(5, 59), time(22), time(6), True),
     (time(6), time(22), time(6), False), (time(13), time(12), time(14), True),
     (time(13), None, None, False)],
)  # fmt: skip
def test_quiet_hours_may_cross_midnight(now, quiet_from, quiet_to, quiet):
    assert in_quiet_hours(now, quiet_from, quiet_to) is quiet


def test_a_critical_alarm_breaks_through_quiet_hours_but_nothing_else_does():
    common = {
        "domain": "environment",
        "min_severity": Severity.WARNING,
        "domains": [],
        "critical": Severity.CRITICAL,
    }
    assert wants(severity=Severity.CRITICAL, quiet=True, **common)
    assert not wants(severity=Severity.MAJOR, quiet=True, **common)
    assert not wants(severity=Severity.MAJOR, quiet=False, **{**common, "domains": ["security"]})
