"""The summary tables the bench prints (the same figures are in the --json file)."""

TARGETS = {"mqtt-batched": ("readings_per_s", 50_000), "mqtt-single": ("messages_per_s", 10_000)}
QUERY_TARGETS_MS = {"latest": 50, "24 h": 50, "1 year": 100}
ALWAYS_SHOWN = ("bridge", "daphne", "mosquitto", "machine: busy", "machine: not listed")


def _ingest_table(ingest: list[dict]) -> list[str]:
    lines = [
        f"{'phase':<20}{'readings':>10}{'msgs/reqs':>10}{'seconds':>9}{'readings/s':>12}{'msgs/s':>9}"
        f"{'vs COPY':>9}{'p50 ms':>9}{'p95 ms':>9}{'stored':>10}  target"
    ]
    for r in ingest:
        count = r.get("messages", r.get("requests", ""))
        rate = r.get("messages_per_s", r.get("requests_per_s", ""))
        latency = r.get("latency_ms", {})
        target = ""
        if r["phase"] in TARGETS:
            key, wanted = TARGETS[r["phase"]]
            target = f"{'met' if r[key] >= wanted else 'MISSED'} (≥ {wanted:,} {key.split('_')[0]}/s)"
        if r.get("stored") not in (None, r["readings"]) and r["phase"] != "copy":
            target += f" STORED {r['stored']:,} OF {r['readings']:,}"
        lines.append(
            f"{r['phase']:<20}{r['readings']:>10,}{count!s:>10}{r['seconds']:>9}{r['readings_per_s']:>12,}"
            f"{rate!s:>9}{r.get('ratio_to_copy', ''):>9}{latency.get('p50', '')!s:>9}"
            f"{latency.get('p95', '')!s:>9}{r.get('stored', '')!s:>10}  {target}"
        )
    copy = next((r for r in ingest if r["phase"] == "copy"), None)
    if copy:
        lines.append(
            f"(COPY including formatting the rows in Python: {copy['readings_per_s_with_format']:,} rows/s;"
            f" the ratio uses the COPY alone)"
        )
    return lines


def _process_table(ingest: list[dict]) -> list[str]:
    lines = [f"{'phase':<20}{'process':<18}{'n':>4}{'CPU s':>8}{'cores':>7}{'peak MB':>9}"]
    for r in ingest:
        for name, p in r["processes"].items():
            if p["cpu_s"] >= 0.05 or name in ALWAYS_SHOWN:
                lines.append(
                    f"{r['phase']:<20}{name:<18}{p['processes']:>4}{p['cpu_s']:>8}{p['cores']:>7}"
                    f"{p['peak_rss_mb']:>9}"
                )
    return lines


def _query_table(queries: dict) -> list[str]:
    lines = [
        f"queries ({queries['repetitions']} runs each; {queries['raw_rows_in_db']:,} raw rows in the DB)",
        f"{'query':<76}{'points':>7}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}{'first':>8}  target",
    ]
    for name, q in queries["queries"].items():
        wanted = next(ms for prefix, ms in QUERY_TARGETS_MS.items() if name.startswith(prefix))
        verdict = f"{'met' if q['p95'] < wanted else 'MISSED'} (p95 < {wanted} ms)"
        lines.append(
            f"{name:<76}{q['rows']:>7}{q['p50']:>8}{q['p95']:>8}{q['max']:>8}{q['first']:>8}  {verdict}"
        )
    return lines


def summary(results: dict) -> str:
    lines = [f"Park IOC ingest benchmark, {results['started']} (database {results['database']})", ""]
    ingest = results.get("ingest") or []
    if ingest:
        lines += [*_ingest_table(ingest), "", *_process_table(ingest), ""]
    if load := results.get("load"):
        lines.append(
            f"bulk load{' (reused from an earlier run)' if load.get('reused') else ''}: {load['rows']:,} rows"
            f" in {load['seconds']} s = {load['rows_per_s']:,} rows/s through write_rows, data ending"
            f" {load['end']}"
            + (f"; VACUUM ANALYZE {load['vacuum_analyze_s']} s" if "vacuum_analyze_s" in load else "")
        )
        lines.append("")
    if queries := results.get("queries"):
        lines += _query_table(queries)
    return "\n".join(line.rstrip() for line in lines)
