"""A real FTP server (pyftpdlib) the test can stop and start again, and a station that transmits."""

import logging
import threading
import time
from pathlib import Path

import pytest
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

from environment.models import Standard, Station, StationKind, StationRole
from tests.conftest import free_port, listening

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
