"""The demo park's monitoring stations: which standard, column and coefficients each device is held to.

Coefficients here are the demo's assumptions, written in each station's basis so nobody mistakes
them for a permit's figures: the Kim Sơn taken as a river with Q ≤ 50 m³/s (Kq 0.9), the central
plant discharging 500–5,000 m³/day (Kf 1.0); enterprise outlets to the central plant held to
column B unscaled, as connection agreements usually are; stacks under 20,000 m³/h (Kp 1.0) in an
industrial park (Kv 1.0).
"""

from environment.models import Standard, Station
from ioc.park.models import Device

PROVINCE_FACILITY = "KCNDAIAN"
_WW, _AIR, _STACK = "QCVN 40:2011/BTNMT", "QCVN 05:2023/BTNMT", "QCVN 19:2009/BTNMT"

# serial (or serial prefix) → station values
PARK_STATIONS = {
    "DA-WW-IN-01": {"kind": "wastewater", "role": "plant_inlet", "standard": _WW, "column": "B", "kq": 0.9,
                    "kf": 1.0, "basis": "Nước thải đầu vào: đo để theo dõi, không đánh giá theo quy chuẩn"},
    "DA-WW-OUT-01": {"kind": "wastewater", "role": "plant_outfall", "standard": _WW, "column": "B", "kq": 0.9,
                     "kf": 1.0, "transmits": True,
                     "basis": "Sông Kim Sơn, giả định Q ≤ 50 m³/s (Kq 0,9); xả 500–5.000 m³/ngày (Kf 1,0) — số liệu demo"},
    "DA-AIR-01": {"kind": "air", "role": "ambient", "standard": _AIR, "column": "-", "transmits": True},
    "DA-AIR-02": {"kind": "air", "role": "ambient", "standard": _AIR, "column": "-", "transmits": True},
    "DA-AIR-03": {"kind": "air", "role": "ambient", "standard": _AIR, "column": "-", "transmits": True},
}  # fmt: skip
ENTERPRISE_STATIONS = {
    "DA-EWW": {"kind": "wastewater", "role": "discharge_point", "standard": _WW, "column": "B", "kq": 1.0,
               "kf": 1.0, "basis": "Xả vào hệ thống thu gom tập trung: cột B theo hợp đồng đấu nối (demo)"},
    "DA-STK": {"kind": "stack", "role": "stack", "standard": _STACK, "column": "B", "kp": 1.0, "kv": 1.0,
               "basis": "Lưu lượng ≤ 20.000 m³/h (Kp 1,0); khu công nghiệp (Kv 1,0) — số liệu demo"},
}  # fmt: skip


def _spec_for(serial: str) -> dict | None:
    if serial in PARK_STATIONS:
        return PARK_STATIONS[serial]
    return next(
        (spec for prefix, spec in ENTERPRISE_STATIONS.items() if serial.startswith(prefix + "-")), None
    )


def load_demo_stations(*, reset: bool = False) -> list[str]:
    """Create a station for each demo monitoring device that has none (all of them with `reset`)."""
    standards = {s.code: s for s in Standard.objects.all()}
    created = updated = 0
    devices = Device.objects.filter(kind__in=["air_station", "wastewater_station", "stack_station"])
    for device in devices.select_related("station").order_by("serial"):
        spec = _spec_for(device.serial)
        if spec is None:
            continue
        values = {
            "name_vi": device.name, "kind": spec["kind"], "role": spec["role"],
            "standard": standards[spec["standard"]], "column": spec["column"], "kq": spec.get("kq"),
            "kf": spec.get("kf"), "kp": spec.get("kp"), "kv": spec.get("kv"),
            "coefficient_basis": spec.get("basis", ""), "facility_code": PROVINCE_FACILITY,
            "transmits": spec.get("transmits", False),
        }  # fmt: skip
        existing = getattr(device, "station", None) if hasattr(device, "station") else None
        if existing is None:
            Station.objects.create(code=device.serial, device=device, **values)
            created += 1
        elif reset:
            Station.objects.filter(pk=existing.pk).update(**values)
            updated += 1
    return [f"stations {created} created, {updated} updated"] if created or updated else []
