"""`manage.py mqtt_bridge`: run the MQTT bridge until SIGTERM or Ctrl-C (its own process in production)."""

import gc
import signal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ioc.telemetry.bridge import Bridge


class Command(BaseCommand):
    help = "Subscribe to the devices' telemetry on the MQTT broker and store it (persistent session, QoS 1)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=settings.MQTT_URL, help="mqtt://[user:password@]host:port")
        parser.add_argument("--client-id", default="ioc-bridge")
        parser.add_argument("--batch", type=int, default=2000, help="messages per database batch at most")

    def handle(self, *args, url, client_id, batch, **options):
        if not url:
            raise CommandError("Set MQTT_URL (or --url) to the broker, e.g. mqtt://127.0.0.1:1884")
        # paho allocates a few objects per message; with the default thresholds the collector runs
        # every few hundred messages and costs a quarter of the bridge's CPU (bench/README.md).
        gc.freeze()
        gc.set_threshold(50_000, 20, 100)
        bridge = Bridge(url, client_id=client_id, batch_messages=batch)
        signal.signal(signal.SIGTERM, lambda signum, frame: bridge.stop())
        signal.signal(signal.SIGINT, lambda signum, frame: bridge.stop())
        self.stdout.write(
            f"MQTT bridge: {bridge.address.host}:{bridge.address.port} as {bridge.address.username}"
        )
        bridge.run()
        self.stdout.write(f"MQTT bridge stopped; {bridge.stored} readings stored in this run.")
