"""The environment app's models, one module per subject; each module's classes are re-exported here."""

from environment.models import connections, green, waste
from environment.models.connections import *  # noqa: F403
from environment.models.green import *  # noqa: F403
from environment.models.records import AqiHour, ComplianceRecord
from environment.models.standards import Averaging, Medium, Scaling, Standard, StandardLimit
from environment.models.stations import Station, StationKind, StationRole
from environment.models.transmission import Transmission, TransmissionState
from environment.models.waste import *  # noqa: F403

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
    *connections.__all__,
    *green.__all__,
    *waste.__all__,
    "Transmission",
    "TransmissionState",
]
