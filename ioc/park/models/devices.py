import base64
import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ioc.park.choices import DeviceKind, DeviceStatus
from ioc.park.validators import validate_point
from ioc.telemetry.metrics import METRIC_CHOICES, METRICS

TOKEN_BYTES = 32
TOKEN_FIELDS = ["token_digest", "mqtt_password_hash", "token_hint", "token_issued_at", "updated_at"]
MOSQUITTO_ROUNDS = 101  # what mosquitto_passwd writes; the token itself carries 256 bits


def mosquitto_password_hash(password: str) -> str:
    """Mosquitto 2's `$7$` password-file format: PBKDF2-HMAC-SHA512, 101 rounds, 12-byte salt."""
    salt = secrets.token_bytes(12)
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, MOSQUITTO_ROUNDS)
    return f"$7${MOSQUITTO_ROUNDS}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def token_digest(token: str) -> str:
    """Access tokens are random and long, so one round of SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()


class Device(models.Model):
    """A sensor, meter, camera, gate or machine that reports to the IOC."""

    serial = models.CharField(
        _("serial"),
        max_length=64,
        unique=True,
        # The serial is the device's MQTT username and part of its topic: no '/', '+', '#' or spaces.
        validators=[
            RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", _("Use letters, digits, '.', '_' and '-' only."))
        ],
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=DeviceKind.choices)
    enterprise = models.ForeignKey(
        "park.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="devices",
        verbose_name=_("owning enterprise"),
        help_text=_("Empty when the park itself owns the device."),
    )
    zone = models.ForeignKey(
        "park.Zone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="devices",
        verbose_name=_("zone"),
    )
    location = models.JSONField(_("location (GeoJSON point)"), validators=[validate_point])
    expected_interval = models.DurationField(
        _("expected reporting interval"),
        default=timedelta(minutes=5),
        validators=[MinValueValidator(timedelta(seconds=1))],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DeviceStatus.choices, default=DeviceStatus.ACTIVE
    )
    token_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # The same token hashed the way Mosquitto's password file wants it (PBKDF2-SHA512), so the
    # broker's files can be rebuilt from the registry at any time without keeping the token.
    mqtt_password_hash = models.CharField(max_length=200, blank=True, editable=False)
    token_hint = models.CharField(_("token starts with"), max_length=8, blank=True, editable=False)
    token_issued_at = models.DateTimeField(_("token issued at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["serial"]
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self):
        return f"{self.name} ({self.serial})"

    def issue_token(self) -> str:
        """Make a new access token, keep only its digest, and return it: it is shown once.

        The previous token stops working at once. The caller saves the device.
        """
        token = secrets.token_urlsafe(TOKEN_BYTES)
        self.token_digest = token_digest(token)
        self.mqtt_password_hash = mosquitto_password_hash(token)
        self.token_hint = token[:6]
        self.token_issued_at = timezone.now()
        return token

    def rotate_token(self) -> str:
        """Issue a new token and save it; the old one stops working (HTTP at once, MQTT on reload)."""
        token = self.issue_token()
        self.save(update_fields=TOKEN_FIELDS)
        return token


class Channel(models.Model):
    """One quantity a device reports: the park's metric key, with the device's own name and unit."""

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="channels")
    metric = models.CharField(_("metric"), max_length=40, choices=METRIC_CHOICES)
    source_name = models.CharField(
        _("name on the device"),
        max_length=64,
        help_text=_("The name the device uses for this quantity in its messages."),
    )
    unit = models.CharField(_("unit sent by the device"), max_length=16, blank=True)
    range_min = models.FloatField(
        _("sensor range from"),
        null=True,
        blank=True,
        help_text=_(
            "In the park's unit for the metric. Readings outside the sensor's range are kept "
            "but flagged suspect."
        ),
    )
    range_max = models.FloatField(_("sensor range to"), null=True, blank=True)

    class Meta:
        ordering = ["device", "metric"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        constraints = [
            models.UniqueConstraint(fields=["device", "source_name"], name="channel_unique_source_name")
        ]

    def __str__(self):
        return f"{self.device.serial}/{self.metric}"

    def clean(self):
        if self.range_min is not None and self.range_max is not None and self.range_min >= self.range_max:
            raise ValidationError({"range_max": _("The sensor range must end above where it starts.")})
        known = METRICS.get(self.metric)
        if known and self.unit not in known.accepted_units:
            raise ValidationError(
                {
                    "unit": _("“%(unit)s” is not a unit for %(metric)s; use one of: %(units)s.")
                    % {
                        "unit": self.unit,
                        "metric": self.metric,
                        "units": ", ".join(known.accepted_units) or "—",
                    }
                }
            )
