"""VN_AQI with Decision 1459/QĐ-TCMT's worked examples (shared/domain/environment.md §1)."""

import pytest

from environment.aqi import InsufficientData, band, daily_aqi, hourly_aqi, nowcast, sub_index

# PM2.5 hourly means from the decision, newest first (c1 = current hour … c12 = 12 hours ago).
DECISION_PM25 = [20.6, 19.6, 22.4, 20.3, 16.5, 19.0, 16.5, 19.5, 23.5, 20.5, 24.7, 26.9]


def test_nowcast_of_the_decisions_example_is_20_27():
    assert nowcast(DECISION_PM25) == pytest.approx(20.27, abs=0.01)


def test_nowcast_needs_two_of_the_last_three_hours():
    with pytest.raises(InsufficientData):
        nowcast([20.0, None, None, 18.0])
    assert nowcast([20.0, None, 18.0]) == pytest.approx((20 + (18 / 20) ** 2 * 18) / (1 + (18 / 20) ** 2))


def test_the_decisions_daily_example_gives_110():
    result = daily_aqi(pm_24h={"pm25": 55.7}, gas_max_1h={"o3": 114.6, "no2": 130.8}, o3_max_8h=89.3)
    assert result.sub_indices["pm25"] == pytest.approx(109.5, abs=0.05)
    assert result.sub_indices["no2"] == pytest.approx(65.4, abs=0.05)
    assert result.sub_indices["o3"] == pytest.approx(44.65, abs=0.05)  # the 8-hour one, larger than 35.81
    assert (result.aqi, result.dominant, result.band.name_vi, result.band.name_en) == (
        110,
        "pm25",
        "Kém",
        "Poor",
    )


@pytest.mark.parametrize(
    ("pollutant", "concentration", "expected"),
    [
        ("pm25", 0, 0),
        ("pm25", 25, 50),
        ("pm25", 50, 100),
        ("pm10", 600, 500),
        ("pm10", 9999, 500),
        ("co", 10000, 50),
    ],
)
def test_breakpoints_are_continuous_and_the_top_is_500(pollutant, concentration, expected):
    assert sub_index(pollutant, concentration) == pytest.approx(expected)


def test_no_aqi_without_particulates_and_no_nowcast_means_no_pm():
    with pytest.raises(InsufficientData):
        hourly_aqi(pm_hours={}, gases={"no2": 40})
    with pytest.raises(InsufficientData):
        hourly_aqi(pm_hours={"pm25": [None, None, 30.0]}, gases={"no2": 40})
    result = hourly_aqi(pm_hours={"pm25": DECISION_PM25}, gases={"o3": 90, "co": 900})
    assert result.aqi == 41 and result.dominant == "pm25" and result.band.rgb == (0, 228, 0)


def test_an_o3_8h_mean_above_400_leaves_the_1h_column_alone():
    result = daily_aqi(pm_24h={"pm10": 20}, gas_max_1h={"o3": 500}, o3_max_8h=450)
    assert result.sub_indices["o3"] == pytest.approx(sub_index("o3_1h", 500))


def test_bands_follow_the_decision():
    assert [band(v).name_en for v in (0, 50, 51, 100, 150, 151, 300, 301, 500)] == [
        "Good", "Good", "Moderate", "Moderate", "Poor", "Bad", "Very bad", "Hazardous", "Hazardous",
    ]  # fmt: skip
