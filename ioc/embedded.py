"""Embedded mode: the periodic tasks and the demo simulator run as threads of the web process.

With the in-memory channel layer, only code in the web process can reach the pages' websockets,
so what would be separate processes in production (beat + worker, the simulator) lives here.
`run_ioc` asks for it with IOC_IN_PROCESS=1; nothing starts otherwise.
"""

import logging
import os
import threading
import time

from django.db import close_old_connections

logger = logging.getLogger("ioc.embedded")
BACKFILL_WHEN_EMPTY_S = 24 * 3600
_started = threading.Event()
stop = threading.Event()


def start() -> None:
    if _started.is_set() or os.environ.get("IOC_IN_PROCESS") != "1":
        return
    _started.set()
    threading.Thread(target=_periodic, name="ioc-periodic", daemon=True).start()
    if os.environ.get("IOC_SIMULATE", "1") == "1":
        threading.Thread(target=_simulate, name="ioc-simulator", daemon=True).start()


def _periodic() -> None:
    from ioc.management.commands.run_periodic import run_schedule

    try:
        run_schedule(stop)
    finally:
        close_old_connections()


def _simulate() -> None:
    from ioc.telemetry.models import LatestValue
    from ioc.telemetry.simulator import runner, transport
    from ioc.telemetry.simulator.event_sources import load_event_sources
    from ioc.telemetry.simulator.fleet import load_fleet

    try:
        fleet, _notes = load_fleet(1)
        sources, _notes = load_event_sources(1)
        if not fleet:
            return
        if not LatestValue.objects.exists():  # a first start: a day of history, so charts have something
            end = time.time()
            runner.backfill(
                fleet, end - BACKFILL_WHEN_EMPTY_S, end, seed=1, should_stop=stop.is_set, sources=sources
            )
        sink = transport.InProcess()
        runner.run_live(fleet, sink, seed=1, speed=1.0, duration=None, once=False, should_stop=stop.is_set,
                        sources=sources, send_events=sink.events)  # fmt: skip
    except Exception:
        logger.exception("the in-process simulator stopped")
    finally:
        close_old_connections()
