"""A month of the small park's life for the report tests: PM readings at an air station, hourly verdicts
at the outfall, monthly labour and production reports of both enterprises."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import timezone

from environment.models import ComplianceRecord, Standard, Station
from ioc.park.choices import DeviceKind, Role
from ioc.park.models import Channel, Device, User
from ioc.reports import periods
from ioc.submissions.models import Submission
from ioc.telemetry.storage.writer import write_rows
from tests.conftest import point

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# PM2.5 24-hour means by day of the month (µg/m³): days 1–10 Good (AQI ≤ 50 below 25), 11–15 Moderate,
# 16–17 Poor; the other days have no readings at all, so no AQI.
PM25_BY_DAY = {**dict.fromkeys(range(1, 11), 12.0), **dict.fromkeys(range(11, 16), 35.0), 16: 60.0, 17: 70.0}
LABOUR = {
    "a": {"headcount_vn_male": 300, "headcount_vn_female": 420, "headcount_foreign_male": 6,
          "headcount_foreign_female": 2, "hires": 10, "separations": 4, "wage_average": 9_500_000,
          "wage_lowest": 5_400_000, "overtime_hours_total": 4000, "overtime_hours_max_worker": 38,
          "accidents_injured": 1, "accidents_fatal": 0, "days_lost": 5, "training_hours": 800},
    "b": {"headcount_vn_male": 150, "headcount_vn_female": 90, "headcount_foreign_male": 3,
          "headcount_foreign_female": 0, "hires": 2, "separations": 1, "wage_average": 8_000_000,
          "wage_lowest": 4_000_000, "overtime_hours_total": 2000, "overtime_hours_max_worker": 52,
          "accidents_injured": 0, "accidents_fatal": 0, "days_lost": 0, "training_hours": 100},
}  # fmt: skip
HEADCOUNT = 300 + 420 + 6 + 2 + 150 + 90 + 3
COD_EXCEEDED_HOURS = (9, 10, 11)  # local hours of the 12th when COD was over its limit


@pytest.fixture
def month():
    return periods.previous_month(timezone.localdate())


def local(day, hour=0) -> datetime:
    return datetime.combine(day, time(hour), TZ).astimezone(UTC)


@pytest.fixture
def air(small_park, month):
    device = small_park["park_device"]
    pm25 = Channel.objects.create(device=device, metric="pm25", source_name="PM2.5", unit="µg/m³")
    station = Station.objects.create(code="DA-AIR-01", name_vi="Trạm không khí 1", name_en="Air station 1",
                                     kind="air", role="ambient", device=device,
                                     standard=Standard.objects.get(code="QCVN 05:2023/BTNMT"), column="-")  # fmt: skip
    rows = []
    for day_number, value in PM25_BY_DAY.items():
        day = month.start.replace(day=day_number)
        rows += [(pm25.pk, local(day, hour).timestamp() + 600, value, 0) for hour in range(24)]
    with transaction.atomic():
        write_rows(rows)
    return station


@pytest.fixture
def outfall(small_park, month):
    device = Device.objects.create(serial="DA-WW-OUT", name="Outfall", kind=DeviceKind.WASTEWATER_STATION,
                                   zone=small_park["zone"], location=point(106.28, 20.93))  # fmt: skip
    station = Station.objects.create(code="DA-WW-OUT", name_vi="Cửa xả nhà máy XLNT tập trung", name_en="Central plant outfall",
                                     kind="wastewater", role="plant_outfall", device=device,
                                     standard=Standard.objects.get(code="QCVN 40:2011/BTNMT"), column="B", kq=0.9, kf=1.0)  # fmt: skip
    twelfth = month.start.replace(day=12)
    records = []
    for day in (month.start.replace(day=11), twelfth):
        for hour in range(24):
            bad = day == twelfth and hour in COD_EXCEEDED_HOURS
            records.append(ComplianceRecord(station=station, parameter="cod", averaging="1h", period_start=local(day, hour),
                                            period_end=local(day, hour) + timedelta(hours=1), mean=160 if bad else 60,
                                            hours=1, upper=135, derivation="150 × Kq 0.9 × Kf 1.0", compliant=not bad))  # fmt: skip
    ComplianceRecord.objects.bulk_create(records)
    return station


@pytest.fixture
def labour_reports(small_park, month):
    for key, data in LABOUR.items():
        author = User.objects.get_or_create(username=f"reporter-{key}", defaults={"role": Role.ENTERPRISE,
                                                                                  "enterprise": small_park[key]})[0]  # fmt: skip
        Submission.objects.create(enterprise=small_park[key], kind="labour.monthly", schema_version=1,
                                  period=month.start, data=data, status="accepted", created_by=author,
                                  submitted_at=timezone.now())  # fmt: skip
    for key, output in (("a", 120_000_000_000), ("b", 45_500_000_000)):
        Submission.objects.create(enterprise=small_park[key], kind="production.monthly", schema_version=1,
                                  period=month.start, status="submitted", submitted_at=timezone.now(),
                                  created_by=User.objects.get(username=f"reporter-{key}"),
                                  data={"output_value_vnd": output, "export_value_usd": 2_500_000.5, "products": [],
                                        "capacity_utilisation": 80, "operating_days": 26})  # fmt: skip


@pytest.fixture
def park_month(air, outfall, labour_reports, month):
    return month
