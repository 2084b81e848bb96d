"""The annual digital-readiness questionnaire, after the six pillars of the Digital Business Index
(Decision 1970/QĐ-BTTTT, 2021), with production readiness after Singapore's SIRI — our model, as in
shared/domain/park.md ("Green Enterprise Index and Digital Enterprise Index").

Owned by `production`: smart factories (MES, metering, automation) and the enterprise's systems are this
app's subject, and the Digital Enterprise Index will be computed here. The questions are data: a new
question is a new entry and a new schema version, not new code.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ioc.submissions.kinds import Field, Flag, SubmissionKind

# Levels 1–5 are the model's (Khởi động … Dẫn dắt, scored 10/30/50/70/90); 0 is "nothing yet".
LEVELS = (
    ("0", _("Not yet")),
    ("1", _("Starting (Khởi động)")),
    ("2", _("Beginning (Bắt đầu)")),
    ("3", _("Forming (Hình thành)")),
    ("4", _("Advanced (Nâng cao)")),
    ("5", _("Leading (Dẫn dắt)")),
)
PILLARS = {
    "strategy": _("Strategy"),
    "infrastructure": _("Infrastructure and technology"),
    "operations": _("Operations and production"),
    "customers": _("Customer experience"),
    "data": _("Data"),
    "people": _("Culture and people"),
}
JUMP_LEVELS = 3  # a pillar that rises this many levels in a year is worth a reviewer's look


@dataclass(frozen=True)
class Question:
    pillar: str
    key: str
    label: Any


QUESTIONS = (
    Question("strategy", "strategy_plan", _("A digital-transformation plan with goals and a budget")),
    Question("strategy", "strategy_leader", _("A leader in charge of digital transformation")),
    Question("infrastructure", "infra_network", _("Network and connectivity on the shop floor")),
    Question("infrastructure", "infra_cloud", _("Cloud services")),
    Question("infrastructure", "infra_security", _("Information security (ISO 27001 or equivalent)")),
    Question("operations", "ops_erp", _("Enterprise resource planning (ERP)")),
    Question("operations", "ops_mes", _("Manufacturing execution system (MES)")),
    Question("operations", "ops_warehouse", _("Warehouse management system")),
    Question("operations", "ops_metering", _("Metering of energy, water and machines")),
    Question("operations", "ops_automation", _("Automation of production lines")),
    Question("operations", "ops_einvoice", _("Electronic invoices")),
    Question("operations", "ops_ecustoms", _("Electronic customs (VNACCS)")),
    Question("customers", "customers_online", _("Online sales and service channels")),
    Question("customers", "customers_crm", _("Customer relationship management (CRM)")),
    Question("data", "data_management", _("Data managed and used in decisions")),
    Question("data", "data_to_park", _("Data fed automatically to the park platform")),
    Question("data", "data_analytics", _("Analytics and AI on production data")),
    Question("people", "people_skills", _("Staff digital skills")),
    Question("people", "people_training", _("Digital training each year")),
)


def pillar_levels(data: dict) -> dict[str, Decimal]:
    """The mean level of each pillar's questions, to one decimal."""
    levels: dict[str, list[int]] = {pillar: [] for pillar in PILLARS}
    for question in QUESTIONS:
        if data.get(question.key) is not None:
            levels[question.pillar].append(int(data[question.key]))
    return {
        pillar: (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"))
        for pillar, values in levels.items()
        if values
    }


def plausibility(data: dict, history: list[dict]) -> list[Flag]:
    """A pillar that rose by JUMP_LEVELS or more since the last accepted year: accepted, flagged."""
    if not history:
        return []
    now, before = pillar_levels(data), pillar_levels(history[0])
    flags = []
    for pillar, level in now.items():
        if pillar in before and level - before[pillar] >= JUMP_LEVELS:
            first = next(q.key for q in QUESTIONS if q.pillar == pillar)
            flags.append(Flag("level_jump", first, gettext(
                "%(pillar)s rose from level %(before)s to %(now)s in a year."
            ) % {"pillar": PILLARS[pillar], "before": before[pillar], "now": level}))  # fmt: skip
    return flags


DIGITAL_READINESS = SubmissionKind(
    key="production.digital_readiness",
    app="production",
    title=_("Annual digital-readiness questionnaire"),
    version=1,
    cadence="annual",
    fields=tuple(Field(q.key, q.label, kind="choice", choices=LEVELS) for q in QUESTIONS),
    plausibility=plausibility,
)
