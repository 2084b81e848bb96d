"""Why a reading was refused: a stable code for programs and a sentence for people, in their language."""

from django.utils.translation import gettext_lazy as _

REASONS = {
    "malformed_json": _("The message is not valid JSON: %(detail)s"),
    "bad_shape": _('Expected an object {"ts": …, "values": {…}}, a list of them, or {"metric": number}.'),
    "too_many_readings": _("A request may carry at most %(limit)s readings; this one has %(count)s."),
    "bad_timestamp": _("“%(ts)s” is not a time: send epoch milliseconds or ISO 8601."),
    "timestamp_in_seconds": _("%(ts)s looks like epoch seconds; send epoch milliseconds."),
    "future_timestamp": _("The time %(ts)s is in the future (more than %(minutes)s minutes ahead)."),
    "too_old": _("The time %(ts)s is older than the %(days)s days raw data is kept."),
    "unknown_sensor": _("The device has no channel named “%(name)s”."),
    "not_a_number": _("The value of “%(name)s” is not a number."),
    "bad_status": _("“%(status)s” is not a status: use measuring/calibrating/error or 00/01/02."),
    "wrong_unit": _("“%(unit)s” cannot be converted to %(canonical)s for %(metric)s."),
    "physically_impossible": _(
        "%(value)s %(unit)s is impossible for %(metric)s (allowed %(low)s to %(high)s)."
    ),
    "unknown_event_type": _("“%(type)s” is not an event type; use one of: %(known)s."),
    "event_not_for_device": _("A %(device_kind)s does not send “%(type)s” events."),
    "event_invalid": _("%(field)s: %(detail)s"),
    "event_too_old": _("The time %(ts)s is older than the %(days)s days within which events are taken."),
    "too_many_events": _("A request may carry at most %(limit)s events; this one has %(count)s."),
    "unknown_device": _("No active device has the serial “%(serial)s”."),
    "event_failed": _(
        "The event could not be processed because of a fault in the IOC (%(error)s, logged); it was not "
        "stored: send it again later."
    ),
    "body_too_large": _(
        "The request is larger than %(limit)s bytes: send fewer events, or smaller images, per request."
    ),
}


def reason_message(reason: str, params: dict) -> str:
    template = REASONS.get(reason)
    if template is None:
        return reason
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
