"""Every change to a submission goes through here: validation, versions, review, the audit trail."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ioc.registry import registry
from ioc.submissions.choices import Action, Status
from ioc.submissions.kinds import SubmissionKind, period_of
from ioc.submissions.models import Submission, SubmissionEvent
from ioc.submissions.validation import validate

HISTORY = 12  # accepted periods a plausibility check compares with


def kind_of(key: str) -> SubmissionKind:
    try:
        return registry.submission_kinds[key]
    except KeyError:
        raise ValidationError({"kind": _("“%(kind)s” is not a report kind.") % {"kind": key}}) from None


def checked_data(kind: SubmissionKind, data, period: date | None = None) -> dict:
    result = validate(kind, data, period)
    if result.errors:
        raise ValidationError({f"data.{path}": messages for path, messages in result.errors.items()})
    return result.data


def check_period(kind: SubmissionKind, period: date) -> None:
    if period != period_of(kind.cadence, period):
        raise ValidationError({"period": _("A period starts on the first day of its month (or year).")})
    if period > timezone.localdate():
        raise ValidationError({"period": _("A period in the future cannot be reported yet.")})


def _event(submission: Submission, user, action: str, address: str | None, text: str = "") -> None:
    SubmissionEvent.objects.create(
        submission=submission,
        user=user,
        action=action,
        version=submission.version,
        address=address,
        text=text,
    )


@transaction.atomic
def save(*, enterprise, kind_key: str, period: date, data, user, address=None, submit=False) -> Submission:
    """A new report, an edit of the current draft, or a correction (a new version) of a sent one."""
    kind = kind_of(kind_key)
    check_period(kind, period)
    clean = checked_data(kind, data, period)
    current = (
        Submission.objects.select_for_update()
        .filter(enterprise=enterprise, kind=kind.key, period=period)
        .exclude(status=Status.SUPERSEDED)
        .first()
    )
    if current is not None and current.status == Status.DRAFT:
        current.data, current.schema_version = clean, kind.version
        current.save(update_fields=["data", "schema_version", "updated_at"])
        _event(current, user, Action.EDITED, address)
        submission = current
    else:
        version = 1
        if current is not None:
            current.status = Status.SUPERSEDED
            current.save(update_fields=["status", "updated_at"])
            version = current.version + 1
        submission = Submission.objects.create(
            enterprise=enterprise, kind=kind.key, schema_version=kind.version, period=period, version=version,
            supersedes=current, data=clean, created_by=user,
        )  # fmt: skip
        _event(submission, user, Action.CORRECTED if current else Action.CREATED, address)
    return send(submission, user, address) if submit else submission


@transaction.atomic
def send(submission: Submission, user, address=None) -> Submission:
    if submission.status != Status.DRAFT:
        raise ValidationError({"status": _("Only a draft can be submitted.")})
    kind = kind_of(submission.kind)
    # Checked again: a draft saved under an older schema version may no longer pass.
    checked_data(kind, submission.data, submission.period)
    submission.flags = [flag.as_dict() for flag in _plausibility(kind, submission)]
    submission.status, submission.submitted_at = Status.SUBMITTED, timezone.now()
    submission.save(update_fields=["flags", "status", "submitted_at", "updated_at"])
    _event(submission, user, Action.SUBMITTED, address)
    return submission


def _plausibility(kind: SubmissionKind, submission: Submission):
    if kind.plausibility is None:
        return []
    history = list(
        Submission.objects.filter(enterprise=submission.enterprise_id, kind=kind.key, status=Status.ACCEPTED,
                                  period__lt=submission.period)
        .order_by("-period").values_list("data", flat=True)[:HISTORY]
    )  # fmt: skip
    return kind.plausibility(submission.data, history)


def accepted_history(kind: SubmissionKind, enterprise_ids) -> dict[int, list[tuple[date, dict]]]:
    """Each enterprise's accepted reports of `kind`, newest first: what plausibility compares with."""
    history: dict[int, list[tuple[date, dict]]] = {}
    rows = (
        Submission.objects.filter(enterprise__in=enterprise_ids, kind=kind.key, status=Status.ACCEPTED)
        .order_by("enterprise", "-period").values_list("enterprise", "period", "data")
    )  # fmt: skip
    for enterprise_id, period, data in rows:
        history.setdefault(enterprise_id, []).append((period, data))
    return history


def plausibility_flags(kind: SubmissionKind, data: dict, period: date, history: list[tuple[date, dict]]):
    """The same flags `send` raises, from history fetched once for many reports."""
    if kind.plausibility is None:
        return []
    return kind.plausibility(data, [d for p, d in history if p < period][:HISTORY])


def _reviewable(submission: Submission, user) -> None:
    if getattr(user, "is_enterprise_user", False):
        raise PermissionDenied(_("Only the park reviews submissions."))
    if submission.status != Status.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted report can be reviewed.")})


@transaction.atomic
def accept(submission: Submission, reviewer, address=None, comment: str = "") -> Submission:
    _reviewable(submission, reviewer)
    kind = kind_of(submission.kind)
    checked_data(kind, submission.data, submission.period)  # the ward's checks read every required field
    submission.checks = [
        flag.as_dict()
        for flag in (
            kind.checks(submission.data, submission.period, submission.enterprise) if kind.checks else []
        )
    ]
    submission.status, submission.reviewed_by, submission.reviewed_at = (
        Status.ACCEPTED,
        reviewer,
        timezone.now(),
    )
    submission.review_comment = comment
    submission.save(
        update_fields=["checks", "status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"]
    )
    if kind.on_accept:
        kind.on_accept(submission)
    _event(submission, reviewer, Action.ACCEPTED, address, comment)
    return submission


@transaction.atomic
def return_to_sender(submission: Submission, reviewer, comment: str, address=None) -> Submission:
    _reviewable(submission, reviewer)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what needs correcting.")})
    submission.status, submission.reviewed_by, submission.reviewed_at = (
        Status.RETURNED,
        reviewer,
        timezone.now(),
    )
    submission.review_comment = comment
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_comment", "updated_at"])
    _event(submission, reviewer, Action.RETURNED, address, comment)
    return submission
