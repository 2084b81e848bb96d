"""Deleting images past their time (Decree 13/2023/NĐ-CP, Art. 3: personal data is kept no longer
than its purpose needs; the park keeps images IMAGE_RETENTION_DAYS, 30 by default).

An image goes when its `expires_at` has passed, or when it is older than the retention period now in
force: a period shortened after images were taken applies to them too (a lengthened one does not
extend what was promised). The file goes before the row, so a crash in between leaves a row without
a file (which the next run removes), never a file nobody knows of. Events, alarms and incidents that
pointed to the image keep their rows, without it.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ioc.evidence.images import retention_period
from ioc.evidence.models import Image

BATCH = 500


def expired(now: datetime):
    return Image.objects.filter(Q(expires_at__lte=now) | Q(taken_at__lt=now - retention_period()))


def purge_expired_images(*, now: datetime | None = None, batch: int = BATCH) -> int:
    """Delete every image past its time, `batch` at a time; the number deleted."""
    now = now or timezone.now()
    deleted = 0
    while True:
        with transaction.atomic():
            # Rows another worker is deleting are skipped, not waited for: two runs never share work.
            rows = list(
                expired(now)
                .select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", "file")[:batch]
            )
            if not rows:
                return deleted
            storage = Image._meta.get_field("file").storage
            for _pk, name in rows:
                if name:
                    storage.delete(name)
            Image.objects.filter(pk__in=[pk for pk, _name in rows]).delete()
        deleted += len(rows)
