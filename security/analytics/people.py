"""People in restricted regions with OpenCV's bundled HOG people detector (nothing downloaded).

HOG is slow on big frames (it scans every scale), so frames are bounded first: a frame costs about
the same whatever the camera's resolution.
"""

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np

from .frames import MAX_SIDE, fit_within
from .regions import Region

# The default detector's window is 64×128 px: a person must be about that tall after downscaling.
# Below this SVM score a HOG hit is more often a fence post or a shadow than a person.
MIN_WEIGHT = 0.3


@dataclass(frozen=True)
class Box:
    """A detection in normalised coordinates: left, top, width, height, and the detector's score."""

    x: float
    y: float
    w: float
    h: float
    weight: float

    @property
    def feet(self) -> tuple[float, float]:
        # A person is in a zone where they stand: a head leaning over a fence line is not inside.
        return (self.x + self.w / 2, self.y + self.h)


@cache
def _detector() -> cv2.HOGDescriptor:
    """One detector per worker process: building the SVM is cheap but not free."""
    hog = cv2.HOGDescriptor()
    hog.setSVMDetector(cv2.HOGDescriptor_getDefaultPeopleDetector())
    return hog


def detect_people(frame: np.ndarray, max_side: int = MAX_SIDE, min_weight: float = MIN_WEIGHT) -> list[Box]:
    """People boxes in a frame, downscaled first so that the cost is bounded."""
    small = fit_within(frame, max_side)
    height, width = small.shape[:2]
    if height < 128 or width < 64:  # smaller than the detector's window: nobody can be found
        return []
    # A stride of 8 px and a 1.05 scale step are OpenCV's usual trade-off of recall against time.
    rects, weights = _detector().detectMultiScale(small, winStride=(8, 8), padding=(8, 8), scale=1.05)
    return [
        Box(x / width, y / height, w / width, h / height, float(weight))
        for (x, y, w, h), weight in zip(rects, np.ravel(weights), strict=True)
        if weight >= min_weight
    ]


def people_in_regions(boxes: list[Box], regions: list[Region]) -> dict[str, int]:
    """How many people stand in each region (by the foot point of their box)."""
    return {region.name: sum(region.contains(box.feet) for box in boxes) for region in regions}
