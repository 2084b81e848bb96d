"""The simulator: realistic signals as pure functions, a backfill through the one ingest path, live runs."""

import contextlib
import io
import random
import shutil
import socket
import subprocess
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from ioc.park.choices import DeviceKind
from ioc.park.demo.load import load_demo_park
from ioc.park.models import Device
from ioc.telemetry.management.commands.simulate import period
from ioc.telemetry.models import LatestValue, Reading, Rollup5m, RollupHour
from ioc.telemetry.simulator import air, energy, runner, traffic, water
from ioc.telemetry.simulator.base import Spec, mix, sun
from ioc.telemetry.simulator.fleet import SimChannel, SimDevice, load_fleet

PARK = ZoneInfo("Asia/Ho_Chi_Minh")
HOUR = 3600


def local(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=PARK).timestamp()


def spec(model: str, kind: str = "", shifts: int = 3, scale: float = 1.0, **params) -> Spec:
    return Spec(f"T-{model}", kind, model, mix(1, len(model), shifts), mix(1, 7), scale, shifts, params)


# --- pure signals -----------------------------------------------------------------------------------


def test_the_sun_is_down_at_local_midnight_and_up_at_local_noon():
    for day in ("2026-01-15", "2026-06-21"):
        assert sun(local(f"{day}T00:00")) == 0
        assert sun(local(f"{day}T12:00")) > 0.6


def test_rooftop_solar_generates_by_day_only():
    rooftop = spec("rooftop", "solar_meter")
    hours = ("00", "04", "08", "12", "16", "20")
    at = {h: energy.solar(rooftop, local(f"2026-03-10T{h}:00"), None)["solar_energy"] for h in hours}
    assert at["00"] == at["04"]  # night
    assert at["08"] < at["12"] < at["16"]
    assert at["20"] == energy.solar(rooftop, local("2026-03-11T04:00"), None)["solar_energy"]
    daily = at["20"] - at["00"]
    assert 0.3 < daily / (500 * rooftop.scale) < 6  # kWh per kWp in a day


@pytest.mark.parametrize("shifts", [1, 2, 3])
def test_cumulative_energy_never_decreases(shifts):
    meter, rooftop = spec("meter", "energy_meter", shifts), spec("rooftop", "solar_meter", shifts)
    start, rng = local("2026-02-20T00:00"), random.Random(0)
    moments = sorted(start + rng.uniform(0, 40 * 86400) for _ in range(3000))
    moments += [start + d * 86400 + offset for d in range(40) for offset in (-0.001, 0, 0.001)]  # midnights
    moments.sort()
    for signal, metric in ((energy.energy, "energy"), (energy.solar, "solar_energy")):
        unit = meter if metric == "energy" else rooftop
        values = [signal(unit, t, rng)[metric] for t in moments]
        assert all(b >= a for a, b in zip(values, values[1:], strict=False))
        assert values[-1] > values[0]


def test_energy_follows_the_shifts():
    office = spec("meter", "energy_meter", shifts=1)
    night = energy.energy(office, local("2026-03-10T02:00"), random.Random(0))["power"]
    day = energy.energy(office, local("2026-03-10T10:00"), random.Random(0))["power"]
    assert day > 2 * night > 0


def test_gate_counts_peak_at_the_shift_changes():
    gate, rng = spec("gate", "gate", minutes=1.0), random.Random(3)

    def around(moment: str) -> int:
        t = local(moment)
        return sum(traffic.counter(gate, t + m * 60, rng)["vehicle_count"] for m in range(-10, 11))

    weekday = "2026-03-10"  # a Tuesday
    for change, middle in (("06:00", "10:00"), ("14:00", "18:00"), ("22:00", "02:00")):
        assert around(f"{weekday}T{change}") > 2 * around(f"{weekday}T{middle}")
    day = sum(
        traffic.counter(gate, local(f"{weekday}T12:00") + m * 60, rng)["heavy_vehicle_count"]
        for m in range(60)
    )
    night = sum(
        traffic.counter(gate, local(f"{weekday}T02:00") + m * 60, rng)["heavy_vehicle_count"]
        for m in range(60)
    )
    assert day > 3 * max(night, 1)


def test_the_treated_outfall_stays_mostly_under_qcvn_40_column_a_with_occasional_exceedances():
    outfall, rng = spec("outfall", "wastewater_station"), random.Random(5)
    start = local("2026-01-01T00:00")
    cod = [water.outfall(outfall, start + h * HOUR, rng)["cod"] for h in range(365 * 24)]
    share_over = sum(c > 75 for c in cod) / len(cod)
    assert 0 < share_over < 0.05
    assert 25 < sorted(cod)[len(cod) // 2] < 55


def test_air_quality_is_worse_in_winter_and_at_night_and_ozone_peaks_in_the_afternoon():
    station, rng = spec("station", "air_station"), random.Random(2)

    def mean(metric: str, month: str, hours) -> float:
        values = [
            air.station(station, local(f"2026-{month}-{d:02d}T{h:02d}:00"), rng)[metric]
            for d in range(1, 29)
            for h in hours
        ]
        return sum(values) / len(values)

    winter, summer = mean("pm25", "01", range(24)), mean("pm25", "07", range(24))
    assert 35 < winter < 80 and 12 < summer < 35
    assert mean("pm25", "01", (6, 7, 8)) > mean("pm25", "01", (14, 15, 16))
    assert mean("o3", "07", (13, 14)) > 2 * mean("o3", "07", (2, 3))
    assert mean("no2", "03", (7, 8)) > mean("no2", "03", (2, 3))


def fake_device(signal_spec: Spec, signal, channels) -> SimDevice:
    sim_channels = tuple(SimChannel(name, metric, 1.0, 0.0, 1) for name, metric in channels)
    return SimDevice(signal_spec, signal, 300, 7, sim_channels, False, False, None)


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    def run(seed: int) -> list[dict]:
        station = Spec("T", "air_station", "station", mix(seed, 1), mix(seed, 7))
        device = fake_device(station, air.station, [("PM2.5", "pm25"), ("NO2", "no2")])
        (rng,) = runner.generators([device], seed, 1_700_000_000)
        return runner.messages_for(device, 1_700_000_000, 1_700_000_000 + 86400, rng)[0]

    assert run(1) == run(1)
    assert run(1) != run(2)
    assert len(run(1)) > 250  # 288 five-minute reports a day, less the odd gap


def test_faults_are_rare_and_timestamps_sit_on_the_device_grid():
    device = fake_device(spec("outfall", "wastewater_station"), water.outfall, [("COD", "cod"), ("pH", "ph")])
    (rng,) = runner.generators([device], 1, 0)
    start = local("2026-04-01T00:00")
    items, _again = runner.messages_for(device, start, start + 14 * 86400, rng)
    flagged = sum(isinstance(v, dict) for item in items for v in item["values"].values())
    assert flagged > 0  # nightly calibration at least
    assert flagged / (2 * len(items)) < 0.03
    assert all((item["ts"] // 1000 - 7) % 300 == 0 for item in items)


# --- the registry and the pipeline --------------------------------------------------------------------


@pytest.fixture
def park(db, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MQTT_URL = None
    monkeypatch.delenv("IOC_DEMO_PASSWORD", raising=False)
    load_demo_park()


SOME = ["DA-GATE-01", "DA-AIR-03", "DA-WW-OUT-01", "DA-PV-E001", "DA-EM-E001", "DA-MC-E001-1", "DA-WM-E001"]


def test_a_backfill_stores_readings_rollups_and_latest_values_and_a_rerun_adds_nothing(park):
    fleet, notes = load_fleet(4, SOME)
    assert (len(fleet), notes) == (len(SOME), [])
    end = time.time() // 60 * 60
    first = runner.backfill(fleet, end - 2 * HOUR, end, seed=4, batch_readings=500)
    stored = Reading.objects.count()
    assert first.rejected == 0 and first.accepted == stored > 300
    assert Rollup5m.objects.exists() and RollupHour.objects.exists()
    channels = sum(len(d.channels) for d in fleet)
    assert LatestValue.objects.count() == channels
    again = runner.backfill(fleet, end - 2 * HOUR, end, seed=4, batch_readings=500)
    assert (again.accepted, Reading.objects.count()) == (0, stored)
    assert again.duplicate >= stored


def test_simulate_once_writes_in_process_and_says_so(park):
    out = io.StringIO()
    call_command("simulate", "--once", "--devices", ",".join(SOME), "--seed", "3", stdout=out)
    assert "in-process" in out.getvalue()
    assert Reading.objects.values("channel__device").distinct().count() >= len(SOME) - 1
    assert LatestValue.objects.filter(ts__gte=datetime.fromtimestamp(time.time() - 600, PARK)).exists()


def test_simulate_backfill_through_the_command_reports_its_rate(park):
    out = io.StringIO()
    call_command("simulate", "--backfill", "30m", "--devices", "DA-GATE-01,DA-AIR-01", stdout=out)
    assert "readings/s" in out.getvalue()
    assert Reading.objects.filter(channel__device__serial="DA-GATE-01").count() >= 50  # 2 channels a minute


def test_devices_without_channels_or_unknown_are_skipped(park):
    Device.objects.create(
        serial="BARE-1", name="No channels", kind=DeviceKind.AIR_STATION,
        location={"type": "Point", "coordinates": [106.28, 20.93]},
    )  # fmt: skip
    fleet, notes = load_fleet(1, ["BARE-1", "DA-GATE-01", "NOPE"])
    assert [d.spec.serial for d in fleet] == ["DA-GATE-01"]
    assert any(n.startswith("BARE-1: skipped") for n in notes) and "NOPE: no such live device" in notes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_mqtt_broker_that_does_not_answer_means_in_process(park, settings):
    settings.MQTT_URL = f"mqtt://127.0.0.1:{free_port()}"
    out = io.StringIO()
    call_command("simulate", "--once", "--devices", "DA-GATE-01", stdout=out)
    assert "did not answer" in out.getvalue() and "in-process" in out.getvalue()


@contextlib.contextmanager
def listening_broker(tmp_path, topic: str):
    """An anonymous Mosquitto on a free port and a client subscribed to `topic`:
    yields (port, received), received a list of (topic, qos, payload) that fills as messages come."""
    import paho.mqtt.client as mqtt

    port, conf = free_port(), tmp_path / "mosquitto.conf"
    conf.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\n")
    broker = subprocess.Popen(["mosquitto", "-c", str(conf)], stderr=subprocess.DEVNULL)
    listener = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    received = []
    listener.on_message = lambda client, userdata, m: received.append((m.topic, m.qos, m.payload))
    try:
        for _attempt in range(50):  # until the broker listens
            with contextlib.suppress(OSError):
                listener.connect("127.0.0.1", port)
                break
            time.sleep(0.1)
        listener.subscribe(topic, qos=1)
        listener.loop_start()
        time.sleep(0.2)
        yield port, received
    finally:
        listener.loop_stop()
        broker.terminate()
        broker.wait(5)


def wait_for_messages(received, count: int = 1, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while len(received) < count and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.skipif(shutil.which("mosquitto") is None, reason="needs the mosquitto broker")
def test_live_mode_publishes_to_each_devices_topic_at_qos_1(park, settings, tmp_path):
    with listening_broker(tmp_path, "ioc/v1/devices/+/telemetry") as (port, received):
        settings.MQTT_URL, out = f"mqtt://127.0.0.1:{port}", io.StringIO()
        call_command("simulate", "--once", "--devices", "DA-GATE-01,DA-AIR-01", stdout=out)
        wait_for_messages(received)
    assert "over MQTT" in out.getvalue() and "ioc-simulator" in out.getvalue()
    topics = {f"ioc/v1/devices/{serial}/telemetry" for serial in ("DA-GATE-01", "DA-AIR-01")}
    assert received and {topic for topic, _qos, _payload in received} <= topics  # (a device may be in a gap)
    assert {qos for _topic, qos, _payload in received} == {1}
    assert Reading.objects.count() == 0  # the bridge, not the simulator, writes what goes by MQTT


def test_periods_take_days_hours_and_minutes():
    assert (period("30d"), period("2h"), period("90m"), period("7")) == (30 * 86400, 7200, 5400, 7 * 86400)
    with pytest.raises(CommandError):
        period("soon")
