"""Reads the circularity figures from the database and hands them to the pure KPI functions.

Callers pass querysets already scoped to the user (ioc.api.tenancy), so an enterprise user's
figures are its own.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from environment import circularity, targets
from environment.circularity_choices import WasteCategory
from environment.models import GreenArea, SymbiosisLink, WasteRecord, WastewaterConnection
from environment.models.green import M2_PER_HA


def symbiosis_links_visible_to(user):
    """A link is both partners' business: the supplier's and the receiver's."""
    links = SymbiosisLink.objects.select_related("enterprise", "receiver")
    if not getattr(user, "is_enterprise_user", False):
        return links
    return links.filter(Q(enterprise=user.enterprise_id) | Q(receiver=user.enterprise_id))


def share_dict(share: circularity.Share, target: targets.Target | None = None) -> dict:
    value = share.value
    return {
        "numerator": float(share.numerator),
        "denominator": float(share.denominator),
        "value": round(float(value), 4) if value is not None else None,
        "percent": round(float(value) * 100, 1) if value is not None else None,
        "target": float(target.value)
        if target
        else (float(share.target) if share.target is not None else None),
        "meets_target": share.meets_target,
        **({"target_source": target.source, "target_confidence": target.confidence} if target else {}),
    }


def connection_figures(enterprises, on: date) -> dict:
    """`enterprises`: the population (every enterprise that is not closed, in the caller's scope)."""
    register = {c.enterprise_id: c for c in WastewaterConnection.objects.filter(enterprise__in=enterprises)}
    facts = [
        circularity.ConnectionFact(
            e.pk,
            e.name,
            register[e.pk].status if e.pk in register else None,
            register[e.pk].permit_expires_on if e.pk in register else None,
        )
        for e in enterprises
    ]
    kpi = circularity.connection_kpi(facts, on, targets.CONNECTION_SHARE.value)
    return {
        "on": on.isoformat(),
        "share": share_dict(kpi.share, targets.CONNECTION_SHARE),
        "not_connected": [
            {
                "enterprise": f.enterprise_id,
                "name": f.name,
                "status": f.status,
                "permit_expires_on": f.permit_expires_on,
            }
            for f in kpi.not_connected
        ],
    }


def waste_fact(record: WasteRecord) -> circularity.WasteFact:
    return circularity.WasteFact(
        record.category,
        record.generated_t,
        record.reused_t,
        record.recycled_t,
        record.treated_t,
        record.landfilled_t,
        record.handled_by_licensed,
    )


def circularity_figures(records, links, year: int) -> dict:
    facts = [waste_fact(r) for r in records.filter(period_start__year=year).select_related("handler")]
    link_facts = [circularity.LinkFact(s, e) for s, e in links.values_list("started_on", "ended_on")]
    count = circularity.symbiosis_link_count(link_facts, year)
    return {
        "year": year,
        "recovery_rate": share_dict(circularity.recovery_rate(facts)),
        "recovery_rate_by_category": {
            category: share_dict(circularity.recovery_rate(facts, category))
            for category in WasteCategory.values
        },
        "hazardous_to_licensed_handlers": share_dict(circularity.hazardous_to_licensed_share(facts)),
        "symbiosis_links": {
            "count": count,
            "target": int(targets.SYMBIOSIS_LINKS_MIN.value),
            "meets_target": count >= targets.SYMBIOSIS_LINKS_MIN.value,
            "target_source": targets.SYMBIOSIS_LINKS_MIN.source,
        },
    }


def green_space_figures(zones) -> dict:
    latest = {}
    for area in GreenArea.objects.filter(zone__in=zones).order_by("zone_id", "surveyed_on"):
        latest[area.zone_id] = area
    park_m2 = sum((z.area_ha for z in zones), Decimal("0")) * M2_PER_HA
    green_m2 = sum((a.green_area_m2 for a in latest.values()), Decimal("0"))
    trees = GreenArea.objects.filter(zone__in=zones).aggregate(total=Sum("trees_planted"))["total"] or 0
    share = circularity.green_share(green_m2, park_m2, targets.GREEN_LAND_SHARE.value)
    return {
        "share": share_dict(share, targets.GREEN_LAND_SHARE),
        "target_note": targets.GREEN_LAND_SHARE.note,
        "trees_planted": trees,
        "zones": [
            {"zone": a.zone_id, "surveyed_on": a.surveyed_on, "green_area_m2": float(a.green_area_m2)}
            for a in latest.values()
        ],
    }
