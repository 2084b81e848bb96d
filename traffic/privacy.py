"""Who sees a plate whole (Decree 13/2023/NĐ-CP on personal data protection, Art. 2 and 26).

A plate identifies its owner, so it is personal data: the roles that decide on a vehicle (the park's
managers, and administrators) see it whole; every other role — operators, ward officials, enterprise
users — sees it masked (traffic.plates.mask_plate: 15C-***.45), which is enough to watch traffic.
Searching for a plate is logged whoever searches (traffic.api.plate_reads).
"""

from ioc.park.choices import Role
from traffic.plates import mask_plate

FULL_PLATE_ROLES = frozenset({Role.ADMIN, Role.PARK_MANAGER})


def sees_full_plates(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.effective_role in FULL_PLATE_ROLES


def plate_for(user, plate: str) -> str:
    return plate if sees_full_plates(user) else mask_plate(plate)
