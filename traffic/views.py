"""The traffic page: congestion on the park map, gates today, vehicles inside, watchlist hits, peaks."""

from django.utils import timezone

from ioc.dashboard.views import DomainPageView
from ioc.park.models import Zone
from traffic import selectors
from traffic.congestion import BANDS
from traffic.privacy import plate_for

PEAKS_SHOWN, HITS_SHOWN, READS_SHOWN = 6, 10, 20


class TrafficPageView(DomainPageView):
    template_name = "traffic/home.html"
    domain_label = "traffic"

    def get_context_data(self, **kwargs):
        user = self.request.user
        counters = selectors.counters_now()
        now = selectors.park_now(user, median_dwell=True)
        return super().get_context_data(
            now=now,
            counters=counters,
            bands=BANDS,
            peaks=selectors.next_peaks(hours=24, limit=PEAKS_SHOWN),
            hits=[(read, plate_for(user, read.plate)) for read in selectors.recent_hits(user, HITS_SHOWN)],
            reads=[
                (read, plate_for(user, read.plate))
                for read in selectors.visible_reads(user).order_by("-at")[:READS_SHOWN]
            ],  # fmt: skip
            map_data={
                "zones": [{"name": z.name, "boundary": z.boundary} for z in Zone.objects.all()],
                "segments": [_segment(row) for row in counters],
                "gates": [_gate(gate, counts) for gate, counts in now.gates if gate.device.location],
            },
            today=timezone.localdate(),
            **kwargs,
        )


def _segment(row) -> dict:
    level = row.level
    return {"name": row.counter.name, "line": row.counter.segment,
            "color": level.band.color if level else "#8a94a0",
            "label": f"{level.band.name} · {level.volume} / 15 min · v/c {level.ratio:.2f}" if level else ""}  # fmt: skip


def _gate(gate, counts) -> dict:
    lon, lat = gate.device.location["coordinates"][:2]
    return {"name": gate.name, "lat": lat, "lon": lon, "entries": counts.get("entries") or 0,
            "exits": counts.get("exits") or 0}  # fmt: skip
