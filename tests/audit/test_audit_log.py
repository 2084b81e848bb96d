"""The audit log: every write through the API, who, when, which row and version, from which address."""

import pytest

from ioc.audit.models import AuditEntry
from ioc.park.choices import Role
from ioc.park.models import Zone
from tests.conftest import square
from tests.submissions.test_submissions_api import post

URL = "/api/v1/audit/"


@pytest.fixture
def manager_api(client_for):
    return client_for(Role.PARK_MANAGER, language="en")


def test_create_update_and_delete_through_a_viewset_are_logged(manager_api):
    created = manager_api.post("/api/v1/zones/", {"code": "z-new", "name_vi": "Khu mới", "kind": "production",
                                                  "boundary": square(106.28, 20.93)}, format="json")  # fmt: skip
    assert created.status_code == 201, created.content
    zone_id = str(created.json()["id"])
    assert (
        manager_api.patch(f"/api/v1/zones/{zone_id}/", {"name_vi": "Khu B"}, format="json").status_code == 200
    )
    assert manager_api.delete(f"/api/v1/zones/{zone_id}/").status_code == 204
    entries = list(AuditEntry.objects.filter(model="park.Zone").order_by("id"))
    assert [(e.method, e.action, e.object_id, e.status_code) for e in entries] == [
        ("POST", "create", zone_id, 201), ("PATCH", "partial_update", zone_id, 200), ("DELETE", "destroy", zone_id, 204)
    ]  # fmt: skip
    assert entries[1].changes == ["name_vi"]  # the fields written, never their values
    assert {(e.username, e.address, e.enterprise_id) for e in entries} == {
        ("park_manager-park", "127.0.0.1", None)
    }
    assert not Zone.objects.filter(pk=zone_id).exists()


def test_a_refused_write_and_a_read_are_not_logged(manager_api):
    assert manager_api.post("/api/v1/zones/", {"code": ""}, format="json").status_code == 400
    assert manager_api.get("/api/v1/zones/").status_code == 200
    assert not AuditEntry.objects.exists()


def test_submissions_and_their_review_actions_are_logged_with_the_version(
    small_park, client_for, manager_api
):
    enterprise_api = client_for(Role.ENTERPRISE, small_park["a"], language="en")
    first = post(enterprise_api, headers={"HTTP_IDEMPOTENCY_KEY": "k-1"}).json()
    assert post(enterprise_api, headers={"HTTP_IDEMPOTENCY_KEY": "k-1"}).status_code == 201  # replayed
    returned = manager_api.post(
        f"/api/v1/submissions/{first['id']}/return/", {"comment": "Sửa lại"}, format="json"
    )
    assert returned.status_code == 200, returned.content
    corrected = enterprise_api.patch(f"/api/v1/submissions/{first['id']}/", {"data": first["data"], "submit": True},
                                     format="json")  # fmt: skip
    assert corrected.status_code == 200, corrected.content
    entries = AuditEntry.objects.filter(model="submissions.Submission", address="127.0.0.1").order_by("id")
    assert [(e.action, e.object_id, e.version) for e in entries] == [
        ("create", str(first["id"]), 1),  # once: the replay wrote nothing
        ("return_to_sender", str(first["id"]), 1),
        ("partial_update", str(corrected.json()["id"]), 2),
    ]
    assert entries[0].enterprise_id == small_park["a"].pk and entries[0].changes == [
        "data",
        "kind",
        "period",
        "submit",
    ]


def test_park_managers_read_and_filter_the_log_operators_may_not(small_park, manager_api, client_for):
    listed = manager_api.get(URL, {"username": "reporter-b"})
    assert listed.status_code == 200
    assert [row["username"] for row in listed.json()["results"]] == ["reporter-b"]
    assert set(listed.json()["results"][0]) >= {"at", "username", "method", "path", "model", "object_id", "version",
                                                 "changes", "address"}  # fmt: skip
    assert manager_api.get(URL, {"method": "NOPE"}).json()["count"] == 0
    assert client_for(Role.OPERATOR).get(URL).status_code == 403
    refused = client_for(Role.WARD_OFFICIAL, language="vi").get(URL)
    assert refused.status_code == 403 and "nhật ký thao tác" in refused.json()["detail"]


def test_an_enterprise_user_reads_only_its_own_enterprises_writes_and_nobody_writes_the_log(
    small_park, client_for, manager_api
):
    api = client_for(Role.ENTERPRISE, small_park["a"])
    assert [row["username"] for row in api.get(URL).json()["results"]] == ["reporter-a"]
    entry = AuditEntry.objects.get(username="reporter-a")
    assert api.delete(f"{URL}{entry.pk}/").status_code == 403
    assert manager_api.delete(f"{URL}{entry.pk}/").status_code == 405
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_admin_page_is_read_only(admin_client, small_park):
    entry = AuditEntry.objects.first()
    assert admin_client.get("/admin/audit/auditentry/").status_code == 200
    assert admin_client.get(f"/admin/audit/auditentry/{entry.pk}/change/").status_code == 200
    assert admin_client.get("/admin/audit/auditentry/add/").status_code == 403
