"""HTTP ingest: ThingsBoard's URL, the Device header, counts and reasons, nothing valid lost."""

import json

import pytest
from rest_framework.test import APIClient

from ioc.telemetry.models import AuthFailure, LatestValue, Reading, Rejection
from tests.conftest import epoch_ms


def post(token, body, language="en", **kwargs):
    return APIClient().post(
        f"/api/v1/devices/{token}/telemetry", body, format="json", HTTP_ACCEPT_LANGUAGE=language, **kwargs
    )


def test_it_accepts_readings_and_answers_202_with_counts(station):
    ts = epoch_ms(60)
    response = post(station.token, {"ts": ts, "values": {"PM2.5": 35.2, "NO2": 40}})
    assert response.status_code == 202
    assert response.json() == {"accepted": 2, "duplicate": 0, "rejected": 0, "rejections": []}
    assert Reading.objects.count() == 2
    assert LatestValue.objects.get(channel__metric="no2").value == pytest.approx(40 * 46.01 / 24.45)


def test_the_authorization_header_works_too(station):
    response = APIClient().post(
        "/api/v1/telemetry/", {"PM2.5": 12}, format="json", HTTP_AUTHORIZATION=f"Device {station.token}"
    )
    assert response.status_code == 202 and response.json()["accepted"] == 1


def test_replaying_the_same_batch_stores_it_once(station):
    body = [{"ts": epoch_ms(120 - i), "values": {"PM2.5": 20 + i}} for i in range(50)]
    assert post(station.token, body).json()["accepted"] == 50
    again = post(station.token, body).json()
    assert (again["accepted"], again["duplicate"]) == (0, 50)
    assert Reading.objects.count() == 50


def test_a_batch_with_one_bad_item_stores_all_the_good_ones_and_names_the_bad_one(station):
    body = [{"ts": epoch_ms(300 - i), "values": {"PM2.5": 20 + i, "SO2": 5}} for i in range(10)]
    body[4]["values"]["SO2"] = -3
    body[7]["values"]["CO2"] = 400
    response = post(station.token, body, language="vi").json()
    assert response["accepted"] == 19 and response["rejected"] == 2
    assert [(r["item"], r["name"], r["reason"]) for r in response["rejections"]] == [
        (4, "SO2", "physically_impossible"),
        (7, "CO2", "unknown_sensor"),
    ]
    assert "CO2" in response["rejections"][1]["message"]
    stored = Rejection.objects.filter(device=station).values_list("reason", flat=True)
    assert sorted(stored) == ["physically_impossible", "unknown_sensor"]


def test_duplicates_inside_one_batch_count_as_duplicates(station):
    ts = epoch_ms(10)
    response = post(station.token, [{"ts": ts, "values": {"PM2.5": 1}}, {"ts": ts, "values": {"PM2.5": 2}}])
    assert (response.json()["accepted"], response.json()["duplicate"]) == (1, 1)


def test_malformed_json_is_a_400_with_the_reason_in_the_callers_language(station):
    response = APIClient().post(
        f"/api/v1/devices/{station.token}/telemetry", data="{oops", content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="vi",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["rejections"][0]["reason"] == "malformed_json"
    assert "JSON" in response.json()["detail"] and "không" in response.json()["detail"].lower()


def test_more_than_the_limit_of_readings_is_refused_whole(station, settings):
    settings.TELEMETRY_MAX_READINGS_PER_REQUEST = 10
    body = [{"ts": epoch_ms(100 - i), "values": {"PM2.5": i}} for i in range(11)]
    response = post(station.token, body)
    assert response.status_code == 413 and Reading.objects.count() == 0


@pytest.mark.parametrize("header", ["Device not-a-token", "Device ", "Device a b"])
def test_a_wrong_token_is_refused_and_counted(station, header):
    response = APIClient().post("/api/v1/telemetry/", {"PM2.5": 1}, format="json", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert AuthFailure.objects.get(source="http").count == 1


def test_a_revoked_token_stops_working_at_once(station, client_for):
    old = station.token
    assert post(old, {"PM2.5": 1}).status_code == 202
    client_for("park_manager").post(f"/api/v1/devices/{station.pk}/credentials/")
    assert post(old, {"PM2.5": 2}).status_code == 401


def test_a_retired_device_cannot_send(station):
    station.status = "retired"
    station.save()
    assert post(station.token, {"PM2.5": 1}).status_code == 401


def test_no_token_at_all_is_a_401_naming_the_scheme(db):
    response = APIClient().post("/api/v1/telemetry/", {"x": 1}, format="json")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Device"


def test_editing_a_devices_channels_keeps_their_history_and_refuses_to_drop_one_with_data(
    station, client_for
):
    post(station.token, {"PM2.5": 12})
    pm = station.channels.get(source_name="PM2.5")
    api = client_for("park_manager")
    keep_pm = [{"metric": "pm25", "source_name": "PM2.5", "unit": "mg/m³"}]
    response = api.patch(f"/api/v1/devices/{station.pk}/", {"channels": keep_pm}, format="json")
    assert response.status_code == 200, response.json()
    assert station.channels.get(source_name="PM2.5").pk == pm.pk  # NO2 and SO2, without data, went
    assert station.channels.count() == 1
    response = api.patch(f"/api/v1/devices/{station.pk}/", {"channels": []}, format="json")
    assert response.status_code == 400 and "PM2.5" in str(response.json()["channels"])


def test_a_full_request_of_ten_thousand_readings_fits_past_djangos_default_body_limit(station):
    body = [
        {"ts": epoch_ms(9_000 - i * 0.5), "status": "measuring",
         "values": {"PM2.5": {"value": 10.123456 + i, "unit": "µg/m³"}, "NO2": 20.5}}
        for i in range(5_000)
    ]  # fmt: skip
    raw = json.dumps(body, indent=16, ensure_ascii=False).encode()
    assert len(raw) > 2.5 * 1024 * 1024  # Django's default DATA_UPLOAD_MAX_MEMORY_SIZE
    response = APIClient().post(
        f"/api/v1/devices/{station.token}/telemetry", raw, content_type="application/json"
    )
    assert response.status_code == 202 and response.json()["accepted"] == 10_000
