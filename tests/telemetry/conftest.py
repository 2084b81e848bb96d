import shutil
import socket
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from ioc.telemetry.broker import local_broker_config, write_broker_files

MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def broker(tmp_path_factory, django_db_setup, django_db_blocker):
    if not Path(MOSQUITTO).exists():
        pytest.skip("mosquitto is not installed")
    directory = tmp_path_factory.mktemp("mosquitto")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (directory / "data").mkdir()
    (directory / "mosquitto.conf").write_text(local_broker_config(directory, port))
    with django_db_blocker.unblock():
        write_broker_files(directory)
    process = subprocess.Popen(
        [MOSQUITTO, "-c", str(directory / "mosquitto.conf")], stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 10
    while not listening(port):
        assert process.poll() is None and time.monotonic() < deadline, (
            directory / "mosquitto.log"
        ).read_text()
        time.sleep(0.05)
    yield SimpleNamespace(port=port, directory=directory, pid_file=directory / "mosquitto.pid")
    process.terminate()
    process.wait(10)
