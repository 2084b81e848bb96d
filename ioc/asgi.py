"""ASGI entry point: HTTP and websockets on one server."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ioc.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs the apps loaded first)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from ioc.embedded import start as start_in_process_workers  # noqa: E402
from ioc.registry import registry  # noqa: E402

start_in_process_workers()  # embedded mode only, when run_ioc asks for it

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(registry.websocket_routes()))),
    }
)
