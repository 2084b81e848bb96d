"""Making and sending the Department's files: the ledger's only writers (tasks and admin call these).

`transmissions_produce` records every closed period of every transmitting station once (catching
up after downtime, so no period is skipped); `transmissions_send` sends each station's files
strictly in period order, stopping at that station's first failure, which waits for its backoff.
No database transaction is held across a network call.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from environment import circular10
from environment.models import Station, Transmission, TransmissionState
from environment.models.transmission import UNSENT
from environment.transmission_health import backoff
from environment.transport import Link, TransportError
from ioc.alerts import services as alarms
from ioc.alerts.choices import AlarmState, Domain, RuleKind, Severity
from ioc.alerts.models import Alarm, AlarmRule
from ioc.park.models import Channel
from ioc.telemetry.metrics import METRICS
from ioc.telemetry.models import Reading, Rollup5m
from ioc.telemetry.quality import Quality

logger = logging.getLogger("environment.transmission")
RULE_NAME = "Truyền dữ liệu quan trắc thất bại"  # the rule's name is data, in the park's language


@dataclass(frozen=True)
class Config:
    province: str
    minutes: int
    delay: timedelta
    url: str | None
    retry_base: int
    retry_max: int
    timeout: int
    alarm_after: int
    known_hosts: str = ""

    @property
    def period(self) -> timedelta:
        return timedelta(minutes=self.minutes)


def config() -> Config:
    return Config(
        province=settings.ENV_TRANSMISSION_PROVINCE, minutes=settings.ENV_TRANSMISSION_PERIOD_MINUTES,
        delay=timedelta(seconds=settings.ENV_TRANSMISSION_DELAY_SECONDS), url=settings.ENV_TRANSMISSION_URL,
        retry_base=settings.ENV_TRANSMISSION_RETRY_BASE_SECONDS,
        retry_max=settings.ENV_TRANSMISSION_RETRY_MAX_SECONDS, timeout=settings.ENV_TRANSMISSION_TIMEOUT_SECONDS,
        alarm_after=settings.ENV_TRANSMISSION_ALARM_AFTER_FAILURES,
        known_hosts=settings.ENV_TRANSMISSION_KNOWN_HOSTS,
    )  # fmt: skip


def transmitting_stations():
    return Station.objects.filter(transmits=True).exclude(facility_code="").select_related("device")


# Making files ---------------------------------------------------------------------------------


def transmissions_produce(*, now: datetime, cfg: Config | None = None) -> int:
    """Record every closed period since each station's last one; return how many rows were made."""
    cfg = cfg or config()
    made = 0
    for station in transmitting_stations():
        after = station.transmissions.aggregate(last=Max("period_end"))["last"]
        periods = circular10.closed_periods(after=after, now=now, minutes=cfg.minutes, delay=cfg.delay)
        if periods:
            rows = _rows(station, periods, cfg)
            # Two producers racing make the same rows; the unique constraint keeps one of each.
            made += len(Transmission.objects.bulk_create(rows, ignore_conflicts=True))
    return made


def _rows(station: Station, periods: list[tuple[datetime, datetime]], cfg: Config) -> list[Transmission]:
    valid, flagged = _period_data(station, periods[0][0], periods[-1][1], cfg.minutes)
    rows = []
    for start, end in periods:
        lines = circular10.period_lines(valid.get(start, {}), flagged.get(start, {}))
        if not lines:
            rows.append(Transmission(station=station, period_start=start, period_end=end,
                                     state=TransmissionState.NO_DATA))  # fmt: skip
            continue
        name = circular10.file_name(
            province=cfg.province, facility=station.facility_code, station=station.code, period_end=end
        )
        body = circular10.file_body(lines, end)
        rows.append(
            Transmission(station=station, period_start=start, period_end=end, file_name=name, body=body)
        )
    return rows


def _period_data(station: Station, start: datetime, end: datetime, minutes: int):
    """Valid sums (from the 5-minute rollups) and the newest flagged reading, per period and metric."""
    symbols = {key for key, metric in METRICS.items() if metric.circular10_symbol}
    channels = dict(
        Channel.objects.filter(device_id=station.device_id, metric__in=symbols).values_list("pk", "metric")
    )
    sums = defaultdict(lambda: defaultdict(lambda: [0.0, 0]))
    for channel_id, bucket, total, count in Rollup5m.objects.filter(
        channel_id__in=channels, bucket__gte=start, bucket__lt=end
    ).values_list("channel_id", "bucket", "sum", "count"):
        cell = sums[circular10.period_start(bucket, minutes)][channels[channel_id]]
        cell[0] += total
        cell[1] += count
    valid = {p: {k: circular10.Valid(s, c) for k, (s, c) in by.items()} for p, by in sums.items()}
    flagged = defaultdict(dict)
    for channel_id, ts, value, quality in (
        Reading.objects.filter(
            channel_id__in=channels,
            ts__gte=start,
            ts__lt=end,
            quality__in=[Quality.CALIBRATING, Quality.ERROR],
        )
        .order_by("ts")
        .values_list("channel_id", "ts", "value", "quality")
    ):
        # Ordered by time: the newest of the period wins.
        flagged[circular10.period_start(ts, minutes)][channels[channel_id]] = circular10.Flagged(
            value, quality
        )
    return valid, flagged


# Sending files --------------------------------------------------------------------------------


def transmissions_send(*, now: datetime, cfg: Config | None = None) -> dict:
    """Send what is due, station by station, in period order; return counts for the task's result."""
    cfg = cfg or config()
    result = {"sent": 0, "already_there": 0, "failed": 0}
    if not cfg.url:
        return result
    link = Link(cfg.url, timeout=cfg.timeout, known_hosts=cfg.known_hosts)
    try:
        for station in transmitting_stations().filter(transmissions__state__in=UNSENT).distinct():
            _send_station(station, link, now, cfg, result)
    finally:
        link.close()
    return result


def _send_station(station: Station, link: Link, now: datetime, cfg: Config, result: dict) -> None:
    queue = Transmission.objects.filter(station=station, state__in=UNSENT).order_by("period_start")
    head = queue.first()
    if head is None or (head.next_attempt_at and head.next_attempt_at > now):
        return  # nothing to send, or the head still waits out its backoff: the others wait behind it
    sent_any = False
    for row in queue.iterator():
        try:
            uploaded = link.deliver(row.file_name, row.body.encode("utf-8"))
        except TransportError as error:
            _record_failure(row, str(error), now, cfg)
            result["failed"] += 1
            _alarm_if_failing(station, row, cfg, now)
            return
        Transmission.objects.filter(pk=row.pk).update(
            state=TransmissionState.SENT, attempts=row.attempts + 1, sent_at=timezone.now(), next_attempt_at=None,
            last_error="",
        )  # fmt: skip
        result["sent" if uploaded else "already_there"] += 1
        sent_any = True
    if sent_any:
        _clear_alarm(station)


def _record_failure(row: Transmission, error: str, now: datetime, cfg: Config) -> None:
    row.attempts += 1
    row.state, row.last_error = TransmissionState.FAILED, error[:2000]
    row.next_attempt_at = now + backoff(row.attempts, base=cfg.retry_base, cap=cfg.retry_max)
    row.save(update_fields=["attempts", "state", "last_error", "next_attempt_at"])
    logger.warning("transmission %s failed (attempt %d): %s", row.file_name, row.attempts, error)


# Alarm ----------------------------------------------------------------------------------------


def transmission_rule() -> AlarmRule:
    rule, _created = AlarmRule.objects.get_or_create(
        name=RULE_NAME,
        kind=RuleKind.NO_DATA,
        domain=Domain.ENVIRONMENT,
        defaults={"severity": Severity.MAJOR},
    )
    return rule


def alarm_source(station: Station) -> str:
    return f"transmission:{station.pk}"


def _alarm_if_failing(station: Station, row: Transmission, cfg: Config, now: datetime) -> None:
    if row.attempts < cfg.alarm_after:
        return
    rule = transmission_rule()
    if not rule.enabled:
        return
    alarms.alarm_raise(
        rule=rule, source=alarm_source(station), device_id=station.device_id, channel_id=None,
        value=row.attempts, at=now, message=f"{rule.name}: {station.code} — {row.last_error[:300]}",
    )  # fmt: skip


def _clear_alarm(station: Station) -> None:
    for alarm in Alarm.objects.filter(source=alarm_source(station), rule__name=RULE_NAME).exclude(
        state=AlarmState.CLEARED
    ):
        alarms.alarm_clear(alarm, text="Đã truyền lại được dữ liệu")
