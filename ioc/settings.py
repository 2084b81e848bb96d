"""Park IOC settings: every value comes from the environment (see ioc/env.py) with a safe default.

Mode: with DATABASE_URL / REDIS_URL unset the product runs embedded (SQLite, in-memory channel
layer, tasks run in-process without a broker); with them set it uses PostgreSQL and Redis.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import plotly

from ioc.env import SettingError, env_bool, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("IOC_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, or one made once for this machine and kept in var/."""
    key = env_str("SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
if len(SECRET_KEY) < 32:
    raise SettingError("SECRET_KEY must be at least 32 characters long")
# Earlier keys, comma-separated, while rotating: sessions and encrypted camera passwords still open.
SECRET_KEY_FALLBACKS = [k.strip() for k in env_str("SECRET_KEY_FALLBACKS", "").split(",") if k.strip()]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

DATABASE_URL = env_url("DATABASE_URL", ("postgres", "postgresql", "sqlite"))
REDIS_URL = env_url("REDIS_URL", ("redis", "rediss"))
MQTT_URL = env_url("MQTT_URL", ("mqtt", "mqtts"))
IOC_MODE = "services" if (DATABASE_URL or REDIS_URL) else "embedded"

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "channels",
    "ioc.apps.IocConfig",
    "ioc.park",
    "ioc.telemetry",
    "ioc.alerts",
    "ioc.submissions",
    "ioc.audit",
    "ioc.evidence",
    "ioc.dashboard",
    "ioc.reports",
    "security",
    "environment",
    "traffic",
    "labour",
    "production",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ioc.middleware.ParkLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ioc.urls"
ASGI_APPLICATION = "ioc.asgi.application"
WSGI_APPLICATION = "ioc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ioc.context_processors.navigation",
            ],
        },
    },
]

if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "park_ioc.sqlite3",
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [REDIS_URL]}}
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_BROKER_URL = "memory://"
    # No broker on a newcomer's machine: tasks run in the caller's process.
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Periodic upkeep (seconds). In embedded mode `run_ioc` runs the same schedule in-process.
CELERY_BEAT_SCHEDULE = {
    "telemetry-partitions-ahead": {"task": "telemetry.partitions_ahead", "schedule": 3600.0},
    "telemetry-retention": {"task": "telemetry.retention", "schedule": 6 * 3600.0},
    "telemetry-offline-sweep": {"task": "telemetry.offline_sweep", "schedule": 60.0},
    "telemetry-prune-rejections": {"task": "telemetry.prune_rejections", "schedule": 3600.0},
    "alerts-escalate-and-remind": {"task": "alerts.escalate_and_remind", "schedule": 60.0},
    "environment-hourly-upkeep": {"task": "environment.hourly_upkeep", "schedule": 300.0},
    "environment-transmit": {"task": "environment.transmit", "schedule": 60.0},
    "traffic-purge-plate-reads": {"task": "traffic.purge_plate_reads", "schedule": 3600.0},
    # Missed patrol rounds: each is judged once its time is up, so a minute late at most.
    "security-patrol-sweep": {"task": "security.patrol_sweep", "schedule": 60.0},
    # Daily; what was sent is recorded, so an extra run (a restart) never sends a reminder twice.
    "submissions-remind": {"task": "submissions.remind", "schedule": 24 * 3600.0},
    # Images are personal data: each goes within the hour after its retention ends (Decree 13/2023).
    "evidence-purge-expired": {"task": "evidence.purge_expired", "schedule": 3600.0},
    # Each second: which cameras are due a frame (each at most once per its grab interval).
    "security-dispatch-frames": {
        "task": "security.dispatch_frames",
        "schedule": 1.0,
        "options": {"expires": 5},
    },
    # Hourly; the archive keeps one scheduled report per period and language, e-mailed once.
    "reports-scheduled": {"task": "reports.scheduled", "schedule": 3600.0},
}
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ACKS_LATE = True

AUTH_USER_MODEL = "park.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "ioc.park.permissions.RolePermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Our catalogue first; locale_extra/ carries Vietnamese for the libraries' messages that lack it
# (Django REST framework's field errors, django-filter), kept by hand.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_extra"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Plotly's JS comes with the plotly package itself: served from there, never from a CDN.
STATICFILES_DIRS = [BASE_DIR / "static", ("plotly", Path(plotly.__file__).parent / "package_data")]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start without it
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ioc.api.permissions.ParkRolePermission"],
    # JSON bodies only; the upload view takes multipart itself. A malformed multipart body is refused by
    # the server (Twisted, under daphne) with a bare 400 before any view, so no other route invites one.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "ioc.api.pagination.ParkPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ioc.api.exceptions.park_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "ioc.api.throttling.ReadRateThrottle",
        "ioc.api.throttling.WriteRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"auth": env_str("AUTH_THROTTLE_RATE", "30/min")},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Requests per API token (per user for a browser session), reads and writes counted apart:
# "<count>/<sec|min|hour|day>".
API_RATE_READ = env_str("API_RATE_READ", "1200/min")
API_RATE_WRITE = env_str("API_RATE_WRITE", "300/min")
for _name, _rate in (("API_RATE_READ", API_RATE_READ), ("API_RATE_WRITE", API_RATE_WRITE)):
    _count, _, _period = _rate.partition("/")
    if not (_count.isdigit() and _period[:1] in ("s", "m", "h", "d")):
        raise SettingError(f"{_name} must look like 1000/min (a count, then sec, min, hour or day)")
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 365, minimum=0)
REST_KNOX = {
    # 0 means tokens never expire (an enterprise's integration); they stay revocable.
    "TOKEN_TTL": timedelta(days=API_TOKEN_TTL_DAYS) if API_TOKEN_TTL_DAYS else None,
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Park IOC API",
    "DESCRIPTION": "Operations center of the Đại An industrial park (Tứ Minh ward, Hải Phòng).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ioc.api.schema.document_errors",
    ],
    # One name per choice list, whichever fields use it.
    "ENUM_NAME_OVERRIDES": {
        "SeverityEnum": "ioc.alerts.choices.Severity",
        "AlertDomainEnum": "ioc.alerts.choices.Domain",
        "RuleKindEnum": "ioc.alerts.choices.RuleKind",
        "EventKindEnum": "ioc.alerts.choices.EventKind",
        "AlarmStateEnum": "ioc.alerts.choices.AlarmState",
        "IncidentStatusEnum": "ioc.alerts.choices.IncidentStatus",
        "DeviceKindEnum": "ioc.park.choices.DeviceKind",
        "DeviceStatusEnum": "ioc.park.choices.DeviceStatus",
        "ZoneKindEnum": "ioc.park.choices.ZoneKind",
        "EnterpriseStatusEnum": "ioc.park.choices.EnterpriseStatus",
        # A plate read's direction and the one a gate's readers report for "entering": in or out.
        "DirectionEnum": "traffic.choices.Direction",
        "ReportPeriodKindEnum": "ioc.reports.choices.PeriodKind",
        "ReportScopeKindEnum": "ioc.reports.choices.ScopeKind",
        "ReportStatusEnum": "ioc.reports.choices.ReportStatus",
        "ReportLanguageEnum": "ioc.reports.choices.Language",
    },
}

# Production hardening; `manage.py check --deploy` is clean with DEBUG off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    # Only behind a proxy that sets this header itself; otherwise a client could forge it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Telemetry retention per tier, in days (0 = keep for ever); enforced by dropping partitions.
TELEMETRY_RAW_RETENTION_DAYS = env_int("TELEMETRY_RAW_RETENTION_DAYS", 90, minimum=1)
TELEMETRY_5M_RETENTION_DAYS = env_int("TELEMETRY_5M_RETENTION_DAYS", 730, minimum=1)
TELEMETRY_HOURLY_RETENTION_DAYS = env_int("TELEMETRY_HOURLY_RETENTION_DAYS", 0, minimum=0)
TELEMETRY_DAILY_RETENTION_DAYS = env_int("TELEMETRY_DAILY_RETENTION_DAYS", 0, minimum=0)
TELEMETRY_MAX_READINGS_PER_REQUEST = env_int("TELEMETRY_MAX_READINGS_PER_REQUEST", 10_000, minimum=1)
# 10,000 readings of several values each can pass Django's default 2.5 MB body limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 16 * 1024 * 1024, minimum=1024)
# Bulk upload of enterprise reports (XLSX/CSV): larger files are refused whole, to split.
SUBMISSION_UPLOAD_MAX_ROWS = env_int("SUBMISSION_UPLOAD_MAX_ROWS", 20_000, minimum=1)
SUBMISSION_UPLOAD_MAX_BYTES = env_int("SUBMISSION_UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)

# Automatic monitoring data to the Department (Circular 10/2021/TT-BTNMT): where files go
# (ftp://user:password@host:21/folder or sftp://…; unset = not sent, files still made), how often,
# and how failed sends are retried. The password comes only from here, never from the database.
# The minimum-wage region of the park's locality (Decree 293/2025/NĐ-CP annex): Đại An is region I.
PARK_WAGE_REGION = env_str("PARK_WAGE_REGION", "I")
if PARK_WAGE_REGION not in ("I", "II", "III", "IV"):
    raise SettingError("PARK_WAGE_REGION must be I, II, III or IV")
# Enterprise reports: reminders go this many days before a report's deadline (and once the day after
# it, if still missing); the late/missing lists call a report "due soon" within the same days.
SUBMISSION_REMINDER_DAYS = env_int("SUBMISSION_REMINDER_DAYS", 3, minimum=0, maximum=60)
ENV_TRANSMISSION_URL = env_url("ENV_TRANSMISSION_URL", ("ftp", "sftp"))
ENV_TRANSMISSION_PERIOD_MINUTES = env_int("ENV_TRANSMISSION_PERIOD_MINUTES", 5, minimum=5, maximum=60)
if 60 % ENV_TRANSMISSION_PERIOD_MINUTES or ENV_TRANSMISSION_PERIOD_MINUTES % 5:
    raise SettingError(
        "ENV_TRANSMISSION_PERIOD_MINUTES must be 5, 10, 15, 20, 30 or 60 (whole 5-minute rollups)"
    )
ENV_TRANSMISSION_PROVINCE = env_str("ENV_TRANSMISSION_PROVINCE", "HP")
if not ENV_TRANSMISSION_PROVINCE.isalnum():
    raise SettingError(
        "ENV_TRANSMISSION_PROVINCE must be letters and digits only (it starts every file name)"
    )
ENV_TRANSMISSION_DELAY_SECONDS = env_int("ENV_TRANSMISSION_DELAY_SECONDS", 60, minimum=0, maximum=3600)
ENV_TRANSMISSION_RETRY_BASE_SECONDS = env_int("ENV_TRANSMISSION_RETRY_BASE_SECONDS", 60, minimum=1)
ENV_TRANSMISSION_RETRY_MAX_SECONDS = env_int("ENV_TRANSMISSION_RETRY_MAX_SECONDS", 900, minimum=1)
ENV_TRANSMISSION_TIMEOUT_SECONDS = env_int("ENV_TRANSMISSION_TIMEOUT_SECONDS", 20, minimum=1)
ENV_TRANSMISSION_ALARM_AFTER_FAILURES = env_int("ENV_TRANSMISSION_ALARM_AFTER_FAILURES", 3, minimum=1)
# SFTP only: a known_hosts file holding the Department server's key (unset: the system's files).
ENV_TRANSMISSION_KNOWN_HOSTS = env_str("ENV_TRANSMISSION_KNOWN_HOSTS", "")

# Camera passwords and other credentials are stored encrypted with keys derived from SECRET_KEY (and
# SECRET_KEY_FALLBACKS) and these salts; the first salt encrypts, all decrypt (comma-separated).
SALT_KEY = [s.strip() for s in env_str("FIELD_ENCRYPTION_SALTS", "park-ioc-fields").split(",") if s.strip()]

# Camera and plate-reader images are personal data (Decree 13/2023/NĐ-CP): deleted this many days
# after they were taken; larger images are refused.
IMAGE_RETENTION_DAYS = env_int("IMAGE_RETENTION_DAYS", 30, minimum=1, maximum=3650)
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 4 * 1024 * 1024, minimum=10_000)
# Plate reads (Decree 13/2023/NĐ-CP: a plate is personal data) are deleted this many days after the
# read; the gates' hourly counts stay.
PLATE_READ_RETENTION_DAYS = env_int("PLATE_READ_RETENTION_DAYS", 30, minimum=1, maximum=3650)
# Device events (camera intrusions, plate reads…): older ones are refused as late, like telemetry.
EVENT_MAX_AGE_DAYS = env_int("EVENT_MAX_AGE_DAYS", 7, minimum=1)
EVENT_MAX_PER_REQUEST = env_int("EVENT_MAX_PER_REQUEST", 1000, minimum=1)
# Device events themselves (heartbeats, counts, intrusions) are deleted after this many days; plate
# reads go earlier (PLATE_READ_RETENTION_DAYS), and counts live on in the apps' aggregates.
EVENT_RETENTION_DAYS = env_int("EVENT_RETENTION_DAYS", 90, minimum=EVENT_MAX_AGE_DAYS + 1)

# Camera frames grabbed by the workers (security/frame_jobs.py): a grab gives up after this many seconds,
# snapshots are kept (and the previous one deleted) at most this often per camera, and one intrusion
# event per camera per this many seconds at most while movement goes on (the alarm counts repeats).
SECURITY_GRAB_TIMEOUT_SECONDS = env_int("SECURITY_GRAB_TIMEOUT_SECONDS", 4, minimum=1, maximum=60)
SECURITY_SNAPSHOT_EVERY_SECONDS = env_int("SECURITY_SNAPSHOT_EVERY_SECONDS", 60, minimum=1, maximum=86400)
SECURITY_INTRUSION_EVERY_SECONDS = env_int("SECURITY_INTRUSION_EVERY_SECONDS", 60, minimum=1, maximum=86400)
# Cameras on the park's network often present self-signed certificates; turn off only for those.
SECURITY_CAMERA_VERIFY_TLS = env_bool("SECURITY_CAMERA_VERIFY_TLS", True)
# Where the demo cameras fetch their synthetic snapshots (the IOC itself, security/demo_urls.py).
SECURITY_DEMO_SNAPSHOT_BASE_URL = env_str(
    "SECURITY_DEMO_SNAPSHOT_BASE_URL", f"http://127.0.0.1:{env_str('PORT', '8000')}"
)

# Mosquitto's password/ACL files, rewritten from the registry when a device's credentials or status
# change, if this directory exists (`make mqtt`, or a volume shared with the broker's container).
MQTT_AUTH_DIR = Path(env_str("MQTT_AUTH_DIR", str(VAR_DIR / "mosquitto")))
MQTT_PID_FILE = Path(env_str("MQTT_PID_FILE", str(MQTT_AUTH_DIR / "mosquitto.pid")))

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ioc@daian.example")
# SMTP for alarms and report reminders when EMAIL_BACKEND is django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Park reports (ioc.reports): the longest period one report covers; the scheduled monthly and
# quarterly reports are made from this local hour of the 1st (late readings of the period's last hour
# are judged first), or on the following days if the worker was down; links in their e-mails start
# with SITE_URL.
REPORT_MAX_DAYS = env_int("REPORT_MAX_DAYS", 366, minimum=1, maximum=3660)
REPORT_SCHEDULE_HOUR = env_int("REPORT_SCHEDULE_HOUR", 6, minimum=0, maximum=23)
REPORT_SCHEDULE_CATCH_UP_DAYS = env_int("REPORT_SCHEDULE_CATCH_UP_DAYS", 3, minimum=0, maximum=27)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per task run drowns the log when tasks run in-process (embedded mode, backfills).
    "loggers": {
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
        # The PDF of a report: WeasyPrint's steps and fontTools' font subsetting log a line per glyph table.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 default, taken now
