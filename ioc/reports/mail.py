"""E-mail a scheduled report to the officials who subscribed, once.

The report is claimed by setting `emailed_at` with a conditional update before anything is sent, so
two runs never both send it; if sending fails the claim is given back for the next run. Mail goes
out outside any transaction.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ioc.park.choices import Role
from ioc.reports.document import from_dict
from ioc.reports.models import Report, ReportSubscription

logger = logging.getLogger("ioc.reports.mail")


def subscribers(report: Report) -> list[str]:
    cadence = "monthly" if report.period_kind == "month" else "quarterly"
    rows = ReportSubscription.objects.filter(
        **{cadence: True}, language=report.language, user__is_active=True
    )
    rows = rows.exclude(user__role=Role.ENTERPRISE, user__is_superuser=False).exclude(user__email="")
    return sorted({address.strip().lower() for address in rows.values_list("user__email", flat=True)})


def message_text(report: Report) -> tuple[str, str]:
    document = from_dict(report.data)
    with translation.override(report.language):
        subject = _("[%(park)s] %(title)s, %(period)s") % {
            "park": document.park,
            "title": document.title,
            "period": document.period_label,
        }
        link = settings.SITE_URL.rstrip("/") + reverse("reports:detail", args=[report.pk])
        lines = [
            _(
                "%(title)s of %(park)s for %(period)s is ready: the PDF is attached, the workbook and the "
                "archive are at %(link)s"
            )
            % {"title": document.title, "park": document.park, "period": document.period_label, "link": link},
            "",
        ]
        for section in document.sections:
            lines.append(f"{section.title}:")
            lines += [f"  • {line}" for line in section.summary] or [f"  • {section.no_data}"]
        lines += ["", _("You receive this because you subscribed to the park's scheduled reports.")]
    return subject, "\n".join(lines)


def report_email(report: Report) -> int:
    """Send the report to its subscribers unless it was sent already; return how many messages went."""
    claimed = Report.objects.filter(pk=report.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not claimed:
        return 0
    addresses = subscribers(report)
    subject, body = message_text(report)
    try:
        with get_connection() as connection:
            for address in addresses:
                mail = EmailMessage(subject, body, to=[address], connection=connection)
                if report.pdf:
                    with report.pdf.open("rb") as pdf:
                        mail.attach(report.file_name("pdf"), pdf.read(), "application/pdf")
                mail.send()
    except Exception:
        Report.objects.filter(pk=report.pk).update(emailed_at=None)
        logger.exception("report %s: e-mail failed, will try again", report.pk)
        raise
    return len(addresses)
