"""Alarms from readings: one per rule and source, repeats counted, clearing, escalation, incidents."""

from datetime import timedelta

from django.core import mail
from freezegun import freeze_time

from ioc.alerts import services
from ioc.alerts.choices import AlarmState, RuleKind, Severity
from ioc.alerts.models import Alarm, AlarmRule
from ioc.park.choices import Role
from ioc.telemetry import health


def test_ten_thousand_repeats_of_one_exceedance_make_one_alarm_counting_ten_thousand(pm25_rule, send):
    with freeze_time():
        send([(20_000 - i, 60.0 + i % 7) for i in range(10_000)])
        alarm = Alarm.objects.get(rule=pm25_rule)
        assert alarm.count == 10_000 and alarm.state == AlarmState.ACTIVE
        send([(20_000 - i, 70.0) for i in range(10_000)])  # the same readings again: a replay adds nothing
    assert Alarm.objects.get(rule=pm25_rule).count == 10_000


def test_clearing_then_exceeding_again_makes_a_new_alarm(pm25_rule, send):
    send([(300, 60), (240, 47), (180, 44)])  # 47 is still within the 5 µg/m³ hysteresis
    first = Alarm.objects.get(rule=pm25_rule)
    assert first.state == AlarmState.CLEARED and first.count == 1
    send([(120, 58)])
    assert (
        Alarm.objects.filter(rule=pm25_rule).count() == 2
        and Alarm.objects.filter(rule=pm25_rule).exclude(pk=first.pk).get().state == AlarmState.ACTIVE
    )


def test_an_acknowledged_alarm_keeps_counting_and_is_not_raised_again(pm25_rule, send, make_user):
    send([(300, 60)])
    services.alarm_acknowledge(Alarm.objects.get(rule=pm25_rule), make_user(Role.OPERATOR))
    send([(200, 61), (100, 62)])
    alarm = Alarm.objects.get(rule=pm25_rule)
    assert alarm.state == AlarmState.ACKNOWLEDGED and alarm.count == 3
    assert [e.kind for e in alarm.events.all()] == ["raised", "acknowledged"]


def test_an_unacknowledged_critical_alarm_escalates_after_its_minutes(station, send):
    AlarmRule.objects.create(
        name="PM2.5 very high", metric="pm25", operator="gt", threshold=100,
        severity=Severity.MAJOR, escalate_after=15, escalate_to=Severity.CRITICAL,
    )  # fmt: skip
    with freeze_time() as clock:
        send([(0, 150)])
        clock.tick(timedelta(minutes=14))
        assert services.alarms_escalate_due() == []
        clock.tick(timedelta(minutes=2))
        [escalated] = services.alarms_escalate_due()
    alarm = Alarm.objects.get(pk=escalated)
    assert alarm.severity == Severity.CRITICAL and alarm.events.last().kind == "escalated"
    assert services.alarms_escalate_due() == []  # once


def test_a_device_going_quiet_raises_a_no_data_alarm_and_coming_back_clears_it(
    station, send, django_capture_on_commit_callbacks
):
    AlarmRule.objects.create(name="Station offline", kind=RuleKind.NO_DATA, device_kind="air_station")
    send([(0, 10)])
    with django_capture_on_commit_callbacks(execute=True):
        health.sweep_offline(health.timezone.now() + timedelta(hours=1))
    assert Alarm.objects.get(source=f"device:{station.pk}").state == AlarmState.ACTIVE
    send([(-1, 11)])
    assert Alarm.objects.get(source=f"device:{station.pk}").state == AlarmState.CLEARED


def test_an_alarm_becomes_an_incident_with_its_timeline(pm25_rule, send, make_user):
    send([(60, 80)])
    manager = make_user(Role.PARK_MANAGER)
    incident = services.incident_from_alarm(
        Alarm.objects.get(rule=pm25_rule), manager, category="environment"
    )
    services.incident_set_status(incident, manager, "in_progress", "team sent")
    assert incident.alarms.count() == 1 and incident.zone == Alarm.objects.get(rule=pm25_rule).device.zone
    assert [e.kind for e in incident.events.all()] == ["promoted", "status"]


def test_raising_emails_the_people_who_want_it(pm25_rule, send, make_user):
    operator = make_user(Role.OPERATOR)
    operator.email = "op@example.vn"
    operator.save()
    send([(60, 80)])
    assert [m.to for m in mail.outbox] == [["op@example.vn"]]


def test_a_combination_raises_only_while_all_its_conditions_hold(station, send):
    rule = AlarmRule.objects.create(
        name="Dust and SO2", kind=RuleKind.COMBINATION, device_kind="air_station", joiner="and",
        conditions=[{"metric": "pm25", "operator": "gt", "threshold": 50}, {"metric": "so2", "operator": "gt", "threshold": 20}],
    )  # fmt: skip
    send([(300, 80)])  # dust alone
    assert not Alarm.objects.filter(rule=rule).exists()
    send([(200, 30)], name="SO2")
    alarm = Alarm.objects.get(rule=rule, source=f"device:{station.pk}")
    assert alarm.state == AlarmState.ACTIVE
    send([(100, 10)], name="SO2")
    assert Alarm.objects.get(pk=alarm.pk).state == AlarmState.CLEARED


def test_a_combination_with_a_malformed_condition_is_refused(client_for, db):
    api = client_for(Role.PARK_MANAGER, language="en")
    body = {"name": "x", "kind": "combination", "conditions": [{"metric": "radon", "threshold": "high"}]}
    assert "conditions" in api.post("/api/v1/alarm-rules/", body, format="json").json()
