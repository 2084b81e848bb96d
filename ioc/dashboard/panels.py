"""The park-wide tiles the core itself knows: enterprises, investors, land and devices."""

from django.db.models import Count, Q, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ioc.park.choices import DeviceStatus, InvestmentType
from ioc.park.models import Device, Enterprise, Zone
from ioc.registry import Panel, PanelReading, Registry


def enterprises_reading(request) -> PanelReading:
    counts = Enterprise.objects.aggregate(
        total=Count("id"),
        fdi=Count("id", filter=Q(investment_type=InvestmentType.FDI)),
        ddi=Count("id", filter=Q(investment_type=InvestmentType.DDI)),
    )
    if not counts["total"]:
        return PanelReading()
    return PanelReading(
        value=str(counts["total"]),
        note=_("%(fdi)d FDI, %(ddi)d domestic") % counts,
    )


def investor_countries_reading(request) -> PanelReading:
    countries = (
        Enterprise.objects.filter(investment_type=InvestmentType.FDI)
        .values("investor_country")
        .distinct()
        .count()
    )
    return (
        PanelReading(value=str(countries), note=_("countries and territories"))
        if countries
        else PanelReading()
    )


def park_area_reading(request) -> PanelReading:
    total = Zone.objects.aggregate(total=Sum("area_ha"))["total"]
    return PanelReading(value=number_format(total, 0, use_l10n=True), unit="ha") if total else PanelReading()


def readings_this_hour(request) -> PanelReading:
    from django.utils import timezone

    from ioc.telemetry.models import RollupHour

    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    total = RollupHour.objects.filter(bucket=hour).aggregate(total=Sum("count"))["total"]
    return (
        PanelReading(
            value=number_format(total, 0, use_l10n=True, force_grouping=True), note=_("valid readings stored")
        )
        if total
        else PanelReading()
    )


def register_park_panels(registry: Registry) -> None:
    for order, (key, title, read) in enumerate(
        [
            ("park.enterprises", _("Enterprises"), enterprises_reading),
            ("park.investor_countries", _("Investor countries"), investor_countries_reading),
            ("park.area", _("Park area"), park_area_reading),
            ("park.devices", _("Connected devices"), device_count_reader(None)),
            ("park.readings_hour", _("Readings this hour"), readings_this_hour),
        ]
    ):
        registry.register_panel(Panel(key=key, title=title, domain="park", read=read, order=order))


def device_count_reader(kinds: tuple[str, ...] | None):
    """A tile reader counting the devices of `kinds` (all when None) and how many are active."""

    def read(request) -> PanelReading:
        devices = Device.objects.all() if kinds is None else Device.objects.filter(kind__in=kinds)
        counts = devices.aggregate(
            total=Count("id"), active=Count("id", filter=Q(status=DeviceStatus.ACTIVE))
        )
        if not counts["total"]:
            return PanelReading()
        return PanelReading(value=str(counts["total"]), note=_("%(active)d active") % counts)

    return read
