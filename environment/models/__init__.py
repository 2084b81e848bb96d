"""The environment app's models, one module per subject; each module's classes are re-exported here."""

from environment.models.standards import Averaging, Medium, Scaling, Standard, StandardLimit
from environment.models.stations import Station, StationKind, StationRole
from environment.models.transmission import Transmission, TransmissionState

__all__ = [
    "Averaging",
    "Medium",
    "Scaling",
    "Standard",
    "StandardLimit",
    "Station",
    "StationKind",
    "StationRole",
    "Transmission",
    "TransmissionState",
]
