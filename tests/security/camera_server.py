"""A real local HTTP server playing snapshot cameras, for the frame-worker tests.

Each path is one camera: it serves the next JPEG of its clip on every GET, or misbehaves as told
(hangs, trickles, sends HTML, refuses credentials), and asks for basic or digest authentication.
"""

import hashlib
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class FakeCamera:
    frames: list[bytes]
    mode: str = "ok"  # ok | hang | trickle | html | empty
    auth: str = ""  # "" | basic | digest
    username: str = "admin"
    password: str = "Cam3ra!pass"
    delay: float = 0.0
    served: int = 0
    requests: list[float] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)

    def next_frame(self) -> bytes:
        frame = self.frames[min(self.served, len(self.frames) - 1)]
        self.served += 1
        return frame


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()  # noqa: S324 (RFC 2617 digest is MD5)


class CameraServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.cameras: dict[str, FakeCamera] = {}
        self.release = threading.Event()  # hanging cameras answer nothing until this is set
        self.nonce = secrets.token_hex(8)

    def url(self, name: str, extension: str = "jpg") -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{name}.{extension}"

    def start(self) -> "CameraServer":
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: CameraServer

    def log_message(self, *args):
        pass

    def _authorised(self, camera: FakeCamera) -> bool:
        header = self.headers.get("Authorization", "")
        camera.authorizations.append(header.split(" ", 1)[0])
        if camera.auth == "basic":
            import base64

            expected = base64.b64encode(f"{camera.username}:{camera.password}".encode()).decode()
            return header == f"Basic {expected}"
        fields = dict(re.findall(r'(\w+)="?([^",]+)"?', header)) if header.startswith("Digest ") else {}
        if fields.get("username") != camera.username or fields.get("nonce") != self.server.nonce:
            return False
        ha1 = _md5(f"{camera.username}:park-cam:{camera.password}")
        ha2 = _md5(f"GET:{fields.get('uri')}")
        expected = _md5(
            f"{ha1}:{fields['nonce']}:{fields.get('nc')}:{fields.get('cnonce')}:{fields.get('qop')}:{ha2}"
        )
        return fields.get("response") == expected

    def _challenge(self, camera: FakeCamera) -> None:
        self.send_response(401)
        if camera.auth == "basic":
            self.send_header("WWW-Authenticate", 'Basic realm="park-cam"')
        else:
            self.send_header(
                "WWW-Authenticate", f'Digest realm="park-cam", qop="auth", nonce="{self.server.nonce}"'
            )
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: N802 (http.server's name)
        camera = self.server.cameras.get(self.path.strip("/").rsplit(".", 1)[0])
        if camera is None:
            self.send_error(404)
            return
        camera.requests.append(time.time())
        if camera.auth and not self._authorised(camera):
            self._challenge(camera)
            return
        if camera.mode == "hang":
            self.server.release.wait(60)
            return
        if camera.delay:
            time.sleep(camera.delay)
        body = b"<html>login</html>" if camera.mode == "html" else b"" if camera.mode == "empty" else None
        body = camera.next_frame() if body is None else body
        self.send_response(200)
        self.send_header("Content-Type", "text/html" if camera.mode == "html" else "image/jpeg")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if camera.mode == "trickle":
            for start in range(0, len(body), 100):
                self.wfile.write(body[start : start + 100])
                self.wfile.flush()
                time.sleep(0.2)
            return
        self.wfile.write(body)
