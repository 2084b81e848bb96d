"""The ward's labour checks: regional minimum wage, overtime caps, accidents. Pure, with the law as data.

Sources (confidence as in shared/domain: S secondary sources that agree, M unchecked):
- Decree 74/2024/NĐ-CP (from 1 Jul 2024) and Decree 293/2025/NĐ-CP (from 1 Jan 2026): regional
  minimum monthly wages, VND (S). Đại An is in region I (the issue's worked example; setting
  PARK_WAGE_REGION).
- Labour Code 2019 Art. 107 and Decree 145/2020/NĐ-CP Art. 60–61: overtime ≤ 40 h a month, ≤ 200 h a
  year, ≤ 300 h in the listed sectors (textiles, garments, footwear, electronics…) (S).
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class MinimumWage:
    valid_from: date
    decree: str
    by_region: dict[str, int]


MINIMUM_WAGES = (
    MinimumWage(date(2024, 7, 1), "Nghị định 74/2024/NĐ-CP",
                {"I": 4_960_000, "II": 4_410_000, "III": 3_860_000, "IV": 3_450_000}),
    MinimumWage(date(2026, 1, 1), "Nghị định 293/2025/NĐ-CP",
                {"I": 5_310_000, "II": 4_730_000, "III": 4_140_000, "IV": 3_700_000}),
)  # fmt: skip
OVERTIME_MONTH_CAP_H = 40
OVERTIME_YEAR_CAP_H = 200
OVERTIME_YEAR_CAP_LISTED_H = 300
# Decree 145/2020/NĐ-CP Art. 61(1): sectors where up to 300 h a year are allowed, as VSIC 2018 divisions
# (food, textiles, garments, leather and footwear, refining, electronics, electrical equipment,
# electricity, water supply and drainage, telecoms) (S; the decree words them by activity, not by code).
OVERTIME_300H_DIVISIONS = frozenset({"10", "13", "14", "15", "19", "26", "27", "35", "36", "37", "61"})


def overtime_year_cap(sector: str) -> int:
    """The yearly overtime cap for an enterprise of this VSIC sector."""
    return (
        OVERTIME_YEAR_CAP_LISTED_H if (sector or "")[:2] in OVERTIME_300H_DIVISIONS else OVERTIME_YEAR_CAP_H
    )


def minimum_wage(period: date, region: str) -> MinimumWage | None:
    """The minimum in force on the period's first day, or None before the earliest we hold."""
    found = [wage for wage in MINIMUM_WAGES if wage.valid_from <= period]
    return found[-1] if found else None


def accident_frequency(injured: int, fatal: int, headcount: int) -> float | None:
    """Occupational accident victims per 1,000 workers in the period."""
    return (injured + fatal) * 1000 / headcount if headcount else None
