"""Choice lists of the park registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    PARK_MANAGER = "park_manager", _("Park manager")
    OPERATOR = "operator", _("Operator")
    WARD_OFFICIAL = "ward_official", _("Ward official")
    ENTERPRISE = "enterprise", _("Enterprise user")


# Roles allowed to change the park registry (enterprises, zones, devices).
REGISTRY_EDITORS = frozenset({Role.ADMIN, Role.PARK_MANAGER})


class InvestmentType(models.TextChoices):
    FDI = "FDI", _("Foreign direct investment (FDI)")
    DDI = "DDI", _("Domestic investment (DDI)")


class EnterpriseStatus(models.TextChoices):
    OPERATING = "operating", _("Operating")
    CONSTRUCTION = "construction", _("Under construction")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class ZoneKind(models.TextChoices):
    PRODUCTION = "production", _("Production")
    UTILITIES = "utilities", _("Utilities and wastewater treatment")
    LOGISTICS = "logistics", _("Logistics and warehouses")
    SERVICES = "services", _("Services and administration")
    GREEN = "green", _("Green space and water surface")
    ROADS = "roads", _("Roads and infrastructure corridors")


class DeviceKind(models.TextChoices):
    AIR_STATION = "air_station", _("Ambient air monitoring station")
    WASTEWATER_STATION = "wastewater_station", _("Wastewater monitoring station")
    STACK_STATION = "stack_station", _("Stack emission monitoring station")
    WEATHER_STATION = "weather_station", _("Weather station")
    ENERGY_METER = "energy_meter", _("Energy meter")
    SOLAR_METER = "solar_meter", _("Rooftop solar meter")
    WATER_METER = "water_meter", _("Water meter")
    CAMERA = "camera", _("Camera")
    GATE = "gate", _("Gate with plate reader")
    TRAFFIC_COUNTER = "traffic_counter", _("Traffic counter")
    MACHINE = "machine", _("Production machine")


class DeviceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    MAINTENANCE = "maintenance", _("Under maintenance")
    INACTIVE = "inactive", _("Inactive")
    RETIRED = "retired", _("Retired")
