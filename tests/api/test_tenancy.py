"""Tenancy over every API route that exists, found by walking the URLconf and the router.

A new viewset is covered without being named here: it must derive from ioc.api.viewsets (so it
is scoped) and the `small_park` fixture must hold a row of another enterprise for its model.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.routers import APIRootView

from ioc.alerts.api import MyNotificationsView
from ioc.api.auth import TokenObtainView, TokenRevokeAllView, TokenRevokeView
from ioc.api.urls import router
from ioc.api.views import MetricListView, MeView
from ioc.api.viewsets import ParkViewSetMixin
from ioc.park.choices import Role
from ioc.park.models import Device
from ioc.submissions.api import SubmissionKindListView
from ioc.submissions.api_bulk import SubmissionTemplateView
from ioc.telemetry.api.events import EventIngestView
from ioc.telemetry.api.ingest import TelemetryIngestView

# Views under /api/v1/ that hold no enterprise data, each with why.
NOT_TENANT_DATA = {
    TokenObtainView,  # issues a token for the caller's own credentials
    TokenRevokeView,  # revokes the caller's own token
    TokenRevokeAllView,
    MeView,  # the caller's own profile
    MyNotificationsView,  # the caller's own notification choices
    MetricListView,  # the park-wide metric vocabulary
    APIRootView,  # the router's index of routes
    TelemetryIngestView,  # authenticated as a device, which writes only its own channels
    EventIngestView,  # authenticated as a device, which writes only its own events
    SubmissionKindListView,  # the report kinds' schemas, the same for everyone
    SubmissionTemplateView,  # a kind's blank spreadsheet, the same for everyone
}


def api_view_classes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith("api/v1/"):
                view = pattern.callback
                yield route, getattr(view, "cls", None) or getattr(view, "view_class", None)

    return list(walk(get_resolver().url_patterns))


def test_it_finds_the_api_routes():
    routes = [route for route, _cls in api_view_classes()]
    assert any("devices" in r for r in routes) and any("enterprises" in r for r in routes)


@pytest.mark.parametrize(("route", "view_class"), api_view_classes())
def test_every_api_route_is_scoped_or_declared_free_of_tenant_data(route, view_class):
    assert view_class is not None, f"{route} is not a class-based DRF view"
    assert issubclass(view_class, ParkViewSetMixin) or view_class in NOT_TENANT_DATA, (
        f"{route} ({view_class.__name__}) must derive from ioc.api.viewsets or be declared here"
    )


@pytest.mark.parametrize(("route", "view_class"), api_view_classes())
def test_every_api_route_but_login_refuses_anonymous_callers(client, db, route, view_class):
    if view_class is TokenObtainView:
        return
    url = "/" + re.sub(r"\(\?P<\w+>[^)]*\)", "1", route).replace("<int:pk>", "1").replace("^", "").replace(
        "$", ""
    )
    url = url.replace("<str:token>", "not-a-token")
    assert "(" not in url, f"{route}: teach this test how to fill the route's parameters"
    assert client.get(url).status_code in (401, 403), url


def scoped_routes():
    return [
        (prefix, viewset)
        for prefix, viewset, _basename in router.registry
        if getattr(viewset, "enterprise_field", None) is not None
    ]


def park_wide_routes():
    return [(prefix, viewset) for prefix, viewset, _b in router.registry if viewset.enterprise_field is None]


def foreign_row(viewset, own_enterprise):
    queryset = viewset.queryset.model._default_manager.exclude(
        **{viewset.enterprise_field: own_enterprise.pk}
    )
    if viewset.enterprise_field != "pk":
        queryset = queryset.exclude(**{f"{viewset.enterprise_field}__isnull": True})
    row = queryset.first()
    assert row is not None, f"small_park holds no {viewset.queryset.model.__name__} of another enterprise"
    return row


def enterprise_of(viewset, row):
    value = row
    for part in viewset.enterprise_field.split("__"):
        value = value.pk if part == "pk" else getattr(value, part)
    return value if isinstance(value, int) else value.pk


@pytest.mark.parametrize(("prefix", "viewset"), scoped_routes())
def test_an_enterprise_user_lists_only_its_own_rows(small_park, client_for, prefix, viewset):
    api = client_for(Role.ENTERPRISE, small_park["a"])
    response = api.get(f"/api/v1/{prefix}/", {"page_size": 1000})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert rows, f"{prefix}: the enterprise's own rows should be listed"
    model = viewset.queryset.model
    for row in rows:
        assert enterprise_of(viewset, model.objects.get(pk=row["id"])) == small_park["a"].pk


@pytest.mark.parametrize(("prefix", "viewset"), scoped_routes())
def test_an_enterprise_user_cannot_read_or_write_another_enterprises_rows(
    small_park, client_for, prefix, viewset
):
    api = client_for(Role.ENTERPRISE, small_park["a"])
    other = foreign_row(viewset, small_park["a"])
    url = f"/api/v1/{prefix}/{getattr(other, viewset.lookup_field or 'pk')}/"
    assert api.get(url).status_code == 404
    assert api.patch(url, {}, format="json").status_code in (403, 404)
    assert api.put(url, {}, format="json").status_code in (403, 404)
    assert api.delete(url).status_code in (403, 404)
    for action in viewset.get_extra_actions():
        if action.detail:
            action_url = f"{url}{action.url_path}/"
            for method in action.mapping:
                status = getattr(api, method)(action_url, {}, format="json").status_code
                assert status in (403, 404), f"{method.upper()} {action_url} answered {status}"
    assert model_unchanged(other)


def model_unchanged(row) -> bool:
    return type(row)._default_manager.filter(pk=row.pk).exists()


@pytest.mark.parametrize(("prefix", "viewset"), [*scoped_routes(), *park_wide_routes()])
def test_an_enterprise_user_cannot_create_where_it_may_not_write(small_park, client_for, prefix, viewset):
    if Role.ENTERPRISE in viewset.write_roles:
        pytest.skip(f"{prefix}: enterprise users write here; create stamps their enterprise")
    api = client_for(Role.ENTERPRISE, small_park["a"])
    assert api.post(f"/api/v1/{prefix}/", {}, format="json").status_code == 403


@pytest.mark.parametrize(("prefix", "viewset"), park_wide_routes())
def test_park_wide_data_is_readable_but_not_writable_by_an_enterprise_user(
    small_park, client_for, prefix, viewset
):
    api = client_for(Role.ENTERPRISE, small_park["a"])
    listed = api.get(f"/api/v1/{prefix}/")
    assert listed.status_code == 200
    row = viewset.queryset.model._default_manager.first()
    assert api.patch(f"/api/v1/{prefix}/{row.pk}/", {}, format="json").status_code == 403
    assert api.delete(f"/api/v1/{prefix}/{row.pk}/").status_code == 403


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.WARD_OFFICIAL])
def test_operators_and_ward_officials_read_everything_and_write_nothing(small_park, client_for, role):
    api = client_for(role)
    devices = api.get("/api/v1/devices/").json()
    assert devices["count"] == Device.objects.count() == 10
    assert api.patch(f"/api/v1/devices/{small_park['device_a'].pk}/", {"name": "x"}).status_code == 403


def detail_routes_outside_the_router():
    return [
        (route, view_class)
        for route, view_class in api_view_classes()
        if "<int:pk>" in route and issubclass(view_class, ParkViewSetMixin) and view_class.enterprise_field
    ]


def test_there_are_detail_routes_outside_the_router_to_check():
    assert detail_routes_outside_the_router()


@pytest.mark.parametrize(("route", "view_class"), detail_routes_outside_the_router())
def test_detail_routes_outside_the_router_hide_other_enterprises_rows(
    small_park, client_for, route, view_class
):
    api = client_for(Role.ENTERPRISE, small_park["a"])
    other = foreign_row(view_class, small_park["a"])
    own = view_class.queryset.model._default_manager.filter(
        **{view_class.enterprise_field: small_park["a"].pk}
    ).first()
    assert api.get("/" + route.replace("<int:pk>", str(other.pk))).status_code == 404
    assert api.get("/" + route.replace("<int:pk>", str(own.pk))).status_code in (200, 400)


@pytest.mark.parametrize(("prefix", "viewset"), [*scoped_routes(), *park_wide_routes()])
def test_a_ward_official_reads_but_writes_nowhere(small_park, client_for, prefix, viewset):
    api = client_for(Role.WARD_OFFICIAL)
    refused = (403, 405)
    assert api.post(f"/api/v1/{prefix}/", {}, format="json").status_code in refused
    row = viewset.queryset.model._default_manager.first()
    assert row is not None, f"small_park holds no {viewset.queryset.model.__name__}"
    url = f"/api/v1/{prefix}/{getattr(row, viewset.lookup_field or 'pk')}/"
    assert api.get(url).status_code in (200, 403)  # 403: the audit log is for park managers only
    for method in ("patch", "put", "delete"):
        assert getattr(api, method)(url, {}, format="json").status_code in refused, f"{method.upper()} {url}"
    for action in viewset.get_extra_actions():
        if action.detail:
            for method in set(action.mapping) - {"get"}:
                status = getattr(api, method)(f"{url}{action.url_path}/", {}, format="json").status_code
                assert status in refused, f"{method.upper()} {url}{action.url_path}/ answered {status}"
    assert model_unchanged(row)
