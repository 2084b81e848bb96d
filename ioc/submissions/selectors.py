"""Reads behind the late/missing lists, the reminders and the portal: the database side of deadlines.py."""

from datetime import date

from django.db.models import Min
from django.utils import timezone

from ioc.api.tenancy import scope_to_user
from ioc.park.choices import EnterpriseStatus
from ioc.park.models import Enterprise
from ioc.submissions.choices import Status
from ioc.submissions.deadlines import Expected, Standing, last_closed_period, standing
from ioc.submissions.kinds import SubmissionKind
from ioc.submissions.models import Submission


def expected_enterprises(user=None) -> list[Expected]:
    """Operating enterprises (only the user's own, for an enterprise user)."""
    queryset = Enterprise.objects.filter(status=EnterpriseStatus.OPERATING)
    if user is not None:
        queryset = scope_to_user(queryset, user, "pk")
    return [Expected(pk, started) for pk, started in queryset.values_list("pk", "started_operation")]


def first_sent_on(kind_key: str, period: date) -> dict[int, date]:
    """Enterprise → the local day it first submitted `kind` for `period` (any version)."""
    rows = (
        Submission.objects.filter(kind=kind_key, period=period, submitted_at__isnull=False)
        .values("enterprise")
        .annotate(first=Min("submitted_at"))
    )
    return {row["enterprise"]: timezone.localdate(row["first"]) for row in rows}


def standings(kind: SubmissionKind, period: date, *, soon_days: int, user=None) -> list[Standing]:
    return standing(
        kind,
        period,
        expected_enterprises(user),
        first_sent_on(kind.key, period),
        timezone.localdate(),
        soon_days,
    )


def current_submissions(user):
    """The current version of every report the user may see, newest period first."""
    queryset = Submission.objects.exclude(status=Status.SUPERSEDED).select_related("enterprise")
    return scope_to_user(queryset, user, "enterprise")


def overdue(user, kinds: list[SubmissionKind], *, period: date | None, states, soon_days: int) -> list[dict]:
    """Late, missing and due-soon rows of `kinds` for `period` (default: each kind's last closed
    period), with the enterprise, for the lists and the API."""
    rows = []
    today = timezone.localdate()
    for kind in kinds:
        when = period or last_closed_period(kind, today)
        rows += [
            {"kind": kind, "period": when, "standing": row}
            for row in standings(kind, when, soon_days=soon_days, user=user)
            if row.state in states
        ]
    names = Enterprise.objects.in_bulk({row["standing"].enterprise_id for row in rows})
    for row in rows:
        row["enterprise"] = names[row["standing"].enterprise_id]
    rows.sort(key=lambda r: (-r["standing"].days_late, r["kind"].key, r["enterprise"].name_vi))
    return rows
