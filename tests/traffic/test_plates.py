from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from traffic.plate_reads import dedup_key, dedupe, validate_plate_read
from traffic.plates import PlateError, mask_plate, match_watchlist, parse_plate


@pytest.mark.parametrize(
    ("text", "canonical", "province", "truck", "motorbike"),
    [
        ("15C-123.45", "15C-123.45", "Hải Phòng", True, False),
        ("15c12345", "15C-123.45", "Hải Phòng", True, False),
        ("16C 678.90", "16C-678.90", "Hải Phòng", True, False),
        ("34C-001.23", "34C-001.23", "Hải Dương (nay thuộc Hải Phòng)", True, False),
        ("29A-1234", "29A-1234", "Hà Nội", False, False),
        ("51F-123.45", "51F-123.45", "TP. Hồ Chí Minh", False, False),
        ("30LD-123.45", "30LD-123.45", "Hà Nội", False, False),
        ("29-B1 123.45", "29-B1 123.45", "Hà Nội", False, True),
        ("29B1-1234", "29-B1 1234", "Hà Nội", False, True),
        ("34MĐ1 123.45", "34-MD1 123.45", "Hải Dương (nay thuộc Hải Phòng)", False, True),
    ],
)
def test_it_reads_plates_in_every_usual_writing(text, canonical, province, truck, motorbike):
    plate = parse_plate(text)
    assert (plate.canonical, plate.province, plate.truck_series, plate.motorbike) == (
        canonical,
        province,
        truck,
        motorbike,
    )


def test_it_reads_five_digits_run_together_as_a_cars_number():
    assert parse_plate("29B11234").canonical == "29B-112.34"
    assert parse_plate("29B112345").canonical == "29-B1 123.45"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "required"),
        (None, "required"),
        ("abc", "format"),
        ("15C-123", "format"),
        ("15C-1234567", "format"),
        ("15O-123.45", "series"),
        ("15CI-123.45", "series"),
        ("42A-123.45", "province"),
        ("10A-123.45", "province"),
        ("80-NG-123-45", "out_of_scope"),
        ("41NN-123.45", "out_of_scope"),
        ("TM-12-34", "out_of_scope"),
    ],
)
def test_it_refuses_what_is_not_a_plate_it_handles(text, code):
    with pytest.raises(PlateError) as caught:
        parse_plate(text)
    assert caught.value.code == code


def test_it_explains_a_refusal_in_vietnamese():
    with translation.override("vi"), pytest.raises(PlateError) as caught:
        parse_plate("42A-123.45")
    assert str(caught.value.message) == (
        "Mã tỉnh 42 không được cấp cho tỉnh, thành phố nào (Thông tư 24/2023/TT-BCA, Phụ lục 02)."
    )


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("15C-123.45", "15C-***.45"),
        ("15C12345", "15C-***.45"),
        ("29A-1234", "29A-**34"),
        ("29-B1 123.45", "29-B1 ***.45"),
        ("not a plate", "******"),
    ],
)
def test_it_masks_a_plate_down_to_origin_series_and_last_two_digits(text, masked):
    assert mask_plate(text) == masked


WATCHLIST = ["15C-123.45", "29A-888.88", "51F-555.01"]


def test_it_matches_a_watch_listed_plate_exactly_however_written():
    match = match_watchlist(parse_plate("15C12345"), WATCHLIST)
    assert (match.entry, match.how) == ("15C-123.45", "exact")


@pytest.mark.parametrize(
    ("read", "entry", "position"),
    [
        ("15C-l23.45", "15C-123.45", 3),  # 1 read as l
        ("29A-8B8.88", "29A-888.88", 4),  # 8 read as B; positions count in 29A8B888
        ("51F-SS5.01", None, None),  # two confusions are two plates
        ("51F-555.O1", "51F-555.01", 6),  # 0 read as O
        ("51F-555.02", None, None),  # 1 and 2 are not confused
    ],
)
def test_it_matches_but_for_one_ocr_confusion(read, entry, position):
    match = match_watchlist(read, WATCHLIST)
    if entry is None:
        assert match is None
    else:
        assert (match.entry, match.how, match.position) == (entry, "fuzzy", position)


def test_an_exact_match_wins_over_a_fuzzy_one():
    assert match_watchlist("15C-123.45", ["15C-I23.45", "15C-123.45"]).how == "exact"


READ = {
    "plate": "15C-123.45",
    "direction": "in",
    "vehicle_class": "truck",
    "confidence": 0.93,
    "time": "2025-03-01T07:30:00+07:00",
    "image": "snap/gate1/0001.jpg",
}


def test_it_accepts_a_plate_read_and_keeps_its_time_in_utc():
    read, errors = validate_plate_read("cam-gate-1", READ)
    assert errors == {}
    assert read.plate.canonical == "15C-123.45"
    assert read.at == datetime(2025, 3, 1, 0, 30, tzinfo=UTC)
    assert (read.direction, read.vehicle_class, read.confidence, read.image) == (
        "in",
        "truck",
        0.93,
        "snap/gate1/0001.jpg",
    )


def test_it_reports_every_bad_field_at_once_by_name():
    bad = {"plate": "15O-1", "direction": "sideways", "vehicle_class": "tank", "confidence": 1.5}
    read, errors = validate_plate_read("cam", {**bad, "time": "2025-03-01T07:30:00", "image": 5})
    assert read is None
    assert set(errors) == {"plate", "direction", "vehicle_class", "confidence", "time", "image"}
    assert "+07:00" in str(errors["time"][0])


def test_it_names_a_missing_field_and_refuses_a_non_object():
    _, errors = validate_plate_read("cam", {k: v for k, v in READ.items() if k != "time"})
    assert list(errors) == ["time"]
    with translation.override("en"):
        refused = validate_plate_read("cam", [READ])[1]
        assert {k: [str(m) for m in v] for k, v in refused.items()} == {
            "non_field_errors": ["A plate read must be a JSON object."]
        }


@pytest.mark.parametrize("confidence", [True, "0.9", float("nan"), -0.1])
def test_it_refuses_a_confidence_that_is_not_a_number_from_0_to_1(confidence):
    assert list(validate_plate_read("cam", {**READ, "confidence": confidence})[1]) == ["confidence"]


def test_it_says_a_field_error_in_vietnamese():
    with translation.override("vi"):
        _, errors = validate_plate_read("cam", {**READ, "direction": "up"})
        assert str(errors["direction"][0]) == "Hướng phải là “in” (vào) hoặc “out” (ra), không phải “up”."


def _read(camera="cam-1", plate="15C-123.45", direction="in", seconds=0):
    body = {**READ, "plate": plate, "direction": direction}
    body["time"] = (datetime(2025, 3, 1, 7, tzinfo=UTC) + timedelta(seconds=seconds)).isoformat()
    return validate_plate_read(camera, body)[0]


def test_one_passage_read_again_within_the_window_is_one_read():
    reads = [_read(seconds=0), _read(seconds=10), _read(seconds=25), _read(seconds=31)]
    assert [r.at.second for r in dedupe(reads)] == [0, 31]
    assert dedup_key(_read(plate="15C12345")) == dedup_key(_read()) == "plate-read:cam-1:15C12345:in"


def test_another_camera_direction_or_plate_is_another_read():
    reads = [_read(), _read(camera="cam-2"), _read(direction="out"), _read(plate="16C-123.45")]
    assert len(dedupe(reads)) == 4
