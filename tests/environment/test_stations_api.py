"""GET /api/v1/environment/stations/: code, kind, device, standard and C_max; bad input refused."""

import pytest
from rest_framework.test import APIClient

from environment.models import Station
from ioc.park.choices import DeviceKind, Role
from ioc.park.models import Device
from tests.conftest import point


def test_stations_are_listed_with_their_standard_and_filtered_by_kind(outfall, air_station, client_for):
    api = client_for(Role.WARD_OFFICIAL)
    listed = api.get("/api/v1/environment/stations/").json()
    by_code = {row["code"]: row for row in listed["results"]}
    assert by_code["DA-WW-OUT"]["kind"] == "wastewater" and by_code["DA-AIR-01"]["kind"] == "air"
    assert by_code["DA-WW-OUT"]["device"] == outfall.device_id
    assert (by_code["DA-WW-OUT"]["standard"], by_code["DA-WW-OUT"]["column"]) == ("QCVN 40:2011/BTNMT", "B")
    air = api.get("/api/v1/environment/stations/", {"kind": "air"}).json()["results"]
    assert [row["code"] for row in air] == ["DA-AIR-01"]
    assert listed["count"] == Station.objects.count()  # paginated: the count covers every page


def test_a_stations_limits_show_c_max_and_how_it_was_reached(outfall, client_for):
    row = (
        client_for(Role.PARK_MANAGER, language="en")
        .get(f"/api/v1/environment/stations/{outfall.code}/")
        .json()
    )
    limits = {(limit["parameter"], limit["averaging"]): limit for limit in row["limits"]}
    assert limits[("cod", "1h")]["c_max"] == pytest.approx(135)
    assert limits[("cod", "1h")]["derivation"] == "150 × Kq 0.9 × Kf 1 = 135 (QCVN 40:2011/BTNMT column B)"
    assert (limits[("ph", "1h")]["lower"], limits[("ph", "1h")]["c_max"]) == (5.5, 9)


def test_the_air_standard_switches_pm25_to_45_on_new_years_day_2026(air_station):
    from datetime import date

    def pm25_day(on):
        return next(
            lim.value
            for row, lim in air_station.effective_limits(on)
            if (row.parameter, row.averaging) == ("pm25", "24h")
        )

    assert (pm25_day(date(2025, 12, 31)), pm25_day(date(2026, 1, 1))) == (50, 45)


@pytest.fixture
def stack_device(small_park):
    return Device.objects.create(
        serial="STK-A", name="Boiler stack", kind=DeviceKind.STACK_STATION, enterprise=small_park["a"],
        zone=small_park["zone"], location=point(106.273, 20.922),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "field", "english", "vietnamese"),
    [
        (
            {"standard": "QCVN 40:2011/BTNMT"},
            "standard",
            "not for this kind of station",
            "không dành cho loại trạm",
        ),
        ({"kp": None}, "kp", "give Kp", "hãy nhập Kp"),
        ({"kv": 3}, "kv", "less than or equal to 1.5", "nhỏ hơn hoặc bằng 1.5"),
        ({"column": "Z"}, "column", "no column Z", "không có cột Z"),
        ({"code": "có dấu"}, "code", "letters, digits", "chữ cái, chữ số"),
        ({"transmits": True}, "facility_code", "needs a facility code", "cần có mã cơ sở"),
    ],
)
def test_bad_stations_are_refused_naming_the_field(
    stack_device, client_for, changes, field, english, vietnamese
):
    manager = client_for(Role.PARK_MANAGER)
    body = {"code": "STK-A", "name_vi": "Ống khói lò hơi", "kind": "stack", "role": "stack", "device": stack_device.pk,
            "standard": "QCVN 19:2009/BTNMT", "column": "B", "kp": 1.0, "kv": 1.0, **changes}  # fmt: skip
    for language, words in (("en", english), ("vi", vietnamese)):
        response = manager.post(
            "/api/v1/environment/stations/", body, format="json", HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.status_code == 400, response.content
        assert words in " ".join(response.json()[field]), (language, response.json())
    assert not Station.objects.filter(code="STK-A").exists()


def test_a_good_stack_is_created_with_its_limits(stack_device, client_for):
    body = {"code": "STK-A", "name_vi": "Ống khói lò hơi", "kind": "stack", "role": "stack", "device": stack_device.pk,
            "standard": "QCVN 19:2009/BTNMT", "column": "B", "kp": 0.9, "kv": 1.0}  # fmt: skip
    response = client_for(Role.PARK_MANAGER).post("/api/v1/environment/stations/", body, format="json")
    assert response.status_code == 201, response.content
    dust = next(limit for limit in response.json()["limits"] if limit["parameter"] == "stack_dust")
    assert dust["c_max"] == pytest.approx(180) and "Kp 0.9" in dust["derivation"]


def test_ph_15_is_refused_at_ingest_and_the_valid_readings_of_the_batch_are_kept(outfall, post_readings):
    from datetime import UTC, datetime, timedelta

    ts = int((datetime.now(UTC) - timedelta(hours=2)).timestamp() * 1000)
    for language, words in (
        ("en", "is impossible for ph (allowed 0 to 14)"),
        ("vi", "không thể có đối với ph"),
    ):
        response = APIClient().post(
            f"/api/v1/devices/{outfall.device.token}/telemetry", {"ts": ts, "values": {"pH": 15, "COD": 80}},
            format="json", HTTP_ACCEPT_LANGUAGE=language,
        )  # fmt: skip
        assert response.status_code == 202
        (refused,) = response.json()["rejections"]
        assert refused["name"] == "pH" and words in refused["message"]
    assert outfall.device.channels.get(metric="cod").pk  # COD stored, pH not
    from ioc.telemetry.models import Reading

    assert list(
        Reading.objects.filter(channel__device=outfall.device).values_list("channel__metric", flat=True)
    ) == ["cod"]


def test_the_station_list_costs_the_same_queries_for_two_stations_or_ten(
    small_park, client_for, django_assert_max_num_queries
):
    from environment.models import Standard

    api = client_for(Role.PARK_MANAGER)
    qcvn_40 = Standard.objects.get(code="QCVN 40:2011/BTNMT")
    for n in range(8):
        device = Device.objects.create(serial=f"WW-X{n}", name="Outlet", kind=DeviceKind.WASTEWATER_STATION,
                                       enterprise=small_park["a"], zone=small_park["zone"], location=point(106.27, 20.92))  # fmt: skip
        Station.objects.create(code=f"WW-X{n}", name_vi="Điểm xả", kind="wastewater", role="discharge_point",
                               device=device, standard=qcvn_40, column="B", kq=1, kf=1)  # fmt: skip
    with django_assert_max_num_queries(8):  # token, count, page, prefetched limits — not one per station
        assert api.get("/api/v1/environment/stations/").json()["count"] == 10


@pytest.mark.parametrize("query", ["aqi/?date=9999-12-31", "compliance/?from=9999-12-01&to=9999-12-31"])
def test_dates_beyond_what_the_park_can_have_are_a_400(outfall, client_for, query):
    api = client_for(Role.OPERATOR)
    for language, words in (
        ("en", "Give a date between 1970-01-01 and 2200-12-31"),
        ("vi", "Hãy nhập ngày trong khoảng"),
    ):
        response = api.get(
            f"/api/v1/environment/stations/{outfall.code}/{query}", HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.status_code == 400
        assert words in " ".join(next(iter(response.json().values())))
