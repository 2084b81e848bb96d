"""What both benchmark scripts print and how they stop (standard library only: safe before Django)."""

import signal
import sys
from datetime import datetime


def step(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def stop_on_signals() -> None:
    """SIGINT and SIGTERM both unwind through the scripts' finally blocks, which stop every process."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _interrupt)
