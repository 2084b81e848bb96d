"""Who should hear of an alarm change: pure rules on preferences, tested with examples."""

from datetime import time

from ioc.park.choices import Role

# Changes worth interrupting someone for; acknowledging or commenting only updates the page.
NOTIFIED_CHANGES = {"raised", "escalated", "reminded"}
STAFF_ROLES = {Role.ADMIN, Role.PARK_MANAGER, Role.OPERATOR}


def in_quiet_hours(now: time, quiet_from: time | None, quiet_to: time | None) -> bool:
    if quiet_from is None or quiet_to is None or quiet_from == quiet_to:
        return False
    if quiet_from < quiet_to:
        return quiet_from <= now < quiet_to
    return now >= quiet_from or now < quiet_to  # across midnight, e.g. 22:00–06:00


def wants(
    *, severity: int, domain: str, min_severity: int, domains: list[str], quiet: bool, critical: int
) -> bool:
    """Whether a person with these choices is told; a critical alarm ignores quiet hours."""
    if severity < min_severity:
        return False
    if domains and domain not in domains:
        return False
    return not quiet or severity >= critical
