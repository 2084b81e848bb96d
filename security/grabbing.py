"""Grabbing one frame from a camera: its snapshot URL over HTTP(S), or its stream through FFmpeg.

Every grab has one deadline for everything (connecting, the authentication round trip, the body), so
a camera that hangs, or trickles bytes, costs a worker thread at most that long. Every failure is a
GrabError with a short reason in the park's language, written to Camera.last_error as it is.
"""

import os
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import cv2
import numpy as np
import requests
import urllib3
from django.conf import settings
from django.utils.translation import gettext as _
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

from security.analytics.synthetic import encode_jpeg

# FFmpeg over UDP loses packets across the park's switches and gives smeared frames; TCP gives whole ones.
os.environ.setdefault("OPENCV_FFMPEG_CAPTURE_OPTIONS", "rtsp_transport;tcp")
CHUNK = 64 * 1024
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


class GrabError(Exception):
    """A grab that gave no frame; `reason` is what the operator reads on the camera's page."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason[:300]


@dataclass
class Grab:
    data: bytes  # JPEG or PNG, as stored for a snapshot or an event
    frame: np.ndarray  # the decoded BGR frame


# One session per worker thread: requests' sessions are not thread-safe, and a session keeps the TCP
# connection to a camera open from one grab to the next.
_local = threading.local()
# Which scheme (basic or digest) each snapshot URL asked for, so later grabs skip the probe.
_schemes: dict[str, type] = {}


def _session() -> requests.Session:
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
    return _local.session


def _remaining(deadline: float, seconds: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise GrabError(_("No answer within %(seconds)s s.") % {"seconds": seconds})
    return left


def _request(url: str, auth, deadline: float, seconds: float) -> requests.Response:
    left = _remaining(deadline, seconds)
    try:
        return _session().get(
            url, auth=auth, timeout=(left, left), stream=True, allow_redirects=False,
            verify=settings.SECURITY_CAMERA_VERIFY_TLS, headers={"Accept": "image/jpeg, image/png"},
        )  # fmt: skip
    except requests.exceptions.SSLError as error:
        raise GrabError(_("TLS error: %(detail)s") % {"detail": _short(error)}) from None
    except requests.exceptions.Timeout:
        raise GrabError(_("No answer within %(seconds)s s.") % {"seconds": seconds}) from None
    except requests.exceptions.ConnectionError as error:
        raise GrabError(_("Cannot connect: %(detail)s") % {"detail": _short(error)}) from None
    except requests.exceptions.RequestException as error:
        raise GrabError(_("Snapshot request failed: %(detail)s") % {"detail": _short(error)}) from None


def _short(error: Exception) -> str:
    # requests nests the socket error deep in its message; its last clause is what says why.
    text = str(error.args[0] if error.args else error)
    return text.rsplit(": ", 1)[-1].strip(" ')\"")[:120] or type(error).__name__


def _authenticated(url: str, username: str, password: str, deadline: float, seconds: float):
    """The response to GET url, answering a 401 challenge with the scheme the camera asks for.

    Credentials are never sent before the camera asks: a digest camera would otherwise receive the
    password in clear (basic) on a plain-HTTP network.
    """
    scheme = _schemes.get(url)
    response = _request(url, scheme(username, password) if scheme and username else None, deadline, seconds)
    if response.status_code == 401 and username and scheme is None:
        challenge = response.headers.get("WWW-Authenticate", "").lower()
        scheme = HTTPDigestAuth if challenge.startswith("digest") else HTTPBasicAuth
        response.close()
        response = _request(url, scheme(username, password), deadline, seconds)
        if response.status_code != 401:
            _schemes[url] = scheme
    return response


def _body(response: requests.Response, deadline: float, seconds: float, limit: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise GrabError(_("The snapshot is larger than %(limit)s bytes.") % {"limit": limit})
    chunks, size = [], 0
    try:
        # read1 returns whatever has arrived, so the deadline is checked between a trickler's bytes too.
        while chunk := response.raw.read1(CHUNK, decode_content=True):
            size += len(chunk)
            if size > limit:
                raise GrabError(_("The snapshot is larger than %(limit)s bytes.") % {"limit": limit})
            chunks.append(chunk)
            _remaining(deadline, seconds)  # a camera trickling bytes is as stuck as a silent one
    except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError):
        raise GrabError(_("No answer within %(seconds)s s.") % {"seconds": seconds}) from None
    finally:
        response.close()
    return b"".join(chunks)


def decode(data: bytes) -> np.ndarray:
    if not data.startswith(IMAGE_SIGNATURES):
        raise GrabError(_("The camera sent something that is not a JPEG or PNG image."))
    frame = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if frame is None:
        raise GrabError(_("The camera's image cannot be decoded."))
    return frame


def grab_snapshot(url: str, username: str = "", password: str = "", seconds: float | None = None) -> Grab:
    """One image from a snapshot URL, within `seconds` (SECURITY_GRAB_TIMEOUT_SECONDS by default)."""
    seconds = seconds or settings.SECURITY_GRAB_TIMEOUT_SECONDS
    deadline = time.monotonic() + seconds
    response = _authenticated(url, username, password or "", deadline, seconds)
    if response.status_code in (401, 403):
        response.close()
        raise GrabError(
            _("The camera refused the user name or password (HTTP %(status)s).")
            % {"status": response.status_code}
        )
    if response.status_code != 200:
        response.close()
        raise GrabError(_("The camera answered HTTP %(status)s.") % {"status": response.status_code})
    data = _body(response, deadline, seconds, settings.IMAGE_MAX_BYTES)
    if not data:
        raise GrabError(_("The camera sent an empty answer."))
    return Grab(data, decode(data))


def with_credentials(url: str, username: str, password: str) -> str:
    """The stream URL with the camera's credentials, unless it already carries some."""
    parts = urlsplit(url)
    if not username or "@" in parts.netloc:
        return url
    userinfo = quote(username, safe="") + (":" + quote(password, safe="") if password else "")
    return urlunsplit(parts._replace(netloc=f"{userinfo}@{parts.netloc}"))


def grab_stream(url: str, username: str = "", password: str = "", seconds: float | None = None) -> Grab:
    """One frame from an RTSP (or HTTP video) stream through OpenCV's FFmpeg backend.

    The stream is opened for the one frame and closed again: at one frame every few seconds, a stream
    held open would fill FFmpeg's buffer and hand back a stale frame.
    """
    seconds = seconds or settings.SECURITY_GRAB_TIMEOUT_SECONDS
    milliseconds = int(seconds * 1000)
    capture = cv2.VideoCapture(
        with_credentials(url, username, password or ""), cv2.CAP_FFMPEG,
        [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, milliseconds, cv2.CAP_PROP_READ_TIMEOUT_MSEC, milliseconds],
    )  # fmt: skip
    try:
        if not capture.isOpened():
            raise GrabError(_("The stream could not be opened within %(seconds)s s.") % {"seconds": seconds})
        ok, frame = capture.read()
    finally:
        capture.release()
    if not ok or frame is None:
        raise GrabError(_("The stream gave no frame within %(seconds)s s.") % {"seconds": seconds})
    data = encode_jpeg(frame, quality=85)
    if len(data) > settings.IMAGE_MAX_BYTES:
        raise GrabError(
            _("The snapshot is larger than %(limit)s bytes.") % {"limit": settings.IMAGE_MAX_BYTES}
        )
    return Grab(data, frame)


def grab(camera, seconds: float | None = None) -> Grab:
    """A frame from the camera's snapshot URL when it has one (cheaper for both sides), else its stream."""
    if camera.snapshot_url:
        return grab_snapshot(camera.snapshot_url, camera.username, camera.password or "", seconds)
    if camera.stream_url:
        return grab_stream(camera.stream_url, camera.username, camera.password or "", seconds)
    raise GrabError(_("The camera has no snapshot or stream URL."))
