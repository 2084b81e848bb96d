"""Hazardous-waste codes (mã CTNH): the list of Circular 02/2022/TT-BTNMT, Annex III — partial.

A code is three pairs of digits, "16 01 06": group, sub-group, waste. We could not obtain the
official table; below are only the codes we could source, each with where it came from and how
sure we are (V verified, S secondary sources, P partly: seen in a source on the older list of
Circular 36/2015/TT-BTNMT, whose numbering Circular 02/2022 is believed to keep). These seed the
HazardousWasteCode table (migration 0007); the park's environment officer adds the others from the
official annex in the admin, each with its source. An unknown code is refused.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CODE_FORMAT = re.compile(r"^\d{2} \d{2} \d{2}$")

_MOITRUONGACHAU = "moitruongachau.com, 'Chất thải nguy hại – phần 2' (2020), list of common codes"
_YEUMOITRUONG = "yeumoitruong.vn forum answer citing Circular 36/2015/TT-BTNMT section C (names not given)"


@dataclass(frozen=True)
class WasteCode:
    code: str
    name_vi: str
    source: str
    confidence: str


HAZARDOUS_WASTE_CODES = {
    c.code: c
    for c in (
        WasteCode(
            "16 01 06", "Bóng đèn huỳnh quang và các loại thủy tinh hoạt tính thải", _MOITRUONGACHAU, "P"
        ),
        WasteCode("16 01 12", "Pin, ắc quy thải", _MOITRUONGACHAU, "P"),
        WasteCode(
            "16 01 13", "Các thiết bị, linh kiện điện tử thải hoặc các thiết bị điện", _MOITRUONGACHAU, "P"
        ),
        WasteCode("15 01 09", "", _YEUMOITRUONG, "P"),
        WasteCode("15 02 14", "", _YEUMOITRUONG, "P"),
        WasteCode("19 02 05", "", _YEUMOITRUONG, "P"),
        WasteCode("19 12 01", "", _YEUMOITRUONG, "P"),
    )
}


def normalise_code(raw: str) -> str:
    """'160106', '16-01-06' or ' 16 01 06 ' → '16 01 06'; anything else is returned stripped."""
    digits = re.sub(r"[\s.\-]", "", raw or "")
    if re.fullmatch(r"\d{6}", digits):
        return f"{digits[:2]} {digits[2:4]} {digits[4:]}"
    return (raw or "").strip()


def is_well_formed(code: str) -> bool:
    return bool(CODE_FORMAT.match(code))


def validate_format(raw: str) -> None:
    code = normalise_code(raw)
    if not is_well_formed(code):
        raise ValidationError(
            _("“%(code)s” is not a hazardous-waste code: three pairs of digits, as 16 01 06.")
            % {"code": code}
        )
