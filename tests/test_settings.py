"""Settings come from the environment; bad values stop start-up with a message naming the variable."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ioc.env import SettingError, env_bool, env_int, env_list, env_url

ROOT = Path(__file__).resolve().parent.parent
SERVICE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "MQTT_URL", "DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")


def run_python(code: str, tmp_path, **env) -> subprocess.CompletedProcess:
    base = {
        k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES and k != "DJANGO_SETTINGS_MODULE"
    }
    base.update(DJANGO_SETTINGS_MODULE="ioc.settings", IOC_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("0", False)])
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert env_bool("X_FLAG", default=not expected) is expected


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(SettingError, match="X_FLAG"):
        env_bool("X_FLAG", default=False)


def test_env_int_refuses_words_and_out_of_range(monkeypatch):
    monkeypatch.setenv("X_PORT", "eighty")
    with pytest.raises(SettingError, match="X_PORT"):
        env_int("X_PORT", 1)
    monkeypatch.setenv("X_PORT", "70000")
    with pytest.raises(SettingError, match="outside"):
        env_int("X_PORT", 1, minimum=1, maximum=65535)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("X_HOSTS", " a.vn, b.vn ,,")
    assert env_list("X_HOSTS", []) == ["a.vn", "b.vn"]


def test_env_url_refuses_a_wrong_scheme(monkeypatch):
    monkeypatch.setenv("X_URL", "mysql://db/ioc")
    with pytest.raises(SettingError, match="postgres://"):
        env_url("X_URL", ("postgres",))


def test_a_bad_database_url_stops_start_up_with_a_clear_message(tmp_path):
    result = run_python("import django; django.setup()", tmp_path, DATABASE_URL="mysql://x/y")
    assert result.returncode != 0
    assert "DATABASE_URL must start with one of postgres://" in result.stderr


MODE_PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.IOC_MODE, s.DATABASES['default']['ENGINE'], "
    "s.CHANNEL_LAYERS['default']['BACKEND'], s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND']]))"
)


def test_without_service_urls_it_runs_embedded(tmp_path):
    result = run_python(MODE_PROBE, tmp_path)
    mode, engine, layer, eager, cache = json.loads(result.stdout)
    assert mode == "embedded" and engine.endswith("sqlite3") and layer.endswith("InMemoryChannelLayer")
    assert eager is True and cache.endswith("LocMemCache")


def test_with_service_urls_it_uses_postgres_and_redis(tmp_path):
    env = {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/park_ioc",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
    }
    mode, engine, layer, eager, cache = json.loads(run_python(MODE_PROBE, tmp_path, **env).stdout)
    assert mode == "services" and engine.endswith("postgresql") and layer.endswith("RedisChannelLayer")
    assert eager is False and cache.endswith("RedisCache")


def test_check_deploy_is_clean_with_debug_off(tmp_path):
    env = {"DEBUG": "0", "SECRET_KEY": "k" * 20 + "-production-like-secret-" + "q" * 20}
    code = (
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    result = run_python(code, tmp_path, **env)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_a_short_secret_key_is_refused(tmp_path):
    result = run_python("import django; django.setup()", tmp_path, SECRET_KEY="short")
    assert result.returncode != 0 and "SECRET_KEY must be at least 32" in result.stderr
