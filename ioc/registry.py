"""How domain apps plug into the core.

`ioc` never imports a domain app. Each domain app registers what it offers from its
`AppConfig.ready()`: its place in the navigation, its dashboard panels, the device kinds it
watches, and later its alert rule kinds, report sections and index indicators. The dashboard,
alerts and reports iterate over this registry.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


class RegistryError(LookupError):
    """Two apps claimed the same key, or a key was asked for that nobody registered."""


@dataclass(frozen=True)
class Domain:
    """A domain app's entry in the navigation and the device kinds its page lists."""

    label: str
    title: Any  # a lazy translatable string
    url_name: str
    urls: str = ""  # the app's URLconf module, mounted at /<label>/
    order: int = 100
    device_kinds: tuple[str, ...] = ()
    alarm_domain: str = ""  # the alarms' domain when it is not the label (labour → safety)


@dataclass(frozen=True)
class PanelReading:
    """What a dashboard tile shows. `value` None means "no data yet" — never an invented figure."""

    value: str | None = None
    unit: str = ""
    note: Any = ""
    color: str = ""  # a band's colour (AQI, compliance), as #rrggbb


@dataclass(frozen=True)
class MapMark:
    """A device's fill on the park map (an AQI band, a compliance verdict) and what it means."""

    color: str
    label: str


@dataclass(frozen=True)
class Panel:
    """A KPI tile on the dashboard, contributed by an app."""

    key: str
    title: Any
    domain: str
    read: Callable[[HttpRequest], PanelReading]
    order: int = 100


@dataclass
class Registry:
    domains: dict[str, Domain] = field(default_factory=dict)
    panels: dict[str, Panel] = field(default_factory=dict)
    alert_rule_kinds: dict[str, Any] = field(default_factory=dict)
    # key → callable(channel) -> float | None: a regulation limit a rule may take its threshold from
    limits: dict[str, Any] = field(default_factory=dict)
    report_sections: dict[str, Any] = field(default_factory=dict)
    index_indicators: dict[str, Any] = field(default_factory=dict)
    submission_kinds: dict[str, Any] = field(default_factory=dict)
    # key → callable(reset: bool) -> list[str]: loads the app's part of the demo park after the core's
    demo_loaders: dict[str, Any] = field(default_factory=dict)
    # key → callable(request) -> {device id: MapMark}: how an app colours its devices on the park map
    map_overlays: dict[str, Any] = field(default_factory=dict)
    # type → ioc.telemetry.events.EventKind: what a device event of that type means and who acts on it
    device_event_kinds: dict[str, Any] = field(default_factory=dict)
    _websocket_routes: list[Any] = field(default_factory=list)
    _api_routes: dict[str, tuple[Any, str]] = field(default_factory=dict)

    @staticmethod
    def _add(table: dict[str, Any], key: str, item: Any) -> None:
        if key in table and table[key] != item:
            raise RegistryError(f"{key!r} is registered twice")
        table[key] = item

    def register_domain(self, domain: Domain) -> None:
        self._add(self.domains, domain.label, domain)

    def register_panel(self, panel: Panel) -> None:
        self._add(self.panels, panel.key, panel)

    def register_alert_rule_kind(self, key: str, kind: Any) -> None:
        self._add(self.alert_rule_kinds, key, kind)

    def register_limit(self, key: str, resolve: Any) -> None:
        self._add(self.limits, key, resolve)

    def register_report_section(self, key: str, section: Any) -> None:
        self._add(self.report_sections, key, section)

    def register_index_indicator(self, key: str, indicator: Any) -> None:
        self._add(self.index_indicators, key, indicator)

    def register_submission_kind(self, key: str, kind: Any) -> None:
        self._add(self.submission_kinds, key, kind)

    def register_map_overlay(self, key: str, read: Any) -> None:
        self._add(self.map_overlays, key, read)

    def register_device_event_kind(self, kind: Any) -> None:
        self._add(self.device_event_kinds, kind.key, kind)

    def register_demo_loader(self, key: str, load: Any) -> None:
        self._add(self.demo_loaders, key, load)

    def register_websocket_route(self, route: Any) -> None:
        self._websocket_routes.append(route)

    def register_api_route(self, prefix: str, viewset: Any, basename: str) -> None:
        """A viewset served at /api/v1/<prefix>/; it should derive from ioc.api.viewsets."""
        self._add(self._api_routes, prefix, (viewset, basename))

    def api_routes(self) -> list[tuple[str, Any, str]]:
        return [(prefix, viewset, basename) for prefix, (viewset, basename) in self._api_routes.items()]

    def websocket_routes(self) -> list[Any]:
        return list(self._websocket_routes)

    def ordered_domains(self) -> list[Domain]:
        return sorted(self.domains.values(), key=lambda d: (d.order, d.label))

    def ordered_panels(self) -> list[Panel]:
        return sorted(self.panels.values(), key=lambda p: (p.order, p.key))

    def domain(self, label: str) -> Domain:
        try:
            return self.domains[label]
        except KeyError:
            raise RegistryError(f"no domain {label!r} is registered") from None


registry = Registry()
