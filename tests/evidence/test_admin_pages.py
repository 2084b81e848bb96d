"""The admin shows images and device events read-only; a picture opens only through the logged view."""

import pytest
from django.urls import reverse

from ioc.evidence.models import Image
from ioc.park.choices import Role
from ioc.telemetry.models import DeviceEvent


@pytest.mark.parametrize("model", [Image, DeviceEvent], ids=["image", "device-event"])
def test_the_change_page_opens_read_only(small_park, make_user, client, model):
    client.force_login(make_user(Role.ADMIN, username="root"))
    row = model.objects.first()
    opts = model._meta
    page = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]))
    assert page.status_code == 200
    assert (
        client.post(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]), {}
        ).status_code
        == 403
    )


def test_the_image_page_links_to_the_logged_view_not_to_the_file(small_park, make_user, client):
    client.force_login(make_user(Role.ADMIN, username="root"))
    image = Image.objects.first()
    page = client.get(reverse("admin:evidence_image_change", args=[image.pk])).content.decode()
    assert f"/api/v1/images/{image.pk}/content/" in page
    assert image.file.name not in page
