"""Celery tasks of the security app: the frame dispatcher (beat, every second) and the frame jobs."""

from celery import current_app, shared_task

from security import frame_jobs


def _backlog() -> int:
    """Jobs waiting in the frames queue (0 when tasks run in-process, without a broker)."""
    if current_app.conf.task_always_eager:
        return 0
    try:
        with current_app.connection_for_write() as connection:
            return connection.default_channel.queue_declare(
                frame_jobs.FRAME_QUEUE, passive=True
            ).message_count
    except Exception:  # the queue does not exist until the first job is sent; nothing waits then
        return 0


def _send(camera_id: int, scheduled: float, token: str, interval: int) -> None:
    grab_frame.apply_async(
        (camera_id, scheduled, token),
        queue=frame_jobs.FRAME_QUEUE,
        expires=frame_jobs.message_expiry(interval),
    )


@shared_task(name="security.dispatch_frames", ignore_result=True)
def dispatch_frames() -> dict:
    return frame_jobs.dispatch(_send, backlog=_backlog())


# Not acknowledged late: a job lost with its worker is not worth redoing, the next turn grabs afresh.
@shared_task(name="security.grab_frame", ignore_result=True, acks_late=False)
def grab_frame(camera_id: int, scheduled: float, token: str) -> dict:
    return frame_jobs.run(camera_id, scheduled, token)
