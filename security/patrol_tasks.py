"""The patrol sweep, run by Celery beat every minute (and after each scan)."""

from celery import shared_task

from security import patrols_services


@shared_task(name="security.patrol_sweep", ignore_result=True)
def patrol_sweep() -> dict:
    """Raise a warning for each missed patrol round; clear them once a later round is done."""
    return patrols_services.patrol_sweep()
