"""docker-compose.yml cannot run here: keep it honest by parsing it (docker compose when present)."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
EXPECTED = {"web", "worker", "frames", "beat", "mqtt-bridge", "postgres", "redis", "mosquitto"}


def compose_document() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_it_names_every_service_of_the_production_stack():
    assert set(compose_document()["services"]) == EXPECTED


def test_the_app_services_share_one_image_and_talk_to_the_real_services():
    services = compose_document()["services"]
    for name in ("web", "worker", "frames", "beat", "mqtt-bridge"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://redis:")
        assert environment["MQTT_URL"].startswith("mqtt://mosquitto:")
        assert services[name]["build"] == "."


def test_the_commands_name_processes_that_exist():
    services = compose_document()["services"]
    assert "ioc.asgi:application" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A ioc worker")
    assert services["beat"]["command"].startswith("celery -A ioc beat")
    assert services["frames"]["command"].startswith("celery -A ioc worker -Q security.frames -P threads")


def test_every_file_it_mounts_is_in_the_repository():
    for service in compose_document()["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), source


def test_docker_compose_config_accepts_it_when_docker_is_installed(tmp_path):
    docker = shutil.which("docker")
    if not docker or subprocess.run([docker, "compose", "version"], capture_output=True).returncode:
        pytest.skip("no docker compose here; the PyYAML checks above stand in for it")
    env = {"SECRET_KEY": "x" * 50, "POSTGRES_PASSWORD": "compose-check", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [docker, "compose", "-f", str(COMPOSE), "config", "--quiet"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
