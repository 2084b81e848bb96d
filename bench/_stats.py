"""Percentiles as the benchmarks report them: nearest rank, rounded for a table."""


def percentiles(values: list[float], digits: int = 3) -> dict:
    """n, p50, p95 and max of `values` (None for each when there are none)."""
    if not values:
        return {"n": 0, "p50": None, "p95": None, "max": None}
    ordered = sorted(values)

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], digits)

    return {"n": len(ordered), "p50": pick(0.50), "p95": pick(0.95), "max": round(ordered[-1], digits)}
