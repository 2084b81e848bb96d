"""Build a report: every registered section, in order, in the report's language."""

from collections.abc import Callable

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ioc.registry import registry
from ioc.reports.document import PARK_NAME_VI, Document
from ioc.reports.periods import Period
from ioc.reports.scope import Scope
from ioc.reports.sections import Section


def ordered_sections(keys: list[str] | None = None) -> list[Section]:
    sections = sorted(registry.report_sections.values(), key=lambda s: (s.order, s.key))
    return [s for s in sections if keys is None or s.key in keys]


def build(
    period: Period,
    scope: Scope,
    language: str,
    *,
    keys: list[str] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Document:
    """The report of `period` and `scope` in `language`; `progress(done, total, title)` after each section."""
    sections = ordered_sections(keys)
    built = []
    with translation.override(language):
        for done, section in enumerate(sections, start=1):
            built.append(section.build(period, scope, language))
            if progress is not None:
                progress(done, len(sections), str(section.title))
        return Document(
            title=_("Park report"),
            park=PARK_NAME_VI,
            period_label=period.label(),
            scope_label=scope.name(),
            language=language,
            generated_at=timezone.now(),
            sections=tuple(built),
        )
