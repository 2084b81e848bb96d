"""Wastewater connection, waste circularity and green-space KPIs: pure functions, no database.

The measures follow shared/domain/park.md: "connected (or licensed own discharge) / all" for the
100% connection target, and the park-level indicators of Decree 35/2022/NĐ-CP (Circular
05/2025/TT-BKHĐT form A.5): ENV.1 symbiosis links, and the reused/recycled share of waste. Every
result keeps its numerator and denominator so a page can show how the figure was reached.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from environment.circularity_choices import ConnectionStatus, WasteCategory

ZERO = Decimal("0")


@dataclass(frozen=True)
class Share:
    numerator: Decimal
    denominator: Decimal
    target: Decimal | None = None

    @property
    def value(self) -> Decimal | None:
        """None when there is nothing to divide: no data is not 0%."""
        if not self.denominator:
            return None
        return Decimal(self.numerator) / Decimal(self.denominator)

    @property
    def meets_target(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        return self.value >= self.target


@dataclass(frozen=True)
class ConnectionFact:
    enterprise_id: int
    name: str
    status: str | None  # None: the register holds no row for the enterprise
    permit_expires_on: date | None = None


@dataclass(frozen=True)
class ConnectionKpi:
    share: Share
    not_connected: list[ConnectionFact] = field(default_factory=list)


def permit_valid_on(expires_on: date | None, day: date, issued_on: date | None = None) -> bool:
    if expires_on is None or expires_on < day:
        return False
    return issued_on is None or issued_on <= day


def counts_as_connected(fact: ConnectionFact, on: date) -> bool:
    """Connected, or discharging under an own-discharge permit still valid on `on`."""
    if fact.status == ConnectionStatus.CONNECTED:
        return True
    return fact.status == ConnectionStatus.OWN_DISCHARGE and permit_valid_on(fact.permit_expires_on, on)


def connection_kpi(facts: Iterable[ConnectionFact], on: date, target: Decimal | None = None) -> ConnectionKpi:
    facts = list(facts)
    missing = [f for f in facts if not counts_as_connected(f, on)]
    share = Share(Decimal(len(facts) - len(missing)), Decimal(len(facts)), target)
    return ConnectionKpi(share, missing)


@dataclass(frozen=True)
class WasteFact:
    category: str
    generated: Decimal
    reused: Decimal = ZERO
    recycled: Decimal = ZERO
    treated: Decimal = ZERO
    landfilled: Decimal = ZERO
    licensed_handler: bool = False  # handed to a handler whose licence covers the record's period


def outflows(fact: WasteFact) -> Decimal:
    return fact.reused + fact.recycled + fact.treated + fact.landfilled


def recovery_rate(facts: Iterable[WasteFact], category: str | None = None) -> Share:
    """(reused + recycled) / generated, over every category or one."""
    chosen = [f for f in facts if category is None or f.category == category]
    recovered = sum((f.reused + f.recycled for f in chosen), ZERO)
    return Share(recovered, sum((f.generated for f in chosen), ZERO))


def hazardous_to_licensed_share(facts: Iterable[WasteFact]) -> Share:
    """Tonnes of hazardous waste handed to licensed handlers / hazardous tonnes generated."""
    hazardous = [f for f in facts if f.category == WasteCategory.HAZARDOUS]
    handed = sum((f.generated for f in hazardous if f.licensed_handler), ZERO)
    return Share(handed, sum((f.generated for f in hazardous), ZERO), Decimal("1"))


@dataclass(frozen=True)
class LinkFact:
    started_on: date
    ended_on: date | None = None


def active_in_year(link: LinkFact, year: int) -> bool:
    return link.started_on <= date(year, 12, 31) and (
        link.ended_on is None or link.ended_on >= date(year, 1, 1)
    )


def symbiosis_link_count(links: Iterable[LinkFact], year: int) -> int:
    """ENV.1: links in operation at some time in `year`."""
    return sum(1 for link in links if active_in_year(link, year))


def green_share(green_m2: Decimal, park_m2: Decimal, target: Decimal | None = None) -> Share:
    return Share(Decimal(green_m2), Decimal(park_m2), target)
