"""QCVN compliance on the averaging period, verdicts kept, exceedances raised as alarms."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from environment.compliance import judge, min_hours
from environment.discharge import effective_limit
from environment.models import ComplianceRecord
from environment.tasks import hourly_upkeep
from ioc.alerts.models import Alarm

HOUR = timedelta(hours=1)


def qcvn_alarms():
    return Alarm.objects.filter(rule__kind="regulation")


def an_hour_ago_floor() -> datetime:
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    return now - 2 * HOUR


def readings(start: datetime, metric_values: dict[str, list[float]]):
    """Readings spread over the hour starting at `start`, one per value."""
    body = []
    for name, values in metric_values.items():
        step = 3600 / len(values)
        for i, value in enumerate(values):
            body.append({"ts": int((start.timestamp() + i * step + 1) * 1000), "values": {name: value}})
    return body


def test_the_outfalls_limits_carry_their_derivation(outfall):
    with translation.override("en"):
        limits = {row.parameter: limit for row, limit in outfall.effective_limits(datetime.now().date())}
        assert limits["cod"].value == pytest.approx(135)
        assert limits["cod"].derivation == "150 × Kq 0.9 × Kf 1 = 135 (QCVN 40:2011/BTNMT column B)"
        assert (limits["ph"].lower, limits["ph"].value) == (5.5, 9)
        assert limits["ph"].derivation == "5.5–9 (QCVN 40:2011/BTNMT column B; not scaled)"


def test_an_hourly_cod_mean_of_140_raises_one_alarm_naming_the_standard(outfall, post_readings):
    post = post_readings
    hour = an_hour_ago_floor()
    # Four readings averaging 140 mg/L: no single one needs to be above 135 for the hour to be.
    post(outfall.device.token, readings(hour, {"COD": [130, 150, 138, 142], "pH": [7.1, 7.2]}))
    record = ComplianceRecord.objects.get(station=outfall, parameter="cod", averaging="1h")
    assert (record.mean, record.upper, record.compliant) == (pytest.approx(140), pytest.approx(135), False)
    assert ComplianceRecord.objects.get(parameter="ph").compliant
    alarm = qcvn_alarms().get()
    assert "QCVN 40:2011/BTNMT" in alarm.message and "135" in alarm.message and "140" in alarm.message
    assert alarm.rule.kind == "regulation" and alarm.device_id == outfall.device_id
    # Judging the same hour again (the periodic catch-up, a late duplicate) adds nothing.
    hourly_upkeep()
    post(outfall.device.token, readings(hour, {"COD": [130, 150, 138, 142]}))
    assert qcvn_alarms().count() == 1 and qcvn_alarms().get().count == 1


def test_a_compliant_hour_after_an_exceedance_clears_the_alarm(outfall, post_readings):
    post = post_readings
    bad, good = an_hour_ago_floor() - HOUR, an_hour_ago_floor()
    post(outfall.device.token, readings(bad, {"COD": [160, 160]}))
    assert qcvn_alarms().get().state == "active"
    post(outfall.device.token, readings(good, {"COD": [90, 100]}))
    assert qcvn_alarms().get().state == "cleared"
    verdicts = ComplianceRecord.objects.filter(station=outfall).order_by("period_start")
    assert list(verdicts.values_list("compliant", flat=True)) == [
        False, True
    ]  # fmt: skip


def test_the_current_hour_is_not_judged_until_it_closes(outfall, post_readings):
    post = post_readings
    now_hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    post(outfall.device.token, [{"ts": int((now_hour.timestamp() + 1) * 1000), "values": {"COD": 500}}])
    assert not ComplianceRecord.objects.filter(station=outfall).exists() and not qcvn_alarms().exists()


def test_ph_out_of_its_range_either_way_is_an_exceedance():
    limit = effective_limit(
        lower=5.5, upper=9, scaled=False, coefficients={"Kq": 0.9}, source="QCVN 40:2011/BTNMT"
    )
    hour = datetime(2026, 11, 25, 3, tzinfo=UTC)
    assert not judge("ph", "1h", {hour: 5.2}, hour + HOUR, limit).compliant
    assert not judge("ph", "1h", {hour: 9.4}, hour + HOUR, limit).compliant
    assert judge("ph", "1h", {hour: 7.0}, hour + HOUR, limit).compliant


def test_a_multi_hour_mean_needs_three_quarters_of_its_hours():
    limit = effective_limit(lower=None, upper=120, scaled=False, coefficients={}, source="QCVN 05:2023/BTNMT")
    end = datetime(2026, 11, 25, 8, tzinfo=UTC)
    five = {end - i * HOUR: 130.0 for i in range(1, 6)}
    assert min_hours("8h") == 6 and min_hours("24h") == 18
    assert judge("o3", "8h", five, end, limit) is None  # five hours of eight: no verdict
    six = {**five, end - 6 * HOUR: 100.0}
    verdict = judge("o3", "8h", six, end, limit)
    assert verdict.mean == pytest.approx(750 / 6) and not verdict.compliant and verdict.hours == 6


def test_compliance_rates_per_day_over_the_api(outfall, client_for, post_readings):
    post = post_readings
    first = an_hour_ago_floor() - 3 * HOUR
    for i, cod in enumerate((100, 140, 120, 90)):
        post(outfall.device.token, readings(first + i * HOUR, {"COD": [cod]}))
    manager = client_for("park_manager")
    response = manager.get(f"/api/v1/environment/stations/{outfall.code}/compliance/")
    assert response.status_code == 200
    rates = [r for r in response.json()["rates"] if r["parameter"] == "cod"]
    assert sum(r["judged"] for r in rates) == 4 and sum(r["compliant"] for r in rates) == 3
    log = manager.get("/api/v1/environment/compliance/?compliant=false").json()
    assert [row["mean"] for row in log["results"]] == [140]
    assert log["results"][0]["period_start"].endswith("+07:00")


def test_a_successor_standard_with_zones_and_reference_oxygen_is_added_as_data(small_park, post_readings):
    """QCVN 19:2024 style — limits by zone, corrected to a reference O2 — with rows only, no code.

    The figures below are placeholders to exercise the mechanism, not the 2024 table (not in hand).
    """
    from environment.models import Standard, StandardLimit, Station
    from ioc.park.models import Channel, Device
    from tests.conftest import point

    successor = Standard.objects.create(
        code="QCVN 19:2024/BTNMT (test)", title_vi="Khí thải công nghiệp (thử)", medium="stack",
        issued_by="test", in_force_from=datetime(2025, 7, 1).date(), scaling="none", reference_o2=6,
        source="test fixture",
    )  # fmt: skip
    StandardLimit.objects.create(standard=successor, column="B", parameter="stack_dust", name="Bụi tổng",
                                 unit="mg/Nm³", averaging="1h", upper=100)  # fmt: skip
    device = Device.objects.create(serial="STK-T", name="Stack", kind="stack_station", enterprise=small_park["a"],
                                   zone=small_park["zone"], location=point(106.273, 20.923))  # fmt: skip
    for metric, name, unit in (("stack_dust", "Dust", "mg/Nm³"), ("stack_o2", "O2", "%")):
        Channel.objects.create(device=device, metric=metric, source_name=name, unit=unit)
    device.token = device.issue_token()
    device.save()
    stack = Station.objects.create(code="STK-T", name_vi="Ống khói", kind="stack", role="stack", device=device,
                                   standard=successor, column="B")  # fmt: skip
    hour = an_hour_ago_floor()
    # 90 mg/Nm³ measured at 12 % O2 is 90 × (20.9 − 6) / (20.9 − 12) ≈ 150.7 at the reference 6 %: over 100.
    post_readings(device.token, readings(hour, {"Dust": [90, 90], "O2": [12, 12]}))
    verdict = ComplianceRecord.objects.get(station=stack)
    assert verdict.mean == pytest.approx(90 * 14.9 / 8.9) and not verdict.compliant
    assert qcvn_alarms().get().message.startswith("STK-T")


def test_late_readings_rejudge_the_periods_that_include_them():
    from environment.evaluation import hours_to_judge

    # 10:00 local (03:00 UTC) yesterday: itself, the 7 rolling 8-hour periods after it, and 23:00 local.
    touched = datetime(2026, 11, 24, 3, tzinfo=UTC)
    hours = hours_to_judge({touched}, closed_before=datetime(2026, 11, 25, 5, tzinfo=UTC))
    assert hours == [touched + i * HOUR for i in range(8)] + [datetime(2026, 11, 24, 16, tzinfo=UTC)]
    assert hours_to_judge({touched}, closed_before=touched + 2 * HOUR) == [touched, touched + HOUR]
