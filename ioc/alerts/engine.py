"""Run the alarm rules over readings just stored, and over devices going offline.

Called after each ingest batch commits. Rules are indexed by channel so a batch of readings no
rule watches costs one dictionary lookup per reading. Where each rule stands between batches
(since when its condition holds) is kept in RuleState.
"""

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q

from ioc.alerts import services
from ioc.alerts.choices import AlarmState, RuleKind
from ioc.alerts.conditions import ConditionState, Step, rate_step, threshold_step
from ioc.alerts.models import Alarm, AlarmRule, RuleState
from ioc.park.models import Channel
from ioc.registry import registry

INDEX_TTL_S = 30.0


@dataclass(frozen=True)
class Watch:
    """One rule watching one channel, with its threshold resolved."""

    rule: AlarmRule
    channel_id: int
    device_id: int
    label: str
    threshold: float


_index: tuple[float, dict[int, list[Watch]]] = (0.0, {})
# channel id → [(combination rule, device id)]: which devices to re-judge when that channel reports
_combos: dict[int, list[tuple[AlarmRule, int]]] = {}


def forget_rules() -> None:
    global _index, _combos
    _index, _combos = (0.0, {}), {}


def _channels_for(rule: AlarmRule):
    if rule.channel_id:
        return Channel.objects.filter(pk=rule.channel_id)
    query = Q(metric=rule.metric) if rule.metric else Q()
    if rule.zone_id:
        query &= Q(device__zone_id=rule.zone_id)
    if rule.device_kind:
        query &= Q(device__kind=rule.device_kind)
    return Channel.objects.filter(query)


def _threshold(rule: AlarmRule, channel: Channel) -> float | None:
    if rule.limit_key:
        resolve = registry.limits.get(rule.limit_key)
        return resolve(channel) if resolve else None
    return rule.threshold


def rule_index() -> dict[int, list[Watch]]:
    global _index
    expires, index = _index
    if expires > time.monotonic():
        return index
    index = defaultdict(list)
    rules = AlarmRule.objects.filter(enabled=True, kind__in=[RuleKind.THRESHOLD, RuleKind.RATE])
    for rule in rules:
        for channel in _channels_for(rule).select_related("device"):
            threshold = _threshold(rule, channel)
            if threshold is not None:
                label = f"{channel.device.serial} {channel.metric}"
                index[channel.pk].append(Watch(rule, channel.pk, channel.device_id, label, threshold))
    _index = (time.monotonic() + INDEX_TTL_S, dict(index))
    _index_combinations()
    return _index[1]


def _index_combinations() -> None:
    global _combos
    combos = defaultdict(list)
    for rule in AlarmRule.objects.filter(enabled=True, kind=RuleKind.COMBINATION):
        metrics = {c.get("metric") for c in rule.conditions if isinstance(c, dict)}
        channels = Channel.objects.filter(metric__in=metrics)
        if rule.channel_id:
            channels = channels.filter(device__channels=rule.channel_id)
        if rule.zone_id:
            channels = channels.filter(device__zone_id=rule.zone_id)
        if rule.device_kind:
            channels = channels.filter(device__kind=rule.device_kind)
        for channel_id, device_id in channels.values_list("pk", "device_id"):
            combos[channel_id].append((rule, device_id))
    _combos = dict(combos)


def _message(watch: Watch, value: float) -> str:
    rule = watch.rule
    condition = "Δ/min" if rule.kind == RuleKind.RATE else ""
    return (
        f"{rule.name}: {watch.label}{condition} = {value:g} {rule.get_operator_display()} {watch.threshold:g}"
    )


def evaluate_readings(rows) -> int:
    """Feed stored rows (channel id, epoch, value, quality) to the rules; return alarms raised."""
    index = rule_index()
    by_channel = defaultdict(list)
    touched: dict[tuple[int, int], float] = {}  # (combination rule id, device id) → newest reading
    for channel_id, epoch, value, quality in rows:
        if quality == 0 and channel_id in index:
            by_channel[channel_id].append((epoch, value))
        for rule, device_id in _combos.get(channel_id, ()):
            key = (rule.pk, device_id)
            touched[key] = max(touched.get(key, 0.0), epoch)
    raised = _judge_combinations(touched) if touched else 0
    if not by_channel:
        return raised
    watches = [w for channel_id in by_channel for w in index[channel_id]]
    sources = {f"channel:{w.channel_id}" for w in watches}
    stored = {
        (s.rule_id, s.source): s
        for s in RuleState.objects.filter(rule_id__in={w.rule.pk for w in watches}, source__in=sources)
    }
    for watch in watches:
        source = f"channel:{watch.channel_id}"
        row = stored.get((watch.rule.pk, source)) or RuleState(rule=watch.rule, source=source)
        state = ConditionState(row.since, row.raised, row.last_ts, row.last_value)
        state, raised_here = _run(watch, source, state, sorted(by_channel[watch.channel_id]))
        raised += raised_here
        row.since, row.raised, row.last_ts, row.last_value = (
            state.since,
            state.raised,
            state.last_ts,
            state.last_value,
        )
        row.save()
    return raised


def _judge_combinations(touched: dict[tuple[int, int], float]) -> int:
    """Re-judge each (combination rule, device) on the device's latest values of its metrics."""
    from ioc.alerts.conditions import combine, meets, step
    from ioc.telemetry.models import LatestValue

    rules = {rule.pk: rule for channel_rules in _combos.values() for rule, _device in channel_rules}
    raised = 0
    for (rule_id, device_id), epoch in touched.items():
        rule, source = rules[rule_id], f"device:{device_id}"
        latest = dict(
            LatestValue.objects.filter(channel__device_id=device_id, quality=0).values_list(
                "channel__metric", "value"
            )
        )
        results = [
            c.get("metric") in latest
            and meets(latest[c["metric"]], c.get("operator", "gt"), float(c["threshold"]))
            for c in rule.conditions
        ]
        row = RuleState.objects.filter(rule=rule, source=source).first() or RuleState(
            rule=rule, source=source
        )
        state = ConditionState(row.since, row.raised, row.last_ts, row.last_value)
        if state.last_ts is not None and epoch <= state.last_ts:
            continue
        state, outcome = step(state, epoch, combine(results, rule.joiner), False, rule.duration)
        at = datetime.fromtimestamp(epoch, UTC)
        if outcome is Step.RAISE:
            names = ", ".join(
                f"{c['metric']} {c.get('operator', 'gt')} {c['threshold']}" for c in rule.conditions
            )
            services.alarm_raise(rule=rule, source=source, device_id=device_id, channel_id=None, value=None,
                                 at=at, message=f"{rule.name}: {names}")  # fmt: skip
            raised += 1
        elif outcome is Step.REPEAT:
            alarm = Alarm.objects.filter(rule=rule, source=source).exclude(state=AlarmState.CLEARED).first()
            if alarm:
                services.alarm_repeat(alarm.pk, value=None, at=at)
        elif outcome is Step.CLEAR:
            for alarm in Alarm.objects.filter(rule=rule, source=source).exclude(state=AlarmState.CLEARED):
                services.alarm_clear(alarm)
        row.since, row.raised, row.last_ts = state.since, state.raised, state.last_ts
        row.save()
    return raised


def _run(watch: Watch, source: str, state: ConditionState, readings) -> tuple[ConditionState, int]:
    rule, repeats, raised, last = watch.rule, 0, 0, None
    for epoch, value in readings:
        if rule.kind == RuleKind.RATE:
            state, outcome = rate_step(
                state,
                epoch,
                value,
                operator=rule.operator,
                per_minute=watch.threshold,
                duration_s=rule.duration,
            )
        else:
            state, outcome = threshold_step(
                state,
                epoch,
                value,
                operator=rule.operator,
                threshold=watch.threshold,
                hysteresis=rule.hysteresis,
                duration_s=rule.duration,
            )
        at = datetime.fromtimestamp(epoch, UTC)
        if outcome is Step.RAISE:
            _flush(rule, source, repeats, last)
            repeats = 0
            services.alarm_raise(
                rule=rule,
                source=source,
                device_id=watch.device_id,
                channel_id=watch.channel_id,
                value=value,
                at=at,
                message=_message(watch, value),
            )
            raised += 1
        elif outcome is Step.REPEAT:
            repeats, last = repeats + 1, (value, at)
        elif outcome is Step.CLEAR:
            _flush(rule, source, repeats, last)
            repeats = 0
            for alarm in Alarm.objects.filter(rule=rule, source=source).exclude(state=AlarmState.CLEARED):
                services.alarm_clear(alarm, text=f"{value:g}")
    _flush(rule, source, repeats, last)
    return state, raised


def _flush(rule, source, repeats: int, last) -> None:
    """Count the repeats of a batch in one UPDATE rather than one per reading."""
    if repeats:
        alarm = Alarm.objects.filter(rule=rule, source=source).exclude(state=AlarmState.CLEARED).first()
        if alarm:
            services.alarm_repeat(alarm.pk, value=last[0], at=last[1], times=repeats)


def device_went_offline(device_id: int, last_seen) -> None:
    from ioc.park.models import Device

    device = Device.objects.filter(pk=device_id).first()
    if device is None:
        return
    for rule in AlarmRule.objects.filter(enabled=True, kind=RuleKind.NO_DATA):
        # A rule that watches nothing (clean() refuses one from a person) is a domain app's own,
        # raised by that app (e.g. a failing transmission to the Department), not by devices.
        if (rule.channel_id or rule.metric or rule.device_kind or rule.zone_id) and _rule_covers_device(
            rule, device
        ):
            when = last_seen.isoformat(timespec="minutes") if last_seen else "—"
            services.alarm_raise(
                rule=rule,
                source=f"device:{device.pk}",
                device_id=device.pk,
                channel_id=None,
                value=None,
                at=datetime.now(UTC),
                message=f"{rule.name}: {device.serial} ({when})",
            )


def device_came_back(device_id: int) -> None:
    open_alarms = Alarm.objects.filter(source=f"device:{device_id}", rule__kind=RuleKind.NO_DATA)
    for alarm in open_alarms.exclude(state=AlarmState.CLEARED):
        services.alarm_clear(alarm)


def _rule_covers_device(rule: AlarmRule, device) -> bool:
    if rule.channel_id:
        return Channel.objects.filter(pk=rule.channel_id, device=device).exists()
    if rule.device_kind and rule.device_kind != device.kind:
        return False
    if rule.zone_id and rule.zone_id != device.zone_id:
        return False
    return not rule.metric or device.channels.filter(metric=rule.metric).exists()
