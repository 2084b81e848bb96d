"""Time-series storage: raw readings, rollups, latest values, device health and what was refused.

On PostgreSQL the readings table is partitioned by day and the 5-minute rollups by month (see
storage/partitions.py and migration 0001); retention drops whole partitions. On SQLite the same
models are plain tables, for the demo.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ioc.telemetry.quality import Quality


class Source(models.TextChoices):
    MQTT = "mqtt", "MQTT"
    HTTP = "http", "HTTP"
    SIMULATOR = "simulator", _("Simulator")
    ANALYSIS = "analysis", _("Camera analytics")


class Reading(models.Model):
    """One value of one channel at one instant, in the metric's canonical unit. Append-only."""

    pk = models.CompositePrimaryKey("channel_id", "ts")
    # No database constraint: a foreign key check per row would halve the ingest rate, and the
    # writer only ever inserts channels it has just looked up. No index of its own either: the
    # primary key (channel, ts) serves every query by channel.
    channel = models.ForeignKey(
        "park.Channel", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    ts = models.DateTimeField(_("time"))
    value = models.FloatField(_("value"))
    quality = models.SmallIntegerField(_("quality"), choices=Quality.choices, default=Quality.VALID)

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")

    def __str__(self):
        return f"{self.channel_id}@{self.ts:%Y-%m-%d %H:%M:%S}={self.value:g}"


class Rollup(models.Model):
    """Aggregates of the valid readings of one channel over one period, kept as data lands."""

    pk = models.CompositePrimaryKey("channel_id", "bucket")
    channel = models.ForeignKey(
        "park.Channel", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    bucket = models.DateTimeField(_("period start"))
    count = models.IntegerField()
    min = models.FloatField()
    max = models.FloatField()
    sum = models.FloatField()
    last_ts = models.DateTimeField()
    last_value = models.FloatField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.channel_id}@{self.bucket:%Y-%m-%d %H:%M} n={self.count}"

    @property
    def mean(self) -> float:
        return self.sum / self.count


class Rollup5m(Rollup):
    class Meta:
        verbose_name = _("5-minute rollup")
        verbose_name_plural = _("5-minute rollups")


class RollupHour(Rollup):
    class Meta:
        verbose_name = _("hourly rollup")
        verbose_name_plural = _("hourly rollups")


class RollupDay(Rollup):
    """Days are local days (Asia/Ho_Chi_Minh), as reports and regulations count them."""

    class Meta:
        verbose_name = _("daily rollup")
        verbose_name_plural = _("daily rollups")


class LatestValue(models.Model):
    """The newest reading of each channel, whatever its quality: what the live map shows."""

    # No database constraint, as for readings: a writer holding a channel map a few seconds old
    # must not lose a whole batch because a channel was just removed.
    channel = models.OneToOneField(
        "park.Channel", on_delete=models.CASCADE, primary_key=True, related_name="latest", db_constraint=False
    )
    ts = models.DateTimeField(_("time"))
    value = models.FloatField(_("value"))
    quality = models.SmallIntegerField(_("quality"), choices=Quality.choices)

    class Meta:
        verbose_name = _("latest value")
        verbose_name_plural = _("latest values")

    def __str__(self):
        return f"{self.channel_id}={self.value:g}"


class DeviceHealth(models.Model):
    """When a device was last heard from, whether it counts as online, and what it says of itself."""

    device = models.OneToOneField(
        "park.Device", on_delete=models.CASCADE, primary_key=True, related_name="health"
    )
    last_seen = models.DateTimeField(_("last seen"), null=True)
    online = models.BooleanField(_("online"), default=False)
    status_changed_at = models.DateTimeField(_("online/offline since"), null=True)
    battery = models.FloatField(_("battery (%)"), null=True, blank=True)
    signal = models.FloatField(_("signal (dBm)"), null=True, blank=True)

    class Meta:
        verbose_name = _("device health")
        verbose_name_plural = _("device health")

    def __str__(self):
        return f"{self.device_id}: {'online' if self.online else 'offline'}"


class Rejection(models.Model):
    """A reading or message the pipeline refused, with why; a bounded log per device."""

    device = models.ForeignKey(
        "park.Device", on_delete=models.CASCADE, null=True, blank=True, related_name="rejections"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    reason = models.CharField(_("reason"), max_length=40)
    params = models.JSONField(_("details"), default=dict, blank=True)
    name = models.CharField(_("name on the device"), max_length=100, blank=True)
    item = models.TextField(_("what was sent"), blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("rejected reading")
        verbose_name_plural = _("rejected readings")
        indexes = [models.Index(fields=["device", "-received_at"])]

    def __str__(self):
        return self.message

    @property
    def message(self) -> str:
        """Why, in the reader's language."""
        from ioc.telemetry.reasons import reason_message

        return reason_message(self.reason, self.params)


class AuthFailure(models.Model):
    """Failed device authentications, counted per source, day and who claimed to be there."""

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    day = models.DateField(_("day"))
    identity = models.CharField(_("claimed identity"), max_length=100)
    count = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(_("last attempt"))

    class Meta:
        ordering = ["-day", "-count"]
        verbose_name = _("failed device authentication")
        verbose_name_plural = _("failed device authentications")
        constraints = [
            models.UniqueConstraint(fields=["source", "day", "identity"], name="authfailure_unique_per_day")
        ]

    def __str__(self):
        return f"{self.source} {self.day} {self.identity} ×{self.count}"


class DeviceEvent(models.Model):
    """Something a device says happened (an intrusion, a plate read), kept once per device event id.

    The app that registered the event's type gives `details` their meaning and acts on them.
    """

    device = models.ForeignKey("park.Device", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("type"), max_length=40)
    event_id = models.CharField(_("event id on the device"), max_length=100)
    at = models.DateTimeField(_("time"))
    received_at = models.DateTimeField(_("received at"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    details = models.JSONField(_("details"), default=dict, blank=True)
    image = models.ForeignKey(
        "evidence.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
        verbose_name=_("image"),
    )  # fmt: skip

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("device event")
        verbose_name_plural = _("device events")
        constraints = [models.UniqueConstraint(fields=["device", "event_id"], name="device_event_once")]
        indexes = [models.Index(fields=["kind", "-at"]), models.Index(fields=["device", "-at"])]

    def __str__(self):
        return f"{self.device_id} {self.kind} {self.at:%Y-%m-%d %H:%M:%S}"
