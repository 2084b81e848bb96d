"""`manage.py run_ioc`: what it starts in each mode and what it tells the newcomer."""

from ioc.management.commands.run_ioc import child_commands, describe_mode


def test_embedded_mode_runs_one_server_with_the_workers_inside(settings, db):
    settings.IOC_MODE, settings.REDIS_URL, settings.MQTT_URL = "embedded", None, None
    assert sorted(child_commands("127.0.0.1", 8123)) == ["web"]
    assert (
        "-p" in child_commands("127.0.0.1", 8123)["web"]
        and "8123" in child_commands("127.0.0.1", 8123)["web"]
    )
    assert describe_mode()[0].startswith("Mode: EMBEDDED")


def test_with_redis_it_also_runs_the_worker_and_beat(settings, db):
    settings.IOC_MODE, settings.REDIS_URL = "services", "redis://127.0.0.1:6379/15"
    settings.MQTT_URL = "mqtt://127.0.0.1:1884"
    commands = child_commands("0.0.0.0", 8000)  # noqa: S104
    assert set(commands) == {"web", "worker", "frames", "beat", "mqtt-bridge", "simulator"}
    assert commands["frames"][3:9] == ["-A", "ioc", "worker", "-Q", "security.frames", "-P"]
    assert commands["worker"][3:6] == ["-A", "ioc", "worker"]
    assert str(settings.VAR_DIR) in commands["beat"][-1]
    mode = "\n".join(describe_mode())
    assert "Mode: SERVICES" in mode and "redis://127.0.0.1:6379/15" in mode
