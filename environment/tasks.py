"""Periodic work of the environment app: files to the Department (Circular 10/2021/TT-BTNMT)."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from environment.transmission import transmissions_produce, transmissions_send

# One sender at a time: two would race to upload the same file. The lock outlives a stuck worker
# by at most this long.
SEND_LOCK = "environment:transmit:lock"
SEND_LOCK_S = 600


@shared_task(name="environment.transmit")
def transmit() -> dict:
    """Make the files of the periods just closed, then send what is due, in order."""
    made = transmissions_produce(now=timezone.now())
    if not cache.add(SEND_LOCK, "1", SEND_LOCK_S):
        return {"made": made, "skipped": "another sender is running"}
    try:
        return {"made": made, **transmissions_send(now=timezone.now())}
    finally:
        cache.delete(SEND_LOCK)
