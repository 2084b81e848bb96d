"""Plate reads through the core event pipeline: checked field by field, kept once per passage, paired."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from ioc.telemetry.models import DeviceEvent, Rejection
from tests.traffic.conftest import jpeg_b64, plate_read, send
from traffic.choices import Anomaly, StayOutcome, VehicleClass
from traffic.models import GateHour, PlateRead, Stay
from traffic.plate_reads import VEHICLE_CLASSES

pytestmark = pytest.mark.django_db


def test_the_vehicle_classes_the_model_offers_are_those_readers_send():
    assert tuple(VehicleClass.values) == VEHICLE_CLASSES


def test_a_plate_read_at_a_gate_is_kept_as_an_entry_with_its_image(gates):
    at = timezone.now() - timedelta(minutes=5)
    result = send("GATE-MAIN", plate_read("r1", "15c 123.45", "in", at, "truck", image=jpeg_b64()))
    assert (result.accepted, result.refusals) == (1, [])
    read = PlateRead.objects.get()
    assert (read.plate, read.plate_compact, read.gate, read.direction) == (
        "15C-123.45",
        "15C12345",
        gates["main"],
        "in",
    )
    assert read.heavy and read.first_seen and read.image.purpose == "plate"
    stay = Stay.objects.get()
    assert (stay.outcome, stay.gate_in, stay.entry) == (StayOutcome.OPEN, gates["main"], read)
    assert GateHour.objects.get().entries == 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", {"plate": "is not a Vietnamese licence plate", "direction": "Direction must be",
                "vehicle_class": "Vehicle class must be one of", "confidence": "Confidence must be a number"}),
        ("vi", {"plate": "không phải biển số xe Việt Nam", "direction": "Hướng phải là",
                "vehicle_class": "Loại xe phải là một trong", "confidence": "Độ tin cậy phải là một số"}),
    ],
)  # fmt: skip
def test_every_bad_field_of_a_read_is_explained_at_once_in_the_senders_language(gates, language, expected):
    bad = {"type": "plate_read", "id": "bad-1", "plate": "ABC", "direction": "sideways", "vehicle_class": "tank",
           "confidence": 7}  # fmt: skip
    good = plate_read("good-1", "29A-123.45", "in", timezone.now())
    with translation.override(language):
        result = send("GATE-MAIN", [bad, good])
        messages = {refusal.field: refusal.message for refusal in result.refusals}
    assert result.accepted == 1, "the valid read in the same message is kept"
    assert set(messages) == set(expected)
    for field, words in expected.items():
        assert words in messages[field], (field, messages[field])
    assert Rejection.objects.filter(reason="event_invalid").count() == 4
    assert PlateRead.objects.get().plate == "29A-123.45"


def test_a_missing_field_is_named(gates):
    result = send("GATE-MAIN", {"type": "plate_read", "id": "m1", "plate": "29A-123.45", "confidence": 0.9})
    assert {r.field for r in result.refusals} == {"direction", "vehicle_class"}


def test_both_lanes_reading_one_passage_within_30_seconds_count_it_once(gates):
    at = timezone.now() - timedelta(minutes=10)
    send("GATE-MAIN", plate_read("g1", "15C-123.45", "in", at))
    send("CAM-LANE-2", plate_read("c1", "15C12345", "in", at + timedelta(seconds=4)))
    send("GATE-MAIN", plate_read("g2", "15C-123.45", "in", at + timedelta(seconds=20)))
    read = PlateRead.objects.get()
    assert read.repeats == 2 and GateHour.objects.get().entries == 1 and Stay.objects.count() == 1
    assert DeviceEvent.objects.filter(kind="plate_read").count() == 3, "every event is still on record"
    send("GATE-MAIN", plate_read("g3", "15C-123.45", "in", at + timedelta(seconds=45)))
    assert PlateRead.objects.count() == 2, "45 s later it is another passage"


def test_a_reader_facing_the_other_way_reports_out_for_a_vehicle_entering(gates):
    gates["main"].inbound = "out"
    gates["main"].save()
    send("GATE-MAIN", plate_read("r1", "29A-123.45", "out", timezone.now()))
    assert PlateRead.objects.get().direction == "in"
    assert Stay.objects.get().outcome == StayOutcome.OPEN


def test_an_exit_then_an_entry_then_an_exit_pair_up_and_flag_what_does_not(gates):
    start = timezone.now() - timedelta(hours=3)
    send("GATE-MAIN", [
        plate_read("1", "29A-123.45", "out", start),  # inside since before the data
        plate_read("2", "29A-123.45", "in", start + timedelta(minutes=10)),
        plate_read("3", "29A-123.45", "in", start + timedelta(minutes=40)),  # the exit was missed
        plate_read("4", "29A-123.45", "out", start + timedelta(minutes=100)),
    ])  # fmt: skip
    anomalies = dict(PlateRead.objects.values_list("event__event_id", "anomaly"))
    assert anomalies == {"1": Anomaly.EXIT_WITHOUT_ENTRY, "2": "", "3": Anomaly.MISSED_EXIT, "4": ""}
    outcomes = sorted(Stay.objects.values_list("outcome", flat=True))
    assert outcomes == [StayOutcome.LEFT, StayOutcome.MISSED_EXIT]
    left = Stay.objects.get(outcome=StayOutcome.LEFT)
    assert left.seconds == 60 * 60
    assert sum(GateHour.objects.values_list("dwell_seconds", flat=True)) == 3600


def test_a_late_read_is_fitted_where_it_belongs(gates):
    start = timezone.now() - timedelta(hours=2)
    send("GATE-MAIN", [plate_read("in", "29A-123.45", "in", start),
                       plate_read("in2", "29A-123.45", "in", start + timedelta(minutes=90))])  # fmt: skip
    assert Stay.objects.filter(outcome=StayOutcome.MISSED_EXIT).count() == 1
    send("GATE-MAIN", plate_read("late-out", "29A-123.45", "out", start + timedelta(minutes=30)))
    assert sorted(Stay.objects.values_list("outcome", flat=True)) == [StayOutcome.LEFT, StayOutcome.OPEN]
    assert not PlateRead.objects.exclude(anomaly="").exists()


def test_a_camera_at_no_gate_keeps_its_reads_but_makes_no_stay(gates):
    send("CAM-ROAD", plate_read("r1", "29A-123.45", "in", timezone.now()))
    read = PlateRead.objects.get()
    assert read.gate is None and not Stay.objects.exists() and not GateHour.objects.exists()


def test_a_plate_seen_before_is_not_new(gates):
    start = timezone.now() - timedelta(hours=2)
    send(
        "GATE-MAIN",
        [
            plate_read("1", "29A-123.45", "in", start),
            plate_read("2", "29A-123.45", "out", start + timedelta(hours=1)),
        ],
    )
    assert list(PlateRead.objects.order_by("at").values_list("first_seen", flat=True)) == [True, False]


def test_no_device_may_send_a_watchlist_hit(gates):
    result = send("GATE-MAIN", {"type": "watchlist_hit", "id": "x", "plate_read": 1, "entry": 1, "plate": "29A-123.45",
                                "listed": "29A-123.45", "how": "exact"})  # fmt: skip
    assert [r.reason for r in result.refusals] == ["event_not_for_device"]
