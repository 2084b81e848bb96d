"""How congested a road segment is: its volume against its capacity, in four bands. Pure.

The ratio is the Highway Capacity Manual's volume-to-capacity (v/c): the 15-minute count taken as an
hourly flow rate (× 4, as the HCM rates its peak 15 minutes) over the segment's hourly capacity.
Bands follow the v/c ranges of the HCM levels of service (Highway Capacity Manual, TRB Special
Report 209, 1985: A ≤ 0.60, B 0.61–0.70, C 0.71–0.80, D 0.81–0.90, E 0.91–1.00, F > 1.00), read as
tabulated in planning studies that cite it (confidence S: the manual itself was not read), grouped
into the four words an operator uses: free (A–B), moderate (C–D), heavy (E), jammed (F).
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils.translation import gettext_lazy as _

QUARTERS_PER_HOUR = 4
QUARTER = timedelta(minutes=15)


@dataclass(frozen=True)
class Band:
    key: str
    upper: float | None  # the highest v/c in the band; None: no upper end
    levels: str  # HCM levels of service it groups
    color: str  # #rrggbb, for the map and the tile
    name: object  # a lazy translatable string


BANDS = (
    Band("free", 0.70, "A–B", "#1b7a4b", _("Free flow")),
    Band("moderate", 0.90, "C–D", "#d69e2e", _("Moderate")),
    Band("heavy", 1.00, "E", "#dd6b20", _("Heavy")),
    Band("jammed", None, "F", "#c53030", _("Jammed")),
)
BAND_ORDER = {band.key: position for position, band in enumerate(BANDS)}


@dataclass(frozen=True)
class Congestion:
    volume: int  # vehicles in the 15 minutes
    hourly_rate: int  # vehicles per hour at that pace
    ratio: float  # v/c
    band: Band


def band_for(ratio: float) -> Band:
    # v/c is compared at two decimals, as the HCM's ranges are written (0.705 is B, not C).
    rounded = round(ratio, 2)
    return next(band for band in BANDS if band.upper is None or rounded <= band.upper)


def congestion(volume_15min: int, capacity_per_hour: int) -> Congestion:
    if capacity_per_hour <= 0:
        raise ValueError("a road's capacity is a positive number of vehicles per hour")
    rate = volume_15min * QUARTERS_PER_HOUR
    ratio = rate / capacity_per_hour
    return Congestion(volume_15min, rate, round(ratio, 3), band_for(ratio))


def worst(levels) -> Congestion | None:
    """The most congested of `levels` (the highest v/c), or None when there is none."""
    return max(levels, key=lambda level: level.ratio, default=None)


def quarter_of(moment: datetime) -> datetime:
    """The 15 minutes (UTC start) a count stamped at `moment` belongs to. Counters stamp a count at
    the end of the interval it covers, so 07:15:00 closes 07:00–07:15 and 07:15:01 opens the next."""
    seconds = QUARTER.total_seconds()
    return datetime.fromtimestamp((math.ceil(moment.timestamp() / seconds) - 1) * seconds, UTC)
