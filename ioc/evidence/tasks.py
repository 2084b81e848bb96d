"""Periodic upkeep of the kept images."""

from celery import shared_task

from ioc.evidence.retention import purge_expired_images


@shared_task(name="evidence.purge_expired")
def purge_expired() -> int:
    return purge_expired_images()
