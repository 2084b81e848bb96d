"""Park IOC core: settings, the park registry, telemetry, alerts, dashboard and reports."""

from ioc.celery import app as celery_app

__all__ = ("celery_app",)
