"""Shared fixtures: people in every role, API clients holding their tokens, a small two-enterprise park."""

import shutil
import socket
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from environment.models import ComplianceRecord, Standard, Station, Transmission
from ioc.alerts.engine import forget_rules
from ioc.alerts.models import Alarm, AlarmRule, Incident
from ioc.management.commands.compile_catalogues import compile_catalogues
from ioc.park.choices import DeviceKind, InvestmentType, Role, ZoneKind
from ioc.park.models import Channel, Contact, Device, Enterprise, Lot, User, Zone
from ioc.submissions.models import Submission
from ioc.telemetry.broker import local_broker_config, write_broker_files
from ioc.telemetry.devices import forget_all
from ioc.telemetry.storage.partitions import forget_known_partitions

# Tests read the catalogues as they are in the working tree, whatever `make` last compiled.
compile_catalogues(settings.LOCALE_PATHS)


def square(lon: float, lat: float, size: float = 0.002) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # Tests speak plain HTTP to the test client; production redirects to HTTPS.
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _no_local_broker(settings, tmp_path):
    # Tests must never rewrite the password file of a developer's running `make mqtt` broker.
    settings.MQTT_AUTH_DIR = tmp_path / "no-broker"
    settings.MQTT_PID_FILE = tmp_path / "no-broker" / "mosquitto.pid"


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    # Under CI REDIS_URL is set, so tasks would go to a broker no worker reads during tests.
    from ioc.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(autouse=True)
def _fresh_device_contexts():
    # The pipeline caches device channel maps per process; each test builds its own devices.
    # Likewise the partitions it knows: a test's rollback drops the ones it made.
    forget_all()
    forget_rules()
    forget_known_partitions()
    yield
    forget_all()
    forget_rules()
    forget_known_partitions()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The cache is real Redis under CI; throttling counters must not leak between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    def make(role: str, enterprise: Enterprise | None = None, username: str | None = None) -> User:
        return User.objects.create_user(
            username=username or f"{role}-{enterprise.pk if enterprise else 'park'}",
            password="not-a-real-password-42",
            role=role,
            enterprise=enterprise,
            is_superuser=role == Role.ADMIN,
            is_staff=role in (Role.ADMIN, Role.PARK_MANAGER),
        )

    return make


@pytest.fixture
def client_for(make_user):
    """An APIClient authenticated with a real API token of a user in `role`."""

    def client(role: str, enterprise: Enterprise | None = None, language: str | None = None) -> APIClient:
        user = make_user(role, enterprise)
        _instance, token = AuthToken.objects.create(user)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        if language:
            api.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        api.user = user
        return api

    return client


def make_enterprise(tax_code: str, name: str, country: str = "JP") -> Enterprise:
    return Enterprise.objects.create(
        tax_code=tax_code,
        name_vi=name,
        name_en=name,
        investment_type=InvestmentType.DDI if country == "VN" else InvestmentType.FDI,
        investor_country=country,
        sector="2930",
    )


@pytest.fixture
def small_park(db):
    """Two enterprises, each with a lot, a contact and a device with a channel; one park device."""
    zone = Zone.objects.create(
        code="z-a", name_vi="Khu A", kind=ZoneKind.PRODUCTION, boundary=square(106.27, 20.92, 0.01)
    )
    park = {"zone": zone}
    for key, tax_code, lon in (("a", "0100233488", 106.271), ("b", "0314409058", 106.275)):
        enterprise = make_enterprise(tax_code, f"Công ty {key.upper()}")
        Lot.objects.create(code=f"lot-{key}", zone=zone, enterprise=enterprise, boundary=square(lon, 20.921))
        Contact.objects.create(enterprise=enterprise, name=f"Người liên hệ {key}", email=f"{key}@example.vn")
        device = Device.objects.create(
            serial=f"DEV-{key}",
            name=f"Meter {key}",
            kind=DeviceKind.ENERGY_METER,
            enterprise=enterprise,
            zone=zone,
            location=point(lon + 0.001, 20.9215),
        )
        Channel.objects.create(device=device, metric="energy", source_name="kwh", unit="kWh")
        park[key] = enterprise
        park[f"device_{key}"] = device
    # An alarm and an incident of each enterprise, for the tenancy tests of those routes.
    rule = AlarmRule.objects.create(name="Power high", metric="power", threshold=1000)
    for key in ("a", "b"):
        device = park[f"device_{key}"]
        alarm = Alarm.objects.create(
            rule=rule, source=f"channel:{device.channels.get().pk}", device=device, severity=rule.severity,
            message="Power high", first_at=timezone.now(), last_at=timezone.now(),
        )  # fmt: skip
        incident = Incident.objects.create(
            title=f"Power cut at {key}", category="production", enterprise=park[key]
        )
        incident.alarms.add(alarm)
    park["park_device"] = Device.objects.create(
        serial="DA-AIR-01",
        name="Air station 1",
        kind=DeviceKind.AIR_STATION,
        zone=zone,
        location=point(106.279, 20.925),
    )
    # A discharge point of each enterprise, with a verdict, for the environment routes.
    qcvn_40 = Standard.objects.get(code="QCVN 40:2011/BTNMT")
    for key, lon in (("a", 106.272), ("b", 106.276)):
        outlet = Device.objects.create(
            serial=f"WW-{key}", name=f"Discharge {key}", kind=DeviceKind.WASTEWATER_STATION,
            enterprise=park[key], zone=zone, location=point(lon, 20.922),
        )  # fmt: skip
        park[f"station_{key}"] = discharge = Station.objects.create(
            code=f"WW-{key.upper()}", name_vi=f"Điểm xả {key}", kind="wastewater", role="discharge_point",
            device=outlet, standard=qcvn_40, column="B", kq=0.9, kf=1.1,
        )  # fmt: skip
        ComplianceRecord.objects.create(
            station=discharge, parameter="cod", averaging="1h", period_start=timezone.now(),
            period_end=timezone.now(), mean=80, hours=1, upper=148.5, derivation="150 × Kq 0.9 × Kf 1.1",
            compliant=True,
        )  # fmt: skip
    # A camera of each enterprise and the park's patrol rows (security), for the tenancy tests.
    from security.models import Camera, Checkpoint, Guard, PatrolRoute, PatrolScan, RouteStop

    for key, lon in (("a", 106.273), ("b", 106.277)):
        camera = Device.objects.create(
            serial=f"CAM-{key}", name=f"Camera {key}", kind=DeviceKind.CAMERA, enterprise=park[key],
            location=point(lon, 20.923),
        )  # fmt: skip
        park[f"camera_{key}"] = Camera.objects.create(
            device=camera, purpose="warehouse", password=f"secret-{key}"
        )
    checkpoint = Checkpoint.objects.create(
        code="CP-01", name="Cổng bắc", zone=zone, location=point(106.27, 20.93)
    )
    route = PatrolRoute.objects.create(name="Tuyến hàng rào", zone=zone)
    RouteStop.objects.create(route=route, checkpoint=checkpoint, position=1)
    guard_user = User.objects.create_user(username="guard-park", role=Role.OPERATOR)
    guard = Guard.objects.create(user=guard_user, badge="BV-01")
    PatrolScan.objects.create(guard=guard, checkpoint=checkpoint, scanned_at=timezone.now())
    # Circularity rows of each enterprise (environment), for the tenancy tests of those routes.
    from environment import models as env

    handler = env.WasteHandler.objects.create(
        name="Xử lý chất thải X", licence_number="1-2-3.045.VX", licence_issuer="Bộ Tài nguyên và Môi trường",
        licence_issued_on=date(2020, 1, 1), licence_expires_on=date(2030, 12, 31),
    )  # fmt: skip
    env.GreenArea.objects.create(
        zone=zone, surveyed_on=date(2025, 1, 15), green_area_m2=5000, trees_planted=40
    )
    for key, other in (("a", "b"), ("b", None)):
        enterprise = park[key]
        env.WastewaterConnection.objects.create(
            enterprise=enterprise, status="connected", connected_on=date(2020, 5, 1), connection_point=f"HG-{key}",
            agreed_volume_m3_day=120,
        )  # fmt: skip
        env.WastewaterVolume.objects.create(
            enterprise=enterprise, month=date(2025, 1, 1), volume_m3=3000, source="meter"
        )
        env.WasteRecord.objects.create(
            enterprise=enterprise, period_start=date(2025, 1, 1), period_end=date(2025, 3, 31), category="hazardous",
            waste_code="16 01 06", generated_t=2, treated_t=2, handler=handler,
        )  # fmt: skip
        # A's link goes to B; B's goes outside the park, so no row of B is A's to see.
        env.SymbiosisLink.objects.create(
            enterprise=enterprise, receiver=park[other] if other else None,
            external_partner="" if other else "KCN Phúc Điền", link_type="by_products", what="Pallet gỗ",
            tonnes_per_year=12, started_on=date(2024, 6, 1),
        )  # fmt: skip
    # A monthly labour report of each enterprise, for the submissions route.
    for key in ("a", "b"):
        Submission.objects.create(
            enterprise=park[key], kind="labour.monthly", schema_version=1, period=date(2025, 12, 1), data={},
            created_by=User.objects.get_or_create(username=f"reporter-{key}", defaults={"role": Role.ENTERPRISE,
                                                  "enterprise": park[key]})[0],
        )  # fmt: skip
    # A file in each enterprise discharge point's Circular 10 ledger, for the transmissions route.
    for key in ("a", "b"):
        end = timezone.now().replace(second=0, microsecond=0)
        Transmission.objects.create(station=park[f"station_{key}"], period_start=end - timedelta(minutes=5),
                                    period_end=end, file_name=f"HP_CTY{key.upper()}_WW-{key.upper()}.txt",
                                    state="sent")  # fmt: skip
    # A device event with its image on each enterprise's meter, for the event and image routes (rows
    # only: no file is written, so the image's content answers 404).
    from ioc.evidence.models import Image
    from ioc.telemetry.models import DeviceEvent

    for key in ("a", "b"):
        device, now = park[f"device_{key}"], timezone.now()
        image = Image.objects.create(
            device=device, purpose="event", taken_at=now, expires_at=now + timedelta(days=30),
            file=f"evidence/fixture-{key}.jpg", content_type="image/jpeg", size=1, width=1, height=1, sha256="0" * 64,
        )  # fmt: skip
        DeviceEvent.objects.create(
            device=device, kind="intrusion", event_id=f"fixture-{key}", at=now, received_at=now, source="http",
            image=image,
        )  # fmt: skip
    # A gate of each enterprise with a plate read, a road counter and a watchlist entry (traffic routes).
    _traffic_rows(park)
    # A write by a user of each enterprise in the audit log, for the audit route.
    from ioc.audit.models import AuditEntry

    for key in ("a", "b"):
        AuditEntry.objects.create(
            username=f"reporter-{key}", enterprise=park[key], method="POST", path="/api/v1/submissions/",
            action="create", model="submissions.Submission", object_id="1", status_code=201, address="10.0.0.1",
        )  # fmt: skip
    # A report of each enterprise in the archive, for the reports route.
    from ioc.reports.models import Report

    for key in ("a", "b"):
        Report.objects.create(period_kind="month", period_start=date(2025, 12, 1), period_end=date(2025, 12, 31),
                              scope_kind="enterprise", enterprise=park[key])  # fmt: skip
    return park


def _traffic_rows(park: dict) -> None:
    # Devices outside the zone, so the zone's device counts other tests rely on stay as they were.
    from ioc.telemetry.models import DeviceEvent
    from traffic.models import Gate, PlateRead, RoadCounter, WatchlistEntry

    for key, lon in (("a", 106.273), ("b", 106.277)):
        device = Device.objects.create(serial=f"GATE-{key}", name=f"Gate {key}", kind=DeviceKind.GATE,
                                       enterprise=park[key], location=point(lon, 20.923))  # fmt: skip
        gate = Gate.objects.create(device=device, name_vi=f"Cổng {key}")
        event = DeviceEvent.objects.create(device=device, kind="plate_read", event_id=f"fixture-plate-{key}", at=timezone.now(),
                                           received_at=timezone.now(), source="http",
                                           details={"plate": "15C-123.45", "direction": "in"})  # fmt: skip
        PlateRead.objects.create(event=event, reader=device, gate=gate, plate="15C-123.45", plate_compact="15C12345",
                                 direction="in", vehicle_class="truck", confidence=0.9, at=event.at)  # fmt: skip
    counter = Device.objects.create(serial="DA-TRF-01", name="Road counter", kind=DeviceKind.TRAFFIC_COUNTER,
                                    location=point(106.278, 20.924))  # fmt: skip
    RoadCounter.objects.create(device=counter, name_vi="Trục chính", capacity_per_hour=2400, capacity_source="test",
                               segment={"type": "LineString", "coordinates": [[106.27, 20.924], [106.28, 20.924]]})  # fmt: skip
    WatchlistEntry.objects.create(plate="29A-123.45", reason="test")


@pytest.fixture
def station(small_park):
    """The park's air station with three channels and a fresh access token."""
    device = small_park["park_device"]
    Channel.objects.bulk_create(
        [
            Channel(
                device=device, metric="pm25", source_name="PM2.5", unit="µg/m³", range_min=0, range_max=1000
            ),
            Channel(device=device, metric="no2", source_name="NO2", unit="ppb"),
            Channel(device=device, metric="so2", source_name="SO2", unit="µg/m³"),
        ]
    )
    device.token = device.issue_token()
    device.save()
    return device


def epoch_ms(seconds_ago: float = 0) -> int:
    return int((time.time() - seconds_ago) * 1000)


MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def broker(tmp_path_factory, django_db_setup, django_db_blocker):
    if not Path(MOSQUITTO).exists():
        pytest.skip("mosquitto is not installed")
    directory, port = tmp_path_factory.mktemp("mosquitto"), free_port()
    (directory / "data").mkdir()
    (directory / "mosquitto.conf").write_text(local_broker_config(directory, port))
    with django_db_blocker.unblock():
        write_broker_files(directory)
    process = subprocess.Popen(
        [MOSQUITTO, "-c", str(directory / "mosquitto.conf")], stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 10
    while not listening(port):
        assert process.poll() is None and time.monotonic() < deadline, (
            directory / "mosquitto.log"
        ).read_text()
        time.sleep(0.05)
    yield SimpleNamespace(port=port, directory=directory, pid_file=directory / "mosquitto.pid")
    process.terminate()
    process.wait(10)
