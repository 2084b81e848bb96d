from django.apps import AppConfig


class IocConfig(AppConfig):
    """The core package itself: start-up commands and shared templates."""

    name = "ioc"
    verbose_name = "Park IOC"
