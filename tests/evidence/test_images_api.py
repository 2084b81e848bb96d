"""Who sees images (Decree 13/2023/NĐ-CP), and every view of one in the audit log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ioc.audit.models import AuditEntry
from ioc.evidence.images import store_image
from ioc.evidence.models import Purpose
from ioc.park.choices import Role
from tests.evidence.helpers import camera, jpeg


@pytest.fixture
def pictures(small_park, settings, tmp_path):
    """A JPEG from a camera of enterprise A, one of B, one of the park's own gate camera."""
    settings.MEDIA_ROOT = tmp_path / "media"
    taken = timezone.now() - timedelta(hours=1)
    out = dict(small_park)
    for key, enterprise in (("a", small_park["a"]), ("b", small_park["b"]), ("park", None)):
        device = camera(f"CAM-{key.upper()}", zone=small_park["zone"], enterprise=enterprise)
        out[f"image_{key}"] = store_image(device_id=device.pk, data=jpeg(seed=len(key)), taken_at=taken,
                                          purpose=Purpose.EVENT)  # fmt: skip
    return out


def content(api, image, **headers):
    return api.get(f"/api/v1/images/{image.pk}/content/", **headers)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.PARK_MANAGER, Role.OPERATOR])
def test_park_staff_see_every_image_and_each_view_is_logged(pictures, client_for, role):
    api = client_for(role)
    for key in ("a", "b", "park"):
        image = pictures[f"image_{key}"]
        response = content(api, image)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg" and response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content) == jpeg(seed=len(key))
    logged = AuditEntry.objects.filter(action="image.view", username=api.user.username)
    assert sorted(logged.values_list("object_id", flat=True)) == sorted(
        str(pictures[f"image_{key}"].pk) for key in ("a", "b", "park")
    )
    entry = logged.get(object_id=str(pictures["image_b"].pk))
    assert (entry.model, entry.method, entry.detail["device"], entry.detail["purpose"]) == (
        "evidence.Image", "GET", "CAM-B", "event",
    )  # fmt: skip
    assert entry.path == f"/api/v1/images/{pictures['image_b'].pk}/content/"


def test_every_repeated_view_is_logged_again(pictures, client_for):
    api = client_for(Role.OPERATOR)
    for _ in range(3):
        assert content(api, pictures["image_a"]).status_code == 200
    assert AuditEntry.objects.filter(action="image.view", object_id=str(pictures["image_a"].pk)).count() == 3


def test_an_enterprise_user_sees_only_its_own_devices_images(pictures, client_for):
    api = client_for(Role.ENTERPRISE, pictures["a"])
    assert content(api, pictures["image_a"]).status_code == 200
    for key in ("b", "park"):
        assert content(api, pictures[f"image_{key}"]).status_code == 404
        assert api.get(f"/api/v1/images/{pictures[f'image_{key}'].pk}/").status_code == 404
    listed = api.get("/api/v1/images/", {"page_size": 100}).json()["results"]
    assert {row["serial"] for row in listed} == {"CAM-A", "DEV-a"}  # (DEV-a: small_park's own row)
    logged = AuditEntry.objects.filter(action="image.view")
    assert list(logged.values_list("object_id", "enterprise")) == [
        (str(pictures["image_a"].pk), pictures["a"].pk)
    ]


@pytest.mark.parametrize(("language", "words"), [("en", "ward official"), ("vi", "cán bộ phường")])
def test_a_ward_official_sees_no_image_and_is_told_why(pictures, client_for, language, words):
    api = client_for(Role.WARD_OFFICIAL, language=language)
    for response in (
        content(api, pictures["image_park"]),
        api.get("/api/v1/images/"),
        api.get(f"/api/v1/images/{pictures['image_park'].pk}/"),
    ):
        assert response.status_code == 403
        assert words in response.json()["detail"] and "13/2023" in response.json()["detail"]
    assert not AuditEntry.objects.filter(action="image.view").exists()


def test_the_metadata_says_what_is_kept_and_until_when(pictures, client_for):
    image = pictures["image_park"]
    row = client_for(Role.OPERATOR).get(f"/api/v1/images/{image.pk}/").json()
    assert (row["serial"], row["content_type"], row["width"], row["height"], row["size"]) == (
        "CAM-PARK", "image/jpeg", 64, 48, len(jpeg(seed=4)),
    )  # fmt: skip
    assert row["expires_at"].endswith("+07:00")
    assert row["content_url"].endswith(f"/api/v1/images/{image.pk}/content/")
    assert not AuditEntry.objects.filter(action="image.view").exists()  # metadata is not the picture


def test_a_client_asking_for_an_image_type_gets_the_picture_and_json_refusals(pictures, client_for):
    api = client_for(Role.OPERATOR)
    assert content(api, pictures["image_a"], HTTP_ACCEPT="image/jpeg").status_code == 200
    missing = api.get("/api/v1/images/999999/content/", HTTP_ACCEPT="image/*")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
    assert "detail" in missing.json()


def test_an_image_whose_file_is_gone_is_a_404_and_no_view_is_logged(pictures, client_for):
    image = pictures["image_a"]
    image.file.storage.delete(image.file.name)
    response = content(client_for(Role.PARK_MANAGER, language="vi"), image)
    assert response.status_code == 404 and "không còn" in response.json()["detail"]
    assert not AuditEntry.objects.filter(action="image.view").exists()


def test_nobody_writes_images_through_the_api(pictures, client_for):
    for role in (Role.OPERATOR, Role.ENTERPRISE):
        api = client_for(role, pictures["a"] if role == Role.ENTERPRISE else None)
        assert api.post("/api/v1/images/", {}, format="json").status_code == 403
        assert api.delete(f"/api/v1/images/{pictures['image_a'].pk}/").status_code == 403
    assert (
        client_for(Role.PARK_MANAGER).delete(f"/api/v1/images/{pictures['image_a'].pk}/").status_code == 405
    )


def test_the_device_event_list_links_to_the_picture(pictures, client_for):
    from ioc.telemetry.models import DeviceEvent

    image = pictures["image_a"]
    event = DeviceEvent.objects.create(device=image.device, kind="intrusion", event_id="x", at=image.taken_at,
                                       received_at=image.taken_at, source="http", image=image)  # fmt: skip
    row = client_for(Role.OPERATOR).get(f"/api/v1/device-events/{event.pk}/").json()
    assert row["image"] == image.pk and row["image_url"].endswith(f"/api/v1/images/{image.pk}/content/")
