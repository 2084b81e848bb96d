"""Celery tasks of the reports: thin calls into the services."""

from celery import shared_task

from ioc.reports import services


@shared_task(name="reports.generate", ignore_result=True)
def generate(report_id: int) -> None:
    """Build a report asked for on demand (its progress is kept on the report as it goes)."""
    services.report_generate(report_id)


@shared_task(name="reports.scheduled", ignore_result=True)
def scheduled() -> None:
    """Last month's park report on the 1st, last quarter's on a quarter's first day, e-mailed once."""
    services.reports_schedule()
