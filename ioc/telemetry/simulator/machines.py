"""Production machines of the smart factories: state, good and rejected units, power.

State (metrics.md): 0 off, 1 idle, 2 running, 3 fault. A machine runs through its owner's shifts,
idles across the handovers and meal breaks, is off when its factory is, and now and then stops on a
fault for a few minutes to an hour.
"""

from ioc.telemetry.simulator.base import (
    Spec,
    chance,
    day_factor,
    local_day,
    local_hour,
    pattern,
    poisson,
    weekday,
)

OFF, IDLE, RUNNING, FAULT = 0, 1, 2, 3
FAULT_PER_HOUR = 0.012
HOUR = 3600.0


def faulted(spec: Spec, t: float) -> bool:
    """Whether a breakdown (hashed per hour, so every run agrees) has the machine stopped at `t`."""
    hour_index = int(t // HOUR)
    for h in (hour_index, hour_index - 1):
        if chance(spec.key, 31, h) < FAULT_PER_HOUR:
            start = h * HOUR + chance(spec.key, 32, h) * HOUR
            if start <= t <= start + (0.08 + 0.9 * chance(spec.key, 33, h) ** 2) * HOUR:
                return True
    return False


def state(spec: Spec, t: float) -> int:
    hour, day = local_hour(t), weekday(t)
    # On short days only some lines run, the same ones all day.
    if pattern(hour, spec.shifts) < 0.05 or chance(spec.key, 34, local_day(t)) > day_factor(day, spec.shifts):
        return OFF
    if faulted(spec, t):
        return FAULT
    # Handovers and meal breaks are dips in the working pattern: the line waits.
    return RUNNING if pattern(hour, spec.shifts) > 0.75 else IDLE


def machine(spec: Spec, t: float, rng) -> dict[str, float]:
    now = state(spec, t)
    minutes = spec.params.get("minutes", 1.0)
    if now == RUNNING:
        made = poisson(rng, 12.0 * spec.scale * minutes)
        rejects = sum(rng.random() < 0.015 for _ in range(made)) if made < 200 else round(made * 0.015)
        power = 22.0 * spec.scale * (1 + rng.gauss(0, 0.05))
    else:
        made, rejects = 0, 0
        power = {OFF: 0.3, IDLE: 5.0, FAULT: 2.0}[now] * spec.scale * (1 + rng.gauss(0, 0.1))
    return {
        "machine_state": now,
        "good_count": made - rejects,
        "reject_count": rejects,
        "power": max(0.0, power),
    }
