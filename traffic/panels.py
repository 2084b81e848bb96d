"""The traffic app's dashboard tiles and its colours on the park map."""

from django.utils.translation import gettext as _

from ioc.registry import MapMark, PanelReading
from ioc.telemetry.series import local_time
from traffic import selectors
from traffic.congestion import worst


def inside_reading(request) -> PanelReading:
    """Vehicles inside the park now (at the gates the user may see), heavy ones, today's entries."""
    now = selectors.park_now(request.user)
    if not now.gates:
        return PanelReading(note=_("no gate with a plate reader yet"))
    return PanelReading(
        value=str(now.inside),
        note=_("%(heavy)d heavy · %(entries)d in, %(exits)d out today") % {
            "heavy": now.heavy_inside, "entries": now.totals["entries"], "exits": now.totals["exits"]},
    )  # fmt: skip


def congestion_reading(request) -> PanelReading:
    """The most congested road segment in the latest 15 minutes, in its band's colour."""
    rows = [row for row in selectors.counters_now() if row.level is not None]
    level = worst(row.level for row in rows)
    if level is None:
        return PanelReading(note=_("no road counter reported in the last 30 minutes"))
    row = next(row for row in rows if row.level is level)
    return PanelReading(
        value=str(level.band.name),
        note=f"{row.counter.name} · v/c {level.ratio:.2f} · {local_time(row.interval.bucket)[11:16]}",
        color=level.band.color,
    )


def counter_marks(request) -> dict[int, MapMark]:
    """Road counters in the colour of their latest congestion band."""
    return {
        row.counter.device_id: MapMark(
            row.level.band.color,
            _("%(band)s · %(volume)d vehicles in 15 min · v/c %(ratio).2f")
            % {"band": row.level.band.name, "volume": row.level.volume, "ratio": row.level.ratio},
        )
        for row in selectors.counters_now()
        if row.level is not None
    }
