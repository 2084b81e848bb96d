"""Whether a condition holds, and what that means for its alarm: pure functions, no database.

A condition must hold for `duration_s` before it raises ("COD above the limit for 15 minutes");
once raised, every further reading that still meets it is a repeat (the alarm's count grows, no
new alarm); it clears only when the value is back past the threshold by the hysteresis margin,
so a value hovering at the limit does not flap.
"""

from dataclasses import dataclass, replace
from enum import Enum

from ioc.alerts.choices import Operator


class Step(Enum):
    NOTHING = "nothing"
    RAISE = "raise"
    REPEAT = "repeat"
    CLEAR = "clear"


@dataclass(frozen=True)
class ConditionState:
    since: float | None = None  # when the condition started to hold (epoch seconds)
    raised: bool = False
    last_ts: float | None = None
    last_value: float | None = None


def meets(value: float, operator: str, threshold: float) -> bool:
    if operator == Operator.ABOVE:
        return value > threshold
    if operator == Operator.AT_LEAST:
        return value >= threshold
    if operator == Operator.BELOW:
        return value < threshold
    return value <= threshold


def still_held(value: float, operator: str, threshold: float, hysteresis: float) -> bool:
    """Whether a raised condition stays up: the value has not gone back past threshold ∓ hysteresis."""
    if operator in (Operator.ABOVE, Operator.AT_LEAST):
        return value > threshold - hysteresis
    return value < threshold + hysteresis


def step(
    state: ConditionState, ts: float, holds: bool, held: bool, duration_s: float
) -> tuple[ConditionState, Step]:
    """Advance `state` by one observation at `ts`: does the condition hold, is a raised one still held?"""
    if state.raised:
        if holds or held:
            return replace(state, last_ts=ts), Step.REPEAT if holds else Step.NOTHING
        return ConditionState(last_ts=ts), Step.CLEAR
    if not holds:
        return ConditionState(last_ts=ts), Step.NOTHING
    since = state.since if state.since is not None else ts
    if ts - since >= duration_s:
        return ConditionState(since=since, raised=True, last_ts=ts), Step.RAISE
    return ConditionState(since=since, last_ts=ts), Step.NOTHING


def threshold_step(state, ts, value, *, operator, threshold, hysteresis=0.0, duration_s=0.0):
    if state.last_ts is not None and ts <= state.last_ts:
        return state, Step.NOTHING  # late or replayed data does not rewrite the story of an alarm
    holds = meets(value, operator, threshold)
    held = still_held(value, operator, threshold, hysteresis)
    new, result = step(state, ts, holds, held, duration_s)
    return replace(new, last_value=value), result


def rate_step(state, ts, value, *, operator, per_minute, duration_s=0.0):
    """A change faster than `per_minute` (units a minute) between consecutive readings."""
    if state.last_ts is None or ts <= state.last_ts or state.last_value is None:
        return replace(state, last_ts=ts, last_value=value), Step.NOTHING
    rate = (value - state.last_value) / (ts - state.last_ts) * 60
    holds = meets(rate, operator, per_minute)
    new, result = step(state, ts, holds, False, duration_s)
    return replace(new, last_value=value), result


def combine(results: list[bool], joiner: str) -> bool:
    return all(results) if joiner == "and" else any(results)
