"""The circularity KPIs as pure functions, with worked examples."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from environment import circularity as c
from environment import targets, waste_codes

ON = date(2025, 7, 1)


def test_the_connection_share_counts_own_discharge_only_under_a_valid_permit():
    facts = [
        c.ConnectionFact(1, "A", "connected"),
        c.ConnectionFact(2, "B", "own_discharge", date(2026, 1, 1)),
        c.ConnectionFact(3, "C", "own_discharge", date(2025, 6, 30)),  # expired the day before
        c.ConnectionFact(4, "D", "not_connected"),
        c.ConnectionFact(5, "E", None),  # not in the register at all
    ]
    kpi = c.connection_kpi(facts, ON, D("1"))
    assert (kpi.share.numerator, kpi.share.denominator) == (2, 5)
    assert kpi.share.value == D("0.4") and kpi.share.meets_target is False
    assert [f.name for f in kpi.not_connected] == ["C", "D", "E"]


def test_a_permit_expiring_on_the_day_still_counts():
    assert c.counts_as_connected(c.ConnectionFact(1, "A", "own_discharge", ON), ON)


def test_with_no_enterprises_the_share_is_unknown_not_zero():
    kpi = c.connection_kpi([], ON, D("1"))
    assert kpi.share.value is None and kpi.share.meets_target is None


def test_the_recovery_rate_is_reused_plus_recycled_over_generated():
    facts = [
        c.WasteFact("ordinary_industrial", D("10"), reused=D("2"), recycled=D("5"), landfilled=D("3")),
        c.WasteFact("domestic", D("4"), recycled=D("1"), landfilled=D("3")),
        c.WasteFact("hazardous", D("6"), treated=D("6"), licensed_handler=True),
    ]
    assert c.recovery_rate(facts).value == D("8") / D("20")  # 40%
    assert c.recovery_rate(facts, "ordinary_industrial").value == D("0.7")
    assert c.recovery_rate(facts, "hazardous").value == 0


def test_the_hazardous_share_counts_tonnes_handed_to_licensed_handlers():
    facts = [
        c.WasteFact("hazardous", D("3"), treated=D("3"), licensed_handler=True),
        c.WasteFact("hazardous", D("1"), treated=D("1")),  # kept or treated on site
        c.WasteFact("ordinary_industrial", D("50"), recycled=D("50")),
    ]
    share = c.hazardous_to_licensed_share(facts)
    assert (share.numerator, share.denominator, share.value) == (3, 4, D("0.75"))


def test_a_symbiosis_link_counts_in_every_year_it_operates():
    links = [
        c.LinkFact(date(2023, 3, 1)),
        c.LinkFact(date(2024, 1, 1), date(2024, 12, 31)),
        c.LinkFact(date(2026, 1, 1)),
    ]
    assert [c.symbiosis_link_count(links, y) for y in (2022, 2023, 2024, 2025, 2026)] == [0, 1, 2, 1, 2]


def test_the_green_share_against_the_qcvn_01_target():
    # 60 ha of green land in a 600 ha park: exactly the 10% of QCVN 01:2021/BXD.
    share = c.green_share(D("600000"), D("6000000"), targets.GREEN_LAND_SHARE.value)
    assert share.value == D("0.1") and share.meets_target is True
    assert (
        targets.GREEN_LAND_SHARE.confidence == "M" and "QCVN 01:2021/BXD" in targets.GREEN_LAND_SHARE.source
    )


def test_waste_codes_are_normalised_and_checked_against_the_list():
    assert waste_codes.normalise_code("160106") == "16 01 06"
    assert waste_codes.normalise_code("16-01-06") == "16 01 06"
    assert waste_codes.is_well_formed("16 01 06") and not waste_codes.is_well_formed("16 01 6")
    with pytest.raises(ValidationError):
        waste_codes.validate_format("16 01 6")


@pytest.mark.django_db
def test_the_seeded_codes_are_in_the_table_and_an_officer_can_add_one_from_the_annex(small_park):
    from environment.models import HazardousWasteCode, WasteRecord

    assert set(HazardousWasteCode.objects.values_list("code", flat=True)) == set(
        waste_codes.HAZARDOUS_WASTE_CODES
    )
    record = WasteRecord(enterprise=small_park["a"], period_start=date(2025, 1, 1), period_end=date(2025, 3, 31),
                         category="hazardous", waste_code="07 01 01", generated_t=1, treated_t=1)  # fmt: skip
    with pytest.raises(ValidationError, match="07 01 01"):
        record.full_clean()
    HazardousWasteCode.objects.create(
        code="070101", source="Circular 02/2022/TT-BTNMT Annex III (test entry)"
    )
    record.full_clean()  # the officer's entry, normalised to "07 01 01", is now accepted


def test_every_listed_code_carries_its_source_and_confidence():
    for code in waste_codes.HAZARDOUS_WASTE_CODES.values():
        assert (
            waste_codes.is_well_formed(code.code) and code.source and code.confidence in {"V", "S", "P", "M"}
        )
