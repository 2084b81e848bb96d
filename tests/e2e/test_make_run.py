"""A newcomer's first minutes: a clean copy of the repository, `make run`, the login page.

The copy holds what git would give a fresh clone (tracked and untracked-but-not-ignored files),
with no virtual environment and no database, and runs with no service URLs: embedded mode.
"""

import http.cookiejar
import os
import signal
import sqlite3
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
STARTUP_LIMIT_S = 180
DEMO_PASSWORD = "demo-Đại-An-2026"

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]


def fresh_copy(target: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file():
            destination = target / name.decode()
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(source.read_bytes())
    return target


class Run:
    """`make run` in the background, its output kept in a file."""

    def __init__(self, repo: Path, port: int):
        self.log = repo / f"make-run-{time.monotonic_ns()}.log"
        env = {
            k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "MQTT_URL", "DEBUG")
        }
        env.update(PORT=str(port), IOC_DEMO_PASSWORD=DEMO_PASSWORD, VIRTUAL_ENV="")
        env.pop("DJANGO_SETTINGS_MODULE", None)
        self.process = subprocess.Popen(
            ["make", "run"],
            cwd=repo,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def wait_for_login_page(opener, base: str, run: Run, limit_s: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit_s:
        if run.process.poll() is not None:
            pytest.fail(f"make run stopped early:\n{run.output()[-4000:]}")
        try:
            with opener.open(f"{base}/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except OSError:
            time.sleep(1)
    pytest.fail(f"no login page after {limit_s} s:\n{run.output()[-4000:]}")


def csrf_token(jar) -> str:
    return next(cookie.value for cookie in jar if cookie.name == "csrftoken")


def post(opener, jar, url: str, fields: dict) -> str:
    data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": csrf_token(jar)}).encode()
    request = urllib.request.Request(url, data=data, headers={"Referer": url})
    with opener.open(request, timeout=10) as response:
        return response.read().decode()


def count(database: Path, table: str) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608


def test_a_fresh_copy_runs_with_one_command_in_vietnamese_then_english_and_reuses_everything(tmp_path):
    repo = fresh_copy(tmp_path / "park-ioc")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    first = Run(repo, port)
    try:
        seconds = wait_for_login_page(opener, base, first, STARTUP_LIMIT_S)
        print(f"first `make run`: login page after {seconds:.0f} s")
        with opener.open(f"{base}/accounts/login/") as response:
            assert "Đăng nhập" in response.read().decode()
        english = post(opener, jar, f"{base}/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
        assert "Sign in" in english and "Đăng nhập" not in english.split("<main")[1]
        dashboard = post(
            opener, jar, f"{base}/accounts/login/", {"username": "manager", "password": DEMO_PASSWORD}
        )
        assert "Operations center" in dashboard and "101" in dashboard
        banner = first.output()
        assert "Mode: EMBEDDED" in banner and f"http://127.0.0.1:{port}/" in banner
        assert "manager" in banner and DEMO_PASSWORD in banner
    finally:
        first.stop()

    database = repo / "var" / "park_ioc.sqlite3"
    before = {t: count(database, t) for t in ("park_enterprise", "park_device", "park_user", "park_zone")}
    installed_at = (repo / ".venv" / ".installed").stat().st_mtime

    second = Run(repo, port)
    try:
        seconds = wait_for_login_page(opener, base, second, 60)
        print(f"second `make run`: login page after {seconds:.0f} s")
    finally:
        second.stop()
    assert (repo / ".venv" / ".installed").stat().st_mtime == installed_at, "the second run reinstalled"
    assert {t: count(database, t) for t in before} == before
    assert before["park_enterprise"] == 101
