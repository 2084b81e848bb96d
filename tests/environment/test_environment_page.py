"""The environment page and the map's colours: AQI bands for air, verdicts for discharge points."""

import json
import re
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.test import Client

from ioc.park.choices import Role

HOUR = timedelta(hours=1)


def page_for(make_user, role, enterprise=None, language="vi", user=None):
    client = Client()
    client.force_login(user or make_user(role, enterprise))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def json_script(html: str, element_id: str):
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def a_bad_hour_and_an_aqi(outfall, air_station, post_readings):
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - 2 * HOUR
    ts = [int((hour + timedelta(minutes=m)).timestamp() * 1000) for m in (5, 35)]
    post_readings(outfall.device.token, [{"ts": t, "values": {"COD": 140, "pH": 7}} for t in ts])
    # PM2.5 at 90 µg/m³ for three hours: NowCast 90 → sub-index 150 + 50/70 × 10 ≈ 157 → "Bad", red.
    body = [
        {"ts": int((hour + i * HOUR + timedelta(minutes=10)).timestamp() * 1000), "values": {"PM2.5": 90}}
        for i in range(3)
    ]
    post_readings(air_station.device.token, body)


def test_the_page_shows_stations_outfall_chart_and_exceedances_in_both_languages(
    outfall, air_station, post_readings, make_user
):
    a_bad_hour_and_an_aqi(outfall, air_station, post_readings)
    operator = make_user(Role.OPERATOR)
    for language, words in (("vi", "Nhật ký vượt quy chuẩn"), ("en", "Exceedance log")):
        html = (
            page_for(make_user, Role.OPERATOR, language=language, user=operator)
            .get("/environment/")
            .content.decode()
        )
        assert words in html and "QCVN 40:2011/BTNMT" in html and "DA-WW-OUT" in html
        assert "150 × Kq 0.9 × Kf 1 = 135" in html  # the exceedance row shows how the limit was reached
        charts = {chart["parameter"]: chart["figure"] for chart in json_script(html, "limit-charts")}
        assert charts["cod"]["data"][0]["y"] == [140]
        assert [shape["y0"] for shape in charts["cod"]["layout"]["shapes"]] == [135]
        assert sorted(shape["y0"] for shape in charts["ph"]["layout"]["shapes"]) == [5.5, 9]
        points = {p["code"]: p for p in json_script(html, "map-stations")}
        assert points["DA-WW-OUT"]["color"] == "#c53030" and "COD" in points["DA-WW-OUT"]["label"].upper()
        assert points["DA-AIR-01"]["color"] == "#ff0000"  # VN_AQI 151–200, "Bad"


def test_the_dashboard_map_is_filled_with_the_same_colours(outfall, air_station, post_readings, make_user):
    a_bad_hour_and_an_aqi(outfall, air_station, post_readings)
    marks = page_for(make_user, Role.PARK_MANAGER, language="en").get("/dashboard/map-overlays/").json()
    assert marks[str(air_station.device_id)] == {"color": "#ff0000", "label": "VN_AQI 157 · Bad"}
    assert marks[str(outfall.device_id)]["color"] == "#c53030"
    tile = page_for(make_user, Role.WARD_OFFICIAL, language="vi").get("/dashboard/tiles/").content.decode()
    assert "157" in tile and "border-left-color: #ff0000" in tile and "Xấu" in tile


def test_an_enterprise_sees_its_own_points_and_the_parks_air_only(small_park, air_station, make_user):
    html = page_for(make_user, Role.ENTERPRISE, small_park["a"]).get("/environment/").content.decode()
    codes = {p["code"] for p in json_script(html, "map-stations")}
    assert codes == {"WW-A", "DA-AIR-01"}  # its own discharge point and the park's air station
