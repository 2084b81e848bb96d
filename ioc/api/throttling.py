"""Rate limits per API token: one integration cannot starve the others or the dashboard.

Counted per token (a user's laptop and its nightly import are separate budgets), per user for a
browser session, per address for anonymous callers; reads and writes have separate budgets. The
counters live in the default cache, Redis in services mode, so every worker process shares them.
"""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import SimpleRateThrottle


class ParkRateThrottle(SimpleRateThrottle):
    setting: str = ""

    def get_rate(self):
        # From the settings at each request (DRF reads its own at import), so a test can change it.
        return getattr(settings, self.setting)

    def applies_to(self, request) -> bool:
        raise NotImplementedError

    def allow_request(self, request, view):
        if not self.applies_to(request):
            return True
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        token_key = getattr(request.auth, "token_key", None)
        user = request.user
        if token_key:
            ident = f"token:{token_key}"
        elif user and user.is_authenticated:
            if getattr(user, "pk", None) is None:
                return None  # a device (telemetry ingest): its budget is the readings per request
            ident = f"user:{user.pk}"
        else:
            ident = f"address:{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ReadRateThrottle(ParkRateThrottle):
    scope = "read"
    setting = "API_RATE_READ"

    def applies_to(self, request) -> bool:
        return request.method in SAFE_METHODS


class WriteRateThrottle(ParkRateThrottle):
    scope = "write"
    setting = "API_RATE_WRITE"

    def applies_to(self, request) -> bool:
        return request.method not in SAFE_METHODS
