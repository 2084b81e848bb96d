"""Contacts of the demo enterprises: invented people with addresses on example.vn, which reach nobody.

Names are combined from common Vietnamese family, middle and given names by the enterprise's demo id,
so every run gives the same people. No phone numbers: made-up numbers might belong to someone.
"""

import re

from ioc.park.demo.enterprises import EnterpriseRow

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Minh", "Đức", "Thu", "Quang", "Ngọc", "Hữu", "Thanh", "Xuân")
GIVEN = (
    "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Long", "Mai",
    "Nam", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Vân", "Yến", "Khánh", "Hiếu",
)  # fmt: skip

# (position, e-mail local part); every enterprise has the first, those with an even id the second too.
POSITIONS = (
    ("Cán bộ phụ trách môi trường", "moitruong"),
    ("Trưởng phòng Hành chính – Nhân sự", "nhansu"),
)
EMAIL_DOMAIN = "example.vn"


def _person(seed: int) -> str:
    return " ".join(
        (FAMILY[seed % len(FAMILY)], MIDDLE[seed * 7 % len(MIDDLE)], GIVEN[seed * 11 % len(GIVEN)])
    )


def _slug(row: EnterpriseRow) -> str:
    """The English name without its legal form, as a mail-safe slug: "kitahara-seimitsu-vietnam"."""
    name = re.sub(r"\b(co\.?,? ltd\.?|jsc)\b", "", row.name_en, flags=re.IGNORECASE)
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def contacts_for(row: EnterpriseRow) -> list[dict]:
    count = 2 if row.demo_id % 2 == 0 else 1
    return [
        {
            "name": _person(row.demo_id * 3 + index),
            "position": position,
            "email": f"{local}.{_slug(row)}@{EMAIL_DOMAIN}",
        }
        for index, (position, local) in enumerate(POSITIONS[:count])
    ]
