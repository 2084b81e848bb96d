"""`manage.py run_periodic`: the Celery beat schedule run in-process, for the embedded mode.

Without a broker there is no worker to send tasks to, so each due task is simply called here.
With REDIS_URL set, `celery beat` and a worker do this instead.
"""

import logging
import signal
import threading

from celery import current_app
from celery.schedules import maybe_schedule
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

logger = logging.getLogger("ioc.periodic")


class Command(BaseCommand):
    help = "Run the periodic tasks of CELERY_BEAT_SCHEDULE in this process (embedded mode)."

    def handle(self, *args, **options):
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *a: stop.set())
        signal.signal(signal.SIGINT, lambda *a: stop.set())
        self.stdout.write(f"Periodic tasks in-process: {', '.join(sorted(settings.CELERY_BEAT_SCHEDULE))}")
        run_schedule(stop)


def run_schedule(stop: threading.Event) -> None:
    """Call each task of CELERY_BEAT_SCHEDULE when due, until `stop` is set."""
    current_app.loader.import_default_modules()  # the apps' tasks modules
    entries = {
        name: (spec["task"], maybe_schedule(spec["schedule"]))
        for name, spec in settings.CELERY_BEAT_SCHEDULE.items()
    }
    last_run = dict.fromkeys(entries)
    while not stop.is_set():
        wait = 60.0
        for name, (task, schedule) in entries.items():
            due, next_in = (True, 0.0) if last_run[name] is None else schedule.is_due(last_run[name])
            if due:
                last_run[name] = timezone.now()
                try:
                    current_app.tasks[task].apply(throw=True)
                except Exception:
                    logger.exception("periodic task %s failed", task)
                next_in = schedule.remaining_estimate(last_run[name]).total_seconds()
            wait = min(wait, max(next_in, 1.0))
        stop.wait(wait)
