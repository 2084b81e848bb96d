"""Devices of the demo Đại An park and the channels they report.

Where the figures come from: shared/domain/park.md (central wastewater plant discharging to the Kim
Sơn river, automatic environmental monitoring, smart cameras, rooftop solar, smart factories) and
shared/domain/metrics.md (metric keys and units; ioc.telemetry.metrics holds them as data). Station
parameters follow what Circular 10/2021/TT-BTNMT asks of automatic stations; 5-minute intervals are
the Circular's reporting step. Positions are fractions of a zone's bounding box (park devices) or
offsets in metres from the centre of the enterprise's first lot (enterprise devices); the serials,
names and vendor channel names are invented.
"""

from dataclasses import dataclass

from ioc.park.choices import DeviceKind as K

MINUTE = 60


@dataclass(frozen=True)
class ChannelSpec:
    metric: str  # key of ioc.telemetry.metrics.METRICS
    source_name: str  # the name the device uses
    unit: str  # the unit the device sends: one of the metric's accepted units


def _channels(*rows: tuple[str, str, str]) -> tuple[ChannelSpec, ...]:
    return tuple(ChannelSpec(*row) for row in rows)


# fmt: off
WASTEWATER = _channels(
    ("flow", "Flow", "m³/h"), ("water_temperature", "Temp", "°C"), ("ph", "pH", ""), ("tss", "TSS", "mg/L"),
    ("cod", "COD", "mg/L"), ("nh4", "NH4+", "mg/L"), ("tn", "TN", "mg/L"), ("tp", "TP", "mg/L"),
    ("color", "Color", "Pt/Co"),
)
WEATHER = _channels(
    ("air_temperature", "Temp", "°C"), ("humidity", "RH", "%"), ("wind_speed", "WS", "m/s"),
    ("wind_direction", "WD", "°"),
)
_DUST = _channels(("pm25", "PM2.5", "µg/m³"), ("pm10", "PM10", "µg/m³"), ("tsp", "TSP", "µg/m³"))
AIR = _DUST + _channels(
    ("so2", "SO2", "µg/m³"), ("no2", "NO2", "µg/m³"), ("co", "CO", "µg/m³"), ("o3", "O3", "µg/m³"),
    ("noise", "Noise", "dBA"),
) + WEATHER
# One analyser model reports gases as mixing ratios; the ingest pipeline converts them.
AIR_PPB = _DUST + _channels(
    ("so2", "SO2", "ppb"), ("no2", "NO2", "ppb"), ("co", "CO", "ppm"), ("o3", "O3", "ppb"),
    ("noise", "Noise", "dBA"),
) + WEATHER
STACK = _channels(
    ("stack_dust", "Dust", "mg/Nm³"), ("stack_so2", "SO2", "mg/Nm³"), ("stack_nox", "NOx", "mg/Nm³"),
    ("stack_co", "CO", "mg/Nm³"), ("stack_o2", "O2", "%"), ("flow", "Flow", "m³/h"),
)
ENTERPRISE_WASTEWATER = _channels(
    ("flow", "Q_out", "L/s"), ("water_temperature", "T_out", "°C"), ("ph", "pH_out", ""),
    ("tss", "TSS_out", "mg/L"), ("cod", "COD_out", "mg/L"), ("nh4", "NH4_out", "mg/L"),
)
ENERGY = _channels(("energy", "kWh_import", "kWh"), ("power", "P_total", "kW"))
SOLAR = _channels(("solar_energy", "E_pv_total", "Wh"),)
WATER = _channels(("flow", "Q", "m³/h"),)
CAMERA_PEOPLE = _channels(("people_count", "person", "count"),)
CAMERA_VEHICLES = _channels(("vehicle_count", "vehicle", "count"),)
GATE = _channels(("vehicle_count", "lpr_total", "count"), ("heavy_vehicle_count", "lpr_truck", "count"))
TRAFFIC = _channels(("vehicle_count", "veh", "count"), ("heavy_vehicle_count", "hgv", "count"))
PARKING = _channels(("occupancy", "occ", "%"),)
MACHINE = _channels(
    ("machine_state", "state", "code"), ("good_count", "ok", "count"), ("reject_count", "ng", "count"),
    ("power", "kw", "kW"),
)
# fmt: on


@dataclass(frozen=True)
class ParkDevice:
    """A device the park owns (enterprise=None), placed at fractions (fx, fy) of its zone's box."""

    serial: str
    name: str
    kind: str
    zone: str
    fx: float
    fy: float
    interval_s: int
    channels: tuple[ChannelSpec, ...]


def _cameras() -> list[ParkDevice]:
    rows = (
        ("Cổng chính Quốc lộ 5", "z-s", 0.88, 0.06, CAMERA_VEHICLES),
        ("Cổng phía Đông (logistics)", "z-l", 0.45, 0.06, CAMERA_VEHICLES),
        ("Cổng phía Bắc", "z-b", 0.88, 0.95, CAMERA_VEHICLES),
        ("Cổng phía Tây", "z-g2", 0.05, 0.32, CAMERA_VEHICLES),
        ("Hàng rào dọc Quốc lộ 5 – đoạn 1", "z-g1", 0.10, 0.5, CAMERA_PEOPLE),
        ("Hàng rào dọc Quốc lộ 5 – đoạn 2", "z-g1", 0.30, 0.5, CAMERA_PEOPLE),
        ("Hàng rào dọc Quốc lộ 5 – đoạn 3", "z-g1", 0.50, 0.5, CAMERA_PEOPLE),
        ("Hàng rào dọc Quốc lộ 5 – đoạn 4", "z-g1", 0.70, 0.5, CAMERA_PEOPLE),
        ("Hàng rào dọc Quốc lộ 5 – đoạn 5", "z-g1", 0.90, 0.5, CAMERA_PEOPLE),
        ("Hàng rào phía Tây – hồ điều hòa", "z-g2", 0.05, 0.90, CAMERA_PEOPLE),
        ("Hàng rào phía Bắc", "z-b", 0.60, 0.97, CAMERA_PEOPLE),
        ("Hàng rào phía Đông", "z-c", 0.97, 0.50, CAMERA_PEOPLE),
        ("Nhà máy xử lý nước thải – cửa xả", "z-u", 0.95, 0.90, CAMERA_PEOPLE),
        ("Nhà máy xử lý nước thải – khu bể", "z-u", 0.50, 0.50, CAMERA_PEOPLE),
        ("Nhà điều hành", "z-s", 0.30, 0.50, CAMERA_PEOPLE),
        ("Ngã tư trục chính khu A – Tây", "z-a", 0.25, 0.50, CAMERA_VEHICLES),
        ("Ngã tư trục chính khu A – Giữa", "z-a", 0.50, 0.50, CAMERA_VEHICLES),
        ("Ngã tư trục chính khu A – Đông", "z-a", 0.75, 0.50, CAMERA_VEHICLES),
        ("Trục đường khu C", "z-c", 0.50, 0.50, CAMERA_VEHICLES),
        ("Bãi xe tải khu logistics", "z-l", 0.50, 0.60, CAMERA_VEHICLES),
    )
    return [
        ParkDevice(f"DA-CAM-{n:02d}", f"Camera {n:02d} – {where}", K.CAMERA, zone, fx, fy, MINUTE, channels)
        for n, (where, zone, fx, fy, channels) in enumerate(rows, start=1)
    ]


# fmt: off
PARK_DEVICES: tuple[ParkDevice, ...] = (
    ParkDevice("DA-WW-IN-01", "Trạm quan trắc nước thải đầu vào – nhà máy xử lý nước thải tập trung",
               K.WASTEWATER_STATION, "z-u", 0.35, 0.50, 5 * MINUTE, WASTEWATER),
    ParkDevice("DA-WW-OUT-01", "Trạm quan trắc nước thải sau xử lý – cửa xả ra sông Kim Sơn",
               K.WASTEWATER_STATION, "z-u", 0.92, 0.80, 5 * MINUTE, WASTEWATER),
    ParkDevice("DA-AIR-01", "Trạm quan trắc không khí 1 – cổng chính Quốc lộ 5", K.AIR_STATION, "z-s",
               0.80, 0.20, 5 * MINUTE, AIR),
    ParkDevice("DA-AIR-02", "Trạm quan trắc không khí 2 – công viên phía Tây", K.AIR_STATION, "z-g2",
               0.50, 0.50, 5 * MINUTE, AIR),
    ParkDevice("DA-AIR-03", "Trạm quan trắc không khí 3 – khu logistics phía Đông", K.AIR_STATION, "z-l",
               0.50, 0.90, 5 * MINUTE, AIR_PPB),
    ParkDevice("DA-WX-01", "Trạm khí tượng – nhà điều hành", K.WEATHER_STATION, "z-s", 0.50, 0.80,
               5 * MINUTE, WEATHER),
    ParkDevice("DA-GATE-01", "Cổng chính Quốc lộ 5", K.GATE, "z-s", 0.90, 0.03, MINUTE, GATE),
    ParkDevice("DA-GATE-02", "Cổng phía Đông (logistics)", K.GATE, "z-l", 0.50, 0.03, MINUTE, GATE),
    ParkDevice("DA-GATE-03", "Cổng phía Bắc", K.GATE, "z-b", 0.90, 0.97, MINUTE, GATE),
    ParkDevice("DA-GATE-04", "Cổng phía Tây", K.GATE, "z-g2", 0.03, 0.30, MINUTE, GATE),
    ParkDevice("DA-TRF-01", "Đếm xe – lối vào từ Quốc lộ 5", K.TRAFFIC_COUNTER, "z-s", 0.95, 0.10,
               5 * MINUTE, TRAFFIC),
    ParkDevice("DA-TRF-02", "Đếm xe – trục chính khu A", K.TRAFFIC_COUNTER, "z-a", 0.50, 0.48, 5 * MINUTE,
               TRAFFIC),
    ParkDevice("DA-TRF-03", "Đếm xe – trục chính khu C", K.TRAFFIC_COUNTER, "z-c", 0.50, 0.52, 5 * MINUTE,
               TRAFFIC),
    ParkDevice("DA-TRF-04", "Đếm xe – trục chính khu B", K.TRAFFIC_COUNTER, "z-b", 0.70, 0.50, 5 * MINUTE,
               TRAFFIC),
    ParkDevice("DA-PRK-01", "Bãi đỗ xe nhà điều hành – tỷ lệ lấp đầy", K.TRAFFIC_COUNTER, "z-s", 0.20, 0.20,
               5 * MINUTE, PARKING),
    ParkDevice("DA-WM-01", "Đồng hồ nước – trạm cấp nước sạch", K.WATER_METER, "z-u", 0.60, 0.20,
               15 * MINUTE, WATER),
    ParkDevice("DA-WM-02", "Đồng hồ nước – cấp cho khu A", K.WATER_METER, "z-a", 0.005, 0.50, 15 * MINUTE,
               WATER),
    ParkDevice("DA-WM-03", "Đồng hồ nước – cấp cho khu B và C", K.WATER_METER, "z-c", 0.005, 0.90,
               15 * MINUTE, WATER),
    *_cameras(),
)
# fmt: on


@dataclass(frozen=True)
class EnterpriseDevice:
    """A kind of device some enterprises own; one per listed enterprise (`count` for machines)."""

    serial_prefix: str  # serial: f"{prefix}-E{demo id:03d}" (+ f"-{n}" when count > 1)
    name: str  # after the enterprise's short name
    kind: str
    interval_s: int
    channels: tuple[ChannelSpec, ...]
    dx_m: float  # offset from the centre of the enterprise's first lot
    dy_m: float
    enterprises: dict[int, int]  # demo id → how many


def _each(*demo_ids: int) -> dict[int, int]:
    return dict.fromkeys(demo_ids, 1)


# Energy metering for 20 enterprises, rooftop solar for 16 of them; water meters for 12; wastewater
# pre-treatment outlets (to the central plant) for food, textile dyeing and plating; boiler and kiln
# stacks; production-line machines for four "smart factory" enterprises.
_METERED = (1, 2, 3, 4, 5, 6, 7, 10, 12, 14, 17, 19, 26, 27, 31, 37, 44, 55, 75, 93)
# fmt: off
ENTERPRISE_DEVICES: tuple[EnterpriseDevice, ...] = (
    EnterpriseDevice("DA-EM", "công tơ điện tổng", K.ENERGY_METER, 15 * MINUTE, ENERGY, -40, -30,
                     _each(*_METERED)),
    EnterpriseDevice("DA-PV", "điện mặt trời mái nhà", K.SOLAR_METER, 15 * MINUTE, SOLAR, 0, 30,
                     _each(1, 2, 3, 4, 6, 10, 12, 17, 26, 27, 31, 37, 44, 55, 75, 93)),
    EnterpriseDevice("DA-WM", "đồng hồ nước", K.WATER_METER, 15 * MINUTE, WATER, 40, -30,
                     _each(1, 2, 3, 4, 6, 10, 27, 31, 38, 47, 73, 93)),
    EnterpriseDevice("DA-EWW", "điểm xả nước thải vào hệ thống thu gom tập trung", K.WASTEWATER_STATION,
                     5 * MINUTE, ENTERPRISE_WASTEWATER, 55, -40, _each(4, 15, 38, 47)),
    EnterpriseDevice("DA-STK", "ống khói lò hơi / lò nung", K.STACK_STATION, 5 * MINUTE, STACK, -55, 35,
                     _each(4, 92, 93)),
    EnterpriseDevice("DA-MC", "dây chuyền sản xuất", K.MACHINE, MINUTE, MACHINE, -30, 0,
                     {1: 3, 2: 4, 5: 2, 84: 2}),
)
# fmt: on
MACHINE_SPACING_M = 15  # machines of one enterprise stand in a row, this far apart
