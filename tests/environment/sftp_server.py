"""A small SFTP server (paramiko) over a folder, in a thread, for the SFTP transport's test."""

import os
import socket
import threading

import paramiko


class _Auth(paramiko.ServerInterface):
    def __init__(self, user, password):
        self.user, self.password = user, password

    def check_auth_password(self, username, password):
        ok = (username, password) == (self.user, self.password)
        return paramiko.AUTH_SUCCESSFUL if ok else paramiko.AUTH_FAILED

    def get_allowed_auths(self, username):
        return "password"

    def check_channel_request(self, kind, chanid):
        return (
            paramiko.OPEN_SUCCEEDED if kind == "session" else paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED
        )


class _Handle(paramiko.SFTPHandle):
    def stat(self):
        return paramiko.SFTPAttributes.from_stat(os.fstat((self.readfile or self.writefile).fileno()))


def _folder_interface(root: str):
    class Folder(paramiko.SFTPServerInterface):
        def _real(self, path):
            return os.path.join(root, self.canonicalize(path).lstrip("/"))

        def stat(self, path):
            try:
                return paramiko.SFTPAttributes.from_stat(os.stat(self._real(path)))
            except OSError as error:
                return paramiko.SFTPServer.convert_errno(error.errno)

        lstat = stat

        def open(self, path, flags, attr):
            try:
                fd = os.open(self._real(path), flags, 0o644)
            except OSError as error:
                return paramiko.SFTPServer.convert_errno(error.errno)
            handle = _Handle(flags)
            mode = "wb" if flags & os.O_WRONLY else "r+b" if flags & os.O_RDWR else "rb"
            handle.filename = self._real(path)
            handle.readfile = handle.writefile = os.fdopen(fd, mode)
            return handle

        def posix_rename(self, oldpath, newpath):
            os.replace(self._real(oldpath), self._real(newpath))
            return paramiko.SFTP_OK

        rename = posix_rename

    return Folder


class SftpServer:
    def __init__(self, root, port, user, password):
        self.root, self.port, self.user, self.password = str(root), port, user, password
        self.key = paramiko.RSAKey.generate(2048)
        self._socket = None

    def known_hosts_line(self) -> str:
        return f"[127.0.0.1]:{self.port} ssh-rsa {self.key.get_base64()}\n"

    def start(self) -> None:
        self._socket = socket.socket()
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", self.port))
        self._socket.listen(5)
        self._transports = []
        threading.Thread(target=self._accept, args=(self._socket,), daemon=True).start()

    def _accept(self, listener) -> None:
        while True:
            try:
                connection, _address = listener.accept()
            except OSError:
                return  # closed by stop()
            transport = paramiko.Transport(connection)
            transport.add_server_key(self.key)
            transport.set_subsystem_handler("sftp", paramiko.SFTPServer, _folder_interface(self.root))
            transport.start_server(server=_Auth(self.user, self.password))
            self._transports.append(transport)

    def stop(self) -> None:
        self._socket.shutdown(socket.SHUT_RDWR)
        self._socket.close()
        for transport in self._transports:
            transport.close()
