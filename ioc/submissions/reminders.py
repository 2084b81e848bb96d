"""E-mail reminders of reports: a few days before the deadline, and once the day after it if missing.

Each (enterprise, kind, period, stage) is claimed by inserting its Reminder row before sending, so
two runs (a restart, two beat processes) never send the same reminder twice; a failed send gives
the claim back so the next run tries again. Mail goes out outside any transaction.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ioc.park.choices import Role
from ioc.park.models import Contact, Enterprise, User
from ioc.registry import registry
from ioc.submissions.deadlines import AFTER, BEFORE, DUE_SOON, MISSING, reminders_owed, standing
from ioc.submissions.kinds import SubmissionKind, deadline
from ioc.submissions.models import Reminder
from ioc.submissions.selectors import expected_enterprises, first_sent_on

logger = logging.getLogger("ioc.submissions.reminders")
WAITING = {BEFORE: DUE_SOON, AFTER: MISSING}  # who a stage's reminder is for


def period_label(kind: SubmissionKind, period: date) -> str:
    return f"{period:%m/%Y}" if kind.cadence == "monthly" else f"{period:%Y}"


def recipients(enterprise_id: int) -> list[str]:
    """The enterprise's active users and its contacts, each address once."""
    users = User.objects.filter(
        enterprise_id=enterprise_id, role=Role.ENTERPRISE, is_active=True
    ).values_list("email", flat=True)
    contacts = Contact.objects.filter(enterprise_id=enterprise_id).values_list("email", flat=True)
    return sorted({address.strip().lower() for address in [*users, *contacts] if address.strip()})


def message(kind: SubmissionKind, period: date, stage: str, enterprise: Enterprise) -> tuple[str, str]:
    """Subject and body, Vietnamese first then English: the park keeps no language per recipient."""
    parts, subject = [], ""
    for language in ("vi", "en"):
        with translation.override(language):
            values = {"kind": kind.title, "period": period_label(kind, period), "enterprise": enterprise.name,
                      "due": date_format(deadline(kind, period), "SHORT_DATE_FORMAT")}  # fmt: skip
            if stage == BEFORE:
                text = _("Reminder: %(kind)s for %(period)s is due on %(due)s") % values
                body = (
                    _(
                        "%(enterprise)s: the %(kind)s for %(period)s is due on %(due)s. Please submit it in the "
                        "enterprise portal or through the API."
                    )
                    % values
                )
            else:
                text = _("Missing: %(kind)s for %(period)s was due on %(due)s") % values
                body = (
                    _(
                        "%(enterprise)s: the %(kind)s for %(period)s was due on %(due)s and has not been received. "
                        "Please submit it as soon as possible."
                    )
                    % values
                )
            subject = subject or text
            parts.append(body)
    return f"[IOC Đại An] {subject}"[:200], "\n\n".join(parts)


def send_due_reminders(today: date) -> int:
    """Every reminder owed today; returns how many e-mails went out."""
    sent = 0
    expected = expected_enterprises()
    for kind in sorted(registry.submission_kinds.values(), key=lambda k: k.key):
        for period, stage in reminders_owed(kind, today, settings.SUBMISSION_REMINDER_DAYS):
            rows = standing(kind, period, expected, first_sent_on(kind.key, period), today,
                            settings.SUBMISSION_REMINDER_DAYS)  # fmt: skip
            for row in rows:
                if row.state == WAITING[stage] and _remind(kind, period, stage, row.enterprise_id):
                    sent += 1
    return sent


def _remind(kind: SubmissionKind, period: date, stage: str, enterprise_id: int) -> bool:
    addresses = recipients(enterprise_id)
    if not addresses:
        logger.warning("No address to remind enterprise %s of %s %s", enterprise_id, kind.key, period)
        return False
    try:
        with transaction.atomic():
            claim = Reminder.objects.create(
                enterprise_id=enterprise_id, kind=kind.key, period=period, stage=stage, recipients=addresses
            )
    except IntegrityError:
        return False  # already sent
    subject, body = message(kind, period, stage, Enterprise.objects.get(pk=enterprise_id))
    try:
        send_mail(subject, body, None, addresses)
    except Exception:
        claim.delete()
        raise
    return True
