"""The regulation tables the park is held to, as data with their sources.

Figures from shared/domain/environment.md §2–4 (confidence: V verified against a transcription of
the official text, S secondary sources that agree, M believed right but unchecked). Loaded into
Standard/StandardLimit by the data migration 0002; a correction is a new migration calling
`load_standards` again (it updates rows in place), never an edit of code that compares values.
"""

from datetime import date

# (parameter key, name as written, unit, column A (lower, upper), column B (lower, upper), scaled)
_QCVN_40_2011 = [
    ("water_temperature", "Nhiệt độ", "°C", (None, 40), (None, 40), False),
    ("color", "Màu", "Pt/Co", (None, 50), (None, 150), False),
    ("ph", "pH", "", (6, 9), (5.5, 9), False),
    ("bod5", "BOD5 (20 °C)", "mg/L", (None, 30), (None, 50), True),
    ("cod", "COD", "mg/L", (None, 75), (None, 150), True),
    ("tss", "Chất rắn lơ lửng (TSS)", "mg/L", (None, 50), (None, 100), True),
    ("arsenic", "Asen (As)", "mg/L", (None, 0.05), (None, 0.1), True),
    ("mercury", "Thủy ngân (Hg)", "mg/L", (None, 0.005), (None, 0.01), True),
    ("lead", "Chì (Pb)", "mg/L", (None, 0.1), (None, 0.5), True),
    ("cadmium", "Cadimi (Cd)", "mg/L", (None, 0.05), (None, 0.1), True),
    ("chromium_vi", "Crom (VI)", "mg/L", (None, 0.05), (None, 0.1), True),
    ("chromium_iii", "Crom (III)", "mg/L", (None, 0.2), (None, 1), True),
    ("copper", "Đồng (Cu)", "mg/L", (None, 2), (None, 2), True),
    ("zinc", "Kẽm (Zn)", "mg/L", (None, 3), (None, 3), True),
    ("nickel", "Niken (Ni)", "mg/L", (None, 0.2), (None, 0.5), True),
    ("manganese", "Mangan (Mn)", "mg/L", (None, 0.5), (None, 1), True),
    ("iron", "Sắt (Fe)", "mg/L", (None, 1), (None, 5), True),
    ("cyanide", "Tổng xianua", "mg/L", (None, 0.07), (None, 0.1), True),
    ("phenol", "Tổng phenol", "mg/L", (None, 0.1), (None, 0.5), True),
    ("mineral_oil", "Tổng dầu mỡ khoáng", "mg/L", (None, 5), (None, 10), True),
    ("sulfide", "Sunfua", "mg/L", (None, 0.2), (None, 0.5), True),
    ("fluoride", "Florua", "mg/L", (None, 5), (None, 10), True),
    ("nh4", "Amoni (tính theo N)", "mg/L", (None, 5), (None, 10), True),
    ("tn", "Tổng nitơ", "mg/L", (None, 20), (None, 40), True),
    ("tp", "Tổng phốt pho (tính theo P)", "mg/L", (None, 4), (None, 6), True),
    ("chloride", "Clorua", "mg/L", (None, 500), (None, 1000), True),
    ("residual_chlorine", "Clo dư", "mg/L", (None, 1), (None, 2), True),
    ("coliform", "Coliform", "MPN/100 mL", (None, 3000), (None, 5000), False),
]

# QCVN 05:2023/BTNMT Table 1 (µg/Nm³): {parameter: {averaging: limit}}; PM2.5 24 h 50 → 45 from 2026.
_QCVN_05_2023 = {
    "so2": ("SO2", {"1h": 350, "24h": 125, "year": 50}),
    "co": ("CO", {"1h": 30000, "8h": 10000}),
    "no2": ("NO2", {"1h": 200, "24h": 100, "year": 40}),
    "o3": ("O3", {"1h": 200, "8h": 120}),
    "tsp": ("Tổng bụi lơ lửng (TSP)", {"1h": 300, "24h": 200, "year": 100}),
    "pm10": ("Bụi PM10", {"24h": 100, "year": 50}),
    "pm25": ("Bụi PM2,5", {"year": 25}),
    "lead_air": ("Pb", {"24h": 1.5}),
}
_PM25_DAY = [(None, date(2025, 12, 31), 50), (date(2026, 1, 1), None, 45)]

# QCVN 19:2009/BTNMT column B (mg/Nm³), scaled by Kp × Kv.
_QCVN_19_2009 = [
    ("stack_dust", "Bụi tổng", 200),
    ("stack_co", "CO", 1000),
    ("stack_so2", "SO2", 500),
    ("stack_nox", "NOx (tính theo NO2)", 850),
]

STANDARDS = [
    {
        "code": "QCVN 40:2011/BTNMT",
        "title_vi": "Quy chuẩn kỹ thuật quốc gia về nước thải công nghiệp",
        "title_en": "National technical regulation on industrial wastewater",
        "medium": "wastewater",
        "issued_by": "Thông tư 47/2011/TT-BTNMT",
        "in_force_from": date(2012, 3, 15),
        "scaling": "kq_kf",
        "source": "QCVN 40:2011/BTNMT Table 1 and 2.3 (S: secondary sources that agree; Kq/Kf tables M). "
        "Facilities permitted before 1 Sep 2025 may keep these limits until 31 Dec 2031.",
        "limits": [
            {
                "column": column,
                "parameter": key,
                "name": name,
                "unit": unit,
                "averaging": "1h",
                "lower": bounds[0],
                "upper": bounds[1],
                "scaled": scaled,
            }  # fmt: skip
            for key, name, unit, a, b, scaled in _QCVN_40_2011
            for column, bounds in (("A", a), ("B", b))
        ],
    },
    {
        "code": "QCVN 05:2023/BTNMT",
        "title_vi": "Quy chuẩn kỹ thuật quốc gia về chất lượng không khí",
        "title_en": "National technical regulation on ambient air quality",
        "medium": "ambient_air",
        "issued_by": "Thông tư 01/2023/TT-BTNMT",
        "in_force_from": date(2023, 9, 12),
        "scaling": "none",
        "source": "QCVN 05:2023/BTNMT Table 1, µg/Nm³ at 25 °C and 760 mmHg (V).",
        "limits": [
            {
                "column": "-",
                "parameter": key,
                "name": name,
                "unit": "µg/Nm³",
                "averaging": averaging,
                "upper": value,
                "scaled": False,
            }  # fmt: skip
            for key, (name, periods) in _QCVN_05_2023.items()
            for averaging, value in periods.items()
        ]
        + [
            {
                "column": "-",
                "parameter": "pm25",
                "name": "Bụi PM2,5",
                "unit": "µg/Nm³",
                "averaging": "24h",
                "upper": value,
                "scaled": False,
                "valid_from": start,
                "valid_until": end,
            }  # fmt: skip
            for start, end, value in _PM25_DAY
        ],
    },
    {
        "code": "QCVN 19:2009/BTNMT",
        "title_vi": "Quy chuẩn kỹ thuật quốc gia về khí thải công nghiệp đối với bụi và các chất vô cơ",
        "title_en": "National technical regulation on industrial emissions of dust and inorganic substances",
        "medium": "stack",
        "issued_by": "Thông tư 25/2009/TT-BTNMT",
        "in_force_from": date(2010, 1, 1),
        "scaling": "kp_kv",
        "source": "QCVN 19:2009/BTNMT Table 1 column B (S); Kp and Kv tables (M). "
        "Successor QCVN 19:2024/BTNMT in force 1 Jul 2025 (zones A/B/C, reference O2): add it as data.",
        "limits": [
            {
                "column": "B",
                "parameter": key,
                "name": name,
                "unit": "mg/Nm³",
                "averaging": "1h",
                "upper": value,
                "scaled": True,
            }  # fmt: skip
            for key, name, value in _QCVN_19_2009
        ],
    },
]


def load_standards(standard_model, limit_model) -> None:
    """Create or update every standard and limit above (models passed in, so migrations can call it)."""
    for spec in STANDARDS:
        spec = dict(spec)
        limits = spec.pop("limits")
        standard, _created = standard_model.objects.update_or_create(code=spec.pop("code"), defaults=spec)
        for row in limits:
            row = {"lower": None, "upper": None, "valid_from": None, "valid_until": None, **row}
            keys = {k: row.pop(k) for k in ("column", "parameter", "averaging", "valid_from")}
            limit_model.objects.update_or_create(standard=standard, **keys, defaults=row)
