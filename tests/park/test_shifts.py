"""Shift schedules in the park registry: what a shift is, and where the park manager edits it."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ioc.park.choices import Role
from ioc.park.models import ShiftSchedule

pytestmark = pytest.mark.django_db


def shift(enterprise, **values) -> ShiftSchedule:
    return ShiftSchedule(**{"enterprise": enterprise, "name": "Ca 1", "start": time(6), "end": time(14),
                            "days": "123456", "headcount": 400, **values})  # fmt: skip


def test_a_night_shift_may_run_past_midnight_and_days_are_kept_in_order(small_park):
    night = shift(small_park["a"], start=time(22), end=time(6), days="6512")
    night.full_clean()
    assert night.days == "1256"


@pytest.mark.parametrize(
    ("values", "field"),
    [({"end": time(6)}, "end"), ({"days": "1238"}, "days"), ({"days": "112"}, "days"), ({"days": ""}, "days"),
     ({"headcount": 0}, "headcount")],
)  # fmt: skip
def test_a_bad_shift_is_refused_naming_the_field(small_park, values, field):
    with pytest.raises(ValidationError) as error:
        shift(small_park["a"], **values).full_clean()
    assert field in error.value.message_dict


def test_two_shifts_of_one_enterprise_have_different_names(small_park):
    shift(small_park["a"]).save()
    with pytest.raises(ValidationError) as error:
        shift(small_park["a"], start=time(14), end=time(22)).full_clean()
    assert "__all__" in error.value.message_dict


def test_the_enterprise_admin_page_edits_its_shifts_inline(small_park, make_user, client):
    client.force_login(make_user(Role.PARK_MANAGER, username="lan"))
    page = client.get(reverse("admin:park_enterprise_change", args=[small_park["a"].pk]))
    assert page.status_code == 200 and b'name="shifts-TOTAL_FORMS"' in page.content


def test_the_days_error_is_in_vietnamese(small_park):
    from django.utils import translation

    with translation.override("vi"), pytest.raises(ValidationError) as error:
        shift(small_park["a"], days="9").full_clean()
    assert "thứ Hai" in error.value.message_dict["days"][0]
