"""Targets the circularity KPIs are measured against, as data with their source and confidence.

Confidence marks as in shared/domain/environment.md: V verified, P partly, M believed right but not
checked against the official text. An official correction is a change here, nowhere else.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Target:
    value: Decimal
    source: str
    confidence: str
    note: str = ""


# Ward resolution and city plans (shared/domain/park.md, "Targets the platform tracks").
CONNECTION_SHARE = Target(
    Decimal("1"),
    "Đại An park board and Tứ Minh ward resolution: 100% of enterprises connected to the central "
    "wastewater plant (connected or licensed own discharge / all)",
    "P",
)

# QCVN 01:2021/BXD (construction planning): green land in an industrial park ≥ 10% of its area.
GREEN_LAND_SHARE = Target(
    Decimal("0.10"),
    "QCVN 01:2021/BXD, national technical regulation on construction planning",
    "M",
    "believed right, not checked against the official text",
)

# Decree 35/2022/NĐ-CP, Circular 05/2025/TT-BKHĐT form A.5, ENV.1: at least one symbiosis link.
SYMBIOSIS_LINKS_MIN = Target(Decimal("1"), "Decree 35/2022/NĐ-CP; Circular 05/2025/TT-BKHĐT, ENV.1", "P")
