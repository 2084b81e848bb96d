"""manage.py seed_park: load the demo Đại An park (idempotent; `make run` runs it on every start)."""

import time

from django.core.management.base import BaseCommand

from ioc.park.demo.load import load_demo_park
from ioc.registry import registry


class Command(BaseCommand):
    help = "Load the demo Đại An industrial park: zones, lots, enterprises, devices and demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Also bring existing demo rows back to the demo's values (names, lots, roles…).",
        )

    def handle(self, *args, reset, **options):
        started = time.monotonic()
        report = load_demo_park(reset=reset)
        for key, load in sorted(registry.demo_loaders.items()):
            for line in load(reset=reset):
                self.stdout.write(f"  {key}: {line}")
        elapsed = time.monotonic() - started
        # One line per model when something changed (or with -v 2); one summary line otherwise.
        if report.created or report.updated or options["verbosity"] >= 2:
            for name, counts in report.counts.items():
                self.stdout.write(f"  {name:<12} {counts}")
        for note in report.notes:
            self.stdout.write(self.style.WARNING(f"  note: {note}"))
        summary = f"Demo park Đại An: {report.created} created, {report.updated} updated in {elapsed:.1f} s."
        self.stdout.write(self.style.SUCCESS(summary))
