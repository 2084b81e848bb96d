"""Every change to the archive: ask for a report, generate it, schedule the periodic ones, e-mail them."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ioc.reports import access, builder, periods, render, xlsx
from ioc.reports.choices import ReportStatus, ScopeKind
from ioc.reports.document import from_dict, to_dict
from ioc.reports.models import Report

logger = logging.getLogger("ioc.reports")


class ReportRefused(PermissionDenied):
    """The user may not have this report; the message says why, in their language."""


def report_request(
    *, user, period: periods.Period, scope_kind: str, zone=None, enterprise=None, language: str
) -> Report:
    """Check the user may have the report, keep the request, and queue its generation after commit."""
    reason = access.refusal(
        user.effective_role, user.enterprise_id, scope_kind, getattr(enterprise, "pk", None)
    )
    if reason:
        raise ReportRefused(reason)
    report = Report(
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        scope_kind=scope_kind,
        zone=zone,
        enterprise=enterprise,
        language=language,
        requested_by=user,
    )
    report.full_clean()
    report.save()
    from ioc.reports.tasks import generate

    transaction.on_commit(lambda: generate.delay(report.pk))
    return report


def _progress(report_id: int):
    def note(done: int, total: int, title: str) -> None:
        # Sections take 90 %; the PDF and the workbook the rest.
        Report.objects.filter(pk=report_id).update(progress=int(90 * done / total), stage=title[:200])

    return note


def report_generate(report_id: int) -> Report | None:
    """Build the document and its files. Claimed with a conditional update, so two workers never
    build the same report; a failure is kept on the report with its reason."""
    claimed = Report.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
        status=ReportStatus.RUNNING, started_at=timezone.now(), progress=0, error=""
    )
    if not claimed:
        return None
    report = Report.objects.get(pk=report_id)
    try:
        document = builder.build(report.period, report.scope, report.language, progress=_progress(report_id))
        report.data = to_dict(document)
        stored = from_dict(report.data)  # the files render what the archive keeps, not the live objects
        Report.objects.filter(pk=report_id).update(stage="PDF")
        report.pdf.save(report.file_name("pdf"), ContentFile(render.pdf_bytes(stored)), save=False)
        report.xlsx.save(report.file_name("xlsx"), ContentFile(xlsx.workbook_bytes(stored)), save=False)
        report.status, report.progress, report.stage = ReportStatus.DONE, 100, ""
    except Exception as error:  # a report that fails says why on its page; the worker carries on
        logger.exception("report %s failed", report_id)
        report.status, report.error = ReportStatus.FAILED, f"{type(error).__name__}: {error}"[:2000]
    report.finished_at = timezone.now()
    report.save(update_fields=["data", "pdf", "xlsx", "status", "progress", "stage", "error", "finished_at"])
    return report


def _scheduled_languages(period: periods.Period) -> list[str]:
    from ioc.reports.models import ReportSubscription

    cadence = "monthly" if period.kind == periods.MONTH else "quarterly"
    wanted = set(ReportSubscription.objects.filter(**{cadence: True}).values_list("language", flat=True))
    return sorted(wanted | {settings.LANGUAGE_CODE})


def scheduled_report(period: periods.Period, language: str) -> Report:
    """The archive's scheduled park report of `period` in `language`, made once whoever asks first."""
    values = {
        "period_kind": period.kind,
        "period_start": period.start,
        "scope_kind": ScopeKind.PARK,
        "language": language,
        "scheduled": True,
    }
    try:
        with transaction.atomic():
            return Report.objects.get_or_create(**values, defaults={"period_end": period.end})[0]
    except IntegrityError:  # another beat got there between our look and our insert
        return Report.objects.get(**values)


def reports_schedule(now=None) -> list[Report]:
    """Make and e-mail the scheduled reports due by `now` (local time): last month's on the 1st, last
    quarter's on a quarter's first day. Safe to run any number of times."""
    now = timezone.localtime(now or timezone.now())
    due = periods.scheduled_due(
        now.date(),
        now.hour,
        from_hour=settings.REPORT_SCHEDULE_HOUR,
        catch_up_days=settings.REPORT_SCHEDULE_CATCH_UP_DAYS,
    )
    made = []
    for period in due:
        for language in _scheduled_languages(period):
            report = scheduled_report(period, language)
            if report.status == ReportStatus.QUEUED:
                report = report_generate(report.pk) or Report.objects.get(pk=report.pk)
            if report.status == ReportStatus.DONE:
                from ioc.reports.mail import report_email

                report_email(report)
            made.append(report)
    return made


def refuse_unless_allowed(user, report: Report) -> None:
    reason = access.refusal_for(user, report)
    if reason:
        raise ReportRefused(reason)


def period_from_input(kind: str, start, end, today) -> periods.Period:
    """A period from a form or the API, refused as a ValidationError naming the field."""
    try:
        return periods.make(kind, start=start, end=end, today=today, max_days=settings.REPORT_MAX_DAYS)
    except periods.PeriodError as error:
        raise ValidationError({error.field: error.message}) from None
