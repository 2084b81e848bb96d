"""Plain-words pieces the sections' summaries are made of, in the active language. Pure.

"3 exceedance hours of COD at the outfall, all on the 12th": the sections count, these say it.
"""

from datetime import date

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from ioc.reports.formatting import number, percent_text

MAX_DAYS_NAMED = 4


def ordinal(day: int) -> str:
    """12 → "12th" in English; Vietnamese says "ngày 12", so the number alone."""
    if (get_language() or "vi") != "en":
        return str(day)
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def join_words(words: list[str]) -> str:
    """["a"] → "a"; ["a", "b", "c"] → "a, b and c" ("a, b và c")."""
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def day_name(day: date, within_one_month: bool) -> str:
    return ordinal(day.day) if within_one_month else f"{day:%d/%m}"


def days_phrase(days: list[date]) -> str:
    """When things happened: "all on the 12th", "on the 3rd, 12th and 14th", "on 9 different days"."""
    distinct = sorted(set(days))
    if not distinct:
        return ""
    one_month = len({(d.year, d.month) for d in distinct}) == 1
    if len(distinct) == 1:
        return _("all on the %(day)s") % {"day": day_name(distinct[0], one_month)}
    if len(distinct) <= MAX_DAYS_NAMED:
        return _("on the %(days)s") % {"days": join_words([day_name(d, one_month) for d in distinct])}
    return ngettext("on %(n)d different day", "on %(n)d different days", len(distinct)) % {"n": len(distinct)}


def percent(share: float | None, digits: int = 1) -> str:
    if share is None:
        return "—"
    return percent_text(share, digits, get_language() or "vi")


def count(value: float, digits: int = 0) -> str:
    return number(value, digits, get_language() or "vi")
