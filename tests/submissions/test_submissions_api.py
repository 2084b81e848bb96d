"""Enterprise reports over the API: drafts, versions, review, idempotency, validation, the ward's checks."""

from datetime import date

import pytest

from ioc.park.choices import Role
from ioc.submissions.models import Submission, SubmissionEvent

URL = "/api/v1/submissions/"


def labour(**changes):
    data = {
        "headcount_vn_male": 400, "headcount_vn_female": 560, "headcount_foreign_male": 12,
        "headcount_foreign_female": 3, "hires": 20, "separations": 15, "wage_average": 9_800_000,
        "wage_lowest": 5_600_000, "overtime_hours_total": 6_500, "overtime_hours_max_worker": 38,
        "accidents_injured": 1, "accidents_fatal": 0, "days_lost": 4, "training_hours": 1_200,
    }  # fmt: skip
    data.update(changes)
    return data


def post(api, period="2026-01-01", submit=True, headers=None, **changes):
    body = {"kind": "labour.monthly", "period": period, "data": labour(**changes), "submit": submit}
    return api.post(URL, body, format="json", **(headers or {}))


def test_an_enterprise_submits_and_the_park_accepts_with_the_wards_checks(
    enterprise_api, manager_api, small_park
):
    # January 2026: lowest wage 4,900,000 < region I minimum 5,310,000 (Decree 293/2025); 45 h overtime > 40.
    response = post(enterprise_api, wage_lowest=4_900_000, overtime_hours_max_worker=45)
    assert response.status_code == 201, response.content
    sent = response.json()
    assert (sent["status"], sent["version"], sent["enterprise"], sent["due"]) == (
        "submitted", 1, small_park["a"].pk, "2026-02-10"
    )  # fmt: skip
    accepted = manager_api.post(f"{URL}{sent['id']}/accept/", {}, format="json")
    assert accepted.status_code == 200, accepted.content
    checks = {check["code"]: check for check in accepted.json()["checks"]}
    assert (
        "4,900,000" in checks["below_minimum_wage"]["message"]
        and "5,310,000" in checks["below_minimum_wage"]["message"]
    )
    assert checks["below_minimum_wage"]["field"] == "wage_lowest"
    assert "45" in checks["overtime_above_cap"]["message"]
    events = [(e["action"], e["version"]) for e in accepted.json()["events"]]
    assert events == [("created", 1), ("submitted", 1), ("accepted", 1)]
    assert SubmissionEvent.objects.filter(address="127.0.0.1").count() == 3  # who, when, version, address


def test_a_lawful_month_raises_no_wage_or_overtime_flag(enterprise_api, manager_api):
    sent = post(
        enterprise_api, period="2025-12-01", wage_lowest=5_000_000
    ).json()  # above 4,960,000 (Decree 74/2024)
    checks = manager_api.post(f"{URL}{sent['id']}/accept/", {}, format="json").json()["checks"]
    assert {c["code"] for c in checks} == {"accident_frequency"}


def test_the_same_idempotency_key_twice_creates_one_submission(enterprise_api):
    headers = {"HTTP_IDEMPOTENCY_KEY": "lab-2026-01-a"}
    first, second = post(enterprise_api, headers=headers), post(enterprise_api, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json() and second["Idempotent-Replayed"] == "true"
    assert Submission.objects.filter(kind="labour.monthly", period=date(2026, 1, 1)).count() == 1
    reused = post(enterprise_api, headers=headers, hires=21)
    assert reused.status_code == 422 and "different request" in reused.json()["Idempotency-Key"][0]


def test_every_error_at_once_field_named_in_the_callers_language(enterprise_api):
    bad = {"headcount_vn_male": -3, "wage_average": "nhiều", "training_hours": {"value": 2, "unit": "weeks"},
           "bonus": 1}  # fmt: skip
    for language, words in (("en", ("at least 0", "Give a number", "cannot be converted", "not a field")),
                            ("vi", ("ít nhất 0", "Hãy nhập một số", "không đổi được", "không phải là trường"))):  # fmt: skip
        response = post(enterprise_api, headers={"HTTP_ACCEPT_LANGUAGE": language}, **bad)
        assert response.status_code == 400
        errors = response.json()
        assert set(errors) >= {
            "data.headcount_vn_male",
            "data.wage_average",
            "data.training_hours",
            "data.bonus",
        }
        for field, word in zip(
            ("data.headcount_vn_male", "data.wage_average", "data.training_hours", "data.bonus"),
            words,
            strict=True,
        ):
            assert word in errors[field][0], (language, field, errors[field])
    assert not Submission.objects.filter(period=date(2026, 1, 1)).exists()


def test_units_convert_and_inconsistent_figures_are_refused(enterprise_api):
    response = post(enterprise_api, wage_lowest=12_000_000)
    assert response.status_code == 400 and "above the average" in response.json()["data.wage_lowest"][0]
    fine = post(enterprise_api, training_hours={"value": "1200", "unit": "h"})
    assert fine.status_code == 201 and fine.json()["data"]["training_hours"] == 1200


def test_a_correction_is_a_new_version_and_the_first_is_kept(enterprise_api, manager_api):
    first = post(enterprise_api).json()
    manager_api.post(f"{URL}{first['id']}/accept/", {}, format="json")
    second = post(enterprise_api, hires=25)
    assert second.status_code == 201
    assert (second.json()["version"], second.json()["supersedes"], second.json()["status"]) == (
        2,
        first["id"],
        "submitted",
    )
    kept = Submission.objects.get(pk=first["id"])
    assert kept.status == "superseded" and kept.data["hires"] == 20  # never overwritten
    current = enterprise_api.get(URL, {"current": "true", "period": "2026-01-01"}).json()
    assert [row["version"] for row in current["results"]] == [2]


def test_a_draft_is_edited_in_place_then_submitted(enterprise_api):
    draft = post(enterprise_api, submit=False).json()
    assert draft["status"] == "draft"
    edited = enterprise_api.patch(f"{URL}{draft['id']}/", {"data": labour(hires=30)}, format="json")
    assert (
        edited.status_code == 200 and edited.json()["data"]["hires"] == 30 and edited.json()["version"] == 1
    )
    sent = enterprise_api.post(f"{URL}{draft['id']}/submit/", {}, format="json")
    assert sent.json()["status"] == "submitted"
    assert enterprise_api.delete(f"{URL}{draft['id']}/").status_code == 400  # a sent report is kept


def test_only_the_park_reviews_and_a_return_needs_a_comment(enterprise_api, manager_api, client_for):
    sent = post(enterprise_api).json()
    assert enterprise_api.post(f"{URL}{sent['id']}/accept/", {}, format="json").status_code == 403
    ward = client_for(Role.WARD_OFFICIAL)
    assert ward.post(f"{URL}{sent['id']}/accept/", {}, format="json").status_code == 403
    refused = manager_api.post(f"{URL}{sent['id']}/return/", {"comment": " "}, format="json")
    assert refused.status_code == 400 and "comment" in refused.json()
    returned = manager_api.post(
        f"{URL}{sent['id']}/return/", {"comment": "Thiếu số giờ đào tạo"}, format="json"
    )
    assert (
        returned.json()["status"] == "returned"
        and returned.json()["review_comment"] == "Thiếu số giờ đào tạo"
    )


def test_a_tenfold_jump_is_accepted_but_flagged(enterprise_api, manager_api):
    for month in (10, 11, 12):
        sent = post(enterprise_api, period=date(2025, month, 1).isoformat()).json()
        manager_api.post(f"{URL}{sent['id']}/accept/", {}, format="json")
    jumped = post(enterprise_api, period="2026-01-01", headcount_vn_male=4_000, hires=3_620)
    assert jumped.status_code == 201
    assert {(f["code"], f["field"]) for f in jumped.json()["flags"]} == {
        ("tenfold_jump", "headcount_vn_male")
    }


def test_periods_are_whole_months_and_not_in_the_future(enterprise_api):
    assert "period" in post(enterprise_api, period="2026-01-15").json()
    assert "period" in post(enterprise_api, period="2099-01-01").json()


def test_the_kinds_are_listed_with_their_fields_in_the_readers_language(client_for, small_park):
    api = client_for(Role.ENTERPRISE, small_park["a"])
    for language, label in (("en", "Lowest monthly wage"), ("vi", "Lương tháng thấp nhất")):
        kinds = {
            k["key"]: k for k in api.get("/api/v1/submission-kinds/", HTTP_ACCEPT_LANGUAGE=language).json()
        }
        fields = {f["name"]: f for f in kinds["labour.monthly"]["fields"]}
        assert fields["wage_lowest"]["label"] == label and fields["wage_lowest"]["unit"] == "VND"


@pytest.mark.parametrize(
    ("sector", "hours", "flagged"), [("28110", 210, True), ("14100", 210, False), ("14100", 310, True)]
)
def test_the_yearly_overtime_cap_depends_on_the_sector(
    enterprise_api, manager_api, small_park, sector, hours, flagged
):
    # 200 h a year in general, 300 h in the sectors Decree 145/2020 Art. 61 lists (garments: VSIC 14).
    type(small_park["a"]).objects.filter(pk=small_park["a"].pk).update(sector=sector)
    sent = post(enterprise_api, overtime_hours_max_worker_year=hours).json()
    checks = manager_api.post(f"{URL}{sent['id']}/accept/", {}, format="json").json()["checks"]
    assert ("overtime_above_year_cap" in {c["code"] for c in checks}) is flagged
