"""Template context every page needs: the navigation the registry knows and the run mode."""

from django.conf import settings

from ioc.registry import registry


def navigation(request):
    return {"nav_domains": registry.ordered_domains(), "ioc_mode": settings.IOC_MODE}
