"""A kept plate read checked against the watchlist; a hit is recorded as a `watchlist_hit` event, so
the core's event rules raise its alarm (ioc.alerts.event_rules) like any camera event's."""

from django.db.models import Q
from django.utils import timezone

from ioc.telemetry.events import record_event
from ioc.telemetry.models import Source
from traffic.models import PlateRead, WatchlistEntry
from traffic.plates import match_watchlist

HIT = "watchlist_hit"


def entries_in_force(at):
    return WatchlistEntry.objects.filter(active=True, valid_from__lte=at).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=at)
    )


def check(read: PlateRead) -> WatchlistEntry | None:
    """Mark `read` if its plate is listed (or but for one OCR slip) and record the hit.

    The list as it stands when the read arrives: an NVR's backlog read of a plate listed since is
    still news to the guards."""
    listed = {entry.plate: entry for entry in entries_in_force(timezone.now()).order_by("created_at", "pk")}
    match = match_watchlist(read.plate, list(listed))
    if match is None:
        return None
    entry = listed[match.entry]
    read.watchlist_entry, read.watch_match = entry, match.how
    PlateRead.objects.filter(pk=read.pk).update(watchlist_entry=entry, watch_match=match.how)
    record_event(
        type_key=HIT, device_id=read.reader_id, at=read.at, event_id=f"watchlist:{read.event_id}",
        source=Source.ANALYSIS,
        details={"plate_read": read.pk, "entry": entry.pk, "plate": read.plate, "listed": entry.plate,
                 "how": match.how},
    )  # fmt: skip
    return entry
