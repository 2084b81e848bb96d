"""Data files for the Department, after Circular 10/2021/TT-BTNMT (automatic monitoring data).

The circular fixes one UTF-8 text file per station per transmission, named
`<province>_<facility>_<station>_<yyyyMMddHHmmss>.txt`, with one line per parameter:
`<parameter>\\t<value>\\t<unit>\\t<yyyyMMddHHmmss>\\t<status>` and status 00 measuring, 01 calibrating,
02 device error (shared/domain/environment.md §5). What the text in hand leaves open, decided here
once so that every file is alike (documented in README, "Data to the Department"):

- the time, in the name and on every line, is the END of the period the values cover, in the park's
  local time (Asia/Ho_Chi_Minh): a file named ...100500 holds 10:00:00–10:04:59;
- a value is written with a decimal point (never the Vietnamese decimal comma, which would read as
  a field of its own to some parsers) and two decimals, no thousands separator;
- lines end with CRLF, the last one too: the dataloggers' convention, read by any line reader;
- a parameter without a unit (pH) writes "-" so that every line keeps five non-empty fields.

Pure functions: no database, no clock.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from ioc.telemetry.metrics import METRICS
from ioc.telemetry.quality import CIRCULAR10_CODE, Quality

PARK_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LINE_END = "\r\n"
NO_UNIT = "-"
STAMP = "%Y%m%d%H%M%S"
# Metric keys in the vocabulary's order: lines come out in this order, whatever the channels' order.
METRIC_ORDER = {key: position for position, key in enumerate(METRICS)}


@dataclass(frozen=True)
class Line:
    symbol: str
    value: float
    unit: str
    status: str  # "00", "01" or "02"


@dataclass(frozen=True)
class Valid:
    """The valid readings of one parameter in the period, summed (from the 5-minute rollups)."""

    sum: float
    count: int


@dataclass(frozen=True)
class Flagged:
    """The newest calibrating or device-error reading of one parameter in the period."""

    value: float
    quality: int


def stamp(moment: datetime) -> str:
    """`yyyyMMddHHmmss` in the park's local time."""
    return moment.astimezone(PARK_TZ).strftime(STAMP)


def file_name(*, province: str, facility: str, station: str, period_end: datetime) -> str:
    return f"{province}_{facility}_{station}_{stamp(period_end)}.txt"


def format_value(value: float) -> str:
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def file_body(lines: list[Line], period_end: datetime) -> str:
    at = stamp(period_end)
    return "".join(
        f"{line.symbol}\t{format_value(line.value)}\t{line.unit or NO_UNIT}\t{at}\t{line.status}{LINE_END}"
        for line in lines
    )


def period_lines(valid: dict[str, Valid], flagged: dict[str, Flagged]) -> list[Line]:
    """The lines of one period, by metric key.

    A parameter with valid readings sends their mean, status 00. One with none, but calibrating or
    device-error readings, sends the newest of those with its status 01/02, so the Department sees
    why the value is missing. Suspect readings (measuring, outside the sensor's range) are neither
    valid nor a status the circular knows: a parameter with only those is left out. Metrics
    without a Circular 10 symbol are never sent.
    """
    lines = []
    for key in sorted(set(valid) | set(flagged), key=lambda k: METRIC_ORDER.get(k, len(METRIC_ORDER))):
        metric = METRICS.get(key)
        if metric is None or not metric.circular10_symbol:
            continue
        if key in valid and valid[key].count:
            value, status = valid[key].sum / valid[key].count, CIRCULAR10_CODE[Quality.VALID]
        elif key in flagged and flagged[key].quality in (Quality.CALIBRATING, Quality.ERROR):
            value, status = flagged[key].value, CIRCULAR10_CODE[Quality(flagged[key].quality)]
        else:
            continue
        lines.append(Line(metric.circular10_symbol, value, metric.unit, status))
    return lines


def period_start(moment: datetime, minutes: int) -> datetime:
    """The start of the period holding `moment`; periods are aligned on the hour (UTC and local
    alike: Vietnam is UTC+7 whole hours), so `minutes` must divide 60."""
    epoch = int(moment.timestamp())
    return datetime.fromtimestamp(epoch - epoch % (minutes * 60), UTC)


def closed_periods(
    *, after: datetime | None, now: datetime, minutes: int, delay: timedelta
) -> list[tuple[datetime, datetime]]:
    """Every period that ended at least `delay` before `now` and starts at or after `after`.

    `after` is the end of the last period already recorded; None (a station's first run) yields
    only the latest closed period, not the station's whole history.
    """
    length = timedelta(minutes=minutes)
    last_start = period_start(now - delay, minutes) - length
    first_start = (
        last_start if after is None else period_start(after + length - timedelta(seconds=1), minutes)
    )
    periods = []
    start = first_start
    while start <= last_start:
        periods.append((start, start + length))
        start += length
    return periods
