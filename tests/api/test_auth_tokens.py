"""API tokens: issued for a username and password, stored hashed, revocable."""

from knox.models import AuthToken
from rest_framework.test import APIClient

from ioc.park.choices import Role


def obtain(username, password, language="en"):
    return APIClient().post(
        "/api/v1/auth/token/",
        {"username": username, "password": password},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_it_issues_a_token_that_opens_the_api(make_user):
    make_user(Role.OPERATOR, username="op")
    response = obtain("op", "not-a-real-password-42")
    assert response.status_code == 200
    token = response.json()["token"]
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").json()["role"] == "operator"


def test_it_stores_only_a_digest_of_the_token(make_user):
    make_user(Role.OPERATOR, username="op")
    token = obtain("op", "not-a-real-password-42").json()["token"]
    stored = AuthToken.objects.get()
    assert token not in stored.digest and token.startswith(stored.token_key)


def test_a_wrong_password_is_refused_in_the_callers_language(make_user):
    make_user(Role.OPERATOR, username="op")
    assert obtain("op", "wrong").status_code == 400
    assert "Không thể đăng nhập" in obtain("op", "wrong", "vi").json()["non_field_errors"][0]


def test_a_revoked_token_stops_working(make_user):
    make_user(Role.OPERATOR, username="op")
    token = obtain("op", "not-a-real-password-42").json()["token"]
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.post("/api/v1/auth/logout/").status_code == 204
    assert api.get("/api/v1/me/").status_code == 401


def test_a_forged_token_is_refused(db):
    api = APIClient(HTTP_AUTHORIZATION="Token " + "f" * 64)
    assert api.get("/api/v1/devices/").status_code == 401


def test_a_missing_row_answers_404_in_the_callers_language(client_for):
    api = client_for(Role.PARK_MANAGER, language="vi")
    response = api.get("/api/v1/devices/999999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy."


def test_malformed_json_is_a_400_in_the_callers_language(client_for):
    api = client_for(Role.PARK_MANAGER, language="vi")
    response = api.post("/api/v1/zones/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Nội dung yêu cầu không phải JSON hợp lệ")
