"""Date-time filters and audited field names never reach the database in a form it refuses."""

from ioc.audit.recording import written_fields
from ioc.park.choices import Role


def test_an_odd_offset_is_moved_to_utc_and_an_absurd_year_is_a_400(client_for, small_park):
    api = client_for(Role.PARK_MANAGER, language="en")
    odd = api.get("/api/v1/environment/compliance/", {"since": "2026-01-01T12:43:49+22:14"})
    assert odd.status_code == 200
    for language, words in (
        ("en", "between the years 1970 and 2200"),
        ("vi", "trong khoảng năm 1970 đến 2200"),
    ):
        ancient = api.get("/api/v1/environment/compliance/", {"since": "0634-09-01T12:43:49+02:00"},
                          HTTP_ACCEPT_LANGUAGE=language)  # fmt: skip
        assert ancient.status_code == 400 and words in ancient.json()["since"][0]


def test_field_names_a_database_cannot_hold_are_cleaned():
    assert written_fields({"a\x00b": 1, "\ud95c\udfa1x": 2, "name": 3}) == [
        "??x",
        "ab",
        "name",
    ]  # each lone surrogate becomes "?"
