"""Posting a report of any kind through /api/v1/submissions/, and accepting it, for the kinds' tests."""

URL = "/api/v1/submissions/"


def send(api, kind: str, period: str, data: dict, language: str | None = None, submit: bool = True):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    body = {"kind": kind, "period": period, "data": data, "submit": submit}
    return api.post(URL, body, format="json", **headers)


def accept(api, submission: dict) -> dict:
    response = api.post(f"{URL}{submission['id']}/accept/", {}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def errors_in(api, kind: str, period: str, data: dict) -> dict[str, dict]:
    """The 400 answer's errors, in English and in Vietnamese."""
    found = {}
    for language in ("en", "vi"):
        response = send(api, kind, period, data, language)
        assert response.status_code == 400, response.content
        found[language] = response.json()
    return found


def flags_of(submission: dict) -> set[tuple[str, str]]:
    return {(flag["code"], flag["field"]) for flag in submission["flags"]}


def assert_errors(found: dict[str, dict], expected: dict[str, tuple[str, str]]) -> None:
    """Each field's first error holds the English words in English and the Vietnamese ones in Vietnamese."""
    for field, (english, vietnamese) in expected.items():
        assert english in found["en"][field][0], (field, found["en"])
        assert vietnamese in found["vi"][field][0], (field, found["vi"])
