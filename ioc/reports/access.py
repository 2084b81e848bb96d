"""Who may see or ask for which report. Pure: the role, the user's enterprise, the report's scope.

Ward officials, park managers, administrators and operators see the park's and the zones' reports
and any enterprise's; an enterprise user only its own enterprise's (Decree 13/2023/NĐ-CP: an
enterprise's labour figures are not another enterprise's business).
"""

from django.utils.translation import gettext as _

from ioc.park.choices import Role
from ioc.reports.choices import ScopeKind

PARK_READERS = frozenset({Role.ADMIN, Role.PARK_MANAGER, Role.WARD_OFFICIAL, Role.OPERATOR})


def refusal(
    role: str, user_enterprise_id: int | None, scope_kind: str, enterprise_id: int | None
) -> str | None:
    """Why the user may not have this report, in the active language; None when they may."""
    if role in PARK_READERS:
        return None
    if role != Role.ENTERPRISE:
        return _("Your role does not give access to park reports.")
    if scope_kind != ScopeKind.ENTERPRISE:
        return _(
            "An enterprise user may see only the report of their own enterprise, not the park's or a zone's."
        )
    if enterprise_id != user_enterprise_id:
        return _(
            "An enterprise user may see only the report of their own enterprise, not another enterprise's."
        )
    return None


def refusal_for(user, report) -> str | None:
    return refusal(user.effective_role, user.enterprise_id, report.scope_kind, report.enterprise_id)
