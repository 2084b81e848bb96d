"""Vietnamese licence plates as the park's gates read them (Circular 24/2023/TT-BCA, Art. 37).

Cars: province code, a series of one letter (or LD: vehicles of foreign-invested enterprises, many in
an FDI park), five digits written 123.45 (four on plates issued before 2010). Motorbikes: province
code, a letter and a digit, five digits: 15-B1 234.56. Most vehicles at Đại An are from Hải Phòng
(15, 16) and from former Hải Dương (34), merged into Hải Phòng in 2025.
"""

# (code, weight): Hải Phòng first, then the neighbours and the big cities whose lorries deliver here.
PROVINCES = (("15", 38), ("16", 22), ("34", 16), ("29", 4), ("30", 4), ("14", 4), ("89", 3), ("17", 3),
             ("99", 2), ("98", 2), ("51", 2))  # fmt: skip
# Letters a series may have (I, J, O, Q and W are never used); by vehicle class, the usual ones.
SERIES_LETTERS = "ABCDEFGHKLMNPRSTUVXYZ"
CAR_SERIES = {
    "truck": ("C",) * 8 + ("D", "H"),
    "container": ("C",) * 9 + ("R",),
    "bus": ("B",) * 8 + ("LD", "LD"),
    "van": ("D",) * 6 + ("LD", "F", "G", "H"),
    "car": ("A",) * 11 + ("LD",) * 3 + ("E", "F", "G", "H", "K", "L"),
    "other": ("C", "D", "H", "K"),
}


def pick(rng, weighted):
    """One of `weighted` ((item, weight), …) drawn with `rng`."""
    total = sum(weight for _item, weight in weighted)
    draw = rng.random() * total
    for item, weight in weighted:
        draw -= weight
        if draw < 0:
            return item
    return weighted[-1][0]


def plate(rng, vehicle_class: str) -> str:
    """A plausible plate for a vehicle of `vehicle_class`, in its canonical written form."""
    code = pick(rng, PROVINCES)
    if vehicle_class == "motorbike":
        series = f"{rng.choice(SERIES_LETTERS)}{rng.randint(1, 9)}"
        return f"{code}-{series} {_number(rng, 5)}"
    series = rng.choice(CAR_SERIES.get(vehicle_class, CAR_SERIES["other"]))
    return f"{code}{series}-{_number(rng, 4 if rng.random() < 0.1 else 5)}"


def _number(rng, digits: int) -> str:
    if digits == 4:
        return f"{rng.randint(1, 9999):04d}"
    number = f"{rng.randint(1, 99999):05d}"
    return f"{number[:3]}.{number[3:]}"
