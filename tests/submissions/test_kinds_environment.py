"""The environment app's report kinds, worked examples through the API: energy and water, waste (and its
records on acceptance), certifications, RECP savings and symbiosis links."""

from datetime import date

from environment.models import WasteHandler, WasteRecord, WastewaterVolume
from tests.submissions.kind_helpers import accept, assert_errors, errors_in, flags_of, send

ENERGY = "environment.energy_water_monthly"
WASTE = "environment.waste_monthly"
CERTIFICATES = "environment.certifications_annual"
RECP = "environment.recp_annual"
LICENCE = "1-2-3.045.VX"  # small_park's handler, licensed 2020–2030


def energy(**changes):
    data = {
        "grid_kwh": 850_000, "solar_generated_kwh": 120_000, "solar_self_consumed_kwh": 110_000,
        "renewable_dppa_mwh": 0, "renewable_certificates_mwh": 50,
        "fuels": [{"fuel": "diesel", "quantity": 1_200}, {"fuel": "lpg", "quantity": 3_000}],
        "water_withdrawn_m3": 9_000, "wastewater_to_plant_m3": 7_200, "water_reused_m3": 800,
    }  # fmt: skip
    data.update(changes)
    return data


def test_energy_and_water_units_follow_the_fuel_and_convert(enterprise_api):
    data = energy(grid_kwh={"value": 850, "unit": "MWh"},
                  fuels=[{"fuel": "diesel", "quantity": {"value": 1.2, "unit": "m³"}},
                         {"fuel": "coal", "quantity": {"value": 40_000, "unit": "kg"}}])  # fmt: skip
    response = send(enterprise_api, ENERGY, "2026-01-01", data)
    assert response.status_code == 201, response.content
    sent = response.json()["data"]
    assert sent["grid_kwh"] == 850_000 and sent["fuels"] == [
        {"fuel": "diesel", "quantity": 1200},  # litres
        {"fuel": "coal", "quantity": 40},  # tonnes
    ]


def test_a_wrong_unit_for_the_fuel_and_more_solar_used_than_made_are_refused(enterprise_api):
    wrong_unit = energy(fuels=[{"fuel": "natural_gas", "quantity": {"value": 10, "unit": "kg"}},
                               {"fuel": "peat", "quantity": 5}])  # fmt: skip
    found = errors_in(enterprise_api, ENERGY, "2026-01-01", wrong_unit)
    assert "“kg” cannot be converted to Nm³" in found["en"]["data.fuels.0.quantity"][0]
    assert "không đổi được" in found["vi"]["data.fuels.0.quantity"][0]
    assert (
        "is not one of" in found["en"]["data.fuels.1.fuel"][0] and "data.fuels.1.quantity" not in found["en"]
    )
    found = errors_in(enterprise_api, ENERGY, "2026-01-01", energy(solar_self_consumed_kwh=130_000))
    assert "cannot exceed the solar power generated" in found["en"]["data.solar_self_consumed_kwh"][0]
    assert "không thể lớn hơn" in found["vi"]["data.solar_self_consumed_kwh"][0]
    twice = energy(fuels=[{"fuel": "lpg", "quantity": 1}, {"fuel": "lpg", "quantity": 2}])
    assert "once" in errors_in(enterprise_api, ENERGY, "2026-01-01", twice)["en"]["data.fuels.1.fuel"][0]


def test_a_tenfold_jump_in_grid_power_or_a_fuel_is_flagged(enterprise_api, manager_api):
    for month in (11, 12):
        accept(manager_api, send(enterprise_api, ENERGY, f"2025-{month}-01", energy()).json())
    jumped = energy(grid_kwh=9_000_000, fuels=[{"fuel": "lpg", "quantity": 30_000}])
    response = send(enterprise_api, ENERGY, "2026-01-01", jumped)
    assert response.status_code == 201
    assert flags_of(response.json()) == {("tenfold_jump", "grid_kwh"), ("tenfold_jump", "fuels.0.quantity")}


def test_the_accepted_wastewater_volume_fills_the_register_unless_a_meter_did(
    enterprise_api, manager_api, small_park
):
    accept(manager_api, send(enterprise_api, ENERGY, "2026-01-01", energy()).json())
    declared = WastewaterVolume.objects.get(enterprise=small_park["a"], month=date(2026, 1, 1))
    assert (declared.volume_m3, declared.source) == (7200, "submission")
    accept(manager_api, send(enterprise_api, ENERGY, "2025-01-01", energy()).json())
    metered = WastewaterVolume.objects.get(enterprise=small_park["a"], month=date(2025, 1, 1))
    assert (metered.volume_m3, metered.source) == (3000, "meter")  # small_park's flow-meter figure stands


def waste(*rows):
    return {"waste": list(rows) or [
        {"category": "hazardous", "waste_code": "160106", "generated_t": 1.5, "treated_t": 1.2,
         "handler_licence": LICENCE},
        {"category": "ordinary_industrial", "generated_t": 40, "recycled_t": 30, "landfilled_t": 5,
         "handler_licence": "GP-123"},
    ]}  # fmt: skip


def test_accepted_waste_rows_become_waste_records_and_a_correction_replaces_them(
    enterprise_api, manager_api, small_park
):
    first = send(enterprise_api, WASTE, "2026-01-01", waste())
    assert first.status_code == 201, first.content
    accept(manager_api, first.json())
    records = WasteRecord.objects.filter(submission__isnull=False).order_by("category")
    assert [(r.category, r.waste_code, r.generated_t, r.period_end, r.handler_id is not None) for r in records] == [
        ("hazardous", "16 01 06", 1.5, date(2026, 1, 31), True),
        ("ordinary_industrial", "", 40, date(2026, 1, 31), False),
    ]  # fmt: skip
    assert all(r.enterprise == small_park["a"] and r.handled_by_licensed for r in records[:1])
    corrected = send(enterprise_api, WASTE, "2026-01-01", waste({"category": "domestic", "generated_t": 3}))
    accept(manager_api, corrected.json())
    assert list(WasteRecord.objects.filter(submission__isnull=False).values_list("category", "submission__version")) == [
        ("domestic", 2)
    ]  # fmt: skip
    assert WasteRecord.objects.filter(submission__isnull=True).count() == 2  # small_park's own, untouched


def test_waste_rows_are_checked_by_the_records_rules_in_the_callers_language(enterprise_api):
    WasteHandler.objects.create(name="Hết hạn", licence_number="OLD-1", licence_issuer="Sở", licence_issued_on=date(2015, 1, 1),
                                licence_expires_on=date(2025, 6, 30))  # fmt: skip
    bad = waste(
        {"category": "hazardous", "waste_code": "16 99 99", "generated_t": 1, "treated_t": 1, "handler_licence": LICENCE},
        {"category": "ordinary_industrial", "waste_code": "16 01 06", "generated_t": 5, "recycled_t": 6},
        {"category": "hazardous", "waste_code": "16 01 12", "generated_t": 1, "treated_t": 1, "handler_licence": "OLD-1"},
        {"category": "hazardous", "waste_code": "16 01 13", "generated_t": 1, "treated_t": 1},
        {"category": "hazardous", "waste_code": "15 01 09", "generated_t": 1, "treated_t": 1, "handler_licence": "NONE-9"},
    )  # fmt: skip
    found = errors_in(enterprise_api, WASTE, "2026-01-01", bad)
    expected = {
        "data.waste.0.waste_code": ("not on the list of hazardous-waste codes", "không có trong danh mục"),
        "data.waste.1.waste_code": ("Only hazardous waste carries", "Chỉ chất thải nguy hại"),
        "data.waste.1.generated_t": ("exceed what was generated", "vượt quá lượng phát sinh"),
        "data.waste.2.handler_licence": ("no valid hazardous-waste licence", "không có giấy phép"),
        "data.waste.3.handler_licence": ("needs its handler's licence number", "phải ghi số giấy phép"),
        "data.waste.4.handler_licence": ("No hazardous-waste handler with licence number", "Không có đơn vị"),
    }
    assert_errors(found, expected)
    assert not WasteRecord.objects.filter(submission__isnull=False).exists()


def test_a_tenfold_jump_of_a_waste_category_is_flagged(enterprise_api, manager_api):
    accept(manager_api, send(enterprise_api, WASTE, "2025-12-01", waste()).json())
    jumped = waste({"category": "ordinary_industrial", "generated_t": 400, "recycled_t": 300})
    assert flags_of(send(enterprise_api, WASTE, "2026-01-01", jumped).json()) == {
        ("tenfold_jump", "waste.0.generated_t")
    }


def certificates(*rows):
    return {"certificates": list(rows) or [
        {"standard": "iso_14001", "certificate_number": "VN-EMS-0451", "certifier": "QUACERT", "valid_until": "2027-03-31"},
        {"standard": "iso_45001", "certificate_number": "OH-88", "valid_until": "2026-12-31"},
    ]}  # fmt: skip


def test_certificates_need_a_date_a_name_for_other_standards_and_validity_in_the_year(
    enterprise_api, manager_api
):
    accepted = send(enterprise_api, CERTIFICATES, "2025-01-01", certificates())
    assert accepted.status_code == 201, accepted.content
    bad = certificates(
        {"standard": "other", "certificate_number": "X-1", "valid_until": "2027-01-01"},
        {"standard": "iso_50001", "certificate_number": "EN-1", "valid_until": "2024-12-31"},
        {"standard": "iso_9001", "certificate_number": "Q-1", "valid_until": "31/12/2027"},
    )
    found = errors_in(enterprise_api, CERTIFICATES, "2025-01-01", bad)
    assert "YYYY-MM-DD" in found["en"]["data.certificates.2.valid_until"][0]
    assert "Hãy nhập ngày" in found["vi"]["data.certificates.2.valid_until"][0]
    del bad["certificates"][2]
    found = errors_in(enterprise_api, CERTIFICATES, "2025-01-01", bad)
    assert "Name the standard" in found["en"]["data.certificates.0.standard_name"][0]
    assert "hết hạn trước khi năm báo cáo" in found["vi"]["data.certificates.1.valid_until"][0]


def test_a_certificate_missing_since_last_year_is_flagged(enterprise_api, manager_api):
    accept(manager_api, send(enterprise_api, CERTIFICATES, "2024-01-01", certificates()).json())
    kept = certificates({"standard": "iso_45001", "certificate_number": "OH-88", "valid_until": "2026-12-31"})
    response = send(enterprise_api, CERTIFICATES, "2025-01-01", kept, language="vi")
    assert [f["message"] for f in response.json()["flags"]] == [
        "ISO 14001 (quản lý môi trường) có trong báo cáo năm trước nhưng năm nay không có."
    ]


def recp(**changes):
    data = {
        "saved_kwh": 120_000, "saved_tco2": 81.7, "fuel_savings": [{"fuel": "diesel", "quantity": 2_000}],
        "saved_water_m3": 4_000, "recycled_t": 35, "saved_cost_vnd": 640_000_000,
        "symbiosis": [{"link_type": "by_products", "partner": "Công ty B", "what": "Pallet gỗ", "supplied_t": 12},
                      {"link_type": "shared_services", "partner": "Công ty C", "what": "Xe đưa đón công nhân"}],
    }  # fmt: skip
    data.update(changes)
    return data


def test_the_b4_report_takes_savings_and_links_and_a_tonnage_exchange_needs_tonnes(enterprise_api):
    response = send(enterprise_api, RECP, "2025-01-01", recp(saved_tco2={"value": 81_700, "unit": "kgCO2"}))
    assert response.status_code == 201, response.content
    assert (
        response.json()["data"]["saved_tco2"] == 81.7 and response.json()["data"]["saved_materials_t"] is None
    )
    no_tonnes = recp(symbiosis=[{"link_type": "waste", "partner": "KCN Phúc Điền", "what": "Xỉ than"}])
    found = errors_in(enterprise_api, RECP, "2024-01-01", no_tonnes)
    assert "tonnes received or supplied" in found["en"]["data.symbiosis.0.supplied_t"][0]
    assert "phải ghi số tấn" in found["vi"]["data.symbiosis.0.supplied_t"][0]


def test_a_tenfold_saving_is_flagged(enterprise_api, manager_api):
    accept(manager_api, send(enterprise_api, RECP, "2024-01-01", recp()).json())
    response = send(enterprise_api, RECP, "2025-01-01", recp(saved_kwh=1_500_000))
    assert flags_of(response.json()) == {("tenfold_jump", "saved_kwh")}
