"""Load the demo Đại An park into the database: idempotent, in one transaction, in a few seconds.

Rows are found by their natural keys (zone and lot code, tax code, serial, username, a contact's
enterprise and name, a channel's device and source name). A second run creates nothing: it updates
the fields the demo defines where they differ and leaves the rest alone (device status and tokens,
passwords unless IOC_DEMO_PASSWORD is set, rows the demo does not know about).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from shapely.geometry import shape

from ioc.park.demo import sites
from ioc.park.demo.contacts import contacts_for
from ioc.park.demo.devices import ENTERPRISE_DEVICES, MACHINE_SPACING_M, PARK_DEVICES, ChannelSpec
from ioc.park.demo.enterprises import ENTERPRISES, EnterpriseRow
from ioc.park.demo.sync import Counts, upsert
from ioc.park.demo.users import load_users
from ioc.park.geo import area_ha
from ioc.park.models import Channel, Contact, Device, Enterprise, Lot, Zone

_LEGAL_FORMS = ("Công ty TNHH ", "Công ty Cổ phần ")


@dataclass
class LoadReport:
    counts: dict[str, Counts] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(c.created for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())


def load_demo_park(*, reset: bool = False) -> LoadReport:
    """Create what is missing; with `reset`, also bring existing demo rows back to the demo's values."""
    report = LoadReport()
    refresh = None if reset else ()
    lots = sites.all_lots()
    allocation = _allocation(lots)
    with transaction.atomic():
        report.counts["zones"], zones = _load_zones(refresh)
        report.counts["enterprises"], enterprises = _load_enterprises(lots, allocation, refresh)
        report.counts["contacts"] = _load_contacts(enterprises, refresh)
        report.counts["lots"], first_lots = _load_lots(lots, allocation, zones, enterprises, refresh)
        report.counts["devices"], report.counts["channels"] = _load_devices(
            zones, enterprises, first_lots, refresh
        )
        report.counts["users"], report.notes = load_users(list(enterprises.values()), reset=reset)
    return report


def _load_zones(refresh) -> tuple[Counts, dict[str, Zone]]:
    specs = [
        {"code": z.code, "name_vi": z.name_vi, "name_en": z.name_en, "kind": z.kind,
         "boundary": sites.zone_geojson(z)}
        for z in sites.ZONES
    ]  # fmt: skip
    # save() measures the area, so no bulk insert.
    counts, objects = upsert(
        Zone,
        ("code",),
        specs,
        existing=Zone.objects.filter(code__in=sites.ZONE_CODES),
        bulk=False,
        refresh=refresh,
    )
    return counts, {key[0]: zone for key, zone in objects.items()}


def _load_enterprises(
    lots: list[sites.LotSpec], allocation: dict[str, int], refresh
) -> tuple[Counts, dict[int, Enterprise]]:
    land: dict[int, float] = {}
    for lot in lots:
        if lot.code in allocation:
            holder = allocation[lot.code]
            land[holder] = land.get(holder, 0.0) + area_ha(lot.boundary)
    specs = [_enterprise_spec(row, land[row.demo_id]) for row in ENTERPRISES]
    tax_codes = [spec["tax_code"] for spec in specs]
    counts, objects = upsert(
        Enterprise,
        ("tax_code",),
        specs,
        existing=Enterprise.objects.filter(tax_code__in=tax_codes),
        refresh=refresh,
    )
    return counts, {row.demo_id: objects[(row.tax_code,)] for row in ENTERPRISES}


def _allocation(lots: list[sites.LotSpec]) -> dict[str, int]:
    """Lots by code → demo id of the holder; the oldest projects hold phase I."""
    arrivals = sorted(ENTERPRISES, key=lambda row: (row.year or 9999, row.demo_id))
    return sites.allocate_lots(lots, [(row.demo_id, row.lots, row.is_logistics) for row in arrivals])


def _enterprise_spec(row: EnterpriseRow, land_ha: float) -> dict:
    return {
        "tax_code": row.tax_code,
        "name_vi": row.name_vi,
        "name_en": row.name_en,
        "investment_type": row.investment_type,
        "investor_country": row.country,
        "sector": row.sector,
        "land_area_ha": Decimal(str(round(land_ha, 2))),
        "registered_capital_usd": Decimal(str(round(row.capital_musd * 1_000_000))),
        "started_operation": row.started_operation,
        "status": row.status,
        "is_sample": row.is_sample,
    }


def _load_contacts(enterprises: dict[int, Enterprise], refresh) -> Counts:
    specs = [
        {"enterprise_id": enterprises[row.demo_id].pk, **contact}
        for row in ENTERPRISES
        for contact in contacts_for(row)
    ]
    existing = Contact.objects.filter(enterprise__in=list(enterprises.values()))
    counts, _objects = upsert(Contact, ("enterprise_id", "name"), specs, existing=existing, refresh=refresh)
    return counts


def _load_lots(
    lots: list[sites.LotSpec],
    allocation: dict[str, int],
    zones: dict[str, Zone],
    enterprises: dict[int, Enterprise],
    refresh,
) -> tuple[Counts, dict[int, sites.LotSpec]]:
    specs, first_lots = [], {}
    for lot in lots:
        holder = allocation.get(lot.code)
        if holder is not None:
            first_lots.setdefault(holder, lot)
        specs.append(
            {
                "code": lot.code,
                "zone_id": zones[lot.zone_code].pk,
                "enterprise_id": enterprises[holder].pk if holder is not None else None,
                "boundary": lot.boundary,
            }
        )
    codes = [spec["code"] for spec in specs]
    counts, _objects = upsert(
        Lot, ("code",), specs, existing=Lot.objects.filter(code__in=codes), bulk=False, refresh=refresh
    )
    return counts, first_lots


def _load_devices(
    zones: dict[str, Zone], enterprises: dict[int, Enterprise], first_lots: dict[int, sites.LotSpec], refresh
) -> tuple[Counts, Counts]:
    zone_specs = {zone.code: zone for zone in sites.ZONES}
    devices: list[tuple[dict, tuple[ChannelSpec, ...]]] = []
    for d in PARK_DEVICES:
        spec = _device_spec(d.serial, d.name, d.kind, None, zones[d.zone], d.interval_s)
        spec["location"] = sites.point_in(zone_specs[d.zone], d.fx, d.fy)
        devices.append((spec, d.channels))
    for d in ENTERPRISE_DEVICES:
        for demo_id, count in d.enterprises.items():
            enterprise, lot = enterprises[demo_id], first_lots[demo_id]
            for n in range(1, count + 1):
                serial = f"{d.serial_prefix}-E{demo_id:03d}" + (f"-{n}" if count > 1 else "")
                name = f"{_short_name(enterprise)} – {d.name}" + (f" {n}" if count > 1 else "")
                spec = _device_spec(serial, name, d.kind, enterprise, zones[lot.zone_code], d.interval_s)
                dx = d.dx_m + (n - 1) * MACHINE_SPACING_M
                spec["location"] = sites.point_near_centre(lot.boundary, dx, d.dy_m)
                devices.append((spec, d.channels))
    zones_by_pk = {zone.pk: zone for zone in zones.values()}
    for spec, _channels in devices:
        zone = zones_by_pk[spec["zone_id"]]
        if not shape(zone.boundary).contains(shape(spec["location"])):
            raise ValueError(f"demo device {spec['serial']} lies outside its zone {zone.code}")
    serials = [spec["serial"] for spec, _channels in devices]
    device_counts, objects = upsert(
        Device,
        ("serial",),
        [spec for spec, _ in devices],
        existing=Device.objects.filter(serial__in=serials),
        refresh=refresh,
    )
    channel_specs = [
        {"device_id": objects[(spec["serial"],)].pk, "source_name": c.source_name, "metric": c.metric,
         "unit": c.unit}
        for spec, channels in devices
        for c in channels
    ]  # fmt: skip
    existing = Channel.objects.filter(device__serial__in=serials)
    channel_counts, _objects = upsert(
        Channel, ("device_id", "source_name"), channel_specs, existing=existing, refresh=refresh
    )
    return device_counts, channel_counts


def _device_spec(serial, name, kind, enterprise, zone, interval_s) -> dict:
    return {
        "serial": serial,
        "name": name,
        "kind": kind,
        "enterprise_id": enterprise.pk if enterprise else None,
        "zone_id": zone.pk,
        "expected_interval": timedelta(seconds=interval_s),
    }


def _short_name(enterprise: Enterprise) -> str:
    for form in _LEGAL_FORMS:
        if enterprise.name_vi.startswith(form):
            return enterprise.name_vi.removeprefix(form)
    return enterprise.name_vi
