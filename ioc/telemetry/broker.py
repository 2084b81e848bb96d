"""Mosquitto's password and ACL files, rebuilt from the device registry, and the broker's config.

The registry keeps only hashes of device tokens, already in Mosquitto's `$7$` format, so the files
can be rewritten at any time. Service accounts need no stored secret: their password is derived from
SECRET_KEY, so every process of the product computes the same one.
"""

import base64
import contextlib
import fcntl
import hashlib
import hmac
import logging
import os
import pwd
import signal
import tempfile
from dataclasses import dataclass
from pathlib import Path
from string import Template

from django.conf import settings

from ioc.env import env_str
from ioc.park.choices import DeviceStatus
from ioc.park.models import Device
from ioc.park.models.devices import mosquitto_password_hash

logger = logging.getLogger(__name__)

TOPIC_ROOT = "ioc/v1/devices"
BRIDGE = "ioc-bridge"
SIMULATOR = "ioc-simulator"
# What each service account may do beyond the device patterns (which apply to every user).
SERVICE_ACCOUNTS = {
    BRIDGE: [
        f"topic read {TOPIC_ROOT}/+/telemetry",
        f"topic read {TOPIC_ROOT}/+/events",
        "topic read $SYS/broker/log/#",
    ],
    SIMULATOR: [f"topic write {TOPIC_ROOT}/+/telemetry", f"topic write {TOPIC_ROOT}/+/events"],
}
LIVE_STATUSES = (DeviceStatus.ACTIVE, DeviceStatus.MAINTENANCE)
# ':' ends the username in the password file; '/', '+' and '#' would let %u in an ACL pattern
# reach other devices' topics (Mosquitto denies + and # itself, not /); whitespace breaks the line.
_UNSAFE = frozenset(":/+#") | {chr(c) for c in range(33)} | {"\x7f"}
TEMPLATE = Path(__file__).resolve().parents[2] / "mosquitto" / "ioc.conf.template"


def service_password(username: str) -> str:
    mac = hmac.new(settings.SECRET_KEY.encode(), f"mqtt-service:{username}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()).decode().rstrip("=")


def verify_mosquitto_hash(password: str, encoded: str) -> bool:
    """Whether `encoded` (a `$7$` password-file hash) was made from `password`."""
    try:
        _empty, kind, rounds, salt, digest = encoded.split("$")
        if kind != "7":
            return False
        computed = hashlib.pbkdf2_hmac("sha512", password.encode(), base64.b64decode(salt), int(rounds))
    except ValueError:
        return False
    return hmac.compare_digest(base64.b64encode(computed).decode(), digest)


def _usable_serial(serial: str) -> bool:
    return bool(serial) and not (_UNSAFE & set(serial)) and serial not in SERVICE_ACCOUNTS


def render_password_file(previous: dict[str, str] | None = None) -> str:
    """The password file's text. `previous` maps usernames to hashes in the current file: a service
    account keeps its hash while it still verifies, so an unchanged registry gives identical text."""
    previous = previous or {}
    lines = ["# Written by Park IOC from the device registry (manage.py mqtt_auth_files); edits are lost."]
    for name in SERVICE_ACCOUNTS:
        kept, password = previous.get(name, ""), service_password(name)
        if not verify_mosquitto_hash(password, kept):
            kept = mosquitto_password_hash(password)
        lines.append(f"{name}:{kept}")
    devices = (
        Device.objects.filter(status__in=LIVE_STATUSES)
        .exclude(mqtt_password_hash="")
        .order_by("serial")
        .values_list("serial", "mqtt_password_hash")
    )
    for serial, password_hash in devices:
        if _usable_serial(serial):
            lines.append(f"{serial}:{password_hash}")
        else:
            logger.error("Device serial %r cannot be an MQTT username; the device cannot connect.", serial)
    return "\n".join(lines) + "\n"


def render_acl_file() -> str:
    lines = [
        "# Written by Park IOC (manage.py mqtt_auth_files); edits are lost.",
        "# Patterns apply to every user: a device writes only under its own serial and reads nothing.",
        f"pattern write {TOPIC_ROOT}/%u/telemetry",
        f"pattern write {TOPIC_ROOT}/%u/events",
    ]
    for name, rules in SERVICE_ACCOUNTS.items():
        lines += ["", f"user {name}", *rules]
    return "\n".join(lines) + "\n"


def _read_password_file(path: Path) -> dict[str, str]:
    try:
        text = path.read_text()
    except FileNotFoundError:
        return {}
    pairs = (line.split(":", 1) for line in text.splitlines() if ":" in line and not line.startswith("#"))
    return dict(pairs)


def _replace(path: Path, text: str, mode: int) -> bool:
    """Write `text` to `path` by rename, so the broker never reads half a file; False if unchanged."""
    with contextlib.suppress(FileNotFoundError):
        if path.read_text() == text:
            return False
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True


def write_broker_files(directory: Path | str) -> bool:
    """Rewrite `passwd` and `acl` in `directory`; True when either changed (the broker needs a reload).

    The lock makes concurrent writers (web, worker, admin) take turns, and the registry is read
    inside it, so the last file written reflects every change committed before it.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        passwd = directory / "passwd"
        text = render_password_file(_read_password_file(passwd))
        changed = _replace(passwd, text, 0o600)
        changed = _replace(directory / "acl", render_acl_file(), 0o644) or changed
    return changed


def reload_broker(pid_file: Path | str) -> bool:
    """SIGHUP the Mosquitto named in `pid_file`; False when there is none running (not an error)."""
    try:
        pid = int(Path(pid_file).read_text().strip())
        # A stale pid file may name a process that is no longer Mosquitto.
        if Path(f"/proc/{pid}/comm").read_text().strip() != "mosquitto":
            return False
        os.kill(pid, signal.SIGHUP)
    except (OSError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class BrokerSettings:
    auth_dir: Path
    pid_file: Path


def broker_settings() -> BrokerSettings:
    """Where this host's broker files live (MQTT_AUTH_DIR) and its pid file (MQTT_PID_FILE)."""
    auth_dir = getattr(settings, "MQTT_AUTH_DIR", None) or env_str("MQTT_AUTH_DIR")
    auth_dir = Path(auth_dir) if auth_dir else Path(settings.VAR_DIR) / "mosquitto"
    pid_file = getattr(settings, "MQTT_PID_FILE", None) or env_str("MQTT_PID_FILE")
    return BrokerSettings(auth_dir, Path(pid_file) if pid_file else auth_dir / "mosquitto.pid")


def render_broker_config(
    *, listener: str, auth_dir: str, data_dir: str, pid_file: str, log_dest: str, user: str
) -> str:
    values = {"listener": listener, "auth_dir": auth_dir, "data_dir": data_dir}
    values |= {"pid_file": pid_file, "log_dest": log_dest, "user": user}
    return Template(TEMPLATE.read_text()).substitute(values)


def local_broker_config(directory: Path | str, port: int) -> str:
    """A broker for this host: loopback only, everything under `directory`, run as the caller.

    `user` only matters when started as root, where Mosquitto would otherwise switch to the
    `mosquitto` user and then fail to read the 0600 password file on reload.
    """
    directory = Path(directory).resolve()
    return render_broker_config(
        listener=f"{port} 127.0.0.1",
        auth_dir=str(directory),
        data_dir=str(directory / "data"),
        pid_file=str(directory / "mosquitto.pid"),
        log_dest=f"file {directory / 'mosquitto.log'}",
        user=pwd.getpwuid(os.geteuid()).pw_name,
    )


def compose_broker_config() -> str:
    """mosquitto/mosquitto.conf: all interfaces inside the container, files where run.sh copies them."""
    return render_broker_config(
        listener="1883",
        auth_dir="/mosquitto/private",
        data_dir="/mosquitto/data",
        pid_file="/mosquitto/data/mosquitto.pid",
        log_dest="stdout",
        user="mosquitto",
    )
