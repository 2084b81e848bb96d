"""The environment app's models, one module per subject; each module's classes are re-exported here."""

from environment.models.records import AqiHour, ComplianceRecord
from environment.models.standards import Averaging, Medium, Scaling, Standard, StandardLimit
from environment.models.stations import Station, StationKind, StationRole

__all__ = [
    "AqiHour",
    "ComplianceRecord",
    "Averaging",
    "Medium",
    "Scaling",
    "Standard",
    "StandardLimit",
    "Station",
    "StationKind",
    "StationRole",
]
