"""Conditions with worked examples: durations, hysteresis, repeats, late data, rates."""

from ioc.alerts.conditions import ConditionState, Step, rate_step, threshold_step


def run(values, **rule):
    state, steps = ConditionState(), []
    for ts, value in values:
        state, outcome = threshold_step(state, ts, value, **rule)
        steps.append(outcome)
    return state, steps


def test_cod_above_75_for_15_minutes_raises_only_after_15_minutes():
    minutes = [(m * 60.0, 80) for m in range(17)]
    _state, steps = run(minutes, operator="gt", threshold=75, duration_s=15 * 60)
    assert steps.index(Step.RAISE) == 15 and steps[16] is Step.REPEAT
    assert set(steps[:15]) == {Step.NOTHING}


def test_a_dip_restarts_the_duration():
    values = [(0, 80), (300, 80), (600, 70), (900, 80), (1200, 80)]
    _state, steps = run(values, operator="gt", threshold=75, duration_s=600)
    assert Step.RAISE not in steps


def test_hysteresis_keeps_a_hovering_value_from_flapping():
    values = [(0, 80), (60, 74), (120, 76), (180, 69)]
    _state, steps = run(values, operator="gt", threshold=75, hysteresis=5)
    assert steps == [Step.RAISE, Step.NOTHING, Step.REPEAT, Step.CLEAR]


def test_below_thresholds_work_the_other_way_round():
    _state, steps = run([(0, 5.5), (60, 6.2), (120, 6.6)], operator="lt", threshold=6, hysteresis=0.5)
    assert steps == [Step.RAISE, Step.NOTHING, Step.CLEAR]  # pH below 6, back above 6.5


def test_late_and_replayed_readings_change_nothing():
    state, _ = run([(100, 80)], operator="gt", threshold=75)
    for ts in (100, 50):
        assert threshold_step(state, ts, 90, operator="gt", threshold=75) == (state, Step.NOTHING)


def test_a_rate_of_change_compares_units_per_minute():
    state = ConditionState()
    state, first = rate_step(state, 0, 10, operator="gt", per_minute=5)
    state, second = rate_step(state, 60, 14, operator="gt", per_minute=5)
    state, third = rate_step(state, 90, 20, operator="gt", per_minute=5)  # 6 in 30 s = 12/min
    assert (first, second, third) == (Step.NOTHING, Step.NOTHING, Step.RAISE)
