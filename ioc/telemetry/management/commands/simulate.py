"""`manage.py simulate`: every registered device sends realistic data (ioc.telemetry.simulator)."""

import contextlib
import re
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ioc.telemetry.simulator import runner, transport
from ioc.telemetry.simulator.event_sources import load_event_sources
from ioc.telemetry.simulator.fleet import load_fleet

UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def period(text: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([dhms]?)\s*", text.lower())
    if not match or float(match.group(1)) <= 0:
        raise CommandError(f"--backfill {text!r}: give a period such as 30d, 12h or 90m")
    return float(match.group(1)) * UNITS[match.group(2) or "d"]


class Command(BaseCommand):
    help = "Simulate the park's devices: fill history (--backfill 30d) and/or report live."

    def add_arguments(self, parser):
        parser.add_argument(
            "--speed", type=float, default=1.0,
            help="N× real time (default 1); a faster clock starts in the past and catches up with now",
        )  # fmt: skip
        parser.add_argument(
            "--backfill", metavar="PERIOD", help="fill history from now−PERIOD (30d, 12h, 90m)"
        )
        parser.add_argument("--devices", help="only these serials, comma-separated")
        parser.add_argument("--seed", type=int, default=1, help="same seed and start, same data")
        parser.add_argument("--once", action="store_true", help="one round of live readings, then exit")
        parser.add_argument("--duration", type=float, help="stop after this many seconds of wall time")
        parser.add_argument("--batch", type=int, default=10_000, help="readings per ingest call in backfill")
        parser.add_argument(
            "--no-events", action="store_true", help="readings only: no camera or gate events"
        )

    def handle(self, *args, speed, backfill, devices, seed, once, duration, batch, no_events, **options):
        if speed <= 0:
            raise CommandError("--speed must be positive")
        serials = [s.strip() for s in devices.split(",") if s.strip()] if devices else None
        fleet, notes = load_fleet(seed, serials)
        sources, event_notes = ([], []) if no_events else load_event_sources(seed, serials)
        if sources:  # a camera that only sends events is not a telemetry device "not simulated"
            notes = [n for n in notes if n.split(":")[0] not in {s.spec.serial for s in sources}]
        for note in notes + event_notes:
            self.stderr.write(note)
        if not (fleet or sources):
            raise CommandError("No device to simulate: load the demo park with `manage.py seed_park`.")
        channels = sum(len(d.channels) for d in fleet)
        self.stdout.write(
            f"Simulating {len(fleet)} devices, {channels} channels, events of {len(sources)} cameras and gates, "
            f"seed {seed}."
        )
        self.sources = sources
        with self._stop_on_signals():
            if backfill:
                self._backfill(fleet, period(backfill), seed, batch)
                if not (once or duration) or self.stopping:
                    return
            self._live(fleet, seed, speed, duration, once)

    @contextlib.contextmanager
    def _stop_on_signals(self):
        """Ctrl-C or SIGTERM end the run after the current batch or tick, which is then stored."""
        self.stopping = []
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        for sig in previous:
            signal.signal(sig, lambda signum, frame: self.stopping.append(signum))
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _backfill(self, fleet, span: float, seed: int, batch: int) -> None:
        end = time.time()
        oldest = end - settings.TELEMETRY_RAW_RETENTION_DAYS * 86400 + 3600
        if end - span < oldest:
            self.stderr.write("Raw readings are kept only so long: backfilling from the retention limit.")
        start = max(end - span, oldest)
        self.stdout.write(f"Backfilling {(end - start) / 86400:.2f} days in-process …")
        shown = [time.monotonic()]

        def progress(totals, until):
            if time.monotonic() - shown[0] >= 10:
                shown[0] = time.monotonic()
                done = (until - start) / (end - start)
                self.stdout.write(f"  {done:6.1%}  {totals.readings:,} readings, {totals.rate:,.0f}/s")
                self.stdout.flush()  # shown as it goes, even when the output is a file

        totals = runner.backfill(
            fleet, start, end, seed=seed, batch_readings=batch, progress=progress,
            should_stop=lambda: bool(self.stopping), sources=self.sources,
        )  # fmt: skip
        self.stdout.write(
            f"Backfill {'interrupted' if self.stopping else 'done'}: {totals.readings:,} readings in "
            f"{totals.messages:,} messages, {totals.accepted:,} stored, {totals.duplicate:,} duplicates, "
            f"{totals.rejected:,} refused, in {totals.seconds:.1f} s ({totals.rate:,.0f} readings/s)."
        )
        if self.sources:
            self.stdout.write(
                f"Events: {totals.events:,} sent, {totals.events_accepted:,} stored, "
                f"{totals.events_duplicate:,} duplicates, {totals.events_rejected:,} refused."
            )

    def _live(self, fleet, seed: int, speed: float, duration, once: bool) -> None:
        sink = transport.connect(settings.MQTT_URL, self.stdout)
        self.stdout.write(f"Live at {speed:g}× real time, {sink.description}. Ctrl-C stops.")
        try:
            totals = runner.run_live(
                fleet, sink, seed=seed, speed=speed, duration=duration, once=once,
                should_stop=lambda: bool(self.stopping), sources=self.sources, send_events=sink.events,
            )  # fmt: skip
        finally:
            sink.close()
        stored = f", {sink.totals.accepted:,} stored" if hasattr(sink, "totals") else ""
        self.stdout.write(
            f"Stopped: {totals.readings:,} readings in {totals.messages:,} messages{stored}; "
            f"{totals.events:,} events."
        )
