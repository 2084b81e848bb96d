"""Hazardous-waste codes (mã CTNH): the list of Circular 02/2022/TT-BTNMT, Annex III — partial.

A code is three pairs of digits, "16 01 06": group, sub-group, waste. We could not obtain the
official table; below are only the codes we could source, each with where it came from and how
sure we are (V verified, S secondary sources, P partly: seen in a source on the older list of
Circular 36/2015/TT-BTNMT, whose numbering Circular 02/2022 is believed to keep). Never add a code
without its source: an unknown code is refused, so a missing one is a data fix, not a code change.
"""

import re
from dataclasses import dataclass

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


def is_listed(code: str) -> bool:
    return code in HAZARDOUS_WASTE_CODES
