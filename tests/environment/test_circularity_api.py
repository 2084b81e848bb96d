"""The circularity API: every bad value refused with the field named, in the caller's language."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from environment.models import SymbiosisLink, WasteHandler, WasteRecord
from ioc.park.choices import Role

API = "/api/v1/environment"
EN, VI = "en", "vi"


@pytest.fixture
def manager(small_park, client_for):
    def make(language):
        return client_for(Role.PARK_MANAGER, language=language)

    return make


def refused(response, field, text):
    assert response.status_code == 400, response.content
    messages = " ".join(str(m) for m in response.json()[field])
    assert text in messages, messages


def record(small_park, **values):
    return {
        "enterprise": small_park["a"].pk, "period_start": "2025-04-01", "period_end": "2025-06-30",
        "category": "ordinary_industrial", "generated_t": "10", **values,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("language", "values", "field", "text"),
    [
        (EN, {"reused_t": "-1"}, "reused_t", "greater than or equal to 0"),
        (VI, {"reused_t": "-1"}, "reused_t", "lớn hơn hoặc bằng 0"),
        (EN, {"recycled_t": "8", "landfilled_t": "3"}, "generated_t", "exceed what was generated"),
        (VI, {"recycled_t": "8", "landfilled_t": "3"}, "generated_t", "vượt quá lượng phát sinh"),
        (EN, {"period_end": "2025-03-31"}, "period_end", "cannot end before it starts"),
        (VI, {"period_end": "2025-03-31"}, "period_end", "không thể kết thúc trước khi bắt đầu"),
        (EN, {"category": "hazardous", "waste_code": "99 99 99"}, "waste_code", "not on the list"),
        (VI, {"category": "hazardous", "waste_code": "99 99 99"}, "waste_code", "không có trong danh mục"),
        (EN, {"category": "hazardous", "waste_code": "16016"}, "waste_code", "three pairs of digits"),
        (VI, {"category": "hazardous", "waste_code": "16016"}, "waste_code", "ba cặp chữ số"),
        (EN, {"category": "hazardous"}, "waste_code", "needs its waste code"),
        (VI, {"waste_code": "16 01 06"}, "waste_code", "Chỉ chất thải nguy hại"),
    ],
)
def test_it_refuses_a_bad_waste_record(manager, small_park, language, values, field, text):
    refused(manager(language).post(f"{API}/waste-records/", record(small_park, **values)), field, text)


@pytest.mark.parametrize(("language", "text"), [(EN, "no valid hazardous-waste licence"), (VI, "giấy phép")])
def test_it_refuses_hazardous_waste_given_to_a_handler_without_a_licence_over_the_period(
    manager, small_park, language, text
):
    lapsed = WasteHandler.objects.create(
        name="Hết hạn", licence_number="LAPSED-1", licence_issuer="Sở TN&MT",
        licence_issued_on=date(2019, 1, 1), licence_expires_on=date(2025, 5, 31),
    )  # fmt: skip
    body = record(small_park, category="hazardous", waste_code="160106", treated_t="10", handler=lapsed.pk)
    refused(manager(language).post(f"{API}/waste-records/", body), "handler", text)


def test_it_refuses_a_code_the_handlers_licence_does_not_cover(manager, small_park):
    handler = WasteHandler.objects.get()
    handler.accepted_codes = ["16 01 12"]
    handler.save()
    body = record(small_park, category="hazardous", waste_code="16 01 06", treated_t="10", handler=handler.pk)
    refused(manager(EN).post(f"{API}/waste-records/", body), "handler", "does not cover waste code 16 01 06")


def test_it_accepts_hazardous_waste_given_to_a_licensed_handler_and_normalises_the_code(manager, small_park):
    handler = WasteHandler.objects.get()
    body = record(small_park, category="hazardous", waste_code="160106", treated_t="10", handler=handler.pk)
    response = manager(EN).post(f"{API}/waste-records/", body)
    assert response.status_code == 201, response.content
    assert response.json()["waste_code"] == "16 01 06" and response.json()["handled_by_licensed"] is True


@pytest.mark.parametrize(
    ("language", "values", "field", "text"),
    [
        (EN, {"accepted_codes": ["12 34 56"]}, "accepted_codes", "not on the list"),
        (VI, {"licence_expires_on": "2019-01-01"}, "licence_expires_on", "hết hạn trước khi được cấp"),
        (EN, {"licence_number": ""}, "licence_number", "may not be blank"),
    ],
)
def test_it_refuses_a_bad_handler(manager, language, values, field, text):
    body = {
        "name": "Môi trường Xanh", "licence_number": "1-2-3.099.VX", "licence_issuer": "Bộ TN&MT",
        "licence_issued_on": "2020-01-01", "licence_expires_on": "2030-01-01", **values,
    }  # fmt: skip
    refused(manager(language).post(f"{API}/waste-handlers/", body), field, text)


def connection(enterprise, **values):
    return {"enterprise": enterprise.pk, "status": "own_discharge", "permit_number": "GP-01/2024", **values}


@pytest.mark.parametrize(
    ("language", "values", "field", "text"),
    [
        (EN, {"permit_expires_on": "2020-12-31"}, "permit_expires_on", "has expired"),
        (VI, {"permit_expires_on": "2020-12-31"}, "permit_expires_on", "đã hết hạn"),
        (
            EN,
            {"permit_number": "", "permit_expires_on": "2030-01-01"},
            "permit_number",
            "number of its discharge permit",
        ),
        (VI, {}, "permit_expires_on", "ngày hết hạn"),
        (
            EN,
            {"permit_issued_on": "2031-01-01", "permit_expires_on": "2030-01-01"},
            "permit_expires_on",
            "before it",
        ),
        (EN, {"status": "connected"}, "connected_on", "date of its connection"),
        (VI, {"status": "connected", "connected_on": "2020-01-01"}, "connection_point", "điểm đấu nối"),
        (
            EN,
            {"status": "connected", "agreed_volume_m3_day": "-5"},
            "agreed_volume_m3_day",
            "greater than or equal",
        ),
    ],
)
def test_it_refuses_a_bad_connection(manager, small_park, language, values, field, text):
    small_park["b"].wastewater_connection.delete()
    refused(manager(language).post(f"{API}/connections/", connection(small_park["b"], **values)), field, text)


@pytest.mark.parametrize(
    ("language", "values", "field", "text"),
    [
        (EN, {"volume_m3": "-1"}, "volume_m3", "greater than or equal to 0"),
        (VI, {"month": "2025-01-20"}, "month", "đã có lượng nước thải"),
        (EN, {"source": "guess"}, "source", "is not a valid choice"),
    ],
)
def test_it_refuses_a_bad_monthly_volume(small_park, client_for, language, values, field, text):
    api = client_for(Role.ENTERPRISE, small_park["a"], language=language)
    body = {"month": "2025-02-01", "volume_m3": "2500", "source": "submission", **values}
    refused(api.post(f"{API}/wastewater-volumes/", body), field, text)


def test_an_enterprise_submits_its_own_volume_whatever_enterprise_it_names(small_park, client_for):
    api = client_for(Role.ENTERPRISE, small_park["a"])
    body = {
        "enterprise": small_park["b"].pk,
        "month": "2025-02-14",
        "volume_m3": "2500",
        "source": "submission",
    }
    response = api.post(f"{API}/wastewater-volumes/", body)
    assert response.status_code == 201, response.content
    assert response.json()["enterprise"] == small_park["a"].pk and response.json()["month"] == "2025-02-01"


@pytest.mark.parametrize(
    ("language", "values", "field", "text"),
    [
        (EN, {"receiver": "a"}, "receiver", "its own symbiosis partner"),
        (VI, {"receiver": None}, "receiver", "Nêu doanh nghiệp nhận"),
        (EN, {"tonnes_per_year": None}, "tonnes_per_year", "tonnes per year"),
        (VI, {"tonnes_per_year": "-2"}, "tonnes_per_year", "lớn hơn hoặc bằng 0"),
        (EN, {"ended_on": "2024-01-01"}, "ended_on", "cannot end before it starts"),
        (EN, {"link_type": "other_parks"}, "external_partner", "names that partner"),
    ],
)
def test_it_refuses_a_bad_symbiosis_link(small_park, client_for, language, values, field, text):
    api = client_for(Role.ENTERPRISE, small_park["a"], language=language)
    values = {k: small_park["a"].pk if v == "a" else v for k, v in values.items()}
    body = {
        "receiver": small_park["b"].pk, "link_type": "waste", "what": "Phoi thép",
        "tonnes_per_year": "30", "started_on": "2025-01-01", **values,
    }  # fmt: skip
    refused(api.post(f"{API}/symbiosis-links/", body, format="json"), field, text)


def test_a_symbiosis_link_is_seen_by_both_partners_and_changed_only_by_its_supplier(small_park, client_for):
    link = SymbiosisLink.objects.get(enterprise=small_park["a"])
    receiver = client_for(Role.ENTERPRISE, small_park["b"])
    listed = [row["id"] for row in receiver.get(f"{API}/symbiosis-links/").json()["results"]]
    assert link.pk in listed
    assert receiver.get(f"{API}/symbiosis-links/{link.pk}/").status_code == 200
    assert receiver.patch(f"{API}/symbiosis-links/{link.pk}/", {"what": "x"}).status_code == 404
    assert receiver.delete(f"{API}/symbiosis-links/{link.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("language", "values", "field", "text"),
    [
        (EN, {"green_area_m2": "-1"}, "green_area_m2", "greater than or equal to 0"),
        (VI, {"green_area_m2": "99999999"}, "green_area_m2", "vượt quá diện tích của khu"),
        (EN, {"trees_planted": "-3"}, "trees_planted", "greater than or equal to 0"),
        (VI, {"surveyed_on": "2999-01-01"}, "surveyed_on", "tương lai"),
    ],
)
def test_it_refuses_a_bad_green_area(manager, small_park, language, values, field, text):
    body = {"zone": small_park["zone"].pk, "surveyed_on": "2025-06-01", "green_area_m2": "100", **values}
    refused(manager(language).post(f"{API}/green-areas/", body), field, text)


def test_the_connection_kpi_lists_who_is_not_connected(manager, small_park):
    small_park["b"].wastewater_connection.delete()
    data = manager(EN).get(f"{API}/connections/kpi/").json()
    assert data["share"]["numerator"] == 1 and data["share"]["denominator"] == 2
    assert (
        data["share"]["value"] == 0.5
        and data["share"]["target"] == 1.0
        and data["share"]["meets_target"] is False
    )
    assert [row["enterprise"] for row in data["not_connected"]] == [small_park["b"].pk]


def test_an_expired_own_discharge_permit_does_not_count(manager, small_park):
    row = small_park["b"].wastewater_connection
    row.status, row.permit_number = "own_discharge", "GP-7"
    row.permit_expires_on = timezone.localdate() - timedelta(days=1)
    row.save()
    data = manager(EN).get(f"{API}/connections/kpi/").json()
    assert data["share"]["numerator"] == 1 and data["not_connected"][0]["status"] == "own_discharge"


def test_an_enterprise_user_sees_its_own_connection_figure(small_park, client_for):
    data = client_for(Role.ENTERPRISE, small_park["a"]).get(f"{API}/connections/kpi/").json()
    assert data["share"]["denominator"] == 1 and data["not_connected"] == []


def test_the_circularity_kpi_for_a_year(manager, small_park, client_for):
    WasteRecord.objects.create(
        enterprise=small_park["a"], period_start=date(2025, 4, 1), period_end=date(2025, 6, 30),
        category="ordinary_industrial", generated_t=10, reused_t=3, recycled_t=5, landfilled_t=2,
    )  # fmt: skip
    data = manager(EN).get(f"{API}/waste-records/kpi/", {"year": 2025}).json()
    # 2 × 2 t hazardous (treated by the licensed handler) + 10 t ordinary of which 8 t recovered.
    assert data["recovery_rate"]["numerator"] == 8 and data["recovery_rate"]["denominator"] == 14
    assert data["hazardous_to_licensed_handlers"]["value"] == 1.0
    assert data["symbiosis_links"] == {**data["symbiosis_links"], "count": 2, "meets_target": True}
    official = client_for(Role.WARD_OFFICIAL, language=VI)
    assert official.get(f"{API}/waste-records/kpi/", {"year": 2024}).json()["recovery_rate"]["value"] is None


def test_a_bad_year_is_refused_by_name(manager):
    refused(manager(EN).get(f"{API}/waste-records/kpi/", {"year": "last"}), "year", "valid integer")


def test_the_green_space_kpi_against_its_sourced_target(manager, small_park):
    data = manager(EN).get(f"{API}/green-areas/kpi/").json()
    zone_m2 = float(small_park["zone"].area_ha) * 10_000
    assert data["share"]["value"] == round(5000 / zone_m2, 4)
    assert data["share"]["target"] == 0.1 and "QCVN 01:2021/BXD" in data["share"]["target_source"]
    assert data["share"]["target_confidence"] == "M" and data["trees_planted"] == 40
