"""Sending notifications: e-mail to the people who chose it, signed webhooks with retries."""

import hashlib
import hmac
import json
import logging
import urllib.request
import uuid

from celery import shared_task
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from ioc.alerts import recipients, services
from ioc.alerts.choices import Severity
from ioc.alerts.models import Alarm, NotificationPreference, Webhook, WebhookDelivery
from ioc.park.choices import Role
from ioc.park.models import User

logger = logging.getLogger("ioc.alerts.tasks")
WEBHOOK_TIMEOUT_S = 10
WEBHOOK_MAX_ATTEMPTS = 8


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _audience(alarm: Alarm):
    enterprise = alarm.device.enterprise_id if alarm.device else None
    query = Q(role__in=recipients.STAFF_ROLES) | Q(is_superuser=True)
    if enterprise:
        query |= Q(role=Role.ENTERPRISE, enterprise_id=enterprise)
    return User.objects.filter(query, is_active=True).exclude(email="")


@shared_task(name="alerts.send_alarm_notifications")
def send_alarm_notifications(alarm_id: int, change: str) -> dict:
    if change not in recipients.NOTIFIED_CHANGES:
        return {"emails": 0, "webhooks": 0}
    alarm = Alarm.objects.select_related("rule", "device").get(pk=alarm_id)
    now = timezone.localtime().time()
    preferences = {p.user_id: p for p in NotificationPreference.objects.all()}
    emails = []
    for user in _audience(alarm):
        pref = preferences.get(user.pk) or NotificationPreference(user=user)
        quiet = recipients.in_quiet_hours(now, pref.quiet_from, pref.quiet_to)
        if pref.by_email and recipients.wants(
            severity=alarm.severity, domain=alarm.rule.domain, min_severity=pref.min_severity,
            domains=pref.domains, quiet=quiet, critical=Severity.CRITICAL,
        ):  # fmt: skip
            emails.append(user.email)
    if emails:
        subject = f"[IOC Đại An] {alarm.get_severity_display()}: {alarm.message}"[:200]
        send_mail(subject, f"{alarm.message}\n{change} · {alarm.last_at:%Y-%m-%d %H:%M} UTC", None, emails)
    hooks = 0
    for webhook in Webhook.objects.filter(active=True, min_severity__lte=alarm.severity):
        if webhook.domains and alarm.rule.domain not in webhook.domains:
            continue
        delivery = WebhookDelivery.objects.create(
            webhook=webhook, event_id=uuid.uuid4().hex,
            payload={"event": f"alarm.{change}", "alarm": _alarm_json(alarm)},
        )  # fmt: skip
        deliver_webhook.delay(delivery.pk)
        hooks += 1
    return {"emails": len(emails), "webhooks": hooks}


def _alarm_json(alarm: Alarm) -> dict:
    from ioc.alerts.notify import alarm_payload

    return alarm_payload(alarm)


@shared_task(name="alerts.deliver_webhook")
def deliver_webhook(delivery_id: int) -> bool:
    """One attempt; a failure schedules the next one with exponential backoff, up to the limit.

    Each attempt is its own task (not a Celery retry) so a worker restart between attempts loses
    nothing and the delivery row alone says where things stand.
    """
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)
    if delivery.delivered_at or delivery.failed_at:
        return bool(delivery.delivered_at)
    body = json.dumps({"id": delivery.event_id, **delivery.payload}, ensure_ascii=False).encode()
    request = urllib.request.Request(  # noqa: S310 (a URL park managers configured)
        delivery.webhook.url, data=body, method="POST",
        headers={"Content-Type": "application/json", "X-IOC-Event": delivery.event_id,
                 "X-IOC-Signature": signature(delivery.webhook.secret, body)},
    )  # fmt: skip
    attempts = delivery.attempts + 1
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_S) as response:  # noqa: S310 (URL set by managers)
            response.read()
    except Exception as error:
        gave_up = attempts >= WEBHOOK_MAX_ATTEMPTS
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            attempts=attempts, last_error=str(error)[:1000], failed_at=timezone.now() if gave_up else None
        )
        if not gave_up:
            deliver_webhook.apply_async((delivery.pk,), countdown=min(5 * 2 ** (attempts - 1), 3600))
        return False
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        attempts=attempts, delivered_at=timezone.now(), last_error=""
    )
    return True


@shared_task(name="alerts.escalate_and_remind")
def escalate_and_remind() -> dict:
    return {"escalated": services.alarms_escalate_due(), "reminded": services.alarms_remind_due()}
