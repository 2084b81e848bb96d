from ioc.park.models.devices import Channel, Device
from ioc.park.models.enterprises import Contact, Enterprise
from ioc.park.models.people import User
from ioc.park.models.shifts import ShiftSchedule
from ioc.park.models.sites import Lot, Zone

__all__ = ["Channel", "Contact", "Device", "Enterprise", "Lot", "ShiftSchedule", "User", "Zone"]
