from django.apps import AppConfig


class IocConfig(AppConfig):
    """The core package itself: start-up commands and shared templates."""

    name = "ioc"
    verbose_name = "Park IOC"

    def ready(self):
        # OpenAPI extensions register themselves on import; the schema may be built before any view
        # module that would import them.
        from ioc.api import schema  # noqa: F401
