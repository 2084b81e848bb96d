"""Quality of a reading, after the status codes of Circular 10/2021/TT-BTNMT (Appendix, data files).

Circular 10 marks each value 00 (measuring), 01 (calibrating) or 02 (device error). We add
"suspect": measuring, but outside the range the sensor can measure, so not to be trusted.
Only valid readings enter the rollups, compliance and indices; the others are kept and shown.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Quality(models.IntegerChoices):
    VALID = 0, _("Measuring")
    CALIBRATING = 1, _("Calibrating")
    ERROR = 2, _("Device error")
    SUSPECT = 3, _("Suspect (outside the sensor's range)")


# What devices may send as a status, and the Circular 10 code of each quality.
STATUS_WORDS: dict[str, Quality] = {
    "measuring": Quality.VALID,
    "00": Quality.VALID,
    "0": Quality.VALID,
    "calibrating": Quality.CALIBRATING,
    "01": Quality.CALIBRATING,
    "1": Quality.CALIBRATING,
    "error": Quality.ERROR,
    "02": Quality.ERROR,
    "2": Quality.ERROR,
}
CIRCULAR10_CODE = {Quality.VALID: "00", Quality.CALIBRATING: "01", Quality.ERROR: "02", Quality.SUSPECT: "00"}


def parse_status(raw) -> Quality | None:
    """The quality a device's status word or code means, or None when it means nothing we know."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        raw = str(raw)
    if not isinstance(raw, str):
        return None
    return STATUS_WORDS.get(raw.strip().lower())
