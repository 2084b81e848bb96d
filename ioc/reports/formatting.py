"""How a table value reads on the page and in the PDF, per language. Pure.

Vietnamese groups thousands with "." and writes decimals with "," (1.234,5); English the other
way round (1,234.5). Shares are stored 0–1 and shown as percentages. None is "—": no data.
"""

from datetime import date
from decimal import ROUND_FLOOR, Decimal

from ioc.reports.sections import DATE, DECIMAL, INT, PERCENT, Column

NO_DATA = "—"
SEPARATORS = {"vi": (".", ","), "en": (",", ".")}


def number(value: float, digits: int, language: str) -> str:
    group, point = SEPARATORS.get(language, SEPARATORS["en"])
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\0").replace(".", point).replace("\0", group)


def percent_text(share: float, digits: int, language: str) -> str:
    """A share as a percentage, rounded down: 99.96 % compliant reads 99.9 %, never a 100 % that was not."""
    value = (Decimal(str(share)) * 100).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_FLOOR)
    return number(float(value), digits, language) + "\u00a0%"


def format_value(value, column: Column, language: str) -> str:
    if value is None:
        return NO_DATA
    if column.type == INT:
        return number(value, 0, language)
    if column.type == DECIMAL:
        return number(value, column.digits, language)
    if column.type == PERCENT:
        return percent_text(value, column.digits, language)
    if column.type == DATE and isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def heading(column: Column) -> str:
    return f"{column.title} ({column.unit})" if column.unit else column.title
