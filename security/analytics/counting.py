"""Counting crossings of a counting line with deliberately simple blob tracking.

Snapshot cameras give a frame every few seconds and low-cost workers must handle 50 of them, so:
centroids of foreground blobs, nearest-neighbour association frame to frame with a maximum jump, and
a crossing when a track moves from one side of the line segment to the other. A dead band either side
of the line (hysteresis) keeps an object moving along the line, whose centroid wobbles, from counting.
"""

from dataclasses import dataclass, field
from itertools import count

import cv2
import numpy as np

from .regions import CountingLine, Point

# Blobs smaller than this share of the frame are noise, leaves or birds, not vehicles.
MIN_BLOB_SHARE = 0.002
# A vehicle's fragments (windscreen, body, shadow) within a few pixels belong together.
_CLOSE = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))


@dataclass
class Track:
    id: int
    centroid: Point
    side: int = 0  # the last side (+1 "in", -1 "out") seen outside the dead band; 0 before that
    missed: int = 0


@dataclass
class LineCounter:
    """Tracks and counts for one camera's counting line, kept between frames by the worker.

    max_jump is the longest step (normalised) one object may make between two frames; max_missed how
    many frames a track survives without a blob (an object hidden behind another for a moment);
    dead_band the distance (normalised) from the line within which a centroid's side is not trusted.
    """

    line: CountingLine
    max_jump: float = 0.25
    max_missed: int = 2
    dead_band: float = 0.02
    tracks: list[Track] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"in": 0, "out": 0})
    _ids: count = field(default_factory=count)


def blob_centroids(fg: np.ndarray, min_share: float = MIN_BLOB_SHARE) -> list[Point]:
    """Normalised centroids of the foreground blobs large enough to be an object."""
    height, width = fg.shape
    merged = cv2.morphologyEx(fg, cv2.MORPH_CLOSE, _CLOSE)
    n, _labels, stats, centroids = cv2.connectedComponentsWithStats(merged, connectivity=8)
    min_area = min_share * width * height
    # Label 0 is the background.
    return [
        (float(centroids[i][0]) / width, float(centroids[i][1]) / height)
        for i in range(1, n)
        if stats[i, cv2.CC_STAT_AREA] >= min_area
    ]


def _distance(a: Point, b: Point) -> float:
    return float(np.hypot(a[0] - b[0], a[1] - b[1]))


def associate(tracks: list[Track], centroids: list[Point], max_jump: float) -> list[tuple[int, int]]:
    """(track index, centroid index) pairs, closest first, each used once, none longer than max_jump.

    Greedy closest-first is optimal enough for the few objects a park camera sees at once.
    """
    pairs = sorted(
        (_distance(track.centroid, c), t, i)
        for t, track in enumerate(tracks)
        for i, c in enumerate(centroids)
        if _distance(track.centroid, c) <= max_jump
    )
    used_tracks, used_centroids, matches = set(), set(), []
    for _d, t, i in pairs:
        if t not in used_tracks and i not in used_centroids:
            used_tracks.add(t)
            used_centroids.add(i)
            matches.append((t, i))
    return matches


def side_of(line: CountingLine, point: Point, dead_band: float) -> int:
    """+1 on the "in" side, -1 on the "out" side, 0 within the dead band or beyond the segment's ends."""
    (ax, ay), (bx, by) = line.start, line.end
    length = float(np.hypot(bx - ax, by - ay))
    along = ((point[0] - ax) * (bx - ax) + (point[1] - ay) * (by - ay)) / length**2
    if not 0.0 <= along <= 1.0:  # past the line's ends: traffic in the next lane, not this road
        return 0
    distance = line.side(point) / length
    if abs(distance) < dead_band:
        return 0
    return 1 if distance > 0 else -1


def update(counter: LineCounter, centroids: list[Point]) -> list[str]:
    """Advance the tracks by one frame's centroids; the crossings made in this frame."""
    matches = associate(counter.tracks, centroids, counter.max_jump)
    crossings = []
    for t, i in matches:
        track = counter.tracks[t]
        side = side_of(counter.line, centroids[i], counter.dead_band)
        if side and track.side and side != track.side:
            direction = "in" if side > 0 else "out"
            counter.counts[direction] += 1
            crossings.append(direction)
        track.centroid, track.missed = centroids[i], -1
        track.side = side or track.side
    for track in counter.tracks:
        track.missed += 1
    counter.tracks = [track for track in counter.tracks if track.missed <= counter.max_missed]
    matched = {i for _t, i in matches}
    # A new track knows its side at once: with a frame every few seconds a vehicle is often seen once
    # before the line and next past it, and that crossing must count.
    counter.tracks += [
        Track(next(counter._ids), c, side_of(counter.line, c, counter.dead_band))
        for i, c in enumerate(centroids)
        if i not in matched
    ]
    return crossings
