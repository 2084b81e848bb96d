"""The demo park's gates, road counters, shifts and watchlist. (The simulator sends the gates' plate
reads and the counters' counts: ioc.telemetry.simulator.)

Demo assumptions, written where a reader of the page can see them: road capacities from 1,000
passenger-car units per lane and hour (the practical figure of TCVN 4054:2005 as remembered,
confidence M) turned into mixed traffic that is mostly motorbikes; headcounts sharing the park's
50,000 workers (shared/domain/park.md) by the lots each enterprise holds; each enterprise working
the same 3, 2 or 1 shifts as its meters in the simulator. Watch-listed plates are invented.
"""

from datetime import time as clock

from django.db import transaction
from django.db.models import Count

from ioc.park.choices import EnterpriseStatus
from ioc.park.models import Device, Enterprise, ShiftSchedule
from ioc.telemetry.simulator.base import chance, text_key
from traffic.models import Gate, RoadCounter, WatchlistEntry

# Metres per degree at the park's latitude (20.93 N), only to draw the demo's segments.
M_PER_DEG_LAT, M_PER_DEG_LON = 110_700.0, 104_000.0
PARK_WORKERS = 50_000

# serial → (name_vi, name_en, lanes, plate-reading cameras)
GATES = {
    "DA-GATE-01": ("Cổng chính Quốc lộ 5", "Main gate, National Road 5", 4, ["DA-CAM-01"]),
    "DA-GATE-02": ("Cổng phía Đông (logistics)", "East gate (logistics)", 3, ["DA-CAM-02"]),
    "DA-GATE-03": ("Cổng phía Bắc", "North gate", 2, ["DA-CAM-03"]),
    "DA-GATE-04": ("Cổng phía Tây", "West gate", 2, ["DA-CAM-04"]),
}
_TCVN = "Giả định demo: %d làn × 1.000 xcqđ/h/làn (TCVN 4054:2005, độ tin cậy M), quy về dòng xe hỗn hợp nhiều xe máy"
# serial → (name_vi, name_en, bearing "ns"/"ew", half-length m, capacity veh/h, lanes)
COUNTERS = {
    "DA-TRF-01": ("Đường vào từ Quốc lộ 5", "Access road from National Road 5", "ns", 250, 4800, 4),
    "DA-TRF-02": ("Trục chính khu A", "Zone A main road", "ew", 400, 2400, 2),
    "DA-TRF-03": ("Trục chính khu C", "Zone C main road", "ew", 300, 2400, 2),
    "DA-TRF-04": ("Trục chính khu B", "Zone B main road", "ns", 250, 2400, 2),
}
# (name, start, end, share of the headcount) for enterprises working 3, 2 or 1 shifts
PATTERNS = {
    3: (("Ca 1", clock(6), clock(14), 0.40), ("Ca 2", clock(14), clock(22), 0.35), ("Ca 3", clock(22), clock(6), 0.25)),
    2: (("Ca 1", clock(6), clock(14), 0.60), ("Ca 2", clock(14), clock(22), 0.40)),
    1: (("Ca hành chính", clock(7, 30), clock(16, 30), 1.0),),
}  # fmt: skip
WATCHLIST = (
    ("34C-999.01", "Xe chở chất thải nguy hại không có giấy phép — dữ liệu demo"),
    ("29A-888.66", "Vi phạm nội quy khu công nghiệp nhiều lần — dữ liệu demo"),
    ("15H-000.12", "Xe bị báo mất — dữ liệu demo"),
)


def load_demo_traffic(*, reset: bool = False) -> list[str]:
    with transaction.atomic():
        notes = [_gates(reset), _counters(reset), _shifts(reset), _watchlist()]
    return [note for note in notes if note]


def _gates(reset: bool) -> str:
    devices = Device.objects.in_bulk(
        [*GATES, *(r for spec in GATES.values() for r in spec[3])], field_name="serial"
    )
    made = 0
    for serial, (name_vi, name_en, lanes, readers) in GATES.items():
        if serial not in devices or (Gate.objects.filter(device=devices[serial]).exists() and not reset):
            continue
        gate, created = Gate.objects.update_or_create(
            device=devices[serial], defaults={"name_vi": name_vi, "name_en": name_en, "lanes": lanes}
        )
        gate.readers.set([devices[r] for r in readers if r in devices])
        made += created
    return f"gates {made} created" if made else ""


def _counters(reset: bool) -> str:
    made = 0
    for device in Device.objects.filter(serial__in=COUNTERS):
        if RoadCounter.objects.filter(device=device).exists() and not reset:
            continue
        name_vi, name_en, bearing, half, capacity, lanes = COUNTERS[device.serial]
        _counter, created = RoadCounter.objects.update_or_create(device=device, defaults={
            "name_vi": name_vi, "name_en": name_en, "segment": segment(device.location, bearing, half),
            "capacity_per_hour": capacity, "capacity_source": _TCVN % lanes,
        })  # fmt: skip
        made += created
    return f"road counters {made} created" if made else ""


def segment(location: dict, bearing: str, half_m: float) -> dict:
    """A straight road segment through the device, north–south or east–west, `half_m` each way."""
    lon, lat = location["coordinates"][:2]
    if bearing == "ns":
        ends = [[lon, lat - half_m / M_PER_DEG_LAT], [lon, lat + half_m / M_PER_DEG_LAT]]
    else:
        ends = [[lon - half_m / M_PER_DEG_LON, lat], [lon + half_m / M_PER_DEG_LON, lat]]
    return {"type": "LineString", "coordinates": [[round(x, 6), round(y, 6)] for x, y in ends]}


def _shifts(reset: bool) -> str:
    enterprises = list(
        Enterprise.objects.filter(status=EnterpriseStatus.OPERATING).annotate(lot_count=Count("lots"))
    )
    lots = sum(e.lot_count for e in enterprises) or 1
    made = 0
    for enterprise in enterprises:
        if ShiftSchedule.objects.filter(enterprise=enterprise).exists() and not reset:
            continue
        workers = max(20, round(PARK_WORKERS * max(enterprise.lot_count, 1) / lots, -1))
        # The simulator's rule (ioc.telemetry.simulator.fleet._spec), so shifts and meters agree.
        shifts = (3, 3, 2, 1)[int(chance(text_key(enterprise.tax_code), 2) * 4)]
        for name, start, end, share in PATTERNS[shifts]:
            _row, created = ShiftSchedule.objects.update_or_create(
                enterprise=enterprise, name=name,
                defaults={"start": start, "end": end, "days": "123456", "headcount": round(workers * share)},
            )  # fmt: skip
            made += created
    return f"shifts {made} created" if made else ""


def _watchlist() -> str:
    made = 0
    for plate, reason in WATCHLIST:
        if not WatchlistEntry.objects.filter(plate=plate).exists():
            WatchlistEntry.objects.create(plate=plate, reason=reason)
            made += 1
    return f"watchlist entries {made} created" if made else ""
