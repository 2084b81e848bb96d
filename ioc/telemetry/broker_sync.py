"""Keep this host's broker files in step with the device registry.

A device's new token, or a status that takes it off the air, must reach Mosquitto at once: the old
token is revoked "at once" in the API's words. The rewrite runs after the commit, so the broker never
sees credentials of a transaction that is rolled back, and it never raises into the request.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_save

from ioc.park.models import Device
from ioc.telemetry.broker import BrokerSettings, broker_settings, reload_broker, write_broker_files

logger = logging.getLogger(__name__)

DISPATCH_UID = "ioc.telemetry.broker_sync"
# Fields that appear in the password file. A save naming none of them cannot change it.
_FIELDS = frozenset({"serial", "status", "token_digest", "mqtt_password_hash"})


def sync_broker(conf: BrokerSettings | None = None) -> bool:
    """Rewrite the files and reload the broker if they changed; True when the broker was signalled."""
    try:
        conf = conf or broker_settings()
        return write_broker_files(conf.auth_dir) and reload_broker(conf.pid_file)
    except Exception:
        logger.exception("Could not update the MQTT broker's password and ACL files")
        return False


class _PendingSync:
    """The on-commit callback, recognisable so that a transaction schedules only one."""

    def __init__(self, conf: BrokerSettings):
        self.conf, self.done = conf, False

    def __call__(self):
        self.done = True
        sync_broker(self.conf)


def _already_scheduled(using: str) -> bool:
    # One rewrite per transaction is enough however many devices it touches (a seed, a bulk edit).
    # run_on_commit is Django's own list; should its shape change we merely rewrite more than once.
    pending = getattr(connections[using], "run_on_commit", None) or []
    return any(isinstance(entry[1], _PendingSync) and not entry[1].done for entry in pending)


def schedule_sync(using: str = DEFAULT_DB_ALIAS) -> None:
    try:
        conf = broker_settings()
        # No directory means no broker reads these files here (no `make mqtt`, no volume shared
        # with a broker's container): nothing to do, and no query.
        if not conf.auth_dir.is_dir() or _already_scheduled(using):
            return
        transaction.on_commit(_PendingSync(conf), using=using)
    except Exception:
        logger.exception("Could not schedule an update of the MQTT broker's files")


def device_saved(sender, instance, created, raw, using, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not _FIELDS.intersection(update_fields)):
        return
    schedule_sync(using)


def device_deleted(sender, instance, using, **kwargs):
    schedule_sync(using)


def connect_receivers() -> None:
    post_save.connect(device_saved, sender=Device, dispatch_uid=DISPATCH_UID)
    post_delete.connect(device_deleted, sender=Device, dispatch_uid=DISPATCH_UID)
