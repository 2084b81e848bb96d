"""The demo park loader (`manage.py seed_park`): what it loads, where, and that it is idempotent."""

import io
import stat
from collections import Counter
from datetime import date
from itertools import combinations

import pytest
from django.core.management import call_command
from shapely.geometry import shape

from ioc.park.choices import DeviceKind, EnterpriseStatus, InvestmentType, Role, ZoneKind
from ioc.park.demo.load import load_demo_park
from ioc.park.demo.users import demo_password
from ioc.park.models import Channel, Contact, Device, Enterprise, Lot, User, Zone
from ioc.park.validators import validate_tax_code
from ioc.telemetry.metrics import METRICS

NAMED = {
    "Sumidenso": "JP",
    "Hyundai Kefico": "KR",
    "Deli": "CN",
    "Masan Hải Dương": "VN",
}
MODELS = (Zone, Lot, Enterprise, Contact, Device, Channel, User)


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path, monkeypatch):
    # The generated password goes to a private VAR_DIR; a fast hasher keeps the tests quick.
    settings.VAR_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.delenv("IOC_DEMO_PASSWORD", raising=False)


@pytest.fixture
def seeded(db):
    return load_demo_park()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_loads_82_fdi_projects_from_15_countries_and_19_domestic_ones(seeded):
    assert Enterprise.objects.count() == 101
    fdi = Enterprise.objects.filter(investment_type=InvestmentType.FDI)
    ddi = Enterprise.objects.filter(investment_type=InvestmentType.DDI)
    assert fdi.count() == 82
    countries = Counter(str(e.investor_country) for e in fdi)
    assert len(countries) == 15
    assert "VN" not in countries
    assert countries.most_common(2)[0][0] in ("JP", "KR") and countries.most_common(2)[1][0] in ("JP", "KR")
    assert ddi.count() == 19
    assert {str(e.investor_country) for e in ddi} == {"VN"}
    total_fdi = sum(e.registered_capital_usd for e in fdi)
    assert 4_000_000_000 < total_fdi < 5_000_000_000


def test_it_includes_the_four_named_investors_as_real_companies(seeded):
    for name, country in NAMED.items():
        enterprise = Enterprise.objects.get(name_vi__contains=name)
        assert str(enterprise.investor_country) == country
        assert enterprise.is_sample is False
        assert enterprise.lots.exists()
    assert Enterprise.objects.filter(is_sample=False).count() == 4
    assert Enterprise.objects.get(name_vi__contains="Sumidenso").sector[:4] in ("2733", "2930")
    assert Enterprise.objects.get(name_vi__contains="Masan").sector.startswith("10")


def test_it_gives_every_enterprise_a_valid_tax_code_lots_contacts_and_plausible_dates(seeded):
    tax_codes = list(Enterprise.objects.values_list("tax_code", flat=True))
    assert len(set(tax_codes)) == 101
    for tax_code in tax_codes:
        validate_tax_code(tax_code)
    for enterprise in Enterprise.objects.prefetch_related("lots", "contacts"):
        enterprise.full_clean()
        assert enterprise.lots.all(), enterprise
        assert float(enterprise.land_area_ha) == pytest.approx(
            sum(float(lot.area_ha) for lot in enterprise.lots.all()), abs=0.02
        )
        assert 1 <= len(enterprise.contacts.all()) <= 2
        assert all(c.email.endswith("@example.vn") for c in enterprise.contacts.all())
        if enterprise.status == EnterpriseStatus.OPERATING:
            assert date(2004, 1, 1) <= enterprise.started_operation <= date(2025, 12, 31)
    statuses = Counter(Enterprise.objects.values_list("status", flat=True))
    assert statuses[EnterpriseStatus.OPERATING] > 90
    assert 1 <= statuses[EnterpriseStatus.CONSTRUCTION] <= 10


def test_it_lays_out_about_600_ha_of_zones_that_do_not_overlap(seeded):
    zones = list(Zone.objects.all())
    assert 5 <= len(zones) <= 8
    assert 590 <= sum(float(zone.area_ha) for zone in zones) <= 610
    kinds = {zone.kind for zone in zones}
    assert {ZoneKind.PRODUCTION, ZoneKind.UTILITIES, ZoneKind.LOGISTICS, ZoneKind.GREEN} <= kinds
    assert float(Zone.objects.get(code="z-a").area_ha) == pytest.approx(174, abs=2)
    for zone in zones:
        zone.full_clean()
        centre = shape(zone.boundary).centroid
        assert 20.90 < centre.y < 20.95 and 106.25 < centre.x < 106.31
    for one, other in combinations(zones, 2):
        assert shape(one.boundary).intersection(shape(other.boundary)).area < 1e-12, (one, other)


def test_it_puts_every_lot_inside_its_zone(seeded):
    lots = list(Lot.objects.select_related("zone"))
    assert len(lots) >= 101
    assert {lot.zone.kind for lot in lots} <= {ZoneKind.PRODUCTION, ZoneKind.LOGISTICS}
    for lot in lots:
        assert shape(lot.zone.boundary).contains(shape(lot.boundary)), lot
    by_zone = Counter(lot.zone_id for lot in lots)
    assert all(count > 1 for count in by_zone.values())
    for one, other in combinations(lots, 2):
        if one.zone_id == other.zone_id:
            assert not shape(one.boundary).intersects(shape(other.boundary)), (one, other)


def test_it_puts_every_device_inside_its_zone(seeded):
    devices = list(Device.objects.select_related("zone", "enterprise"))
    assert devices
    for device in devices:
        device.full_clean()
        assert device.zone is not None, device
        assert shape(device.zone.boundary).contains(shape(device.location)), device
        assert device.expected_interval.total_seconds() > 0
        assert device.token_digest is None  # tokens are issued through the API, never by the seed


def test_it_uses_known_metrics_and_units_on_every_channel(seeded):
    channels = list(Channel.objects.select_related("device"))
    assert len(channels) > 100
    for channel in channels:
        assert channel.metric in METRICS, channel
        assert channel.unit in METRICS[channel.metric].accepted_units, channel
        channel.full_clean()
    assert not Device.objects.filter(channels=None).exists()


def test_it_loads_the_stations_cameras_meters_and_machines(seeded):
    water = {"flow", "water_temperature", "ph", "tss", "cod", "nh4", "tn", "tp", "color"}
    inlet, outfall = Device.objects.get(serial="DA-WW-IN-01"), Device.objects.get(serial="DA-WW-OUT-01")
    for station in (inlet, outfall):
        assert set(station.channels.values_list("metric", flat=True)) == water
        assert station.zone.kind == ZoneKind.UTILITIES and station.enterprise is None
    assert "Kim Sơn" in outfall.name
    air = Device.objects.filter(kind=DeviceKind.AIR_STATION)
    assert air.count() == 3
    for station in air:
        metrics = set(station.channels.values_list("metric", flat=True))
        assert {"pm25", "pm10", "tsp", "so2", "no2", "co", "o3", "air_temperature", "wind_speed"} <= metrics
    kinds = Counter(Device.objects.values_list("kind", flat=True))
    assert kinds[DeviceKind.WEATHER_STATION] == 1
    assert 18 <= kinds[DeviceKind.CAMERA] <= 22
    assert 3 <= kinds[DeviceKind.GATE] <= 4
    assert kinds[DeviceKind.TRAFFIC_COUNTER] >= 3
    assert kinds[DeviceKind.WATER_METER] >= 3
    for kind in (DeviceKind.CAMERA, DeviceKind.GATE, DeviceKind.TRAFFIC_COUNTER, DeviceKind.AIR_STATION):
        assert not Device.objects.filter(kind=kind).exclude(enterprise=None).exists()
    for kind in (
        DeviceKind.STACK_STATION,
        DeviceKind.MACHINE,
        DeviceKind.ENERGY_METER,
        DeviceKind.SOLAR_METER,
    ):
        assert not Device.objects.filter(kind=kind, enterprise=None).exists()
    stack_metrics = {"stack_dust", "stack_so2", "stack_nox", "stack_co", "stack_o2", "flow"}
    for stack in Device.objects.filter(kind=DeviceKind.STACK_STATION):
        assert set(stack.channels.values_list("metric", flat=True)) == stack_metrics
    owners = {
        kind: Device.objects.filter(kind=kind).values("enterprise").distinct().count() for kind in kinds
    }
    assert 15 <= owners[DeviceKind.ENERGY_METER] <= 25
    assert 10 <= owners[DeviceKind.SOLAR_METER] <= 25
    assert 3 <= owners[DeviceKind.MACHINE] <= 5
    assert Device.objects.filter(kind=DeviceKind.WASTEWATER_STATION).exclude(enterprise=None).exists()


def test_it_creates_the_demo_users_with_their_roles(seeded):
    expected = {
        "admin": (Role.ADMIN, True, True),
        "manager": (Role.PARK_MANAGER, True, False),
        "operator": (Role.OPERATOR, False, False),
        "official": (Role.WARD_OFFICIAL, False, False),
    }
    for username, (role, is_staff, is_superuser) in expected.items():
        user = User.objects.get(username=username)
        assert (user.role, user.is_staff, user.is_superuser, user.enterprise) == (
            role,
            is_staff,
            is_superuser,
            None,
        )
    for enterprise in Enterprise.objects.all():
        user = User.objects.get(username=f"ent-{enterprise.tax_code}")
        assert user.role == Role.ENTERPRISE and user.enterprise == enterprise
        assert not user.is_staff and not user.is_superuser
    assert User.objects.count() == 105
    for user in User.objects.all():
        user.full_clean()


def test_it_keeps_a_generated_password_in_var_dir_and_reuses_it(db, settings):
    load_demo_park()
    path = settings.VAR_DIR / "demo_password"
    password = path.read_text().strip()
    assert len(password) >= 12
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert demo_password() == password
    assert User.objects.get(username="manager").check_password(password)
    assert User.objects.filter(role=Role.ENTERPRISE).first().check_password(password)
    load_demo_park()
    assert path.read_text().strip() == password
    assert User.objects.get(username="admin").check_password(password)


def test_it_leaves_changed_passwords_alone_without_the_variable(db):
    load_demo_park()
    admin = User.objects.get(username="admin")
    admin.set_password("chosen-by-the-admin-7")
    admin.save()
    load_demo_park()
    assert User.objects.get(username="admin").check_password("chosen-by-the-admin-7")


def test_it_applies_ioc_demo_password_on_every_run(db, monkeypatch, settings):
    load_demo_park()
    monkeypatch.setenv("IOC_DEMO_PASSWORD", "first-demo-password-1")
    report = load_demo_park()
    assert report.counts["users"].updated == 105
    assert demo_password() == "first-demo-password-1"
    for username in ("admin", "manager", "operator", "official"):
        assert User.objects.get(username=username).check_password("first-demo-password-1")
    assert User.objects.filter(role=Role.ENTERPRISE).last().check_password("first-demo-password-1")
    assert load_demo_park().updated == 0  # same variable, nothing to change
    monkeypatch.setenv("IOC_DEMO_PASSWORD", "second-demo-password-2")
    load_demo_park()
    manager = User.objects.get(username="manager")
    assert manager.check_password("second-demo-password-2")
    assert not manager.check_password("first-demo-password-1")
    assert User.objects.values("password").distinct().count() == 1


def test_it_is_idempotent(db):
    first = load_demo_park()
    before = counts()
    second = load_demo_park()
    assert counts() == before
    assert first.created == sum(before.values())
    assert second.created == 0
    assert second.updated == 0
    assert all(c.unchanged == c.total for c in second.counts.values())


def test_it_keeps_what_people_changed_in_the_running_demo(seeded):
    Zone.objects.filter(code="z-a").update(name_vi="Đã sửa")
    Device.objects.filter(serial="DA-AIR-01").update(name="Đã sửa")
    report = load_demo_park()
    assert report.created == report.updated == 0
    assert Zone.objects.get(code="z-a").name_vi == "Đã sửa"
    assert Device.objects.get(serial="DA-AIR-01").name == "Đã sửa"


def test_a_reset_restores_the_demo_values(seeded):
    Zone.objects.filter(code="z-a").update(name_vi="Đã sửa")
    Device.objects.filter(serial="DA-AIR-01").update(name="Đã sửa")
    report = load_demo_park(reset=True)
    assert report.created == 0
    assert report.counts["zones"].updated == 1 and report.counts["devices"].updated == 1
    assert Zone.objects.get(code="z-a").name_vi == "Khu sản xuất giai đoạn I"


def test_the_command_reports_what_it_created(db):
    out = io.StringIO()
    call_command("seed_park", stdout=out)
    assert "101 created" in out.getvalue()
    out = io.StringIO()
    call_command("seed_park", stdout=out)
    assert "Demo park Đại An: 0 created, 0 updated" in out.getvalue()
