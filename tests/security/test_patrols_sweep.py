"""The patrol sweep: a missed round raises one warning, a completed one none, a later round clears it."""

from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from ioc.alerts.choices import AlarmState, Severity
from ioc.alerts.models import Alarm
from ioc.celery import app
from ioc.park.choices import Role
from security.models import Guard, PatrolScan
from security.patrols_services import RULE_NAME, missed_round_rule, patrol_sweep
from tests.security import patrol_fixtures

pytestmark = pytest.mark.django_db
night_route = patrol_fixtures.night_route


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def guard(make_user):
    return Guard.objects.create(user=make_user(Role.OPERATOR, username="tuan"), badge="BV-03")


def scan(guard, route, code: str, when: datetime) -> None:
    PatrolScan.objects.create(guard=guard, checkpoint=route.checkpoints.get(code=code), scanned_at=when)


def walk(guard, route, start: datetime) -> None:
    scan(guard, route, "KHO-1", start + timedelta(minutes=5))
    scan(guard, route, "KHO-2", start + timedelta(minutes=20))


def patrol_alarms():
    return Alarm.objects.filter(rule__name=RULE_NAME)


def test_a_missed_round_raises_one_warning_however_often_the_sweep_runs(night_route, guard):
    walk(guard, night_route, at(5, 22))
    scan(guard, night_route, "KHO-1", at(6, 0, 10))  # the 00:00 round: KHO-2 never scanned
    assert patrol_sweep(now=at(6, 1)) == {"raised": 1, "cleared": 0}
    assert patrol_sweep(now=at(6, 1, 1))["raised"] == 0
    alarm = patrol_alarms().get()
    assert alarm.severity == Severity.WARNING and alarm.count == 1 and alarm.first_at == at(6, 0, 45)
    assert alarm.rule.domain == "security" and alarm.device is None
    assert alarm.message == (
        "Bỏ lỡ vòng tuần tra: Tuyến kho, vòng lúc 00:00 06/01/2026 không hoàn thành trong 45 phút; "
        "các điểm chưa quét: KHO-2"
    )


def test_a_completed_round_raises_nothing(night_route, guard):
    walk(guard, night_route, at(5, 22))
    walk(guard, night_route, at(6, 0))
    assert patrol_sweep(now=at(6, 1, 50)) == {"raised": 0, "cleared": 0}
    assert not patrol_alarms().exists()


def test_a_round_still_within_its_time_raises_nothing_yet(night_route, guard):
    walk(guard, night_route, at(5, 22))
    scan(guard, night_route, "KHO-1", at(6, 0, 10))
    assert patrol_sweep(now=at(6, 0, 44))["raised"] == 0
    assert patrol_sweep(now=at(6, 0, 46))["raised"] == 1


def test_the_warning_clears_when_a_later_round_is_completed_and_is_not_raised_again(night_route, guard):
    walk(guard, night_route, at(5, 22))
    patrol_sweep(now=at(6, 1))  # 00:00 missed
    walk(guard, night_route, at(6, 2))
    assert patrol_sweep(now=at(6, 2, 30)) == {"raised": 0, "cleared": 1}
    alarm = patrol_alarms().get()
    assert alarm.state == AlarmState.CLEARED
    assert alarm.events.last().text == "Một vòng của tuyến đã hoàn thành."
    assert patrol_sweep(now=at(6, 2, 31)) == {"raised": 0, "cleared": 0}


def test_scans_that_arrive_late_clear_the_rounds_own_warning(night_route, guard):
    walk(guard, night_route, at(5, 22))
    patrol_sweep(now=at(5, 23))
    assert patrol_alarms().count() == 0
    patrol_sweep(now=at(6, 1))
    walk(guard, night_route, at(6, 0))  # the phone was out of coverage: its scans come in at 01:05
    assert patrol_sweep(now=at(6, 1, 5))["cleared"] == 1


def test_each_missed_round_has_its_own_warning(night_route, guard):
    assert patrol_sweep(now=at(6, 3))["raised"] == 3  # 22:00, 00:00 and 02:00: nobody walked
    assert patrol_alarms().exclude(state=AlarmState.CLEARED).count() == 3
    walk(guard, night_route, at(6, 4))
    assert patrol_sweep(now=at(6, 4, 30))["cleared"] == 3


def test_a_disabled_rule_or_a_route_out_of_use_raises_nothing(night_route, guard):
    rule = missed_round_rule()
    rule.enabled = False
    rule.save()
    assert patrol_sweep(now=at(6, 3))["raised"] == 0
    rule.enabled = True
    rule.save()
    patrol_sweep(now=at(6, 3))
    night_route.active = False
    night_route.save()
    assert patrol_sweep(now=at(6, 3, 1)) == {"raised": 0, "cleared": 3}


def test_a_round_the_clock_route_is_judged_too(night_route, guard):
    night_route.rounds_from = night_route.rounds_until = time(0, 0)
    night_route.every, night_route.allowed = 360, 60
    night_route.save()
    walk(guard, night_route, at(6, 0))
    walk(guard, night_route, at(6, 6))
    assert patrol_sweep(now=at(6, 13, 1))["raised"] == 1  # 12:00 missed; 00:00 and 06:00 walked


def test_the_sweep_is_a_celery_task_on_the_beat_schedule(night_route):
    entry = settings.CELERY_BEAT_SCHEDULE["security-patrol-sweep"]
    assert entry["task"] == "security.patrol_sweep" and entry["task"] in app.tasks
    app.tasks["security.patrol_sweep"].apply(throw=True)


def test_the_migration_created_the_rule_as_a_warning(db):
    rule = missed_round_rule()
    assert rule.severity == Severity.WARNING and rule.kind == "no_data" and rule.domain == "security"


def test_a_route_owes_no_round_from_before_it_was_put_in_use(night_route, guard):
    night_route.active = False
    night_route.save()
    night_route.active = True
    night_route.save()  # back in use now: last night's rounds were nobody's duty
    assert night_route.in_use_since > at(6, 12)
    assert patrol_sweep()["raised"] == 0
