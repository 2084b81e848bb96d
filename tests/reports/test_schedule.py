"""Beat, with a frozen clock: last month's park report on the 1st, e-mailed to the subscribers once."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from freezegun import freeze_time

from ioc.park.choices import Role
from ioc.reports.models import Report, ReportSubscription
from ioc.reports.tasks import scheduled

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def subscribers(make_user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REPORT_SCHEDULE_HOUR = 6
    official = make_user(Role.WARD_OFFICIAL, username="can-bo-phuong")
    manager = make_user(Role.PARK_MANAGER, username="ban-quan-ly")
    quiet = make_user(Role.OPERATOR, username="truc-ban")
    for user, address in (
        (official, "canbo@tuminh.gov.vn"),
        (manager, "bql@daian.vn"),
        (quiet, "trucban@daian.vn"),
    ):
        user.email = address
        user.save()
    ReportSubscription.objects.create(user=official, language="vi")
    ReportSubscription.objects.create(user=manager, language="en", quarterly=False)
    return official, manager


def run_beat_at(moment: datetime) -> None:
    with freeze_time(moment):
        scheduled.apply(throw=True)


def test_on_the_1st_beat_makes_last_months_report_and_mails_it_once(small_park, subscribers):
    run_beat_at(
        datetime(2026, 11, 1, 5, 0, tzinfo=TZ)
    )  # before the schedule's hour: the last hour is still judged
    assert not Report.objects.filter(scheduled=True).exists() and not mail.outbox

    run_beat_at(datetime(2026, 11, 1, 6, 30, tzinfo=TZ))
    reports = Report.objects.filter(scheduled=True).order_by("language")
    assert [(r.period_kind, r.period_start, r.period_end, r.language, r.status) for r in reports] == [
        ("month", date(2026, 10, 1), date(2026, 10, 31), "en", "done"),
        ("month", date(2026, 10, 1), date(2026, 10, 31), "vi", "done"),
    ]
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("bql@daian.vn", "[Khu công nghiệp Đại An] Park report, Month 10/2026"),
        ("canbo@tuminh.gov.vn", "[Khu công nghiệp Đại An] Báo cáo khu công nghiệp, Tháng 10/2026"),
    ]
    vietnamese = next(m for m in mail.outbox if m.to == ["canbo@tuminh.gov.vn"])
    assert vietnamese.attachments[0][0] == "bao-cao-kcn-dai-an-2026-10-vi.pdf"
    assert vietnamese.attachments[0][1].startswith(b"%PDF")
    assert f"/reports/{reports.get(language='vi').pk}/" in vietnamese.body

    for moment in (datetime(2026, 11, 1, 7, 30, tzinfo=TZ), datetime(2026, 11, 2, 8, 0, tzinfo=TZ)):
        run_beat_at(moment)  # the next hours and the catch-up days change nothing
    assert Report.objects.filter(scheduled=True).count() == 2 and len(mail.outbox) == 2


def test_on_a_quarters_first_day_the_quarter_comes_too_for_its_subscribers(small_park, subscribers):
    run_beat_at(datetime(2026, 10, 1, 9, 0, tzinfo=TZ))
    made = {
        (r.period_kind, r.period_start, r.period_end, r.language)
        for r in Report.objects.filter(scheduled=True)
    }
    assert made == {("month", date(2026, 9, 1), date(2026, 9, 30), "vi"),
                    ("month", date(2026, 9, 1), date(2026, 9, 30), "en"),
                    ("quarter", date(2026, 7, 1), date(2026, 9, 30), "vi")}  # fmt: skip
    # The English subscriber takes no quarterly report: three messages, one each.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "bql@daian.vn",
        "canbo@tuminh.gov.vn",
        "canbo@tuminh.gov.vn",
    ]


def test_a_worker_down_on_the_1st_still_makes_the_report_on_the_next_days(small_park, subscribers):
    run_beat_at(datetime(2026, 11, 3, 1, 0, tzinfo=TZ))
    assert Report.objects.filter(scheduled=True, period_start=date(2026, 10, 1), status="done").count() == 2
    assert len(mail.outbox) == 2


def test_a_failed_send_is_tried_again_on_the_next_run(small_park, subscribers, settings):
    settings.EMAIL_BACKEND = "tests.reports.test_schedule.BrokenBackend"
    with pytest.raises(ConnectionRefusedError):
        run_beat_at(datetime(2026, 11, 1, 6, 30, tzinfo=TZ))
    assert Report.objects.filter(emailed_at__isnull=False).count() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run_beat_at(datetime(2026, 11, 1, 7, 30, tzinfo=TZ))
    assert len(mail.outbox) == 2


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise ConnectionRefusedError("the mail server is down")

    def close(self):
        pass

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, *exc):
        return False
