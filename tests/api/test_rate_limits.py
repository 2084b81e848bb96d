"""Rate limits per token: past the budget a 429 in the caller's language, with Retry-After."""

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from ioc.park.choices import Role


@pytest.fixture
def tight(settings):
    settings.API_RATE_READ = "3/min"
    settings.API_RATE_WRITE = "2/min"


def test_reads_past_the_budget_answer_429_translated_with_retry_after(tight, client_for):
    api = client_for(Role.OPERATOR, language="vi")
    assert [api.get("/api/v1/zones/").status_code for _ in range(3)] == [200, 200, 200]
    refused = api.get("/api/v1/zones/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Quá nhiều yêu cầu với mã truy cập này")
    english = api.get("/api/v1/zones/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"].startswith("Too many requests with this token; try again in")


def test_each_token_has_its_own_budget_and_writes_count_apart(tight, client_for):
    api = client_for(Role.PARK_MANAGER)
    for _ in range(3):
        api.get("/api/v1/zones/")
    assert api.get("/api/v1/zones/").status_code == 429
    # Writes have their own budget: the refusal below is the validation's, not the limit's.
    assert api.post("/api/v1/zones/", {}, format="json").status_code == 400
    _instance, second_token = AuthToken.objects.create(api.user)
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {second_token}")
    assert other.get("/api/v1/zones/").status_code == 200  # another integration of the same user


def test_the_limit_is_checked_before_the_write(tight, client_for):
    api = client_for(Role.PARK_MANAGER)
    assert [api.post("/api/v1/zones/", {}, format="json").status_code for _ in range(3)] == [400, 400, 429]
