"""The OpenAPI document names the errors each operation can answer, and the Idempotency-Key header."""

import pytest
import yaml


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_submissions_document_their_errors(schema):
    paths = schema["paths"]
    assert set(paths["/api/v1/submissions/"]["post"]["responses"]) >= {
        "201",
        "400",
        "401",
        "403",
        "422",
        "429",
    }
    assert set(paths["/api/v1/submissions/{id}/"]["patch"]["responses"]) >= {
        "200",
        "400",
        "401",
        "403",
        "404",
        "429",
    }
    assert set(paths["/api/v1/submissions/{id}/"]["delete"]["responses"]) >= {
        "204",
        "401",
        "403",
        "404",
        "409",
    }
    assert set(paths["/api/v1/submissions/{id}/accept/"]["post"]["responses"]) >= {"200", "400", "404"}
    assert set(paths["/api/v1/submissions/"]["get"]["responses"]) >= {"200", "400", "401", "403", "429"}
    bad = paths["/api/v1/submissions/"]["post"]["responses"]["400"]["content"]["application/json"]["schema"]
    assert bad == {"$ref": "#/components/schemas/FieldErrors"}
    assert "Retry-After" in paths["/api/v1/submissions/"]["post"]["responses"]["429"]["headers"]
    assert schema["components"]["schemas"]["ErrorDetail"]["required"] == ["detail"]


def test_the_login_documents_no_401(schema):
    assert "401" not in schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]


def test_idempotency_key_is_a_header_of_the_submission_post(schema):
    parameters = schema["paths"]["/api/v1/submissions/"]["post"]["parameters"]
    (key,) = [p for p in parameters if p["name"] == "Idempotency-Key"]
    assert key["in"] == "header" and not key.get("required") and "422" in key["description"]


def test_times_of_day_are_documented_as_local_wall_clock_times(schema):
    quiet = schema["components"]["schemas"]["NotificationPreference"]["properties"]["quiet_to"]
    assert "format" not in quiet and quiet["pattern"].startswith("^")
