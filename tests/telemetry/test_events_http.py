"""Device events over HTTP: the webhook and the Device header, counts and reasons, nothing valid lost."""

import json
import time

import pytest
from rest_framework.test import APIClient

from ioc.registry import registry
from ioc.telemetry.events import EventKind
from ioc.telemetry.models import AuthFailure, DeviceEvent, Rejection
from tests.conftest import epoch_ms
from tests.evidence.helpers import camera, jpeg, jpeg_b64


@pytest.fixture
def cam(small_park, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return camera("CAM-GATE-01", zone=small_park["zone"], enterprise=small_park["a"])


def post(token, body, language="en"):
    return APIClient().post(
        f"/api/v1/devices/{token}/events", body, format="json", HTTP_ACCEPT_LANGUAGE=language
    )


def test_it_keeps_the_events_with_their_image_and_answers_202_with_counts(cam):
    body = [
        {"type": "intrusion", "id": "e1", "ts": epoch_ms(30), "object": "person", "image": jpeg_b64(80, 60)},
        {"type": "people_count", "id": "e2", "ts": epoch_ms(20), "count": 4},
    ]
    response = post(cam.token, body)
    assert response.status_code == 202
    assert response.json() == {"accepted": 2, "duplicate": 0, "rejected": 0, "rejections": []}
    intrusion = DeviceEvent.objects.get(device=cam, event_id="e1")
    assert intrusion.source == "http" and intrusion.details["object"] == "person"
    assert (intrusion.image.width, intrusion.image.height) == (80, 60)
    assert intrusion.image.file.read() == jpeg(80, 60)
    assert abs(intrusion.at.timestamp() * 1000 - body[0]["ts"]) < 1


def test_the_authorization_header_works_too(cam):
    response = APIClient().post(
        "/api/v1/events/", {"type": "people_count", "id": "h1", "count": 1}, format="json",
        HTTP_AUTHORIZATION=f"Device {cam.token}",
    )  # fmt: skip
    assert response.status_code == 202 and response.json()["accepted"] == 1


def test_a_replayed_request_is_kept_once(cam):
    body = [{"type": "people_count", "id": f"r{i}", "ts": epoch_ms(100 - i), "count": i} for i in range(20)]
    assert post(cam.token, body).json()["accepted"] == 20
    again = post(cam.token, body).json()
    assert (again["accepted"], again["duplicate"]) == (0, 20)
    assert DeviceEvent.objects.filter(device=cam).count() == 20


def test_an_event_without_id_is_recognised_by_its_content_and_time(cam):
    ts = epoch_ms(5)
    body = {"type": "people_count", "ts": ts, "count": 3}
    assert post(cam.token, body).json()["accepted"] == 1
    assert post(cam.token, body).json()["duplicate"] == 1
    # Without a time either, the same content later is a new count.
    assert post(cam.token, {"type": "people_count", "count": 3}).json()["accepted"] == 1
    time.sleep(0.01)
    assert post(cam.token, {"type": "people_count", "count": 3}).json()["accepted"] == 1


BAD = [
    {"type": "teleport", "id": "x"},
    {"type": "loitering", "id": "b1"},
    {"type": "intrusion", "id": "b2", "ts": "yesterday-ish"},
    {"type": "intrusion", "id": "b3", "image": "not base64!"},
    {"type": "intrusion", "id": "b4", "image": "aGVsbG8="},  # base64 of "hello": not a picture
    {"type": "intrusion", "id": ["b5"]},
    {"type": "intrusion", "id": "b6", "ts": 10**19},
    {"type": "intrusion", "id": "b7", "ts": 1000},
    {"type": "intrusion", "id": "b8", "region": "fence\x00"},
    "an intrusion",
    {"type": "people_count", "id": "good", "count": 12},
]
EXPECTED = [
    (0, "teleport", "type", "unknown_event_type"),
    (1, "loitering", "duration_s", "event_invalid"),
    (2, "intrusion", "ts", "bad_timestamp"),
    (3, "intrusion", "image", "event_invalid"),
    (4, "intrusion", "image", "event_invalid"),
    (5, "intrusion", "id", "event_invalid"),
    (6, "intrusion", "ts", "future_timestamp"),
    (7, "intrusion", "ts", "timestamp_in_seconds"),
    (8, "intrusion", "", "event_invalid"),
    (9, "", "", "event_invalid"),
]
# (The vi wording of a field's own error, duration_s, is the security app's.)
MESSAGES = {
    "en": ["“teleport” is not an event type; use one of:", "duration_s: This field is required", "is not a time",
           "not valid base64", "must be a JPEG or a PNG", "The event id must be", "is in the future",
           "looks like epoch seconds", "NUL", "Expected an object"],
    "vi": ["“teleport” không phải là loại sự kiện", "duration_s: ", "không phải là thời điểm",
           "base64", "JPEG hoặc PNG", "Mã sự kiện", "ở tương lai", "giây epoch", "NUL", "Cần một đối tượng"],
}  # fmt: skip


@pytest.mark.parametrize("language", ["en", "vi"])
def test_every_refusal_names_the_item_its_type_the_field_and_the_reason_in_the_callers_language(
    cam, language
):
    response = post(cam.token, BAD, language)
    assert response.status_code == 202
    answer = response.json()
    assert (answer["accepted"], answer["rejected"]) == (1, len(EXPECTED))
    rows = [(r["item"], r["type"], r["field"], r["reason"]) for r in answer["rejections"]]
    assert rows == EXPECTED
    for rejection, expected in zip(answer["rejections"], MESSAGES[language], strict=True):
        assert expected.lower() in rejection["message"].lower(), (rejection, expected)
    assert Rejection.objects.filter(device=cam, source="http").count() == len(EXPECTED)
    assert DeviceEvent.objects.get(device=cam).details == {"count": 12, "direction": "both"}


@pytest.mark.parametrize("language", ["en", "vi"])
def test_an_old_event_is_refused_naming_how_long_events_are_taken(cam, settings, language):
    settings.EVENT_MAX_AGE_DAYS = 2
    answer = post(cam.token, {"type": "people_count", "id": "old", "ts": epoch_ms(3 * 86400), "count": 1},
                  language).json()  # fmt: skip
    (rejection,) = answer["rejections"]
    assert rejection["reason"] == "event_too_old" and "2" in rejection["message"]
    assert ("older than" if language == "en" else "cũ hơn") in rejection["message"]


@pytest.mark.parametrize(
    ("body", "language", "words"),
    [("{oops", "vi", "JSON"), ('{"type": "people_count", "count": NaN}', "en", "NaN"),
     ("[" * 100_000, "en", "JSON"), (b"\xff\xfe", "en", "JSON")],
)  # fmt: skip
def test_a_body_that_is_not_json_is_a_400_with_the_reason(cam, body, language, words):
    response = APIClient().post(
        f"/api/v1/devices/{cam.token}/events", data=body, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["rejections"][0]["reason"] == "malformed_json"
    assert words in response.json()["detail"]
    if language == "vi":
        assert "không" in response.json()["detail"].lower()
    assert Rejection.objects.get(device=cam).reason == "malformed_json"


def test_a_lone_surrogate_is_refused_and_the_refusal_still_logged(cam):
    raw = '[{"type": "people_count", "id": "s1", "count": 1, "region": "\\ud800"}, {"type": "x\\ud800"}]'
    response = APIClient().post(f"/api/v1/devices/{cam.token}/events", raw, content_type="application/json")
    assert response.status_code == 202
    assert [r["reason"] for r in response.json()["rejections"]] == ["event_invalid", "unknown_event_type"]
    assert Rejection.objects.filter(device=cam).count() == 2 and not DeviceEvent.objects.filter(device=cam)


def test_more_events_than_the_limit_are_refused_whole_with_a_413(cam, settings):
    settings.EVENT_MAX_PER_REQUEST = 3
    body = [{"type": "people_count", "id": f"n{i}", "count": i} for i in range(4)]
    response = post(cam.token, body, "vi")
    assert response.status_code == 413 and "tối đa 3" in response.json()["detail"]
    assert not DeviceEvent.objects.filter(device=cam).exists()


def test_a_body_over_the_upload_limit_is_a_413_saying_the_limit(cam, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = [{"type": "intrusion", "id": "big", "image": jpeg_b64(200, 200)}]
    response = post(cam.token, body)
    assert response.status_code == 413
    assert response.json()["rejections"][0]["reason"] == "body_too_large"
    assert "10000 bytes" in response.json()["detail"]
    assert Rejection.objects.get(device=cam).reason == "body_too_large"


def test_a_full_request_of_small_events_fits_the_body_limit(cam, settings):
    """EVENT_MAX_PER_REQUEST small events (no image), pretty-printed, stay far under the body limit."""
    limit = settings.EVENT_MAX_PER_REQUEST
    body = [
        {"type": "people_count", "id": f"nvr-07-{i:08d}", "ts": epoch_ms(3600 - i), "count": i % 40,
         "region": "Cổng chính – làn vào", "line": "vạch đếm 1", "direction": "in", "period_s": 60}
        for i in range(limit)
    ]  # fmt: skip
    raw = json.dumps(body, indent=4, ensure_ascii=False).encode()
    assert len(raw) * 20 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    began = time.perf_counter()
    response = APIClient().post(f"/api/v1/devices/{cam.token}/events", raw, content_type="application/json")
    elapsed = time.perf_counter() - began
    assert response.status_code == 202 and response.json()["accepted"] == limit
    print(f"\n{limit} events, {len(raw) / 1024:.0f} KiB: {elapsed:.2f} s, {limit / elapsed:.0f} events/s")


@pytest.mark.parametrize("header", ["Device not-a-token", "Device ", "Device a b"])
def test_a_wrong_token_is_refused_and_counted(cam, header):
    response = APIClient().post(
        "/api/v1/events/", {"type": "people_count"}, format="json", HTTP_AUTHORIZATION=header
    )
    assert response.status_code == 401
    assert AuthFailure.objects.get(source="http").count == 1


def test_a_wrong_token_in_the_url_is_refused_and_counted_in_the_callers_language(cam):
    response = post("not-a-token", {"type": "people_count"}, "vi")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Device"
    assert "thiết bị" in response.json()["detail"]
    assert AuthFailure.objects.get(source="http").count == 1
    assert not DeviceEvent.objects.filter(device=cam).exists()


def test_a_retired_camera_cannot_send(cam):
    cam.status = "retired"
    cam.save()
    assert post(cam.token, {"type": "people_count", "count": 1}).status_code == 401


@pytest.fixture
def faulty_kind():
    def act(event):
        raise KeyError("a bug in the app")

    kind = EventKind("test_faulty", "Faulty", "security", lambda details: details, act)
    registry.register_device_event_kind(kind)
    yield kind
    del registry.device_event_kinds[kind.key]


def test_a_fault_in_an_apps_action_refuses_that_event_only_and_keeps_nothing_of_it(cam, faulty_kind):
    body = [
        {"type": "test_faulty", "id": "f1", "image": jpeg_b64()},
        {"type": "people_count", "id": "ok", "count": 2},
    ]
    answer = post(cam.token, body, "vi").json()
    assert answer["accepted"] == 1
    (rejection,) = answer["rejections"]
    assert (rejection["item"], rejection["reason"]) == (0, "event_failed")
    assert "KeyError" in rejection["message"] and "gửi lại" in rejection["message"]
    assert list(DeviceEvent.objects.filter(device=cam).values_list("event_id", flat=True)) == ["ok"]
    assert not cam.images.exists()


def test_the_schema_documents_both_routes_and_the_answer(client, db):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    for path in ("/api/v1/devices/{token}/events", "/api/v1/events/"):
        operation = schema["paths"][path]["post"]
        assert {"202", "400", "401", "413"} <= set(operation["responses"])
        assert operation["security"] == [{"deviceToken": []}]
    answer = schema["components"]["schemas"]["EventIntakeAnswer"]["properties"]
    assert set(answer) == {"accepted", "duplicate", "rejected", "rejections"}
    rejection = schema["components"]["schemas"]["EventRejection"]["properties"]
    assert set(rejection) == {"item", "type", "field", "reason", "message"}
