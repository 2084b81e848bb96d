"""The generic pieces the kinds are built from: a row unit that follows a sibling choice, dates, consistency
that sees the period, tenfold-jump measures over fields and rows, the on_accept hook."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from django.utils import translation

from ioc.park.choices import Role
from ioc.registry import registry
from ioc.submissions import services
from ioc.submissions.kinds import Field, Rows, SubmissionKind, field_measures, row_measures, tenfold_jumps
from ioc.submissions.validation import validate

UNITS = (("water", "m³"), ("oil", "L"))
TOY = SubmissionKind(
    key="test.toy",
    app="tests",
    title="Toy",
    version=1,
    cadence="monthly",
    fields=(
        Field("since", "Since", kind="date"),
        Rows(
            "tanks",
            "Tanks",
            fields=(
                Field("liquid", "Liquid", kind="choice", choices=(("water", "Water"), ("oil", "Oil"))),
                Field("volume", "Volume", unit_by=("liquid", UNITS)),
            ),
        ),
    ),  # fmt: skip
    consistency=lambda data, period: {} if period is None or period.month != 2 else {"since": ["February!"]},
)


def test_a_rows_unit_follows_its_sibling_and_converts_or_refuses():
    raw = {"since": "2025-06-30", "tanks": [
        {"liquid": "water", "volume": {"value": 2500, "unit": "L"}},
        {"liquid": "oil", "volume": {"value": 2, "unit": "m³"}},
        {"liquid": "oil", "volume": {"value": 2, "unit": "kg"}},
        {"liquid": "mud", "volume": 3},
    ]}  # fmt: skip
    with translation.override("en"):
        checked = validate(TOY, raw)
    assert checked.data["tanks"][:2] == [
        {"liquid": "water", "volume": 2.5},
        {"liquid": "oil", "volume": 2000},
    ]
    assert checked.errors["tanks.2.volume"] == ["“kg” cannot be converted to L."]
    assert set(checked.errors) == {"tanks.2.volume", "tanks.3.liquid"}  # no second error for mud's volume


def test_dates_are_iso_and_consistency_sees_the_period():
    with translation.override("vi"):
        assert validate(TOY, {"since": "30/06/2025"}).errors == {
            "since": ["Hãy nhập ngày theo dạng YYYY-MM-DD."]
        }
    assert validate(TOY, {"since": "2025-06-30"}).data == {"since": "2025-06-30", "tanks": []}
    assert validate(TOY, {"since": "2025-06-30"}, date(2026, 2, 1)).errors == {"since": ["February!"]}


def test_tenfold_measures_follow_a_row_by_its_identity_not_its_index():
    def measures(data):
        return {**field_measures(data, "total"), **row_measures(data, "tanks", ("liquid",), "volume")}

    history = [
        {"total": 10, "tanks": [{"liquid": "Oil ", "volume": 5}, {"liquid": "water", "volume": 100}]}
    ] * 3
    now = {"total": 11, "tanks": [{"liquid": "water", "volume": 90}, {"liquid": "oil", "volume": 50}]}
    flags = tenfold_jumps(measures)(now, history)
    assert [(f.code, f.field) for f in flags] == [("tenfold_jump", "tanks.1.volume")]
    assert measures(now)["tanks:oil:volume"] == ("tanks.1.volume", Decimal(50))


def test_acceptance_runs_the_kinds_on_accept_hook(monkeypatch, small_park, make_user):
    seen = []
    monkeypatch.setitem(registry.submission_kinds, TOY.key, replace(TOY, on_accept=seen.append))
    user = make_user(Role.ENTERPRISE, small_park["a"])
    sent = services.save(enterprise=small_park["a"], kind_key=TOY.key, period=date(2026, 1, 1),
                         data={"since": "2025-06-30"}, user=user, submit=True)  # fmt: skip
    assert seen == []
    services.accept(sent, make_user(Role.PARK_MANAGER))
    assert seen == [sent]
