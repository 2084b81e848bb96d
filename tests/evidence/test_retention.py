"""Images past the retention period are deleted, file and row, by the hourly task (Decree 13/2023)."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from ioc.alerts.models import Alarm, AlarmRule
from ioc.evidence.images import store_image
from ioc.evidence.models import Image, Purpose
from ioc.evidence.tasks import purge_expired
from ioc.telemetry.models import DeviceEvent
from tests.evidence.helpers import camera, jpeg


@pytest.fixture
def cam(small_park, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return camera("CAM-RET", zone=small_park["zone"])


def keep(cam, days_ago: float, seed: int = 0) -> Image:
    return store_image(device_id=cam.pk, data=jpeg(seed=seed), taken_at=timezone.now() - timedelta(days=days_ago),
                       purpose=Purpose.EVENT)  # fmt: skip


def path_of(image: Image) -> Path:
    return Path(image.file.path)


def test_images_older_than_the_retention_period_are_gone_after_the_task_and_newer_ones_stay(cam, settings):
    assert settings.IMAGE_RETENTION_DAYS == 30
    old = [keep(cam, days, seed) for seed, days in enumerate((30.01, 45, 400))]
    young = [keep(cam, days, 10 + seed) for seed, days in enumerate((0, 1, 29.9))]
    old_files = [path_of(image) for image in old]
    assert all(path.exists() for path in old_files)
    assert purge_expired.delay().get() == 3
    assert not Image.objects.filter(pk__in=[image.pk for image in old]).exists()
    assert not any(path.exists() for path in old_files)
    assert Image.objects.filter(pk__in=[image.pk for image in young]).count() == 3
    assert all(path_of(image).read_bytes() == jpeg(seed=10 + n) for n, image in enumerate(young))
    assert purge_expired.delay().get() == 0


def test_events_and_alarms_keep_their_rows_without_the_image(cam):
    image = keep(cam, 31)
    event = DeviceEvent.objects.create(device=cam, kind="intrusion", event_id="e", at=image.taken_at,
                                       received_at=image.taken_at, source="http", image=image)  # fmt: skip
    rule = AlarmRule.objects.create(name="Intrusion", kind="event", event_type="intrusion")
    alarm = Alarm.objects.create(rule=rule, source="x", device=cam, severity=rule.severity, message="m",
                                 first_at=image.taken_at, last_at=image.taken_at, image=image)  # fmt: skip
    purge_expired.delay()
    event.refresh_from_db()
    alarm.refresh_from_db()
    assert event.image is None and alarm.image is None


def test_the_retention_setting_sets_the_expiry_of_new_images(cam, settings):
    settings.IMAGE_RETENTION_DAYS = 7
    image = keep(cam, 0)
    assert image.expires_at - image.taken_at == timedelta(days=7)
    assert keep(cam, 8).expires_at < timezone.now()


def test_a_shortened_retention_applies_to_images_already_kept_and_a_longer_one_extends_nothing(cam, settings):
    ten_days = keep(cam, 10)
    two_days = keep(cam, 2, 1)
    settings.IMAGE_RETENTION_DAYS = 5
    assert purge_expired.delay().get() == 1
    assert list(Image.objects.filter(device=cam)) == [two_days]
    settings.IMAGE_RETENTION_DAYS = 60
    forty_days = keep(cam, 40, 2)  # kept under the 60 days now in force
    Image.objects.filter(pk=two_days.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert purge_expired.delay().get() == 1  # the promised date holds: two_days goes
    assert list(Image.objects.filter(device=cam)) == [forty_days]
    assert not Path(ten_days.file.path).exists()


def test_it_works_in_batches(cam):
    for seed in range(7):
        keep(cam, 40, seed)
    from ioc.evidence.retention import purge_expired_images

    assert purge_expired_images(batch=3) == 7
    assert not Image.objects.filter(device=cam).exists()


def test_the_command_runs_it_by_hand_and_says_how_many(cam):
    keep(cam, 31)
    keep(cam, 1, 1)
    out = io.StringIO()
    call_command("purge_expired_images", stdout=out)
    assert "Deleted 1 image(s)" in out.getvalue() and "30 days" in out.getvalue()
    assert Image.objects.filter(device=cam).count() == 1


def test_it_runs_every_hour():
    entry = next(
        e for e in django_settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "evidence.purge_expired"
    )
    assert entry["schedule"] == 3600.0
