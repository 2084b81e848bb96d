"""Every model has an admin page that opens."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from ioc.park.choices import Role


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_admin_list_and_add_page_opens(small_park, make_user, client, model):
    root = make_user(Role.ADMIN, username="root")
    client.force_login(root)
    opts = model._meta
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    request = RequestFactory().get("/")
    request.user = root
    addable = admin.site._registry[model].has_add_permission(request)
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code
    assert add == (200 if addable else 403)


def test_every_park_model_is_in_the_admin():
    from django.apps import apps

    for model in apps.get_app_config("park").get_models():
        assert admin.site.is_registered(model), model


def test_a_park_manager_edits_rules_and_devices_in_the_admin_and_an_operator_only_reads_devices(
    make_user, client, db
):
    manager = make_user(Role.PARK_MANAGER, username="lan")
    client.force_login(manager)
    assert client.get(reverse("admin:alerts_alarmrule_add")).status_code == 200
    assert client.get(reverse("admin:park_device_changelist")).status_code == 200
    operator = make_user(Role.OPERATOR, username="dung")
    operator.is_staff = True
    operator.save()
    client.force_login(operator)
    assert client.get(reverse("admin:park_device_changelist")).status_code == 200
    assert client.get(reverse("admin:park_device_add")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_a_park_manager_searches_plates_in_the_admin_and_the_search_is_logged(make_user, client, db):
    from ioc.audit.models import AuditEntry

    manager = make_user(Role.PARK_MANAGER, username="hoa")
    client.force_login(manager)
    assert client.get(reverse("admin:reports_report_changelist")).status_code == 200
    assert client.get(reverse("admin:traffic_watchlistentry_add")).status_code == 200
    assert client.get(reverse("admin:traffic_plateread_changelist"), {"q": "15C12345"}).status_code == 200
    entry = AuditEntry.objects.get(action="plate_search", username="hoa")
    assert entry.detail == {"plate": "15C12345", "params": {"via": "admin"}}
    operator = make_user(Role.OPERATOR, username="minh")
    operator.is_staff = True
    operator.save()
    client.force_login(operator)
    # Whole plates are for managers: an operator reads masked plates on the pages and the API only.
    assert client.get(reverse("admin:traffic_plateread_changelist")).status_code == 403
    assert client.get(reverse("admin:reports_report_changelist")).status_code == 200
    assert client.get(reverse("admin:reports_report_add")).status_code == 403
