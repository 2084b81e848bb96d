"""The late/missing list over the API and the e-mail reminders, on fixed dates (labour is due on the 10th)."""

from datetime import UTC, date, datetime

import pytest
from django.core import mail
from freezegun import freeze_time

from ioc.park.choices import Role
from ioc.registry import registry
from ioc.submissions.choices import Status
from ioc.submissions.models import Reminder, Submission
from ioc.submissions.tasks import remind

OVERDUE = "/api/v1/submissions/overdue/"
JANUARY = date(2026, 1, 1)


def sent(enterprise, when: datetime, status=Status.SUBMITTED):
    return Submission.objects.create(
        enterprise=enterprise, kind="labour.monthly", schema_version=1, period=JANUARY, data={}, status=status,
        submitted_at=when, created_by=enterprise.users.first() or _reporter(enterprise),
    )  # fmt: skip


def _reporter(enterprise):
    from ioc.park.models import User

    return User.objects.create(username=f"r{enterprise.pk}", role=Role.ENTERPRISE, enterprise=enterprise)


@pytest.fixture
def labour_only(monkeypatch):
    # Other apps' kinds have their own deadlines; these examples count labour's alone.
    monkeypatch.setattr(
        registry, "submission_kinds", {"labour.monthly": registry.submission_kinds["labour.monthly"]}
    )


@freeze_time("2026-02-20 03:00")
def test_the_park_sees_who_is_missing_and_who_was_late(small_park, client_for, labour_only):
    sent(small_park["a"], datetime(2026, 2, 12, 2, tzinfo=UTC))  # two days late
    api = client_for(Role.PARK_MANAGER, language="en")
    page = api.get(OVERDUE, {"kind": "labour.monthly", "period": "2026-01-01"})
    assert page.status_code == 200, page.content
    rows = [(r["enterprise"], r["state"], r["days_late"], r["due"]) for r in page.json()["results"]]
    assert rows == [
        (small_park["b"].pk, "missing", 10, "2026-02-10"),
        (small_park["a"].pk, "late", 2, "2026-02-10"),
    ]
    assert api.get(OVERDUE, {"state": "late"}).json()["count"] == 1  # default period: January, last closed


@freeze_time("2026-02-20 03:00")
def test_a_report_sent_on_the_deadline_day_in_vietnam_is_on_time(small_park, client_for, labour_only):
    sent(small_park["a"], datetime(2026, 2, 10, 16, 30, tzinfo=UTC))  # 23:30 on the 10th, Hà Nội time
    rows = client_for(Role.PARK_MANAGER).get(OVERDUE).json()["results"]
    assert [r["enterprise"] for r in rows] == [small_park["b"].pk]


@freeze_time("2026-02-20 03:00")
def test_an_enterprise_sees_only_itself_in_the_list(small_park, client_for, labour_only):
    rows = client_for(Role.ENTERPRISE, small_park["a"]).get(OVERDUE).json()["results"]
    assert [(r["enterprise"], r["state"]) for r in rows] == [(small_park["a"].pk, "missing")]


@freeze_time("2026-02-20 03:00")
def test_bad_questions_get_field_named_errors_in_the_callers_language(small_park, client_for):
    api = client_for(Role.PARK_MANAGER, language="vi")
    answer = api.get(OVERDUE, {"kind": "nope", "period": "2026-01-15", "within": "-1", "state": "late"})
    assert answer.status_code == 400
    assert set(answer.json()) == {"kind", "within"}  # the period is checked once the kind is known
    answer = api.get(OVERDUE, {"period": "2026-01-15"})
    assert answer.json() == {"period": ["Kỳ báo cáo bắt đầu vào ngày đầu tháng (hoặc đầu năm)."]}


def test_reminders_go_before_the_deadline_and_once_after_it_never_twice(small_park, make_user, labour_only):
    user = make_user(Role.ENTERPRISE, small_park["b"])
    user.email = "hr@b.example.vn"
    user.save()
    with freeze_time("2026-02-06 03:00"):
        assert remind() == 0  # four days before: not yet
    with freeze_time("2026-02-07 03:00"):
        assert remind() == 2  # A and B, three days before
        assert remind() == 0
    to_b = next(m for m in mail.outbox if "hr@b.example.vn" in m.to)
    assert sorted(to_b.to) == ["b@example.vn", "hr@b.example.vn"]
    assert "01/2026" in to_b.subject and "Báo cáo lao động hằng tháng" in to_b.subject
    assert "Monthly labour report" in to_b.body  # Vietnamese first, then English
    with freeze_time("2026-02-09 03:00"):
        sent(small_park["a"], datetime(2026, 2, 9, 2, tzinfo=UTC))
        assert remind() == 0
    mail.outbox.clear()
    with freeze_time("2026-02-11 03:00"):
        assert remind() == 1  # B is still missing; A sent in time
        assert remind() == 0
    assert (
        mail.outbox[0].to == ["b@example.vn", "hr@b.example.vn"]
        and "has not been received" in mail.outbox[0].body
    )
    with freeze_time("2026-02-12 03:00"):
        assert remind() == 0
    assert Reminder.objects.filter(enterprise=small_park["b"]).count() == 2


def test_a_reminder_that_failed_to_send_is_tried_again(small_park, labour_only, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("ioc.submissions.reminders.send_mail", broken)
    with freeze_time("2026-02-07 03:00"), pytest.raises(OSError):
        remind()
    assert not Reminder.objects.exists()
    monkeypatch.undo()
    monkeypatch.setattr(
        registry, "submission_kinds", {"labour.monthly": registry.submission_kinds["labour.monthly"]}
    )
    with freeze_time("2026-02-07 03:00"):
        assert remind() == 2
