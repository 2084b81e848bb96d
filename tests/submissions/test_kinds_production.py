"""The production app's report kinds, worked examples through the API: monthly production, digital readiness."""

from decimal import Decimal

from production.digital_readiness import QUESTIONS, pillar_levels
from tests.submissions.kind_helpers import accept, assert_errors, errors_in, flags_of, send

MONTHLY = "production.monthly"
DIGITAL = "production.digital_readiness"


def production(**changes):
    data = {
        "output_value_vnd": 120_000_000_000, "export_value_usd": 3_800_000,
        "products": [{"product": "Bó dây điện ô tô", "quantity": 42_000, "unit": "set"},
                     {"product": "Dây điện", "quantity": 180, "unit": "t"}],
        "capacity_utilisation": 82.5, "operating_days": 26,
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_monthly_production_report_is_accepted_with_its_units(enterprise_api, manager_api):
    data = production(
        products=[{"product": "Dây điện", "quantity": {"value": 180_000, "unit": "kg"}, "unit": "t"}]
    )
    response = send(enterprise_api, MONTHLY, "2026-01-01", data)
    assert response.status_code == 201, response.content
    sent = response.json()
    assert sent["due"] == "2026-02-10" and sent["data"]["operating_days"] == 26
    assert sent["data"]["products"] == [{"product": "Dây điện", "unit": "t", "quantity": 180}]  # from kg
    assert accept(manager_api, sent)["status"] == "accepted"


def test_operating_days_cannot_exceed_the_days_in_the_month(enterprise_api):
    found = errors_in(enterprise_api, MONTHLY, "2026-02-01", production(operating_days=29))
    assert "the month has 28" in found["en"]["data.operating_days"][0]
    assert "tháng chỉ có 28 ngày" in found["vi"]["data.operating_days"][0]
    assert send(enterprise_api, MONTHLY, "2026-03-01", production(operating_days=31)).status_code == 201


def test_every_bad_value_is_named_at_once_in_the_callers_language(enterprise_api):
    data = production(capacity_utilisation=120, export_value_usd={"value": 5, "unit": "EUR"},
                      products=[{"product": "Dây điện", "quantity": -1, "unit": "t"}, {"quantity": 5, "unit": "barrel"}])  # fmt: skip
    found = errors_in(enterprise_api, MONTHLY, "2026-01-01", data)
    expected = {
        "data.capacity_utilisation": ("at most 100 %", "Không được quá 100 %"),
        "data.export_value_usd": ("cannot be converted to USD", "không đổi được"),
        "data.products.0.quantity": ("at least 0", "ít nhất 0"),
        "data.products.1.unit": ("is not one of", "không thuộc"),
        "data.products.1.product": ("required", "bắt buộc"),
    }
    assert_errors(found, expected)


def test_a_product_twice_in_the_same_unit_is_refused(enterprise_api):
    twice = [
        {"product": "Dây điện", "quantity": 1, "unit": "t"},
        {"product": "dây  điện", "quantity": 2, "unit": "t"},
    ]
    found = errors_in(enterprise_api, MONTHLY, "2026-01-01", production(products=twice))
    assert "listed twice" in found["en"]["data.products.1.product"][0]
    assert "kê hai lần" in found["vi"]["data.products.1.product"][0]


def test_a_tenfold_jump_in_output_or_a_product_is_flagged_not_refused(enterprise_api, manager_api):
    for month in (10, 11, 12):
        accept(manager_api, send(enterprise_api, MONTHLY, f"2025-{month}-01", production()).json())
    jumped = production(output_value_vnd=1_300_000_000_000,
                        products=[{"product": "Dây điện", "quantity": 17, "unit": "t"}])  # fmt: skip
    response = send(enterprise_api, MONTHLY, "2026-01-01", jumped)
    assert response.status_code == 201
    assert flags_of(response.json()) == {
        ("tenfold_jump", "output_value_vnd"),
        ("tenfold_jump", "products.0.quantity"),
    }


def levels(level="2", **changes):
    data = {question.key: level for question in QUESTIONS}
    data.update(changes)
    return data


def test_the_pillars_levels_are_the_mean_of_their_questions():
    # Operations has seven questions: 5+5+4+3+3+1+0 = 21 → 3.0; strategy (1+2)/2 = 1.5.
    data = levels(ops_erp="5", ops_mes="5", ops_warehouse="4", ops_metering="3", ops_automation="3",
                  ops_einvoice="1", ops_ecustoms="0", strategy_plan="1", strategy_leader="2")  # fmt: skip
    found = pillar_levels(data)
    assert found["operations"] == Decimal("3.0") and found["strategy"] == Decimal("1.5")
    assert found["data"] == Decimal("2.0") and set(found) == {"strategy", "infrastructure", "operations",
                                                             "customers", "data", "people"}  # fmt: skip


def test_the_questionnaire_is_annual_and_every_level_is_a_choice(enterprise_api):
    response = send(enterprise_api, DIGITAL, "2025-01-01", levels())
    assert response.status_code == 201 and response.json()["due"] == "2026-01-10"
    found = errors_in(enterprise_api, DIGITAL, "2024-01-01", levels(ops_mes="6", data_to_park=None))
    assert "is not one of: 0, 1, 2, 3, 4, 5" in found["en"]["data.ops_mes"][0]
    assert "bắt buộc" in found["vi"]["data.data_to_park"][0]
    assert "period" in send(enterprise_api, DIGITAL, "2025-06-01", levels()).json()


def test_a_pillar_rising_three_levels_in_a_year_is_flagged(enterprise_api, manager_api):
    accept(manager_api, send(enterprise_api, DIGITAL, "2024-01-01", levels("1")).json())
    response = send(enterprise_api, DIGITAL, "2025-01-01", levels("1", data_management="5", data_to_park="4",
                                                                     data_analytics="4"))  # fmt: skip
    assert flags_of(response.json()) == {("level_jump", "data_management")}


def test_the_kinds_list_shows_levels_in_the_readers_language(enterprise_api):
    kinds = {
        k["key"]: k for k in enterprise_api.get("/api/v1/submission-kinds/", HTTP_ACCEPT_LANGUAGE="vi").json()
    }
    fields = {f["name"]: f for f in kinds[DIGITAL]["fields"]}
    assert fields["ops_erp"]["label"] == "Hoạch định nguồn lực doanh nghiệp (ERP)"
    assert [c["label"] for c in fields["ops_erp"]["choices"]][1] == "Khởi động"
    assert kinds[MONTHLY]["fields"][1]["unit"] == "USD"
    quantity = kinds[MONTHLY]["fields"][2]["rows"][2]
    assert quantity["name"] == "quantity" and quantity["unit_by"]["field"] == "unit"
