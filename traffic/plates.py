"""Vietnamese licence plates: parse, normalise, mask, match against a watchlist. Pure.

Formats (Circular 24/2023/TT-BCA, Art. 37, and Circulars 58/2020 and 15/2014 before it): a two-digit
province code (traffic.provinces), a series, then 4 digits (older plates) or 5 digits written 123.45.
Cars have a series of one or two letters (15C-123.45, 29A-1234, 30LD-123.45); motorbikes a letter
or two followed by a digit, on two lines (29-B1 123.45). The letters I, J, O, Q and W are never
used in a series, so reading one is an OCR slip, not a plate.

Out of scope, refused with their own reason: diplomatic and foreign plates (NG, NN, QT, CV series),
and military plates (two letters and no province code, e.g. TM-12-34): the park's gates log them by
hand. Special-use series (KT, MĐ…) parse as an ordinary two-letter series.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from traffic.provinces import PROVINCES

SERIES_LETTERS = frozenset("ABCDEFGHKLMNPRSTUVXYZ")
OUT_OF_SCOPE_SERIES = frozenset({"NG", "NN", "QT", "CV"})
# Series C has long meant lorries in registration practice (confidence M): Circular 24/2023 Art. 37(5)
# hands the letters out in turn without tying one to a vehicle type, so this is a hint only; the
# vehicle class the camera reports comes first (traffic.gates).
TRUCK_SERIES_LETTER = "C"
_SEPARATORS = re.compile(r"[\s\-_]+")
_COMPACT = re.compile(r"^(\d{2})([A-Z]{1,2})(\d{4,6})$")
_PREFIX = re.compile(r"^(\d{2})([A-Z]{1,2})(\d?)$")
_MILITARY = re.compile(r"^[A-Z]{2}\d")


@dataclass(frozen=True, slots=True)
class Plate:
    province_code: str
    series: str  # letters, and the motorbike's digit: "C", "LD", "B1"
    number: str  # digits only: "12345" or "1234"

    @property
    def compact(self) -> str:
        return f"{self.province_code}{self.series}{self.number}"

    @property
    def motorbike(self) -> bool:
        return self.series[-1].isdigit()

    @property
    def province(self) -> str:
        return PROVINCES[self.province_code]

    @property
    def truck_series(self) -> bool:
        return not self.motorbike and self.series[0] == TRUCK_SERIES_LETTER

    @property
    def canonical(self) -> str:
        number = f"{self.number[:3]}.{self.number[3:]}" if len(self.number) == 5 else self.number
        if self.motorbike:
            return f"{self.province_code}-{self.series} {number}"
        return f"{self.province_code}{self.series}-{number}"

    def __str__(self) -> str:
        return self.canonical


class PlateError(ValueError):
    """A plate we cannot read, with a translatable reason for the person or device that sent it."""

    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


def compact_text(text: str) -> str:
    """Upper case without separators or dots: what OCR output and typed input have in common."""
    return _SEPARATORS.sub("", str(text).upper().replace("Đ", "D").replace(".", ""))


def parse_plate(text) -> Plate:
    """Read a plate as typed or as an NVR sends it; raises PlateError saying why not."""
    if not isinstance(text, str) or not text.strip():
        raise PlateError("required", _("Enter a licence plate."))
    cleaned = str(text).strip().upper().replace("Đ", "D").replace(".", "")
    tokens = [token for token in _SEPARATORS.split(cleaned) if token]
    if _MILITARY.match("".join(tokens)) or any(token in OUT_OF_SCOPE_SERIES for token in tokens):
        raise PlateError("out_of_scope", _out_of_scope(text))
    parts = _split(tokens)
    if parts is None:
        raise PlateError("format", _bad_format(text))
    province, series, number = parts
    if series in OUT_OF_SCOPE_SERIES:
        raise PlateError("out_of_scope", _out_of_scope(text))
    if any(letter not in SERIES_LETTERS for letter in series if letter.isalpha()):
        raise PlateError(
            "series",
            _("Series %(series)s cannot be on a plate: the letters I, J, O, Q and W are never used.")
            % {"series": series},
        )
    if province not in PROVINCES:
        raise PlateError(
            "province",
            _(
                "Province code %(code)s is not assigned to any province (Circular 24/2023/TT-BCA, Appendix 02)."
            )
            % {"code": province},
        )
    return Plate(province, series, number)


def _split(tokens: list[str]) -> tuple[str, str, str] | None:
    # With separators the last group is the number, so 29-B1 1234 (motorbike) and 29B-11234 (car) differ.
    if len(tokens) > 1 and tokens[-1].isdigit() and len(tokens[-1]) in (4, 5):
        prefix = _PREFIX.match("".join(tokens[:-1]))
        return (prefix[1], prefix[2] + prefix[3], tokens[-1]) if prefix else None
    found = _COMPACT.match("".join(tokens))
    if not found:
        return None
    province, letters, digits = found.groups()
    # Run together, 5 digits after the letters is read as a car's 5-digit number: cars registered since
    # 2010 all have 5, while a motorbike with a 4-digit number is an old plate.
    if len(digits) == 6:
        return province, letters + digits[0], digits[1:]
    return province, letters, digits


def _bad_format(text):
    return _(
        "“%(plate)s” is not a Vietnamese licence plate: expected a province code, a series and 4 or 5 "
        "digits, e.g. 15C-123.45 or 29-B1 123.45."
    ) % {"plate": str(text)[:40]}


def _out_of_scope(text):
    return _(
        "“%(plate)s” is a diplomatic, foreign or military plate: those are logged by hand at the gate."
    ) % {"plate": str(text)[:40]}


def mask_plate(plate: Plate | str) -> str:
    """The plate for roles that need no more (Decree 13/2023/NĐ-CP, Art. 2: a plate is personal data).

    Province and series stay (where a vehicle comes from, whether it is a lorry: what traffic operators
    work with), as do the last two digits (a guard can check the plate in front of them); the rest of
    the number, which with the rest identifies the owner, is starred: 15C-123.45 → 15C-***.45,
    29A-1234 → 29A-**34, 29-B1 123.45 → 29-B1 ***.45. Text that is not a plate is starred whole.
    """
    if isinstance(plate, str):
        try:
            plate = parse_plate(plate)
        except PlateError:
            return "*" * 6
    masked = Plate(plate.province_code, plate.series, "*" * (len(plate.number) - 2) + plate.number[-2:])
    return masked.canonical


# Characters plate OCR mistakes for each other (shapes that differ by a stroke on a dirty plate).
CONFUSABLE = (frozenset("0ODQ"), frozenset("8B"), frozenset("1IL7"), frozenset("5S"), frozenset("2Z"),
              frozenset("6G"), frozenset("4A"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class WatchMatch:
    entry: str  # the watchlist entry, as it was listed
    how: str  # "exact" or "fuzzy"
    position: int | None = None  # index of the one confusion in the compact plate, for the operator's eye


def _confusable(a: str, b: str) -> bool:
    return any(a in group and b in group for group in CONFUSABLE)


def _one_confusion(read: str, listed: str) -> int | None:
    if len(read) != len(listed):
        return None
    differences = [i for i, (a, b) in enumerate(zip(read, listed, strict=True)) if a != b]
    if len(differences) == 1 and _confusable(read[differences[0]], listed[differences[0]]):
        return differences[0]
    return None


def match_watchlist(read: Plate | str, watchlist) -> WatchMatch | None:
    """The watchlist entry this read is, exactly or but for one OCR confusion (0/O, 8/B, 1/I, 5/S…).

    `read` may be raw OCR text that does not parse (15C-l23.45): a wanted plate is worth an alarm
    even then. An exact match wins over a fuzzy one; among fuzzy ones the first listed wins.
    """
    text = read.compact if isinstance(read, Plate) else compact_text(read)
    entries = [(entry, compact_text(entry)) for entry in watchlist]
    for entry, listed in entries:
        if listed == text:
            return WatchMatch(entry, "exact")
    for entry, listed in entries:
        position = _one_confusion(text, listed)
        if position is not None:
            return WatchMatch(entry, "fuzzy", position)
    return None
