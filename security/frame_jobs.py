"""The frame workers' jobs: which cameras are due (the dispatcher), and one grab → analyse → record.

Every second the dispatcher sends one job per due camera to the `security.frames` queue, each camera at
most once per its grab interval, their start times spread over the interval (security.scheduling). A
per-camera lock, taken by the dispatcher and released by the job, keeps a slow camera to one job in
flight: its next turns are skipped (and count as missed) while the other cameras go on. See
security.analysis for why all frames go to one thread-pool process.
"""

import logging
import secrets
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ioc.alerts.models import Alarm, Incident
from ioc.evidence.images import store_image
from ioc.evidence.models import Purpose
from ioc.telemetry import health
from ioc.telemetry.events import record_event
from security import analysis, grabbing, scheduling
from security.models import Camera

logger = logging.getLogger("security.frames")
FRAME_QUEUE = "security.frames"
# The longest the analysis and its database writes may take after the grab's own deadline; a lock
# outlives a worker that died mid-job by at most this much more.
ANALYSIS_BUDGET_S = 30
# Jobs waiting beyond this many per camera mean no frames worker is reading the queue: stop adding.
BACKLOG_PER_CAMERA = 3
_SLOTS_KEPT_S = 86400


def clock() -> float:
    """Now, in epoch seconds; tests put their own clock here."""
    return time.time()


def _key(camera_id: int, what: str) -> str:
    return f"security:frames:{camera_id}:{what}"


def grabbable():
    """Cameras the workers grab: those they analyse, and those with a snapshot URL (health, snapshot)."""
    with_url = ~Q(snapshot_url="") | ~Q(stream_url="")
    return Camera.objects.filter(with_url).filter(Q(analysis_enabled=True) | ~Q(snapshot_url=""))


def message_expiry(interval: int) -> float:
    """A job still queued after two intervals is stale: the next one will bring a fresher frame."""
    return 2.0 * interval


def lock_seconds(interval: int) -> float:
    return message_expiry(interval) + settings.SECURITY_GRAB_TIMEOUT_SECONDS + ANALYSIS_BUDGET_S


def claim(camera_id: int, seconds: float) -> str | None:
    """A token if the camera had no job in flight (and now has one), else None."""
    token = secrets.token_hex(8)
    return token if cache.add(_key(camera_id, "lock"), token, timeout=seconds) else None


def holds(camera_id: int, token: str) -> bool:
    return cache.get(_key(camera_id, "lock")) == token


def release(camera_id: int, token: str) -> None:
    # Not atomic with the check, but the lock only expires (and can pass to another job) after the
    # job's deadline, so the key read here is still this job's own.
    if holds(camera_id, token):
        cache.delete(_key(camera_id, "lock"))


def dispatch(send, now: float | None = None, backlog: int = 0) -> dict:
    """Send a job `send(camera_id, scheduled, token, interval)` for each camera due at `now`.

    `backlog` is how many jobs already wait in the queue. Also marks offline the cameras that have
    gone MISSED_INTERVALS_OFFLINE intervals without a good frame, whatever the reason.
    """
    now = clock() if now is None else now
    cameras = list(grabbable().values_list("id", "grab_interval", "online", "last_frame_at"))
    known = cache.get_many([_key(c[0], "slot") for c in cameras])
    slots, due, busy = {}, [], []
    for camera_id, interval, _online, _last in cameras:
        number = scheduling.slot(camera_id, interval, now)
        previous = known.get(_key(camera_id, "slot"))
        if previous is not None and previous >= number:
            continue
        slots[_key(camera_id, "slot")] = number
        if backlog > BACKLOG_PER_CAMERA * len(cameras):
            continue  # no worker reads the queue; the sweep below marks the cameras offline in time
        token = claim(camera_id, lock_seconds(interval))
        if token is None:
            busy.append(camera_id)  # its last job still runs: this turn is missed
            continue
        due.append((camera_id, scheduling.slot_time(camera_id, interval, number), token, interval))
    cache.set_many(slots, timeout=_SLOTS_KEPT_S)
    for job in due:
        send(*job)
    return {"sent": [job[0] for job in due], "busy": busy, "offline": sweep(cameras, now)}


def sweep(cameras, now: float) -> list[int]:
    gone = []
    for camera_id, interval, online, last in cameras:
        if online and scheduling.overdue(last.timestamp() if last else None, interval, now):
            cutoff = datetime.fromtimestamp(scheduling.offline_cutoff(interval, now), UTC)
            if Camera.objects.filter(pk=camera_id, online=True, last_frame_at__lte=cutoff).update(
                online=False
            ):
                gone.append(camera_id)
                # A failed grab already said why; otherwise no worker answered at all.
                Camera.objects.filter(pk=camera_id, last_error="").update(
                    last_error=_("No frame for %(seconds)s s: no frame worker answered.")
                    % {"seconds": round(now - last.timestamp())}
                )
                logger.warning("camera %s offline: no frame for %.0f s", camera_id, now - last.timestamp())
    return gone


def run(camera_id: int, scheduled: float, token: str) -> dict:
    """One job: grab the camera's frame, keep its health and snapshot, analyse, record the events."""
    if not holds(camera_id, token):
        return {"camera": camera_id, "skipped": "stale"}  # the lock expired and moved on
    cache.touch(_key(camera_id, "lock"), settings.SECURITY_GRAB_TIMEOUT_SECONDS + ANALYSIS_BUDGET_S)
    try:
        camera = Camera.objects.select_related("latest_snapshot").filter(pk=camera_id).first()
        if camera is None:
            return {"camera": camera_id, "skipped": "deleted"}
        started = clock()
        try:
            grabbed = grabbing.grab(camera)
        except grabbing.GrabError as error:
            _failed(camera, error.reason)
            return _timing(camera, scheduled, started, None, error.reason)
        at = clock()
        _good_frame(camera, grabbed, at)
        events = 0
        if camera.analysis_enabled and not camera.has_own_analytics:
            events = _analyse(camera, grabbed, at)
        return {**_timing(camera, scheduled, started, at, ""), "events": events}
    finally:
        release(camera_id, token)


def _timing(camera: Camera, scheduled: float, started: float, grabbed: float | None, error: str) -> dict:
    """The job's times, kept until the next frame: what the benchmark and an operator read as lag."""
    record = {"camera": camera.pk, "scheduled": scheduled, "started": started, "grabbed": grabbed,
              "done": clock(), "error": error}  # fmt: skip
    cache.set(_key(camera.pk, "timing"), record, timeout=max(60, 10 * camera.grab_interval))
    return record


def _failed(camera: Camera, reason: str) -> None:
    Camera.objects.filter(pk=camera.pk).update(failures_in_row=F("failures_in_row") + 1, last_error=reason)
    gone = Camera.objects.filter(
        pk=camera.pk, online=True, failures_in_row__gte=scheduling.MISSED_INTERVALS_OFFLINE
    ).update(online=False)
    if gone:
        logger.warning("camera %s (%s) offline: %s", camera.pk, camera.device_id, reason)


def _good_frame(camera: Camera, grabbed: grabbing.Grab, at: float) -> None:
    taken = datetime.fromtimestamp(at, UTC)
    previous_at = camera.last_frame_at.timestamp() if camera.online and camera.last_frame_at else None
    rate = scheduling.frames_per_minute(camera.frame_rate if camera.online else None, previous_at, at)
    fields = {
        "online": True,
        "last_frame_at": taken,
        "frame_rate": rate,
        "failures_in_row": 0,
        "last_error": "",
    }
    old = camera.latest_snapshot
    if old is None or at - old.taken_at.timestamp() >= settings.SECURITY_SNAPSHOT_EVERY_SECONDS:
        with transaction.atomic():
            fields["latest_snapshot"] = store_image(
                device_id=camera.device_id, data=grabbed.data, taken_at=taken, purpose=Purpose.SNAPSHOT
            )
            Camera.objects.filter(pk=camera.pk).update(**fields)
            if old is not None:
                _discard_snapshot(old)
    else:
        Camera.objects.filter(pk=camera.pk).update(**fields)
    if not camera.online:
        logger.info("camera %s (%s) online", camera.pk, camera.device_id)
    health.record_seen({camera.device_id: (at, {})})


def _discard_snapshot(image) -> None:
    """Delete a replaced snapshot, so 50 cameras keep 50 snapshots, not one a minute each, unless an
    event, an alarm or an incident points at it (then retention deletes it with the evidence)."""
    if image.purpose != Purpose.SNAPSHOT or image.events.exists():
        return
    if (
        Alarm.objects.filter(image=image).exists()
        or Incident.images.through.objects.filter(image=image).exists()
    ):
        return
    name, storage = image.file.name, image.file.storage
    image.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _intrusion_due(camera_id: int, at: float) -> bool:
    """Movement goes on for many frames; the open alarm counts repeats, the events need not: one per
    SECURITY_INTRUSION_EVERY_SECONDS. Read and written under the camera's lock, so no race."""
    every = settings.SECURITY_INTRUSION_EVERY_SECONDS
    last = cache.get(_key(camera_id, "intrusion"))
    if last is not None and 0 <= at - last < every:
        return False
    cache.set(_key(camera_id, "intrusion"), at, timeout=every)
    return True


def _analyse(camera: Camera, grabbed: grabbing.Grab, at: float) -> int:
    """Analyse the frame with the camera's state; record the events it calls for. How many were."""
    try:
        setup = analysis.Setup.of(camera)
    except ValidationError as error:
        reason = _("The analysis settings are invalid: %(detail)s") % {"detail": "; ".join(error.messages)}
        Camera.objects.filter(pk=camera.pk).update(last_error=reason[:300])
        return 0
    state = analysis.states.get(camera.pk, setup)
    taken = datetime.fromtimestamp(at, UTC)
    restricted = camera.is_restricted_at(timezone.localtime(taken).time())
    findings = analysis.analyse(state, grabbed.frame, at, restricted)
    recorded = 0
    if findings.intrusion and _intrusion_due(camera.pk, at):
        recorded += record_event(
            type_key="intrusion", device_id=camera.device_id, at=taken, details=findings.intrusion,
            image=grabbed.data,
        ) is not None  # fmt: skip
    for start, direction, count in findings.counts:
        recorded += record_event(
            type_key="vehicle_count", device_id=camera.device_id, at=start,
            details={"count": count, "direction": direction, "period_s": analysis.COUNT_PERIOD_S},
            event_id=f"analysis:vehicle_count:{start.timestamp():.0f}:{direction}",
        ) is not None  # fmt: skip
    return recorded
