"""Fixtures of the environment tests: an outfall, an air station, a real FTP server to transmit to."""

import logging
import threading
import time
from pathlib import Path

import pytest
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

from environment.models import Standard, Station, StationKind, StationRole
from ioc.park.choices import DeviceKind
from ioc.park.models import Channel, Device
from tests.conftest import free_port, listening, point


@pytest.fixture
def outfall(small_park):
    """The central plant's outfall to the Kim Sơn: QCVN 40:2011 column B, Kq 0.9, Kf 1.0."""
    device = Device.objects.create(
        serial="DA-WW-OUT", name="Outfall", kind=DeviceKind.WASTEWATER_STATION, zone=small_park["zone"],
        location=point(106.28, 20.93),
    )  # fmt: skip
    for metric, name, unit in (("cod", "COD", "mg/L"), ("ph", "pH", ""), ("flow", "Flow", "m³/h")):
        Channel.objects.create(device=device, metric=metric, source_name=name, unit=unit)
    device.token = device.issue_token()
    device.save()
    return Station.objects.create(
        code="DA-WW-OUT", name_vi="Cửa xả nhà máy XLNT tập trung", kind="wastewater", role="plant_outfall",
        device=device, standard=Standard.objects.get(code="QCVN 40:2011/BTNMT"), column="B", kq=0.9, kf=1.0,
        coefficient_basis="Kim Sơn river, Q ≤ 50 m³/s; 4,000 m³/day",
    )  # fmt: skip


@pytest.fixture
def air_station(station):
    """The `station` fixture's air device (PM2.5, NO2, SO2) as a QCVN 05:2023 station."""
    found = Station.objects.create(
        code="DA-AIR-01", name_vi="Trạm không khí 1", kind="air", role="ambient", device=station,
        standard=Standard.objects.get(code="QCVN 05:2023/BTNMT"), column="-",
    )  # fmt: skip
    found.device.token = station.token
    return found


@pytest.fixture
def post_readings(django_capture_on_commit_callbacks):
    """POST a batch through the device ingest API, running what waits for the commit (AQI, verdicts)."""
    from rest_framework.test import APIClient

    def post(token, body):
        with django_capture_on_commit_callbacks(execute=True):
            response = APIClient().post(f"/api/v1/devices/{token}/telemetry", body, format="json")
        assert response.status_code == 202, response.content
        return response.json()

    return post


FTP_USER, FTP_PASSWORD = "so-tnmt", "p@ss:w0rd"  # characters a URL must escape


class FtpServer:
    """pyftpdlib in a thread; `stop()` really closes the listening socket, so connections are refused."""

    def __init__(self, root: Path):
        self.root, self.port = root, free_port()
        self.renamed: list[str] = []  # final names, in the order they appeared on the server
        self._thread = None

    @property
    def url(self) -> str:
        return f"ftp://{FTP_USER}:p%40ss%3Aw0rd@127.0.0.1:{self.port}/inbox"

    def start(self) -> None:
        authorizer = DummyAuthorizer()
        authorizer.add_user(FTP_USER, FTP_PASSWORD, str(self.root), perm="elradfmwM")
        log = self.renamed

        class Handler(FTPHandler):
            def ftp_RNTO(self, path):
                result = super().ftp_RNTO(path)
                log.append(Path(path).name)
                return result

        Handler.authorizer = authorizer
        server = FTPServer(("127.0.0.1", self.port), Handler)
        self._stop = threading.Event()

        def serve():
            while not self._stop.is_set():
                server.serve_forever(timeout=0.02, blocking=False, handle_exit=False)
            server.close_all()

        self._thread = threading.Thread(target=serve, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 5
        while not listening(self.port):
            assert time.monotonic() < deadline, "the FTP server did not start"
            time.sleep(0.02)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        assert not listening(self.port)

    def files(self) -> list[Path]:
        return sorted(p for p in (self.root / "inbox").iterdir() if p.is_file())


@pytest.fixture
def ftp_server(tmp_path):
    logging.getLogger("pyftpdlib").setLevel(logging.WARNING)
    (tmp_path / "inbox").mkdir()
    server = FtpServer(tmp_path)
    server.start()
    yield server
    if not server._stop.is_set():
        server.stop()


@pytest.fixture
def transmitting_station(station):
    """conftest's air station (PM2.5, NO2 in ppb, SO2) as a Circular 10 station of the park."""
    return Station.objects.create(
        code="KK01", name_vi="Trạm không khí cổng chính", kind=StationKind.AIR, role=StationRole.AMBIENT,
        device=station, standard=Standard.objects.get(code="QCVN 05:2023/BTNMT"), column="-",
        facility_code="KCNDAIAN", transmits=True,
    )  # fmt: skip
