"""When each camera is due a frame, when it counts as offline, and its measured frame rate.

Plain functions of numbers (epoch seconds), so the dispatcher's decisions have worked examples.
"""

import math

# A camera is offline once this many grab intervals pass without a good frame (failed grabs, or
# grabs no worker answered), and online again with its next good frame.
MISSED_INTERVALS_OFFLINE = 3
DISPATCH_BEAT_S = 1.0  # how often beat runs the dispatcher (CELERY_BEAT_SCHEDULE)
# Golden-ratio steps spread the cameras' start times evenly over an interval whatever their ids, so
# 50 cameras on a 5 s interval ask for 10 frames each second instead of 50 every fifth second.
_PHASE_STEP = (math.sqrt(5) - 1) / 2
# How much a new frame interval moves the smoothed one: about the last four frames count.
_SMOOTHING = 0.25


def phase(camera_id: int, interval: float) -> float:
    """Seconds into each interval at which this camera's frame is due."""
    return (camera_id * _PHASE_STEP) % 1.0 * interval


def slot(camera_id: int, interval: float, now: float) -> int:
    """The number of the camera's interval that `now` falls in; a new number means a frame is due."""
    return math.floor((now - phase(camera_id, interval)) / interval)


def slot_time(camera_id: int, interval: float, number: int) -> float:
    """When slot `number` begins: the time its frame is scheduled for."""
    return number * interval + phase(camera_id, interval)


def offline_cutoff(interval: float, now: float) -> float:
    """A camera whose last good frame is older than this (epoch) has missed its intervals.

    The dispatcher looks once a beat (a second), so it counts one beat early rather than one late:
    a camera that stops answering right after a good frame is then offline within 3 intervals.

    >>> offline_cutoff(5, 1000.0)  # 3 × 5 s less the 1 s beat
    986.0
    """
    return now - (MISSED_INTERVALS_OFFLINE * interval - DISPATCH_BEAT_S)


def overdue(last_frame_at: float | None, interval: float, now: float) -> bool:
    """Whether a camera that had a good frame at `last_frame_at` has now missed enough intervals."""
    return last_frame_at is not None and last_frame_at <= offline_cutoff(interval, now)


def frames_per_minute(previous_rate: float | None, previous_at: float | None, at: float) -> float | None:
    """The smoothed frame rate after a frame at `at`; None until two frames have been seen.

    Smoothing the interval (not the rate) keeps one late frame from swinging the figure. For a camera
    back from an outage the caller passes no previous rate, so the outage is not averaged in.

    >>> frames_per_minute(None, 100.0, 105.0)
    12.0
    >>> round(frames_per_minute(12.0, 105.0, 115.0), 2)  # one 10 s gap in a steady 5 s rhythm
    9.6
    """
    if previous_at is None or at <= previous_at:
        return previous_rate
    gap = at - previous_at
    if not previous_rate:
        return 60.0 / gap
    smoothed = (1 - _SMOOTHING) * (60.0 / previous_rate) + _SMOOTHING * gap
    return 60.0 / smoothed
