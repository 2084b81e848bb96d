from traffic.models.gates import Gate, GateHour, PlateRead, Stay, WatchlistEntry
from traffic.models.roads import CountInterval, RoadCounter

__all__ = ["CountInterval", "Gate", "GateHour", "PlateRead", "RoadCounter", "Stay", "WatchlistEntry"]
