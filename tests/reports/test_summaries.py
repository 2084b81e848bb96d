"""The plain-words summaries, the number formats and the green-energy rule, with worked examples. Pure."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from environment.green_energy import energy_mix, period_mix
from environment.report_sections import aqi_summary, exceedance_summary, target_verdict, transmission_summary
from ioc.reports.formatting import format_value
from ioc.reports.incidents import incidents_summary
from ioc.reports.sections import Column
from ioc.reports.submission_status import submissions_summary
from ioc.reports.summaries import days_phrase, ordinal
from ioc.reports.xlsx import sheet_name
from labour.report_sections import Month, findings, labour_summary
from production.report_sections import production_summary

OCT = [date(2025, 10, d) for d in (3, 12, 14)]


@pytest.mark.parametrize(("days", "en", "vi"), [
    ([date(2025, 10, 12)] * 3, "all on the 12th", "tất cả vào ngày 12"),
    (OCT, "on the 3rd, 12th and 14th", "vào các ngày 3, 12 và 14"),
    ([date(2025, 10, 31), date(2025, 11, 1)], "on the 31/10 and 01/11", "vào các ngày 31/10 và 01/11"),
    ([date(2025, 10, d) for d in range(1, 10)], "on 9 different days", "trong 9 ngày khác nhau"),
])  # fmt: skip
def test_when_things_happened(days, en, vi):
    with translation.override("en"):
        assert days_phrase(days) == en
    with translation.override("vi"):
        assert days_phrase(days) == vi


def test_english_ordinals():
    with translation.override("en"):
        assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31)] == [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"]  # fmt: skip


def test_the_issues_example_of_an_exceedance_summary():
    rows = [
        ("COD", "the outfall", 3, [date(2025, 10, 12)] * 3),
        ("TSS", "the outfall", 1, [date(2025, 10, 3)]),
    ]
    with translation.override("en"):
        assert exceedance_summary(rows) == ["3 exceedance hours of COD at the outfall, all on the 12th.",
                                            "1 exceedance hour of TSS at the outfall, all on the 3rd."]  # fmt: skip
        assert exceedance_summary([]) == ["No hourly limit was exceeded at the judged stations."]
    with translation.override("vi"):
        assert exceedance_summary(rows[:1]) == ["3 giờ vượt chuẩn COD tại the outfall, tất cả vào ngày 12."]


def test_aqi_and_transmission_summaries():
    with translation.override("en"):
        assert aqi_summary("DA-AIR-01", [("Good", 20), ("Moderate", 8), ("Poor", 0)], 3) == (
            "DA-AIR-01: days per AQI band — 20 Good and 8 Moderate; 3 days without enough data."
        )
        assert aqi_summary("DA-AIR-01", [("Good", 0)], 31) == "DA-AIR-01: no day with an AQI."
        assert transmission_summary(made=8640, on_time=8500, late=100, unsent=10, no_data=30) == (
            "8,640 files due to the Department: 8,500 sent on time (98.7\u00a0%), 100 late, 10 not yet sent; "
            "30 periods had no data."
        )
        assert transmission_summary(made=0, on_time=0, late=0, unsent=0, no_data=0).startswith("No file")
        assert [target_verdict(None, 1), target_verdict(0.5, 0.5), target_verdict(0.49, 0.5)] == [
            "no data", "met", "not met"]  # fmt: skip


def test_incident_submission_labour_and_production_summaries():
    with translation.override("en"):
        assert incidents_summary([("Security", 3, 2, 1), ("Traffic", 0, 0, 0)]) == [
            "3 security incidents opened in the period.",
            "1 of them is still open.",
        ]
        assert incidents_summary([("Security", 0, 0, 0), ("Traffic", 0, 0, 0)]) == [
            "No security or traffic incident was opened in the period."
        ]
        assert submissions_summary(120, 100, 12, 8, 0) == [
            "Of 120 reports expected, 100 arrived on time, 12 late and 8 are missing."
        ]
        last = Month(reports=40, headcount=12345)
        assert labour_summary("10/2025", last, 45, 2, 1, 3, 0) == [
            "Headcount 12,345 in 10/2025, from 40 of 45 operating enterprises' reports.",
            "Reports paying below the minimum wage: 2; with overtime above a cap: 1.",
            "3 people injured in occupational accidents, 0 deaths.",
        ]
        assert production_summary(38, 40, 1_234_500_000_000, Decimal("56700000")) == [
            "Output 1,234.5 billion VND and exports 56.70 million USD, from 38 reports of 40 operating enterprises."
        ]
    with translation.override("vi"):
        assert production_summary(38, 40, 1_234_500_000_000, Decimal("56700000"))[0].startswith(
            "Giá trị sản xuất 1.234,5 tỷ đồng, xuất khẩu 56,70 triệu USD"
        )


def test_the_wards_findings_on_a_labour_report():
    data = {
        "wage_lowest": 4_000_000,
        "overtime_hours_max_worker": 52,
        "overtime_hours_max_worker_year": 210,
        "accidents_fatal": 1,
    }
    with translation.override("en"):
        codes = [code for code, _words in findings(data, date(2025, 10, 1), "2930")]
    # Region I minimum 4,960,000 (Decree 74/2024); 52 h > 40 h a month; 210 h > 200 h a year (motor vehicles).
    assert codes == ["below_minimum_wage", "overtime_above_cap", "overtime_above_cap", "fatal_accident"]
    assert (
        findings(
            {
                **data,
                "overtime_hours_max_worker_year": 210,
                "accidents_fatal": 0,
                "wage_lowest": 5_000_000,
                "overtime_hours_max_worker": 40,
            },
            date(2025, 10, 1),
            "1410",
        )
        == []
    )  # garments: 300 h a year


def test_the_renewable_share_and_green_energy_users():
    # 90,000 kWh from the grid, 10,000 kWh of rooftop solar used on site, 1,000 L of diesel (10,081 kWh):
    # renewable 10,000 of 110,081 kWh = 9.08 %: below a tenth, so not a green-energy user.
    month = {
        "grid_kwh": 90_000,
        "solar_self_consumed_kwh": 10_000,
        "fuels": [{"fuel": "diesel", "quantity": 1000}],
    }
    mix = energy_mix(month)
    assert (mix.final_kwh, mix.renewable_kwh) == (Decimal("110081.000"), Decimal("10000"))
    assert round(mix.share, 4) == Decimal("0.0908") and not mix.green_user
    # Certificates for 5 MWh of the grid power make it 15,000 kWh: 13.6 %, a green-energy user.
    assert energy_mix({**month, "renewable_certificates_mwh": 5}).green_user
    # Certificates never green more than the grid power bought.
    assert energy_mix({"grid_kwh": 1000, "renewable_certificates_mwh": 50}).renewable_kwh == 1000
    # Months add up as energies, not as shares.
    assert period_mix([{"grid_kwh": 100}, {"grid_kwh": 0, "solar_self_consumed_kwh": 100}]).share == Decimal(
        "0.5"
    )
    assert energy_mix({}).share is None


@pytest.mark.parametrize(("value", "column", "vi", "en"), [
    (12345, Column("n", "n", "int"), "12.345", "12,345"),
    (1234.56, Column("x", "x", "decimal", digits=1), "1.234,6", "1,234.6"),
    (0.985, Column("s", "s", "percent"), "98,5\u00a0%", "98.5\u00a0%"),
    (None, Column("n", "n", "int"), "—", "—"),
    (date(2025, 10, 12), Column("d", "d", "date"), "12/10/2025", "12/10/2025"),
])  # fmt: skip
def test_numbers_read_the_way_each_language_writes_them(value, column, vi, en):
    assert format_value(value, column, "vi") == vi
    assert format_value(value, column, "en") == en


def test_sheet_names_are_what_excel_accepts_and_unique():
    taken: set[str] = set()
    names = [
        sheet_name(t, taken)
        for t in ("Báo cáo của doanh nghiệp: đã nhận, nộp muộn, chưa nộp", "A/B [c]", "A/B [c]")
    ]
    assert names == ["Báo cáo của doanh nghiệp  đã nh", "A B  c", "A B  c (2)"]
    assert all(len(n) <= 31 for n in names)


def test_a_share_is_rounded_down_so_that_nothing_reads_as_met_that_was_not():
    column = Column("s", "s", "percent")
    assert format_value(0.99996, column, "en") == "99.9\u00a0%"
    assert format_value(1.0, column, "vi") == "100,0\u00a0%"
    assert format_value(0.985, column, "en") == "98.5\u00a0%"  # no float artefact (98.49999…)


def test_a_long_list_of_exceedances_names_the_worst_five_and_counts_the_rest():
    rows = [(f"P{i}", "X", 10 - i, [date(2025, 10, 1)]) for i in range(8)]
    with translation.override("en"):
        lines = exceedance_summary(rows)
    assert len(lines) == 6 and lines[0].startswith("10 exceedance hours of P0")
    assert lines[-1] == "And 3 more parameters and stations with exceedances (see the table)."
