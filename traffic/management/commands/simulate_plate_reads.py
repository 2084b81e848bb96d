"""Send the demo gates' simulated plate reads: the last hours at once, then (with --live) as they fall due."""

import time
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from traffic import demo


class Command(BaseCommand):
    help = "Send simulated plate reads for the demo gates through the device event pipeline."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=float, default=6.0, help="backfill this many hours first (default 6)"
        )
        parser.add_argument("--live", action="store_true", help="then keep sending reads as their time comes")
        parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED)

    def handle(self, *args, hours, live, seed, **options):
        started = time.perf_counter()
        sent = demo.backfill(hours=hours, seed=seed)
        self.stdout.write(
            f"{sent} plate reads sent for the last {hours:g} h in {time.perf_counter() - started:.1f} s"
        )
        last = timezone.now()
        while live:
            time.sleep(5)
            now = timezone.now()
            sent = demo.send_reads(r for r in _due(last, now, seed))
            if sent:
                self.stdout.write(f"{now:%H:%M:%S} {sent} plate reads")
            last = now


def _due(since: datetime, until: datetime, seed: int):
    local = timezone.localtime(until)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    days = [start - timedelta(days=1), start] if timezone.localtime(since) < start else [start]
    for day in days:
        yield from (r for r in demo.simulated_reads(day, seed) if since < r.at <= until)
