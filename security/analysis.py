"""What one camera's frame means: intrusion in a restricted region out of hours, vehicles across its line.

Thin over security.analytics: this module keeps each camera's state between frames (the MOG2 model, the
line counter's tracks, the current counting period) and decides which events a frame calls for. It
touches no database; security.frame_jobs records what it finds.

Where the state lives. MOG2's model cannot be serialised, and the line counter must see a camera's
frames in order, so a camera's frames must all be analysed in the same process. The dispatcher sends
them to one queue, `security.frames`, read by one worker process with a thread pool (run_ioc's
"frames" child, docker-compose's `frames` service): one copy of each camera's state (about 12 MB of
MOG2 model at 640 px), any free thread takes the next frame, OpenCV releases the GIL so both cores
work, and the per-camera lock keeps two threads off one camera's state. A restart costs each camera
WARMUP_FRAMES frames of warm-up and the counts of the unfinished minute. Several frames processes
(another machine) would each need their own share of the cameras: not needed for the park's 50.
"""

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from security.analytics import counting, motion, people
from security.analytics.regions import CountingLine, Region, validate_line

# One vehicle_count event per direction per camera per minute that saw crossings: the traffic figures
# (15-minute volumes) add these up, and a busy road does not write an event per vehicle.
COUNT_PERIOD_S = 60
# Sensitivity 0 asks for 10 % of a region to change, 1 for 0.1 %, on a log scale (a person far away
# changes a small share, a truck close by a large one): 0.5, the default, asks for 1 %.
_SHARE_AT_ZERO, _SHARE_RANGE = 0.1, 0.01
# A state not used for this long belongs to a camera that was switched off or deleted.
IDLE_S = 3600


def min_share(sensitivity: float) -> float:
    """The changed share of a region that counts as movement, for a sensitivity of 0–1.

    >>> min_share(0), round(min_share(0.5), 4), round(min_share(1), 4)
    (0.1, 0.01, 0.001)
    """
    sensitivity = min(1.0, max(0.0, sensitivity))
    return _SHARE_AT_ZERO * _SHARE_RANGE**sensitivity


@dataclass(frozen=True)
class Setup:
    """What the analysis reads of a camera's settings."""

    regions: tuple[Region, ...]
    restricted: frozenset[str]
    line: CountingLine | None
    sensitivity: float
    detect_people: bool

    @classmethod
    def of(cls, camera) -> "Setup":
        line = validate_line(camera.counting_line) if camera.counting_line else None
        return cls(tuple(camera.parsed_regions()), frozenset(camera.restricted_regions()), line,
                   camera.sensitivity, camera.detect_people)  # fmt: skip


@dataclass
class CameraState:
    setup: Setup
    background: motion.MotionState = field(default_factory=motion.new_motion_state)
    counter: counting.LineCounter | None = None
    period_start: float | None = None
    period_counts: dict[str, int] = field(default_factory=lambda: {"in": 0, "out": 0})
    used_at: float = field(default_factory=time.monotonic)

    def __post_init__(self):
        if self.setup.line is not None and self.counter is None:
            self.counter = counting.LineCounter(self.setup.line)


@dataclass
class Findings:
    moving: set[str] = field(default_factory=set)  # regions with movement
    intrusion: dict | None = None  # the intrusion event's details, when the frame calls for one
    crossings: list[str] = field(default_factory=list)
    # Closed counting periods: (period start, direction, vehicles), one vehicle_count event each.
    counts: list[tuple[datetime, str, int]] = field(default_factory=list)


def _close_period(state: CameraState, at: float) -> list[tuple[datetime, str, int]]:
    """The counts of the period before `at`'s, if it has ended; `at`'s period becomes the current one."""
    start = at - at % COUNT_PERIOD_S
    closed = []
    if state.period_start is not None and start > state.period_start:
        began = datetime.fromtimestamp(state.period_start, UTC)
        closed = [(began, direction, n) for direction, n in state.period_counts.items() if n]
        state.period_counts = {"in": 0, "out": 0}
    if state.period_start is None or start > state.period_start:
        state.period_start = start
    return closed


def _intrusion(frame: np.ndarray, setup: Setup, suspect: set[str], shares: dict[str, float]) -> dict | None:
    if not setup.detect_people:
        region = max(suspect, key=lambda name: (shares[name], name))
        return {"rule": "region_entry", "region": region, "object": "unknown"}
    # Movement alone wakes the detector: HOG costs ten times the motion step, and most frames are still.
    boxes = people.detect_people(frame)
    regions = [r for r in setup.regions if r.name in suspect]
    found = {r.name: [b for b in boxes if r.contains(b.feet)] for r in regions}
    found = {name: hits for name, hits in found.items() if hits}
    if not found:
        return None
    region = max(found, key=lambda name: (max(b.weight for b in found[name]), name))
    # HOG's score is an SVM margin: 1 and above is a clear detection, so it caps at 1.
    best = max(b.weight for b in found[region])
    return {
        "rule": "region_entry",
        "region": region,
        "object": "person",
        "confidence": round(min(1.0, best), 2),
    }


def analyse(state: CameraState, frame: np.ndarray, at: float, restricted_now: bool) -> Findings:
    """One frame taken at `at` (epoch seconds); `restricted_now` says whether it is in restricted hours."""
    setup = state.setup
    findings = Findings(counts=_close_period(state, at))
    fg = motion.foreground(state.background, frame)
    if fg is None:  # warming up: everything looks new
        return findings
    shares = motion.motion_shares(state.background, fg, list(setup.regions))
    findings.moving = {name for name, share in shares.items() if share >= min_share(setup.sensitivity)}
    suspect = findings.moving & setup.restricted if restricted_now else set()
    if suspect:
        findings.intrusion = _intrusion(frame, setup, suspect, shares)
    if state.counter is not None:
        findings.crossings = counting.update(state.counter, counting.blob_centroids(fg))
        for direction in findings.crossings:
            state.period_counts[direction] += 1
    return findings


class States:
    """This process's camera states; a camera's new settings start a new state (and a new warm-up)."""

    def __init__(self):
        self._states: dict[int, CameraState] = {}
        self._lock = threading.Lock()

    def get(self, camera_id: int, setup: Setup) -> CameraState:
        with self._lock:
            state = self._states.get(camera_id)
            if state is None or state.setup != setup:
                state = self._states[camera_id] = CameraState(setup)
            state.used_at = time.monotonic()
            idle = time.monotonic() - IDLE_S
            for other in [k for k, s in self._states.items() if s.used_at < idle]:
                del self._states[other]
            return state

    def forget(self, camera_id: int | None = None) -> None:
        with self._lock:
            if camera_id is None:
                self._states.clear()
            else:
                self._states.pop(camera_id, None)


states = States()
