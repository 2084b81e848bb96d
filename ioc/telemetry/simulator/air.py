"""Ambient air and weather at the park (shared/domain/environment.md: QCVN 05:2023, VN_AQI).

Levels are those of Hải Dương / Hải Phòng stations: PM2.5 around 20–35 µg/m³ in summer and 50–80 in
winter, when temperature inversions trap the evening and night air; now and then a few-day episode
pushes the 24-hour mean above QCVN 05:2023's 50 µg/m³. NO2 and CO follow the roads (the morning and
evening rush and the shift changes), O3 the sun (peak early afternoon), SO2 the stacks. Weather: the
cold, humid northeast monsoon in winter, the hot southeast one in summer.
"""

import math

from ioc.telemetry.simulator.base import Spec, bump, local_hour, season, shift_change, smooth, sun, weekday

HOUR = 3600.0


def weather(spec: Spec, t: float, rng) -> dict[str, float]:
    hour, winter = local_hour(t), season(t)
    regime = smooth(spec.region + 1, t, 3 * 24 * HOUR)  # cold surges and hot spells last days
    mean = 23.0 + 6.5 * -winter + 2.0 * regime
    swing = 3.0 + 1.5 * (1 - cloud(spec, t))
    temperature = mean + swing * math.cos(2 * math.pi * (hour - 14.5) / 24) + 0.3 * smooth(spec.key, t, HOUR)
    humidity = 80.0 - 12.0 * math.cos(2 * math.pi * (hour - 14.5) / 24) - 4 * regime
    humidity += 6.0 * smooth(spec.region + 2, t, 12 * HOUR)
    gust = 1.0 + 0.4 * smooth(spec.key + 3, t, 0.5 * HOUR)
    wind = (1.4 + 1.0 * bump(hour, 14.5, 3.0) + 0.8 * max(0.0, smooth(spec.region + 4, t, 36 * HOUR))) * gust
    # Northeast monsoon (≈45°) in winter, southeast (≈135°) in summer, veering with the day.
    direction = 90.0 + 45.0 * -winter + 40.0 * smooth(spec.region + 5, t, 8 * HOUR)
    return {
        "air_temperature": temperature + rng.gauss(0, 0.1),
        "humidity": min(100.0, max(35.0, humidity + rng.gauss(0, 0.8))),
        "wind_speed": max(0.0, wind + rng.gauss(0, 0.2)),
        "wind_direction": (direction + rng.gauss(0, 12)) % 360,
    }


def cloud(spec: Spec, t: float) -> float:
    """Cloud cover 0–1: grey drizzly winters, stormy summer afternoons."""
    return min(1.0, max(0.0, 0.5 + 0.15 * season(t) + 0.45 * smooth(spec.region + 6, t, 20 * HOUR)))


def traffic_level(t: float) -> float:
    """Road traffic near the park, 0–~1.6: rush hours and the three shift changes, quieter on Sundays."""
    hour = local_hour(t)
    level = 0.15 + 0.6 * (bump(hour, 7.5, 1.0) + bump(hour, 17.5, 1.2)) + 0.5 * shift_change(hour, 0.5)
    level += 0.35 * bump(hour, 12.5, 3.5)
    return level * (0.6 if weekday(t) == 6 else 1.0)


def pm25(spec: Spec, t: float) -> float:
    """The PM2.5 level without sample noise: regional background × the day's cycle × local traffic."""
    hour = local_hour(t)
    background = 33.0 + 16.0 * season(t)
    # Inversions at night and in the morning, a deep mixed layer in the afternoon.
    daily = 1.0 + 0.22 * bump(hour, 7.5, 1.5) + 0.18 * bump(hour, 22.0, 3.0) - 0.3 * bump(hour, 14.5, 2.5)
    episode = math.exp(0.35 * smooth(spec.region + 7, t, 2.5 * 24 * HOUR))
    rain = 1.0 - 0.35 * max(0.0, cloud(spec, t) - 0.75) / 0.25
    local = 1.0 + 0.1 * spec.scale * traffic_level(t) + 0.08 * smooth(spec.key + 8, t, 2 * HOUR)
    return background * daily * episode * rain * local


def station(spec: Spec, t: float, rng) -> dict[str, float]:
    """An ambient air station: dust, gases, noise and its own weather sensors."""
    fine = pm25(spec, t) * (1 + rng.gauss(0, 0.06))
    traffic, light = traffic_level(t), sun(t) * (1 - 0.6 * cloud(spec, t))
    near_road = spec.scale
    coarse = fine * (1.55 + 0.25 * near_road * traffic) * (1 + rng.gauss(0, 0.05))
    no2 = (14.0 + 4.0 * season(t) + 26.0 * near_road * traffic) * (1 - 0.25 * light)
    co = (550.0 + 250.0 * season(t) + 700.0 * near_road * traffic) * math.exp(
        0.2 * smooth(spec.key + 9, t, HOUR)
    )
    so2 = (9.0 + 3.0 * season(t)) * (1 + 0.6 * max(0.0, smooth(spec.key + 10, t, 3 * HOUR)))
    # Ozone builds up through the morning and peaks a couple of hours after the sun is highest.
    photo = sun(t - 1.5 * HOUR) * (1 - 0.6 * cloud(spec, t))
    o3 = 20.0 + (80.0 + 15.0 * -season(t)) * photo**1.2 * (1 + 0.3 * smooth(spec.region + 11, t, 30 * HOUR))
    noise = 48.0 + 10.0 * math.log10(1 + 9 * near_road * traffic)
    values = {
        "pm25": fine,
        "pm10": coarse,
        "tsp": coarse * (1.5 + 0.1 * rng.random()),
        "no2": no2 * (1 + rng.gauss(0, 0.07)),
        "co": co * (1 + rng.gauss(0, 0.05)),
        "so2": so2 * (1 + rng.gauss(0, 0.08)),
        "o3": max(2.0, o3 * (1 + rng.gauss(0, 0.05))),
        "noise": noise + rng.gauss(0, 1.5),
    }
    values.update(weather(spec, t, rng))
    return values
