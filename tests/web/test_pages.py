"""The pages: login in Vietnamese first, English on request, every page for every role."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ioc.park.choices import Role
from ioc.registry import registry


def signed_in(make_user, role, enterprise=None) -> Client:
    client = Client()
    client.force_login(make_user(role, enterprise))
    return client


def test_the_login_page_speaks_vietnamese_by_default(client, db):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="vi">' in html and "Đăng nhập" in html and "Khu công nghiệp Đại An" in html


def test_pages_stay_vietnamese_for_a_browser_set_to_english(client, db):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in html and "Đăng nhập" in html


def test_the_language_switch_turns_the_pages_to_english(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html and "Sign in" in html and "Đại An industrial park" in html


def test_pages_ask_a_stranger_to_sign_in(client, db):
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_signing_in_with_the_form_leads_to_the_dashboard(client, make_user):
    make_user(Role.OPERATOR, username="op")
    response = client.post(reverse("login"), {"username": "op", "password": "not-a-real-password-42"})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard:home")


def page_names():
    names = ["dashboard:home", "park:enterprise-list", "park:device-list", "park:zone-list", "reports:index"]
    return names + [domain.url_name for domain in registry.ordered_domains()]


@pytest.mark.parametrize("name", page_names())
@pytest.mark.parametrize("role", [Role.PARK_MANAGER, Role.OPERATOR, Role.WARD_OFFICIAL, Role.ENTERPRISE])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_page_renders_for_every_role_in_both_languages(small_park, make_user, name, role, language):
    enterprise = small_park["a"] if role == Role.ENTERPRISE else None
    client = signed_in(make_user, role, enterprise)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse(name))
    assert page.status_code == 200
    assert f'<html lang="{language}">' in page.content.decode()


def test_the_dashboard_shows_the_registered_tiles_and_says_when_there_is_no_data(small_park, make_user):
    client = signed_in(make_user, Role.OPERATOR)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("dashboard:home")).content.decode()
    assert "Enterprises" in html and "Monitoring stations" in html
    assert "No data yet" in html  # labour has no figures until enterprises submit them


def test_an_enterprise_user_sees_only_its_own_enterprise_and_devices(small_park, make_user):
    client = signed_in(make_user, Role.ENTERPRISE, small_park["a"])
    enterprises = client.get(reverse("park:enterprise-list")).content.decode()
    assert "Công ty A" in enterprises and "Công ty B" not in enterprises
    devices = client.get(reverse("park:device-list")).content.decode()
    assert "DEV-a" in devices and "DEV-b" not in devices and "DA-AIR-01" not in devices
    other = reverse("park:enterprise-detail", args=[small_park["b"].pk])
    assert client.get(other).status_code == 404


def test_the_device_list_costs_a_fixed_number_of_queries(
    small_park, make_user, django_assert_max_num_queries
):
    client = signed_in(make_user, Role.PARK_MANAGER)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("park:device-list")).status_code == 200


def test_the_api_docs_and_schema_are_served(small_park, make_user):
    client = signed_in(make_user, Role.PARK_MANAGER)
    assert client.get("/api/docs/").status_code == 200
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/devices/{id}/credentials/" in schema
