"""What no sensor can truly read: a value outside these bounds is rejected, not stored.

These are physical bounds (in canonical units, shared/domain/metrics.md), far wider than any
regulation limit: a negative concentration, pH 15, humidity 130 % are transmission or parsing
faults. A value inside them but outside the channel's own sensor range is kept and flagged
suspect instead. Figures: pH scale 0–14; relative humidity 0–100 %; concentrations ≥ 0 with
ceilings well above the worst episodes recorded anywhere (PM 20,000 µg/m³ in dust storms; CO
1,000,000 µg/m³ ≈ 870 ppm, lethal within minutes); air temperature −90…+60 °C (world records);
water −5…+100 °C; stack O2 0–21 % (air's share); wind ≤ 120 m/s; noise ≤ 194 dB (the loudest
undistorted sound in air).
"""

INFINITE = float("inf")

PHYSICAL_BOUNDS: dict[str, tuple[float, float]] = {
    "pm25": (0, 20_000),
    "pm10": (0, 20_000),
    "tsp": (0, 50_000),
    "o3": (0, 20_000),
    "no2": (0, 100_000),
    "so2": (0, 100_000),
    "co": (0, 1_000_000),
    "air_temperature": (-90, 60),
    "humidity": (0, 100),
    "wind_speed": (0, 120),
    "wind_direction": (0, 360),
    "noise": (0, 194),
    "flow": (0, 1_000_000),
    "water_temperature": (-5, 100),
    "ph": (0, 14),
    "cod": (0, 1_000_000),
    "bod5": (0, 1_000_000),
    "tss": (0, 1_000_000),
    "nh4": (0, 100_000),
    "tn": (0, 100_000),
    "tp": (0, 100_000),
    "toc": (0, 1_000_000),
    "color": (0, 100_000),
    "stack_dust": (0, 1_000_000),
    "stack_so2": (0, 1_000_000),
    "stack_nox": (0, 1_000_000),
    "stack_co": (0, 1_000_000),
    "stack_o2": (0, 21),
    "energy": (0, INFINITE),
    "power": (-1_000_000, 1_000_000),  # a meter on a line with rooftop solar may export
    "solar_energy": (0, INFINITE),
    "vehicle_count": (0, 100_000),
    "heavy_vehicle_count": (0, 100_000),
    "occupancy": (0, 100),
    "people_count": (0, 1_000_000),
    "machine_state": (0, 3),
    "good_count": (0, 10_000_000),
    "reject_count": (0, 10_000_000),
}


def within_physical_bounds(metric: str, value: float) -> bool:
    low, high = PHYSICAL_BOUNDS.get(metric, (-INFINITE, INFINITE))
    return low <= value <= high
