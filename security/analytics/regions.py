"""Regions and counting lines drawn on a snapshot, in normalised image coordinates (0–1).

Normalised coordinates survive a camera's resolution change and the downscaling of big frames.
Validation raises Django's ValidationError keyed by the field name the caller gives, so a serializer
can pass it on as is and the operator sees which drawing is wrong, in the request's language.
"""

from dataclasses import dataclass

import cv2
import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely.geometry import Polygon

Point = tuple[float, float]


@dataclass(frozen=True)
class Region:
    name: str
    points: tuple[Point, ...]

    def contains(self, point: Point) -> bool:
        """Whether a normalised point lies inside (or on the edge of) the region."""
        contour = np.array(self.points, dtype=np.float32)
        return cv2.pointPolygonTest(contour, (float(point[0]), float(point[1])), False) >= 0


@dataclass(frozen=True)
class CountingLine:
    """A line crossed by traffic; swap start and end to swap what counts as "in".

    "in" is a crossing from the left of start→end to its right as seen on the image (y grows
    downwards): for a line drawn left to right, an object moving down the image goes "in".
    """

    start: Point
    end: Point

    def side(self, point: Point) -> float:
        """Positive on the "in" side, negative on the "out" side, 0 on the line (scaled by its length)."""
        (ax, ay), (bx, by) = self.start, self.end
        return (bx - ax) * (point[1] - ay) - (by - ay) * (point[0] - ax)


def _points(raw, field: str, need: int | None = None, at_least: int | None = None) -> tuple[Point, ...]:
    if not isinstance(raw, list | tuple):
        raise ValidationError({field: [_("Give a list of points, each a pair [x, y].")]})
    if need is not None and len(raw) != need:
        raise ValidationError({field: [_("A counting line needs exactly 2 points.")]})
    if at_least is not None and len(raw) < at_least:
        raise ValidationError({field: [_("A region needs at least 3 points.")]})
    points, errors = [], []
    for index, pair in enumerate(raw, start=1):
        try:
            x, y = (float(value) for value in pair)
        except (TypeError, ValueError):
            errors.append(_("Point %(index)d is not a pair of numbers [x, y].") % {"index": index})
            continue
        if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
            errors.append(
                _("Point %(index)d lies outside the frame: x and y go from 0 to 1.") % {"index": index}
            )
        points.append((x, y))
    if errors:
        # Every bad point at once, so the operator fixes the drawing in one go.
        raise ValidationError({field: errors})
    return tuple(points)


def validate_region(name: str, raw, field: str = "points") -> Region:
    """A Region from raw [[x, y], ...] input, or a ValidationError naming the field."""
    points = _points(raw, field, at_least=3)
    polygon = Polygon(points)
    if polygon.convex_hull.area <= 0:  # the hull, since a bow tie's two halves cancel to zero area
        raise ValidationError({field: [_("The region's points lie on one line: it has no area.")]})
    if not polygon.is_valid:
        raise ValidationError({field: [_("The region's edges cross each other.")]})
    return Region(name=name, points=points)


def validate_line(raw, field: str = "line") -> CountingLine:
    """A CountingLine from raw [[x, y], [x, y]] input, or a ValidationError naming the field."""
    start, end = _points(raw, field, need=2)
    if start == end:
        raise ValidationError({field: [_("The counting line's two points are the same.")]})
    return CountingLine(start=start, end=end)


def region_mask(region: Region, width: int, height: int) -> np.ndarray:
    """A uint8 mask (255 inside) of the region for a frame of the given size."""
    mask = np.zeros((height, width), dtype=np.uint8)
    scaled = np.array([(x * (width - 1), y * (height - 1)) for x, y in region.points])
    cv2.fillPoly(mask, [np.round(scaled).astype(np.int32)], 255)
    return mask
