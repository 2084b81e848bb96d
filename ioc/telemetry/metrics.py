"""The metric vocabulary: one key and one canonical unit per quantity, for every device and API.

Source: shared/domain/metrics.md (Circular 10/2021/TT-BTNMT symbols where the Department wants
them). Extend the table here, not in callers.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Metric:
    key: str
    name: object  # lazy translatable
    unit: str
    circular10_symbol: str = ""
    other_units: tuple[str, ...] = ()

    @property
    def accepted_units(self) -> tuple[str, ...]:
        return (self.unit, *self.other_units)


_GAS_UNITS = ("mg/m³", "ppm", "ppb")
_WATER_MG = ("mg/l",)

METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric("pm25", _("PM2.5"), "µg/m³", "PM2,5", ("mg/m³",)),
        Metric("pm10", _("PM10"), "µg/m³", "PM10", ("mg/m³",)),
        Metric("tsp", _("Total suspended particulates"), "µg/m³", "", ("mg/m³",)),
        Metric("o3", _("Ozone"), "µg/m³", "O3", _GAS_UNITS),
        Metric("no2", _("Nitrogen dioxide"), "µg/m³", "NO2", _GAS_UNITS),
        Metric("so2", _("Sulphur dioxide"), "µg/m³", "SO2", _GAS_UNITS),
        Metric("co", _("Carbon monoxide"), "µg/m³", "CO", _GAS_UNITS),
        Metric("air_temperature", _("Air temperature"), "°C", "", ("°F",)),
        Metric("humidity", _("Relative humidity"), "%"),
        Metric("wind_speed", _("Wind speed"), "m/s"),
        Metric("wind_direction", _("Wind direction"), "°"),
        Metric("noise", _("Noise"), "dBA"),
        Metric("flow", _("Flow"), "m³/h", "Flow", ("L/s",)),
        Metric("water_temperature", _("Water temperature"), "°C", "Temp", ("°F",)),
        Metric("ph", _("pH"), "", "pH"),
        Metric("cod", _("COD"), "mg/L", "COD", _WATER_MG),
        Metric("bod5", _("BOD5"), "mg/L", "", _WATER_MG),
        Metric("tss", _("Total suspended solids"), "mg/L", "TSS", _WATER_MG),
        Metric("nh4", _("Ammonium (as N)"), "mg/L", "NH4", _WATER_MG),
        Metric("tn", _("Total nitrogen"), "mg/L", "TN", _WATER_MG),
        Metric("tp", _("Total phosphorus"), "mg/L", "TP", _WATER_MG),
        Metric("toc", _("Total organic carbon"), "mg/L", "TOC", _WATER_MG),
        Metric("color", _("Colour"), "Pt/Co", "Color"),
        Metric("stack_dust", _("Stack dust"), "mg/Nm³", "PM"),
        Metric("stack_so2", _("Stack SO2"), "mg/Nm³", "SO2"),
        Metric("stack_nox", _("Stack NOx"), "mg/Nm³", "NO"),
        Metric("stack_co", _("Stack CO"), "mg/Nm³", "CO"),
        Metric("stack_o2", _("Stack oxygen"), "%", "O2"),
        Metric("energy", _("Energy (cumulative)"), "kWh", "", ("Wh",)),
        Metric("power", _("Active power"), "kW", "", ("W",)),
        Metric("solar_energy", _("Rooftop solar generation (cumulative)"), "kWh", "", ("Wh",)),
        Metric("vehicle_count", _("Vehicles"), "count"),
        Metric("heavy_vehicle_count", _("Heavy vehicles"), "count"),
        Metric("occupancy", _("Occupancy"), "%"),
        Metric("people_count", _("People"), "count"),
        Metric("machine_state", _("Machine state"), "code"),
        Metric("good_count", _("Good units"), "count"),
        Metric("reject_count", _("Rejected units"), "count"),
    )
}

METRIC_CHOICES = [(key, key) for key in METRICS]


def metric(key: str) -> Metric:
    """The metric for `key`; KeyError names the unknown key."""
    return METRICS[key]
