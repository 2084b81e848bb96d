"""Start the IOC: the ASGI server (pages, API, websockets) and, with Redis, the Celery processes.

`make run` calls this after installing, migrating and loading the demo park. It says which mode
it runs in and how to sign in, then supervises its child processes until one stops or Ctrl-C.
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from ioc.park.choices import Role
from ioc.park.demo.users import demo_password
from ioc.park.models import User


def describe_mode() -> list[str]:
    database = connection.settings_dict
    if settings.IOC_MODE == "embedded":
        return [
            "Mode: EMBEDDED — SQLite at " + str(database["NAME"]),
            "      in-memory channel layer, tasks run in-process (no broker), no MQTT bridge.",
            "      Set DATABASE_URL, REDIS_URL and MQTT_URL to use the real services.",
        ]
    lines = [
        f"Mode: SERVICES — database {database['ENGINE'].rsplit('.', 1)[-1]} "
        f"at {database.get('HOST') or 'local socket'}/{database['NAME']}",
    ]
    lines.append(
        f"      Redis at {settings.REDIS_URL} (Celery broker, channel layer, cache)"
        if settings.REDIS_URL
        else "      no REDIS_URL: in-memory channel layer, tasks run in-process"
    )
    lines.append(
        f"      MQTT at {settings.MQTT_URL}" if settings.MQTT_URL else "      no MQTT_URL: no MQTT bridge"
    )
    return lines


FRAMES_WORKER = [
    sys.executable, "-m", "celery", "-A", "ioc", "worker", "-Q", "security.frames", "-P", "threads", "-c", "16",
    "-n", "frames@%h",
]  # fmt: skip


def child_commands(host: str, port: int) -> dict[str, list[str]]:
    python = sys.executable
    commands = {"web": [python, "-m", "daphne", "-b", host, "-p", str(port), "ioc.asgi:application"]}
    manage = [python, str(settings.BASE_DIR / "manage.py")]
    if settings.MQTT_URL:
        commands["mqtt-bridge"] = [*manage, "mqtt_bridge"]
    if settings.REDIS_URL:
        # Services mode: the simulator may run apart, Redis carries its events to the pages.
        if os.environ.get("IOC_SIMULATE", "1") == "1":
            commands["simulator"] = [*manage, "simulate"]
        commands["worker"] = [python, "-m", "celery", "-A", "ioc", "worker", "--loglevel", "INFO"]
        # Camera frames: one process holds every camera's analysis state; its threads wait on slow
        # cameras while OpenCV (which releases the GIL) keeps both cores busy (see security/analysis.py).
        commands["frames"] = [*FRAMES_WORKER, "--loglevel", "INFO"]
        schedule = str(settings.VAR_DIR / "celerybeat-schedule")
        commands["beat"] = [
            python,
            "-m",
            "celery",
            "-A",
            "ioc",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            schedule,
        ]
    return commands


class Command(BaseCommand):
    help = "Run the IOC (web and websockets; worker and beat when REDIS_URL is set)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))

    def handle(self, *args, host, port, **options):
        self.print_banner(host, port)
        # Embedded mode: periodic tasks and the simulator run inside the web process (ioc/embedded.py).
        env = {**os.environ, "IOC_IN_PROCESS": "0" if settings.REDIS_URL else "1"}
        children = {name: subprocess.Popen(cmd, env=env) for name, cmd in child_commands(host, port).items()}
        stop = {"requested": False}

        def request_stop(signum, frame):
            stop["requested"] = True

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        try:
            while not stop["requested"]:
                ended = [name for name, child in children.items() if child.poll() is not None]
                if ended:
                    self.stderr.write(f"{', '.join(ended)} stopped; stopping the rest.")
                    break
                time.sleep(0.5)
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.terminate()
            for child in children.values():
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()

    def print_banner(self, host: str, port: int) -> None:
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
        lines = ["", "Park IOC — Đại An industrial park", *describe_mode(), ""]
        lines.append(f"Open http://{shown_host}:{port}/  (API docs: http://{shown_host}:{port}/api/docs/)")
        lines.extend(self.demo_logins())
        self.stdout.write("\n".join(lines) + "\n")
        self.stdout.flush()

    def demo_logins(self) -> list[str]:
        users = User.objects.filter(username__in=["admin", "manager", "operator", "official"]).order_by("id")
        if not users:
            return ["No demo users: run `manage.py seed_park` to load the demo park."]
        sample = User.objects.filter(role=Role.ENTERPRISE).order_by("username").first()
        password = demo_password()
        lines = ["Demo logins (password for all: " + password + "):"]
        lines += [f"  {u.username:<10} {u.get_role_display()}" for u in users]
        if sample:
            lines.append(f"  {sample.username}  enterprise user (one per enterprise: ent-<tax code>)")
        return lines
