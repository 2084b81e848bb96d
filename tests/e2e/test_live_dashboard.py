"""The live dashboard in real headless Chromium, against the running stack: PostgreSQL, Redis,
Mosquitto, the MQTT bridge and the ASGI server as separate processes, as in production.

A reading published with a real MQTT client must reach the map and the tiles within 2 s without
a reload; an exceedance must appear in the alarm feed; acknowledging it in one browser must show
in a second one. Screenshots go to var/test-artifacts/.
"""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from django.conf import settings
from django.db import connection

from ioc.alerts.models import AlarmRule
from ioc.park.choices import DeviceKind, Role
from ioc.park.models import Channel, Device, User
from ioc.telemetry.broker import reload_broker, write_broker_files
from tests.conftest import free_port, listening, point, square

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "var" / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "dashboard-test-Đại-An"
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.timeout(300),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the stack's processes need a shared database"
    ),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the bridge reaches the page through Redis"),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
playwright_api = pytest.importorskip("playwright.sync_api")


def stack_env() -> dict:
    db = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": os.environ["REDIS_URL"],
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


@pytest.fixture
def park(transactional_db, django_db_serialized_rollback, broker):
    from ioc.park.models import Zone

    zone = Zone.objects.create(
        code="z-live", name_vi="Khu A", kind="production", boundary=square(106.27, 20.92, 0.01)
    )
    device = Device.objects.create(
        serial=f"LIVE-{uuid.uuid4().hex[:6]}", name="Trạm không khí 1", kind=DeviceKind.AIR_STATION,
        zone=zone, location=point(106.275, 20.925),
    )  # fmt: skip
    Channel.objects.create(device=device, metric="pm25", source_name="PM2.5", unit="µg/m³")
    device.token = device.rotate_token()
    AlarmRule.objects.create(name="PM2.5 cao", metric="pm25", operator="gt", threshold=50)
    for name in ("manager-a", "manager-b"):
        User.objects.create_user(name, password=PASSWORD, role=Role.PARK_MANAGER, is_staff=True)
    write_broker_files(broker.directory)
    reload_broker(broker.pid_file)
    return device


@pytest.fixture
def stack(park, broker, tmp_path):
    port, env, log = free_port(), stack_env(), (tmp_path / "stack.log").open("ab")
    processes = [
        subprocess.Popen([sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "ioc.asgi:application"],
                         cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT),
        subprocess.Popen([sys.executable, "manage.py", "mqtt_bridge", "--url", f"mqtt://127.0.0.1:{broker.port}",
                          "--client-id", f"live-{uuid.uuid4().hex[:6]}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT),
    ]  # fmt: skip
    deadline = time.monotonic() + 30
    while not listening(port) and time.monotonic() < deadline:
        time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    for process in processes:
        process.terminate()
        process.wait(20)


def publish(broker, device, value) -> float:
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"pub-{uuid.uuid4().hex[:6]}")
    client.username_pw_set(device.serial, device.token)
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    sent = time.monotonic()
    client.publish(
        f"ioc/v1/devices/{device.serial}/telemetry", f'{{"PM2.5": {value}}}', qos=1
    ).wait_for_publish(10)
    client.loop_stop()
    client.disconnect()
    return sent


def open_dashboard(browser, base: str, username: str):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.on("console", lambda message: print("browser:", message.type, message.text))
    page.on("pageerror", lambda error: print("page error:", error))
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    try:
        page.wait_for_selector("#live-state[data-state=open]", timeout=15_000)
    except Exception:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"dashboard-not-live-{username}.png"), full_page=True)
        raise
    page.wait_for_function("window.iocDashboard && window.iocDashboard.markers.size > 0", timeout=15_000)
    return page


def test_readings_alarms_and_acknowledgements_reach_every_open_browser_live(stack, park, broker):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        first, second = (
            open_dashboard(browser, stack, "manager-a"),
            open_dashboard(browser, stack, "manager-b"),
        )
        tile = "[data-panel='park.readings_hour'] .value"
        before = first.inner_text(tile)

        sent = publish(broker, park, 31.5)
        first.wait_for_function(
            f"(window.iocDashboard.latest.get({park.pk}) || {{}})['PM2.5']?.value === 31.5", timeout=2_000
        )
        marker_color = first.evaluate(f"window.iocDashboard.markers.get({park.pk}).options.color")
        first.wait_for_function(f'document.querySelector("{tile}").innerText !== {before!r}', timeout=2_000)
        elapsed = time.monotonic() - sent
        assert elapsed < 2.0 and marker_color == "#1b7a4b"  # online green, without a reload
        first.screenshot(path=str(ARTIFACTS / "dashboard-reading.png"), full_page=True)

        publish(broker, park, 80.0)
        first.wait_for_selector("#alarm-feed li[data-alarm][data-state=active]", timeout=5_000)
        second.wait_for_selector("#alarm-feed li[data-alarm][data-state=active]", timeout=5_000)
        assert first.evaluate(f"window.iocDashboard.markers.get({park.pk}).options.color") == "#c53030"
        first.screenshot(path=str(ARTIFACTS / "dashboard-alarm.png"), full_page=True)

        first.click("#alarm-feed li[data-alarm] button[data-action=acknowledge]")
        second.wait_for_selector("#alarm-feed li[data-alarm][data-state=acknowledged]", timeout=5_000)
        second.screenshot(path=str(ARTIFACTS / "dashboard-acknowledged-second-browser.png"), full_page=True)
        browser.close()


def test_the_environment_page_and_the_map_show_aqi_and_limits(
    stack, park, django_capture_on_commit_callbacks
):
    """The park's air station in its AQI band on both maps, the outfall's chart with its C_max line."""
    from datetime import UTC, datetime, timedelta

    from rest_framework.test import APIClient

    from environment.models import Standard, StandardLimit, Station
    from environment.regulations import load_standards

    load_standards(
        Standard, StandardLimit
    )  # a transactional test before this one flushed the migration's rows
    Station.objects.create(code="LIVE-AIR", name_vi="Trạm không khí 1", kind="air", role="ambient", device=park,
                           standard=Standard.objects.get(code="QCVN 05:2023/BTNMT"), column="-")  # fmt: skip
    outfall = Device.objects.create(serial="LIVE-OUT", name="Cửa xả", kind=DeviceKind.WASTEWATER_STATION,
                                    zone=park.zone, location=point(106.278, 20.927))  # fmt: skip
    Channel.objects.create(device=outfall, metric="cod", source_name="COD", unit="mg/L")
    outfall.token = outfall.rotate_token()
    Station.objects.create(code="LIVE-OUT", name_vi="Cửa xả", kind="wastewater", role="plant_outfall", device=outfall,
                           standard=Standard.objects.get(code="QCVN 40:2011/BTNMT"), column="B", kq=0.9, kf=1.0)  # fmt: skip
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    for device, name, values in ((park, "PM2.5", (90, 90, 90)), (outfall, "COD", (120, 140, 100))):
        body = [{"ts": int((hour - i * timedelta(hours=1) + timedelta(minutes=5)).timestamp() * 1000),
                 "values": {name: v}} for i, v in enumerate(values)]  # fmt: skip
        response = APIClient().post(f"/api/v1/devices/{device.token}/telemetry", body, format="json")
        assert response.status_code == 202
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = open_dashboard(browser, stack, "manager-a")
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        # VN_AQI 157 ("Bad"): the marker's fill takes the band's colour; its ring keeps the device's state.
        page.wait_for_function(
            f"window.iocDashboard.markers.get({park.pk}).options.fillColor === '#ff0000'", timeout=10_000
        )
        page.goto(f"{stack}/environment/")
        page.wait_for_function(
            "window.iocStationMap && window.iocStationMap.markers.length === 2", timeout=10_000
        )
        fills = page.evaluate(
            "Object.fromEntries(window.iocStationMap.markers.map((m) => [m.stationCode, m.options.fillColor]))"
        )
        assert fills == {
            "LIVE-AIR": "#ff0000",
            "LIVE-OUT": "#c53030",
        }  # the outfall's last closed hour: 140 > 135
        page.wait_for_selector("#chart-cod .main-svg", timeout=10_000)
        assert page.locator("#chart-cod .shapelayer path").count() == 1  # the C_max line
        page.screenshot(path=str(ARTIFACTS / "environment-page.png"), full_page=True)
        assert not errors
        browser.close()
