"""Effective discharge limits with worked examples (QCVN 40:2011, QCVN 19:2009)."""

import pytest
from django.utils import translation

from environment.discharge import kf, kp, kq_lake, kq_river, stack_limit, wastewater_limit


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def test_the_derivation_speaks_the_readers_language():
    with translation.override("vi"):
        limit = wastewater_limit("cod", 150, kq=0.9, kf=1.0)
        assert limit.derivation == "150 × Kq 0.9 × Kf 1 = 135 (QCVN 40:2011/BTNMT cột B)"
        assert "không nhân hệ số" in wastewater_limit("ph", 9, kq=0.9, kf=1.0).derivation


@pytest.mark.parametrize(
    ("flow", "expected"), [(10, 0.9), (50, 0.9), (50.1, 1.0), (200, 1.0), (350, 1.1), (900, 1.2)]
)
def test_kq_for_rivers_includes_the_upper_bound(flow, expected):
    assert kq_river(flow) == expected


@pytest.mark.parametrize(
    ("discharge", "expected"), [(40, 1.2), (50, 1.2), (300, 1.1), (4000, 1.0), (6000, 0.9)]
)
def test_kf_by_daily_discharge(discharge, expected):
    assert kf(discharge) == expected


def test_cod_at_a_central_plant_outfall_on_a_mid_sized_river():
    # Column B COD 150 mg/L; Q = 120 m³/s → Kq 1.0; F = 4,000 m³/day → Kf 1.0.
    limit = wastewater_limit("cod", 150, kq=kq_river(120), kf=kf(4000))
    assert limit.value == 150 and limit.derivation == "150 × Kq 1 × Kf 1 = 150 (QCVN 40:2011/BTNMT column B)"


def test_a_small_discharger_to_a_small_river_gets_a_scaled_limit():
    # Column B TSS 100 mg/L × Kq 0.9 (Q ≤ 50 m³/s) × Kf 1.2 (F ≤ 50 m³/day) = 108 mg/L.
    assert wastewater_limit("tss", 100, kq=kq_river(30), kf=kf(40)).value == pytest.approx(108)


def test_temperature_colour_and_ph_are_never_scaled():
    assert wastewater_limit("water_temperature", 40, kq=0.9, kf=1.2).value == 40
    assert "not scaled" in wastewater_limit("color", 150, kq=0.9, kf=1.2).derivation


def test_lake_volume_and_stack_coefficients():
    assert (kq_lake(5e6), kq_lake(5e7), kq_lake(5e8)) == (0.6, 0.8, 1.0)
    # Dust 200 mg/Nm³ × Kp 0.9 (P = 50,000 m³/h) × Kv 1.0 (industrial park) = 180.
    assert stack_limit(200, kp=kp(50_000), kv=1.0).value == pytest.approx(180)


def test_a_negative_flow_is_refused():
    with pytest.raises(ValueError, match="negative"):
        kf(-1)
