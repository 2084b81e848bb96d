"""Typed readers for settings that come from the environment.

Each reader refuses a bad value at start-up with a message naming the variable, so a typo in a
deployment fails loudly instead of running with a silent default (the Healthchecks way).
"""

import os
from urllib.parse import urlparse


class SettingError(ValueError):
    """An environment variable holds a value the product cannot use."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingError(f"{name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(f"{name}={raw!r} is not a whole number") from None
    if minimum is not None and value < minimum or maximum is not None and value > maximum:
        raise SettingError(f"{name}={value} is outside the allowed range {minimum}..{maximum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, schemes: tuple[str, ...]) -> str | None:
    """A URL with one of `schemes`, or None when the variable is unset or empty."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    parsed = urlparse(raw)
    if parsed.scheme not in schemes:
        raise SettingError(f"{name} must start with one of {', '.join(s + '://' for s in schemes)}")
    if not parsed.hostname and parsed.scheme not in ("sqlite",):
        raise SettingError(f"{name}={raw!r} names no host")
    return raw
