"""Putting a file on the Department's server by FTP (ftplib) or SFTP (paramiko), safely twice.

Every upload goes to `<name>.part` and is then renamed, so the Department's importer never reads
half a file. Before uploading, the sender asks for the size of `<name>`: a file already there
with the same size is one an earlier attempt delivered before the link dropped (ambiguous
failure), so it is not sent again and no duplicate appears.
"""

import ftplib
import io
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

PART_SUFFIX = ".part"


class TransportError(Exception):
    """The server could not be reached or refused the file; the message says which."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    user: str
    password: str = field(repr=False)
    folder: str = ""  # relative to the login's home directory; "" for the home directory itself

    def __str__(self):  # never the password: this ends up in logs and on the health page
        return f"{self.scheme}://{self.user}@{self.host}:{self.port}/{self.folder}"


def parse_target(url: str) -> Target:
    """The server in ENV_TRANSMISSION_URL; user and password are percent-decoded."""
    parsed = urlparse(url)
    if parsed.scheme not in ("ftp", "sftp") or not parsed.hostname:
        raise ValueError("ENV_TRANSMISSION_URL must look like ftp://user:password@host:21/folder or sftp://…")
    return Target(
        scheme=parsed.scheme, host=parsed.hostname, port=parsed.port or (21 if parsed.scheme == "ftp" else 22),
        user=unquote(parsed.username or "anonymous"), password=unquote(parsed.password or ""),
        folder=unquote(parsed.path).strip("/"),
    )  # fmt: skip


class FtpLink:
    def __init__(self, target: Target, timeout: float):
        self.ftp = ftplib.FTP(timeout=timeout)  # noqa: S321 (the Department's servers speak plain FTP)
        self.ftp.connect(target.host, target.port)
        self.ftp.login(target.user, target.password)
        if target.folder:
            self.ftp.cwd(target.folder)
        self.ftp.voidcmd("TYPE I")  # SIZE is refused in ASCII mode by many servers

    def size(self, name: str) -> int | None:
        try:
            return self.ftp.size(name)
        except ftplib.error_perm:  # 550: no such file
            return None

    def put(self, name: str, data: bytes) -> None:
        self.ftp.storbinary(f"STOR {name}{PART_SUFFIX}", io.BytesIO(data))
        self.ftp.rename(f"{name}{PART_SUFFIX}", name)

    def close(self) -> None:
        try:
            self.ftp.quit()
        except (OSError, EOFError, ftplib.Error):
            self.ftp.close()


class SftpLink:
    def __init__(self, target: Target, timeout: float, known_hosts: str = ""):
        import paramiko

        self.client = paramiko.SSHClient()
        if known_hosts:
            self.client.load_host_keys(known_hosts)
        else:
            self.client.load_system_host_keys()
        # An unknown host key is refused: the data goes to the Department, not to whoever answers.
        self.client.set_missing_host_key_policy(paramiko.RejectPolicy())
        self.client.connect(
            target.host, port=target.port, username=target.user, password=target.password, timeout=timeout,
            allow_agent=False, look_for_keys=False,
        )  # fmt: skip
        self.sftp = self.client.open_sftp()
        if target.folder:
            self.sftp.chdir(target.folder)

    def size(self, name: str) -> int | None:
        try:
            return self.sftp.stat(name).st_size
        except FileNotFoundError:
            return None

    def put(self, name: str, data: bytes) -> None:
        self.sftp.putfo(io.BytesIO(data), f"{name}{PART_SUFFIX}", confirm=True)
        self.sftp.posix_rename(f"{name}{PART_SUFFIX}", name)

    def close(self) -> None:
        self.client.close()


def _errors() -> tuple[type[BaseException], ...]:
    errors: tuple[type[BaseException], ...] = (OSError, EOFError, ftplib.Error)
    try:
        import paramiko
    except ImportError:  # pragma: no cover (a dependency; FTP works without it)
        return errors
    return (*errors, paramiko.SSHException)


class Link:
    """One connection, opened on first use, turning every failure into a TransportError."""

    def __init__(self, url: str, *, timeout: float, known_hosts: str = ""):
        self.target, self.timeout, self.known_hosts = parse_target(url), timeout, known_hosts
        self._open = None

    def deliver(self, name: str, data: bytes) -> bool:
        """Put `data` as `name`; False when it was already there (sent before), True when uploaded."""
        try:
            link = self._connect()
            if link.size(name) == len(data):
                return False
            link.put(name, data)
            return True
        except _errors() as error:
            self.close()  # a connection that failed once is not trusted with the next file
            raise TransportError(f"{self.target}: {type(error).__name__}: {error}") from error

    def _connect(self):
        if self._open is None:
            if self.target.scheme == "ftp":
                self._open = FtpLink(self.target, self.timeout)
            else:
                self._open = SftpLink(self.target, self.timeout, self.known_hosts)
        return self._open

    def close(self) -> None:
        if self._open is not None:
            link, self._open = self._open, None
            try:
                link.close()
            except _errors():
                pass
