"""Bounding a frame's size, so one analysis step costs a bounded time whatever the camera sends."""

import cv2
import numpy as np

# 640 px keeps a 1080p or 4K snapshot near the cost of a VGA one; people and vehicles in the park's
# views stay well above the detectors' minimum size at this scale.
MAX_SIDE = 640


def fit_within(frame: np.ndarray, max_side: int = MAX_SIDE) -> np.ndarray:
    """The frame, shrunk (never enlarged) so its longest side is at most max_side.

    Regions and results are in normalised coordinates, so callers need not know the scale.
    """
    height, width = frame.shape[:2]
    longest = max(height, width)
    if longest <= max_side:
        return frame
    scale = max_side / longest
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # INTER_AREA averages the pixels it drops, so downscaling does not alias textures into "motion".
    return cv2.resize(frame, size, interpolation=cv2.INTER_AREA)


def to_gray(frame: np.ndarray) -> np.ndarray:
    """Grey frame: colour adds cost but little to motion and blob analysis."""
    return frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
