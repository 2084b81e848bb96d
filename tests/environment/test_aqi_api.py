"""24 hours of readings posted through the ingest API; the same VN_AQI read back from the endpoint."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from environment import aqi

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# The decision's worked example (oldest first) as the PM2.5 hourly means of the day's first 12 hours,
# then 12 more hours of our own.
PM25 = [26.9, 24.7, 20.5, 23.5, 19.5, 16.5, 19.0, 16.5, 20.3, 22.4, 19.6, 20.6,
        35.0, 48.0, 61.0, 72.0, 55.0, 40.0, 30.0, 28.0, 33.0, 41.0, 52.0, 38.0]  # fmt: skip
SO2 = [20.0 + 5 * i for i in range(24)]


@pytest.fixture
def yesterday():
    return (datetime.now(TZ) - timedelta(days=1)).date()


@pytest.fixture
def a_day_posted(air_station, yesterday, post_readings):
    start = datetime.combine(yesterday, time(0), TZ)
    body = []
    for hour in range(24):
        # Two readings per hour whose mean is the hour's value.
        for offset, delta in ((600, -2.0), (2400, 2.0)):
            ts = int((start + timedelta(hours=hour, seconds=offset)).timestamp() * 1000)
            body.append({"ts": ts, "values": {"PM2.5": PM25[hour] + delta, "SO2": SO2[hour] + delta}})
    assert post_readings(air_station.device.token, body)["accepted"] == 96
    return air_station


def expected_hourly(hour: int) -> aqi.AqiResult:
    history = [PM25[hour - i] if hour - i >= 0 else None for i in range(12)]
    return aqi.hourly_aqi(pm_hours={"pm25": history}, gases={"so2": SO2[hour]})


def test_the_endpoint_gives_the_days_24_hours_with_the_same_aqi(a_day_posted, yesterday, client_for):
    response = client_for("park_manager", language="en").get(
        f"/api/v1/environment/stations/{a_day_posted.code}/aqi/?date={yesterday.isoformat()}"
    )
    assert response.status_code == 200, response.content
    hours = response.json()["hours"]
    assert len(hours) == 24
    assert hours[0]["time"] == f"{yesterday.isoformat()}T00:00:00+07:00"
    assert hours[23]["time"] == f"{yesterday.isoformat()}T23:00:00+07:00"
    # 00:00: only one hourly mean behind it — the NowCast rule says there is no number yet.
    assert hours[0]["aqi"] is None and "NowCast" in hours[0]["insufficient"]
    for hour in range(1, 24):
        expected = expected_hourly(hour)
        assert hours[hour]["aqi"] == expected.aqi, hour
        assert hours[hour]["dominant"] == expected.dominant
        assert hours[hour]["sub_indices"]["pm25"] == pytest.approx(expected.sub_indices["pm25"], abs=0.01)
    # 11:00 holds the decision's 12 hours: NowCast ≈ 20.27 µg/m³ → sub-index ≈ 40.5 → AQI 41, "Good".
    assert hours[11]["sub_indices"]["pm25"] == pytest.approx(20.27 * 2, abs=0.05)
    assert hours[11]["aqi"] == 41
    assert hours[11]["band"] == {"name_vi": "Tốt", "name_en": "Good", "color": "#00e400", "rgb": [0, 228, 0]}


def test_the_daily_value_is_the_decisions_daily_aqi(a_day_posted, yesterday, client_for):
    day = yesterday.isoformat()
    response = client_for("ward_official").get(
        f"/api/v1/environment/stations/{a_day_posted.code}/aqi/?period=daily&from={day}&to={day}"
    )
    assert response.status_code == 200, response.content
    (found,) = response.json()["days"]
    expected = aqi.daily_aqi(pm_24h={"pm25": sum(PM25) / 24}, gas_max_1h={"so2": max(SO2)})
    assert (found["date"], found["aqi"], found["dominant"]) == (day, expected.aqi, "pm25")
    assert found["band"]["name_en"] == aqi.band(expected.aqi).name_en


def test_a_day_without_pm_says_so_in_the_readers_language(air_station, yesterday, client_for):
    day = yesterday.isoformat()
    url = f"/api/v1/environment/stations/{air_station.code}/aqi/?period=daily&from={day}&to={day}"
    (found,) = client_for("park_manager", language="vi").get(url).json()["days"]
    assert found["aqi"] is None and found["insufficient"].startswith("Không đủ dữ liệu")


@pytest.mark.parametrize(
    ("query", "field", "english", "vietnamese"),
    [
        ("date=2026-13-01", "date", "Date has wrong format", "Ngày sai định dạng"),
        ("period=weekly", "period", "not a valid choice", "không phải là một lựa chọn hợp lệ"),
        (
            "period=daily&from=2026-11-01",
            "to",
            "need both from and to",
            "cần cả ngày bắt đầu và ngày kết thúc",
        ),
        ("period=daily&from=2026-11-10&to=2026-11-01", "to", "comes before", "trước ngày bắt đầu"),
    ],
)
def test_bad_queries_are_refused_naming_the_field(air_station, client_for, query, field, english, vietnamese):
    url = f"/api/v1/environment/stations/{air_station.code}/aqi/?{query}"
    operator = client_for("operator")
    for language, words in (("en", english), ("vi", vietnamese)):
        response = operator.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400
        assert words in " ".join(response.json()[field]), (language, response.json())


def test_an_unknown_station_is_404(client_for, small_park):
    assert client_for("park_manager").get("/api/v1/environment/stations/NOPE/aqi/").status_code == 404
