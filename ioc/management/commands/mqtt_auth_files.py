"""Write Mosquitto's password and ACL files from the device registry (and, for `make mqtt`, its config)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ioc.telemetry.broker import broker_settings, local_broker_config, reload_broker, write_broker_files


class Command(BaseCommand):
    help = "Write the MQTT broker's password and ACL files from the device registry."

    def add_arguments(self, parser):
        parser.add_argument("--dir", dest="directory", type=Path, help="Default: MQTT_AUTH_DIR.")
        parser.add_argument("--reload", action="store_true", help="Then SIGHUP the broker of the pid file.")
        parser.add_argument("--pid-file", type=Path, help="Default: mosquitto.pid in --dir.")
        parser.add_argument("--config", type=Path, help="Also write a loopback-only broker config here.")
        parser.add_argument("--port", type=int, default=1884, help="The config's port (default 1884).")

    def handle(self, *args, directory=None, reload=False, pid_file=None, config=None, port=1884, **options):
        conf = broker_settings()
        if directory is not None and pid_file is None:
            pid_file = directory / "mosquitto.pid"
        directory = directory or conf.auth_dir
        pid_file = pid_file or conf.pid_file
        if config is not None:
            self._write_config(config, directory, port)
        changed = write_broker_files(directory)
        state = "Wrote" if changed else "Unchanged:"
        self.stdout.write(f"{state} {directory / 'passwd'} and {directory / 'acl'}")
        # Even unchanged files may be newer than what a running broker loaded (written by a process
        # that could not signal it); a reload keeps every client whose credentials still hold.
        if reload:
            signalled = reload_broker(pid_file)
            self.stdout.write("Broker reloaded." if signalled else f"No running broker in {pid_file}.")

    def _write_config(self, config: Path, directory: Path, port: int) -> None:
        if port == 1883:
            raise CommandError("Port 1883 belongs to the system's broker; choose another (MQTT_PORT).")
        (directory / "data").mkdir(parents=True, exist_ok=True)
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(local_broker_config(directory, port))
        self.stdout.write(f"Wrote {config} (listening on 127.0.0.1:{port})")
