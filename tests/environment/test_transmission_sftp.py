"""The same files over SFTP (paramiko) to an in-process server that goes away and comes back."""

import time
from datetime import timedelta

from environment.models import Transmission, TransmissionState
from environment.transmission import transmissions_produce, transmissions_send
from tests.conftest import free_port
from tests.environment.sftp_server import SftpServer
from tests.environment.test_transmission_ftp import (
    DELAY,
    PERIOD,
    expected_file,
    put_two_hours_of_readings,
    start_of_run,
)


def test_files_go_over_sftp_in_order_after_the_server_comes_back(transmitting_station, settings, tmp_path):
    (tmp_path / "inbox").mkdir()
    server = SftpServer(tmp_path, free_port(), "so-tnmt", "mật khẩu")
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(server.known_hosts_line())
    settings.ENV_TRANSMISSION_URL = f"sftp://so-tnmt:m%E1%BA%ADt%20kh%E1%BA%A9u@127.0.0.1:{server.port}/inbox"
    settings.ENV_TRANSMISSION_KNOWN_HOSTS = str(known_hosts)
    settings.ENV_TRANSMISSION_TIMEOUT_SECONDS = 5
    t0 = start_of_run()
    put_two_hours_of_readings(transmitting_station.device, t0)
    server.start()
    try:
        assert transmissions_send(now=_produce(t0, 1))["sent"] == 1
        server.stop()
        time.sleep(0.1)
        assert transmissions_send(now=_produce(t0, 2))["failed"] == 1
        server.start()
        assert transmissions_send(now=_produce(t0, 3) + timedelta(minutes=1))["sent"] == 2
    finally:
        server.stop()
    files = sorted((tmp_path / "inbox").iterdir())
    assert [(p.name, p.read_bytes()) for p in files] == [expected_file(t0, n) for n in range(3)]
    assert set(Transmission.objects.values_list("state", flat=True)) == {TransmissionState.SENT}


def _produce(t0, periods):
    now = t0 + periods * PERIOD + DELAY
    transmissions_produce(now=now)
    return now
