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
