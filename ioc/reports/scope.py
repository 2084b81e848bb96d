"""A report's scope: the whole park, one zone, or one enterprise — and what falls inside it.

An enterprise belongs to a zone through its lots; a device through its own zone. Sections ask the
scope for the enterprises and devices it holds rather than each working out the geography.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from ioc.park.choices import EnterpriseStatus
from ioc.park.models import Enterprise, Zone

PARK, ZONE, ENTERPRISE = "park", "zone", "enterprise"
KINDS = (PARK, ZONE, ENTERPRISE)


@dataclass(frozen=True)
class Scope:
    kind: str = PARK
    zone_id: int | None = None
    enterprise_id: int | None = None

    def enterprises(self):
        """Enterprises in scope, closed ones left out."""
        queryset = Enterprise.objects.exclude(status=EnterpriseStatus.CLOSED)
        if self.kind == ZONE:
            return queryset.filter(lots__zone=self.zone_id).distinct()
        if self.kind == ENTERPRISE:
            return queryset.filter(pk=self.enterprise_id)
        return queryset

    def enterprise_q(self, path: str = "enterprise") -> Q:
        """A filter on rows whose enterprise is reached by `path` (empty Q for the park)."""
        if self.kind == ENTERPRISE:
            return Q(**{path: self.enterprise_id})
        if self.kind == ZONE:
            # A subquery rather than a join through lots, so that no row is counted twice.
            return Q(**{f"{path}__in": Enterprise.objects.filter(lots__zone=self.zone_id).values("pk")})
        return Q()

    def device_q(self, path: str = "device") -> Q:
        """A filter on rows whose device is reached by `path`: its zone, or its owning enterprise."""
        if self.kind == ENTERPRISE:
            return Q(**{f"{path}__enterprise": self.enterprise_id})
        if self.kind == ZONE:
            return Q(**{f"{path}__zone": self.zone_id})
        return Q()

    def name(self) -> str:
        if self.kind == ZONE:
            zone = Zone.objects.filter(pk=self.zone_id).first()
            return _("Zone %(name)s") % {"name": zone.name if zone else self.zone_id}
        if self.kind == ENTERPRISE:
            enterprise = Enterprise.objects.filter(pk=self.enterprise_id).first()
            return enterprise.name if enterprise else str(self.enterprise_id)
        return _("Whole park")
