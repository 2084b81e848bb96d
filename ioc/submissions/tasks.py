"""The daily reminder run; the work is in reminders.py."""

from celery import shared_task
from django.utils import timezone

from ioc.submissions.reminders import send_due_reminders


@shared_task(name="submissions.remind")
def remind() -> int:
    return send_due_reminders(timezone.localdate())
