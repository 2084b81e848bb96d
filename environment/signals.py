"""Hear of stored readings from telemetry and hand the station hours they touch to a task."""

from collections import defaultdict

from django.db import transaction

from environment.models import Station

HOUR_S = 3600


def readings_stored(sender, rows, device_ids, **kwargs) -> None:
    stations = set(Station.objects.filter(device_id__in=device_ids).values_list("device_id", flat=True))
    if not stations:
        return
    from ioc.park.models import Channel

    device_of = dict(Channel.objects.filter(device_id__in=stations).values_list("pk", "device_id"))
    hours = defaultdict(set)
    for channel_id, epoch, _value, _quality in rows:
        if channel_id in device_of:
            hours[str(device_of[channel_id])].add(epoch - epoch % HOUR_S)
    if hours:
        from environment.tasks import readings_arrived

        payload = {device: sorted(found) for device, found in hours.items()}
        transaction.on_commit(lambda: readings_arrived.delay(payload))
