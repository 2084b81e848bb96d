"""Choice lists of the wastewater connection register, waste records, symbiosis links."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConnectionStatus(models.TextChoices):
    CONNECTED = "connected", _("Connected to the central wastewater plant")
    OWN_DISCHARGE = "own_discharge", _("Licensed own discharge")
    NOT_CONNECTED = "not_connected", _("Not connected")


class VolumeSource(models.TextChoices):
    METER = "meter", _("Flow meter")
    SUBMISSION = "submission", _("Enterprise's submission")


class WasteCategory(models.TextChoices):
    ORDINARY_INDUSTRIAL = "ordinary_industrial", _("Ordinary industrial solid waste")
    HAZARDOUS = "hazardous", _("Hazardous waste")
    DOMESTIC = "domestic", _("Domestic solid waste")


class SymbiosisType(models.TextChoices):
    """Circular 05/2025/TT-BKHĐT Art. 2(1) and form B.4 of Decree 35/2022/NĐ-CP."""

    MATERIALS = "materials", _("Exchange of materials")
    WATER = "water", _("Exchange of water")
    ENERGY = "energy", _("Exchange of energy")
    WASTE = "waste", _("Exchange of waste")
    BY_PRODUCTS = "by_products", _("Exchange of by-products")
    SHARED_INFRASTRUCTURE = "shared_infrastructure", _("Shared production infrastructure")
    SHARED_SERVICES = "shared_services", _("Shared support services")
    OTHER_PARKS = "other_parks", _("Link with another park")


# Exchanges whose quantity is a mass: their links must say how many tonnes a year.
TONNAGE_TYPES = frozenset({SymbiosisType.MATERIALS, SymbiosisType.WASTE, SymbiosisType.BY_PRODUCTS})
