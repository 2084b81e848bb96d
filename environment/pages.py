"""What the environment page's circularity partials show, scoped like the API."""

from django.utils import timezone

from environment import kpis
from environment.models import GreenArea, WasteRecord, WastewaterConnection
from ioc.api.tenancy import scope_to_user
from ioc.park.choices import EnterpriseStatus
from ioc.park.models import Enterprise, Zone

ROWS = 50  # the page shows the latest rows; the API pages through the rest


def circularity_context(request) -> dict:
    """Context for templates/environment/_connections, _waste, _symbiosis and _green_space."""
    user, today = request.user, timezone.localdate()
    enterprises = scope_to_user(Enterprise.objects.exclude(status=EnterpriseStatus.CLOSED), user, "pk")
    records = scope_to_user(WasteRecord.objects.select_related("enterprise", "handler"), user, "enterprise")
    links = kpis.symbiosis_links_visible_to(user)
    connections = WastewaterConnection.objects.select_related("enterprise")
    return {
        "connections": kpis.connection_figures(list(enterprises), today),
        "connection_rows": scope_to_user(connections, user, "enterprise")[:ROWS],
        "waste": kpis.circularity_figures(records, links, today.year),
        "waste_records": records.filter(period_start__year=today.year)[:ROWS],
        "symbiosis_links": links[:ROWS],
        "green_space": kpis.green_space_figures(list(Zone.objects.all())),
        "green_areas": GreenArea.objects.select_related("zone")[:ROWS],
    }
