"""Motion in configured regions by background subtraction (MOG2), state kept between frames.

A worker keeps one MotionState per camera; frames arrive every few seconds from snapshots, so the
model must learn from few frames and forget lighting changes within minutes.
"""

from dataclasses import dataclass, field

import cv2
import numpy as np

from .frames import fit_within, to_gray
from .regions import Region, region_mask

# Until the model has seen this many frames everything looks new: reporting it would raise an alarm
# every time a worker restarts.
WARMUP_FRAMES = 5
# At one frame per 5 s, 100 frames forget a lighting change (a cloud, floodlights) in about 8 minutes.
HISTORY = 100
# Squared Mahalanobis distance above which a pixel is foreground: OpenCV's default, above JPEG and
# sensor noise, below a vehicle's or a person's contrast on asphalt or concrete.
VAR_THRESHOLD = 16
_OPEN = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))


@dataclass
class MotionState:
    subtractor: cv2.BackgroundSubtractor
    warmup: int = WARMUP_FRAMES
    frames_seen: int = 0
    size: tuple[int, int] | None = None
    masks: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def warm(self) -> bool:
        return self.frames_seen > self.warmup


def new_motion_state(warmup: int = WARMUP_FRAMES, history: int = HISTORY) -> MotionState:
    # Shadows off: a shadow is not an intruder, and detecting them doubles the cost.
    subtractor = cv2.createBackgroundSubtractorMOG2(
        history=history, varThreshold=VAR_THRESHOLD, detectShadows=False
    )
    return MotionState(subtractor=subtractor, warmup=warmup)


def foreground(state: MotionState, frame: np.ndarray) -> np.ndarray | None:
    """The foreground mask (255 = changed) of a bounded-size frame, or None while warming up.

    A camera whose resolution changes gets a fresh model: the old one describes other pixels.
    """
    gray = to_gray(fit_within(frame))
    size = (gray.shape[1], gray.shape[0])
    if state.size != size:
        fresh = new_motion_state(state.warmup, state.subtractor.getHistory())
        state.subtractor, state.frames_seen, state.size, state.masks = fresh.subtractor, 0, size, {}
    mask = state.subtractor.apply(gray)
    state.frames_seen += 1
    if not state.warm:
        return None
    # Opening drops isolated noisy pixels that would otherwise add up in a large region.
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, _OPEN)


def motion_shares(state: MotionState, fg: np.ndarray, regions: list[Region]) -> dict[str, float]:
    """The share (0–1) of each region's pixels that changed."""
    height, width = fg.shape
    shares = {}
    for region in regions:
        key = f"{region.name}:{region.points}"
        if key not in state.masks:  # masks cost a fillPoly each; regions change rarely
            state.masks[key] = region_mask(region, width, height)
        mask = state.masks[key]
        area = cv2.countNonZero(mask)
        changed = cv2.countNonZero(cv2.bitwise_and(fg, mask))
        shares[region.name] = changed / area if area else 0.0
    return shares


def regions_with_motion(
    state: MotionState, frame: np.ndarray, regions: list[Region], sensitivity: float
) -> set[str]:
    """Names of the regions whose changed share reaches the sensitivity (the minimum share, 0–1).

    Nothing is reported while the model warms up.
    """
    fg = foreground(state, frame)
    if fg is None:
        return set()
    shares = motion_shares(state, fg, regions)
    return {name for name, share in shares.items() if share >= sensitivity}
