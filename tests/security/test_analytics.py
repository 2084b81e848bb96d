"""Frame analytics on synthetic clips: the issue's counting acceptance at the pure-function level."""

import time

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from security.analytics import counting, motion, people, synthetic
from security.analytics.frames import fit_within
from security.analytics.regions import CountingLine, Region, region_mask, validate_line, validate_region

# A road crossing the view left to right along the middle; "in" is moving down the image.
ROAD_LINE = CountingLine((0.0, 0.5), (1.0, 0.5))
LEFT = Region("left", ((0.0, 0.0), (0.4, 0.0), (0.4, 1.0), (0.0, 1.0)))
RIGHT = Region("right", ((0.6, 0.0), (1.0, 0.0), (1.0, 1.0), (0.6, 1.0)))


def count_clip(frames, line=ROAD_LINE, jpeg=True):
    state, counter = motion.new_motion_state(), counting.LineCounter(line)
    for frame in frames:
        if jpeg:  # as a snapshot URL serves it
            frame = synthetic.decode_jpeg(synthetic.encode_jpeg(frame))
        fg = motion.foreground(state, frame)
        if fg is not None:
            counting.update(counter, counting.blob_centroids(fg))
    return counter.counts


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [((0.5, 0.05), (0.5, 0.95), {"in": 1, "out": 0}), ((0.5, 0.95), (0.5, 0.05), {"in": 0, "out": 1})],
)
def test_one_vehicle_crossing_the_line_is_counted_once_in_its_direction(start, end, expected):
    counts = count_clip(synthetic.moving_object_clip(start, end, frames=12, seed=3))
    assert abs(counts["in"] - expected["in"]) <= 1 and abs(counts["out"] - expected["out"]) <= 1
    assert counts == expected  # the ±1 of the acceptance is slack we do not need on a clean clip


def test_three_vehicles_one_after_another_count_three():
    clips = [
        synthetic.moving_object_clip((x, -0.1), (x, 1.1), frames=10, lead_in=10 if i == 0 else 4, seed=5)
        for i, x in enumerate((0.3, 0.5, 0.7))
    ]
    state, counter = motion.new_motion_state(), counting.LineCounter(ROAD_LINE)
    for clip in clips:
        for frame in clip:
            fg = motion.foreground(state, frame)
            if fg is not None:
                counting.update(counter, counting.blob_centroids(fg))
    assert abs(counter.counts["in"] - 3) <= 1 and counter.counts["out"] == 0


def test_a_vehicle_driving_along_the_line_or_past_its_end_is_not_counted():
    along = synthetic.moving_object_clip((0.05, 0.5), (0.95, 0.5), frames=12)
    assert count_clip(along) == {"in": 0, "out": 0}
    short_line = CountingLine((0.0, 0.5), (0.4, 0.5))
    past_the_end = synthetic.moving_object_clip((0.8, 0.05), (0.8, 0.95), frames=12)
    assert count_clip(past_the_end, line=short_line) == {"in": 0, "out": 0}


def test_a_step_longer_than_max_jump_starts_a_new_track_instead_of_counting():
    counter = counting.LineCounter(ROAD_LINE, max_jump=0.1)
    counting.update(counter, [(0.5, 0.3)])
    assert counting.update(counter, [(0.5, 0.7)]) == []
    assert len(counter.tracks) == 2  # the old one is kept for max_missed frames


def test_a_vehicle_seen_once_before_the_line_and_next_past_it_is_counted():
    # Snapshots every few seconds: the first sighting is the new track's only one on its side.
    counter = counting.LineCounter(ROAD_LINE)
    assert counting.update(counter, [(0.5, 0.35)]) == []
    assert counting.update(counter, [(0.5, 0.6)]) == ["in"]
    assert counting.update(counter, [(0.5, 0.8)]) == []  # once, not again on the same side


def test_nearest_neighbour_association_pairs_the_closest_first():
    tracks = [counting.Track(0, (0.1, 0.1)), counting.Track(1, (0.5, 0.5))]
    assert sorted(counting.associate(tracks, [(0.52, 0.5), (0.12, 0.1), (0.9, 0.9)], 0.2)) == [(0, 1), (1, 0)]


def test_no_motion_is_reported_while_warming_up_nor_on_a_static_scene():
    state = motion.new_motion_state(warmup=5)
    first = next(iter(synthetic.moving_object_clip((0.2, 0.5), (0.2, 0.5), frames=1, lead_in=0)))
    assert motion.regions_with_motion(state, first, [LEFT, RIGHT], 0.01) == set()  # a first frame
    state = motion.new_motion_state(warmup=5)
    reports = [motion.regions_with_motion(state, f, [LEFT, RIGHT], 0.01) for f in synthetic.static_clip(40)]
    assert reports == [set()] * 40


def test_motion_is_seen_in_the_region_the_object_enters_and_not_in_the_other():
    state = motion.new_motion_state()
    reports = [
        motion.regions_with_motion(state, frame, [LEFT, RIGHT], sensitivity=0.02)
        for frame in synthetic.moving_object_clip((-0.1, 0.5), (0.3, 0.5), frames=8, shape="ellipse")
    ]
    assert {"left"} in reports
    assert not any("right" in r for r in reports)


def test_sensitivity_is_the_minimum_changed_share_of_the_region():
    # A 0.1 × 0.1 object appearing in the 0.4 × 1 left region changes 2.5 % of it.
    clip = list(synthetic.moving_object_clip((0.2, 0.5), (0.2, 0.5), frames=1, size=(0.1, 0.1)))
    state = motion.new_motion_state()
    *warmup, last = clip
    for frame in warmup:
        motion.foreground(state, frame)
    share = motion.motion_shares(state, motion.foreground(state, last), [LEFT])["left"]
    assert share == pytest.approx(0.025, abs=0.005)
    for sensitivity, expected in ((0.02, {"left"}), (0.03, set())):
        state = motion.new_motion_state()
        assert [motion.regions_with_motion(state, f, [LEFT], sensitivity) for f in clip][-1] == expected


def test_a_camera_changing_resolution_warms_up_again():
    state = motion.new_motion_state(warmup=3)
    for frame in synthetic.static_clip(5):
        motion.foreground(state, frame)
    bigger = next(iter(synthetic.static_clip(1, width=400, height=300)))
    assert motion.foreground(state, bigger) is None


def test_region_mask_covers_its_share_of_the_frame():
    mask = region_mask(LEFT, 320, 240)
    assert mask.shape == (240, 320)
    assert np.count_nonzero(mask) / mask.size == pytest.approx(0.4, abs=0.01)


@pytest.mark.parametrize(
    ("raw", "english", "vietnamese"),
    [
        ([[0, 0], [1, 0]], "A region needs at least 3 points.", "Vùng cần ít nhất 3 điểm."),
        (
            [[0, 0], [1.5, 0], [1, 1]],
            "Point 2 lies outside the frame: x and y go from 0 to 1.",
            "Điểm 2 nằm ngoài khung hình: x và y có giá trị từ 0 đến 1.",
        ),
        (
            [[0, 0], [1, 1], [1, 0], [0, 1]],
            "The region's edges cross each other.",
            "Các cạnh của vùng cắt nhau.",
        ),
        (
            [[0, 0], [0.5, 0.5], [1, 1]],
            "The region's points lie on one line: it has no area.",
            "Các điểm của vùng nằm trên một đường thẳng: vùng không có diện tích.",
        ),
        (
            [[0, 0], ["a", 0], [1, 1]],
            "Point 2 is not a pair of numbers [x, y].",
            "Điểm 2 không phải là một cặp số [x, y].",
        ),
        (
            "0,0 1,1",
            "Give a list of points, each a pair [x, y].",
            "Hãy nhập danh sách các điểm, mỗi điểm là một cặp [x, y].",
        ),
    ],
)
def test_region_errors_name_the_field_in_the_requests_language(raw, english, vietnamese):
    for language, message in (("en", english), ("vi", vietnamese)):
        with translation.override(language), pytest.raises(ValidationError) as caught:
            validate_region("gate", raw, field="regions[0].points")
        assert caught.value.message_dict == {"regions[0].points": [message]}


def test_every_bad_point_is_reported_at_once():
    with pytest.raises(ValidationError) as caught:
        validate_region("gate", [[0, 0], [2, 0], [1, -1], [0, 1]])
    assert len(caught.value.message_dict["points"]) == 2


def test_counting_line_validation():
    assert validate_line([[0, 0.5], ["1", "0.5"]]) == ROAD_LINE
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        validate_line([[0.2, 0.2], [0.2, 0.2]])
    assert caught.value.message_dict == {"line": ["Hai điểm của vạch đếm trùng nhau."]}
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_line([[0, 0]], field="counting_line")
    assert caught.value.message_dict == {"counting_line": ["A counting line needs exactly 2 points."]}


def test_a_valid_region_keeps_its_points():
    region = validate_region("gate", [[0.1, 0.1], [0.9, 0.1], [0.5, 0.9]])
    assert region.points == ((0.1, 0.1), (0.9, 0.1), (0.5, 0.9))
    assert region.contains((0.5, 0.3)) and not region.contains((0.05, 0.9))


def test_a_big_frame_is_downscaled_and_a_small_one_left_alone():
    big = np.zeros((2160, 3840, 3), dtype=np.uint8)
    assert fit_within(big).shape == (360, 640, 3)
    small = np.zeros((240, 320, 3), dtype=np.uint8)
    assert fit_within(small) is small


def test_people_are_counted_in_the_region_where_their_feet_are():
    boxes = [people.Box(0.1, 0.2, 0.1, 0.3, 1.0), people.Box(0.7, 0.0, 0.1, 0.3, 1.0)]
    assert people.people_in_regions(boxes, [LEFT, RIGHT]) == {"left": 1, "right": 1}
    leaning = people.Box(0.38, 0.1, 0.1, 0.3, 1.0)  # head over the left region, feet beyond it
    assert people.people_in_regions([leaning], [LEFT]) == {"left": 0}


def test_people_detection_returns_normalised_boxes_and_nothing_on_an_empty_scene():
    scene = synthetic.background(640, 480, seed=2)
    assert people.detect_people(scene) == []
    tiny = np.zeros((50, 40, 3), dtype=np.uint8)  # smaller than the detector's window
    assert people.detect_people(tiny) == []
    frame = next(
        iter(
            synthetic.moving_object_clip(
                (0.5, 0.5),
                (0.5, 0.5),
                frames=1,
                lead_in=0,
                shape="person",
                size=(0.1, 0.5),
                width=640,
                height=480,
            )
        )
    )
    for box in people.detect_people(frame, min_weight=0):
        assert 0 <= box.x <= 1 and 0 <= box.y <= 1 and 0 < box.w <= 1 and 0 < box.h <= 1


def test_jpeg_round_trip_and_a_non_image_is_refused():
    frame = synthetic.background(seed=1)
    decoded = synthetic.decode_jpeg(synthetic.encode_jpeg(frame, quality=90))
    assert decoded.shape == frame.shape
    assert np.abs(decoded.astype(int) - frame).mean() < 6
    with pytest.raises(ValueError, match="not a decodable image"):
        synthetic.decode_jpeg(b"<html>camera login</html>")


def test_clips_are_deterministic_for_a_seed():
    one = list(synthetic.moving_object_clip((0, 0.5), (1, 0.5), frames=3, seed=9))
    two = list(synthetic.moving_object_clip((0, 0.5), (1, 0.5), frames=3, seed=9))
    assert all(np.array_equal(a, b) for a, b in zip(one, two, strict=True))
    assert not np.array_equal(synthetic.background(seed=1), synthetic.background(seed=2))


def _per_frame_ms(step, frames):
    begin = time.perf_counter()
    for frame in frames:
        step(frame)
    return 1000 * (time.perf_counter() - begin) / len(frames)


def test_per_frame_cost_is_measured(capsys):
    """Printed, not asserted: the machine is shared; the benchmark (later) holds the figures."""
    clip = list(synthetic.moving_object_clip((0.5, 0.0), (0.5, 1.0), frames=20, width=1920, height=1080))
    jpegs = [synthetic.encode_jpeg(f) for f in clip]
    state, counter = motion.new_motion_state(), counting.LineCounter(ROAD_LINE)

    def motion_and_count(data):
        fg = motion.foreground(state, synthetic.decode_jpeg(data))
        if fg is not None:
            counting.update(counter, counting.blob_centroids(fg))

    motion_ms = _per_frame_ms(motion_and_count, jpegs)
    people_ms = _per_frame_ms(people.detect_people, clip[:5])
    with capsys.disabled():
        print(
            f"\n1080p JPEG per frame: decode+motion+count {motion_ms:.1f} ms, HOG people {people_ms:.1f} ms"
        )
    assert counter.counts == {"in": 1, "out": 0}
