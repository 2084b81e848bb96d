"""VN_AQI, as Decision 1459/QĐ-TCMT (12 Nov 2019) defines it: pure functions, no database.

Concentrations in µg/m³ (CO too). Breakpoints and bands are kept as data below with their source;
shared/domain/environment.md §1 carries the decision's figures and its worked example.
"""

import math
from dataclasses import dataclass

# Decision 1459/QĐ-TCMT, Table 1: index values I and breakpoints BP per pollutant (µg/m³).
INDEX_LEVELS = (0, 50, 100, 150, 200, 300, 400, 500)
BREAKPOINTS: dict[str, tuple[float, ...]] = {
    "o3_1h": (0, 160, 200, 300, 400, 800, 1000, 1200),
    "o3_8h": (0, 100, 120, 170, 210, 400),
    "co": (0, 10000, 30000, 45000, 60000, 90000, 120000, 150000),
    "so2": (0, 125, 350, 550, 800, 1600, 2100, 2630),
    "no2": (0, 100, 200, 700, 1200, 2350, 3100, 3850),
    "pm10": (0, 50, 150, 250, 350, 420, 500, 600),
    "pm25": (0, 25, 50, 80, 150, 250, 350, 500),
}
O3_8H_CEILING = 400  # above it the daily O3 sub-index uses the 1-hour column only
PARTICULATES = ("pm25", "pm10")


@dataclass(frozen=True)
class Band:
    upper: int
    name_vi: str
    name_en: str
    rgb: tuple[int, int, int]

    @property
    def hex(self) -> str:
        return "#" + "".join(f"{part:02x}" for part in self.rgb)

    def name(self, language: str | None) -> str:
        return self.name_vi if (language or "vi").startswith("vi") else self.name_en


# Decision 1459/QĐ-TCMT, Table 2.
BANDS = (
    Band(50, "Tốt", "Good", (0, 228, 0)),
    Band(100, "Trung bình", "Moderate", (255, 255, 0)),
    Band(150, "Kém", "Poor", (255, 126, 0)),
    Band(200, "Xấu", "Bad", (255, 0, 0)),
    Band(300, "Rất xấu", "Very bad", (143, 63, 151)),
    Band(500, "Nguy hại", "Hazardous", (126, 0, 35)),
)


class InsufficientData(ValueError):
    """Not enough data for an index; `code` says what is missing (never a made-up number)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def sub_index(pollutant: str, concentration: float) -> float:
    """AQI_x = (I[i+1] − I[i]) / (BP[i+1] − BP[i]) × (C − BP[i]) + I[i], with BP[i] ≤ C < BP[i+1]."""
    breakpoints = BREAKPOINTS[pollutant]
    if concentration < 0:
        raise ValueError(f"{pollutant}: a concentration cannot be negative ({concentration})")
    for i in range(len(breakpoints) - 1):
        low, high = breakpoints[i], breakpoints[i + 1]
        if low <= concentration < high:
            span = INDEX_LEVELS[i + 1] - INDEX_LEVELS[i]
            return span / (high - low) * (concentration - low) + INDEX_LEVELS[i]
    return float(INDEX_LEVELS[len(breakpoints) - 1]) if pollutant == "o3_8h" else 500.0


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def nowcast(hourly: list[float | None]) -> float:
    """NowCast of the last 12 hourly means, current hour first (c1 … c12); None for a missing hour."""
    recent = hourly[:12]
    if sum(value is not None for value in recent[:3]) < 2:
        raise InsufficientData("nowcast", "NowCast needs at least two of the last three hourly means")
    present = [(i, c) for i, c in enumerate(recent) if c is not None]
    values = [c for _i, c in present]
    weight = max(min(values) / max(values), 0.5) if max(values) > 0 else 1.0
    return sum(weight**i * c for i, c in present) / sum(weight**i for i, _c in present)


def band(aqi: int) -> Band:
    return next((b for b in BANDS if aqi <= b.upper), BANDS[-1])


@dataclass(frozen=True)
class AqiResult:
    aqi: int
    sub_indices: dict[str, float]
    dominant: str
    band: Band


def combine(sub_indices: dict[str, float]) -> AqiResult:
    """The overall AQI: the largest sub-index, rounded half up; none without PM10 or PM2.5."""
    if not any(p in sub_indices for p in PARTICULATES):
        raise InsufficientData("no_pm", "no AQI without PM10 or PM2.5")
    dominant = max(sub_indices, key=sub_indices.get)
    value = round_half_up(sub_indices[dominant])
    return AqiResult(value, sub_indices, dominant, band(value))


def hourly_aqi(*, pm_hours: dict[str, list[float | None]], gases: dict[str, float]) -> AqiResult:
    """Hourly AQI: PM by NowCast of their last 12 hourly means, gases by the hour's mean (O3 on 1 h)."""
    indices, short = {}, None
    for pollutant, hours in pm_hours.items():
        try:
            indices[pollutant] = sub_index(pollutant, nowcast(hours))
        except InsufficientData as why:
            short = why
            continue
    if short is not None and not any(p in indices for p in PARTICULATES):
        raise short  # PM was measured but too sparsely: say so rather than "no PM"
    for gas, mean in gases.items():
        indices[gas] = sub_index("o3_1h" if gas == "o3" else gas, mean)
    return combine(indices)


def daily_aqi(
    *, pm_24h: dict[str, float], gas_max_1h: dict[str, float], o3_max_8h: float | None = None
) -> AqiResult:
    """Daily AQI: PM by 24-hour means, SO2/NO2/CO by the day's largest hourly mean, O3 by the larger of
    its 1-hour and 8-hour sub-indices (the 1-hour one alone above 400 µg/m³ on 8 hours)."""
    indices = {p: sub_index(p, c) for p, c in pm_24h.items()}
    for gas, peak in gas_max_1h.items():
        if gas != "o3":
            indices[gas] = sub_index(gas, peak)
    o3 = []
    if "o3" in gas_max_1h:
        o3.append(sub_index("o3_1h", gas_max_1h["o3"]))
    if o3_max_8h is not None and o3_max_8h <= O3_8H_CEILING:
        o3.append(sub_index("o3_8h", o3_max_8h))
    if o3:
        indices["o3"] = max(o3)
    return combine(indices)
