"""A plate read becomes a passage: kept once per passage, counted at its gate, paired into stays.

Runs inside the event's transaction (traffic.events.act_on_plate_read). Reads of one plate are
serialised by a PostgreSQL advisory lock, so two workers handling the two lanes' reads of one
passage cannot both keep it, nor both open a stay.
"""

from django.db import connection
from django.db.models import F

from traffic.choices import Direction, StayOutcome
from traffic.gates import Stay as PureStay
from traffic.gates import is_heavy, passage
from traffic.models import Gate, GateHour, PlateRead, Stay
from traffic.plate_reads import DEDUP_WINDOW, is_repeat
from traffic.plate_reads import PlateRead as PureRead
from traffic.plates import parse_plate


def gate_of(device) -> Gate | None:
    """The gate a reader counts at: its own gate controller, or the gate that lists the camera."""
    return Gate.objects.filter(device=device).first() or Gate.objects.filter(readers=device).first()


def lock_plate(compact: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"plate:{compact}"])


def record(event) -> PlateRead | None:
    """Keep the passage `event` (a stored plate_read DeviceEvent) shows; None when it repeats one kept."""
    details = event.details
    plate = parse_plate(details["plate"])
    gate = gate_of(event.device)
    direction = gate.park_direction(details["direction"]) if gate else details["direction"]
    pure = PureRead(
        event.device.serial, plate, direction, details["vehicle_class"], details["confidence"], event.at
    )
    lock_plate(plate.compact)
    earlier = _nearest_same_passage(gate, event.device, plate.compact, direction, event.at)
    if earlier is not None and is_repeat(pure, earlier.at):
        PlateRead.objects.filter(pk=earlier.pk).update(repeats=F("repeats") + 1)
        return None
    read = PlateRead.objects.create(
        event=event, reader=event.device, gate=gate, plate=plate.canonical, plate_compact=plate.compact,
        direction=direction, vehicle_class=pure.vehicle_class, heavy=is_heavy(pure), confidence=pure.confidence,
        at=event.at, image_id=event.image_id,
        first_seen=not PlateRead.objects.filter(plate_compact=plate.compact, at__lt=event.at).exists(),
    )  # fmt: skip
    if gate is not None:
        _pair(read)
    return read


def _nearest_same_passage(gate, device, compact: str, direction: str, at):
    """Cameras on both lanes of a gate read one passage: at a gate the gate is the key, else the reader."""
    reads = PlateRead.objects.filter(
        plate_compact=compact, direction=direction, at__gt=at - DEDUP_WINDOW, at__lt=at + DEDUP_WINDOW
    )
    reads = reads.filter(gate=gate) if gate else reads.filter(reader=device, gate__isnull=True)
    return min(reads, key=lambda read: abs(read.at - at), default=None)


def _pair(read: PlateRead) -> None:
    later = PlateRead.objects.filter(plate_compact=read.plate_compact, gate__isnull=False, at__gt=read.at)
    if later.exists():
        # A late read (an NVR's backlog): replay the plate's reads rather than guess where it fits.
        rebuild_stays(read.plate_compact)
        _count(read, closed=None)
        return
    open_row = Stay.objects.filter(plate_compact=read.plate_compact, outcome=StayOutcome.OPEN).first()
    closed = _apply(read, open_row)
    _count(read, closed=closed)


def _apply(read: PlateRead, open_row: Stay | None) -> Stay | None:
    """Store what traffic.gates.passage decides for `read`; returns the stay it closed, if any."""
    step = passage(_pure(open_row), read.plate_compact, str(read.gate_id), read.direction, read.at)
    if step.anomaly is not None:
        read.anomaly = step.anomaly.kind
        PlateRead.objects.filter(pk=read.pk).update(anomaly=read.anomaly)
    if read.direction == Direction.IN:
        if open_row is not None:
            open_row.outcome = StayOutcome.MISSED_EXIT
            open_row.save(update_fields=["outcome"])
        Stay.objects.create(plate_compact=read.plate_compact, entry=read, gate_in_id=read.gate_id,
                            entered_at=read.at, heavy=read.heavy)  # fmt: skip
        return None
    if step.closed is None:
        return None
    open_row.exit, open_row.gate_out_id, open_row.left_at = read, read.gate_id, read.at
    open_row.outcome, open_row.heavy = StayOutcome.LEFT, open_row.heavy or read.heavy
    open_row.save(update_fields=["exit", "gate_out", "left_at", "outcome", "heavy"])
    return open_row


def _pure(row: Stay | None) -> PureStay | None:
    return None if row is None else PureStay(row.plate_compact, str(row.gate_in_id), row.entered_at)


def rebuild_stays(compact: str) -> None:
    """The plate's stays and anomalies again from all its reads at gates, in time order."""
    Stay.objects.filter(plate_compact=compact).delete()
    reads = list(PlateRead.objects.filter(plate_compact=compact, gate__isnull=False).order_by("at", "pk"))
    PlateRead.objects.filter(pk__in=[r.pk for r in reads], anomaly__gt="").update(anomaly="")
    open_row = None
    for read in reads:
        read.anomaly = ""
        _apply(read, open_row)
        open_row = Stay.objects.filter(plate_compact=compact, outcome=StayOutcome.OPEN).first()


def _count(read: PlateRead, *, closed: Stay | None) -> None:
    """The read in its gate's hour; what a closed stay lasted in the hour it ended."""
    hour = read.at.replace(minute=0, second=0, microsecond=0)
    row, _created = GateHour.objects.get_or_create(gate_id=read.gate_id, hour=hour)
    entering = read.direction == Direction.IN
    changes = {"entries" if entering else "exits": F("entries" if entering else "exits") + 1}
    if read.heavy:
        name = "heavy_entries" if entering else "heavy_exits"
        changes[name] = F(name) + 1
    if read.first_seen:
        changes["new_plates"] = F("new_plates") + 1
    if closed is not None:
        changes["stays_closed"] = F("stays_closed") + 1
        changes["dwell_seconds"] = F("dwell_seconds") + closed.seconds
    GateHour.objects.filter(pk=row.pk).update(**changes)
