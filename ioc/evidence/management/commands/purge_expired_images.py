"""`manage.py purge_expired_images`: delete the images past their retention now, as the hourly task does."""

from django.conf import settings
from django.core.management.base import BaseCommand

from ioc.evidence.retention import purge_expired_images


class Command(BaseCommand):
    help = "Delete every image (file and row) past its retention period (IMAGE_RETENTION_DAYS)."

    def handle(self, *args, **options):
        deleted = purge_expired_images()
        self.stdout.write(
            f"Deleted {deleted} image(s) past their time (retention {settings.IMAGE_RETENTION_DAYS} days)."
        )
