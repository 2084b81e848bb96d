"""Benchmark of the monthly park report on 30 days of simulated data (not a test).

    .venv/bin/python bench/reports.py                      # load (~5–10 min) and time, 3 runs
    .venv/bin/python bench/reports.py --skip-load --runs 5 # time again on the loaded data

Loads the demo park (`seed_park`), backfills `--days` of simulator readings in-process with
`simulate --backfill` (the same ingest path, with the environment app computing hourly AQI and
compliance verdicts as readings land), and gives every operating enterprise accepted monthly labour,
production and energy reports for the months touched. Then it generates, `--runs` times each, the
park report of the last `--days` days and of the last calendar month through the worker's own path
(`ioc.reports.services.report_generate`: every section, the PDF, the XLSX, saved in the archive),
and times the build, the PDF and the workbook apart as well. See bench/README.md.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from _cli import step, stop_on_signals


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--database-url", default="postgres://postgres@127.0.0.1:5432/park_ioc_bench_reports")
    add(
        "--days",
        type=int,
        default=30,
        help="days of simulator data to backfill (and the range report's length)",
    )
    add("--skip-load", action="store_true", help="reuse the data already loaded")
    add("--runs", type=int, default=3)
    add("--language", default="vi", choices=["vi", "en"])
    add("--target", type=float, default=30.0, help="seconds the monthly report must stay under")
    add("--seed", type=int, default=8)
    add("--json", help="write every figure to this file")
    return parser.parse_args(argv)


def load(args) -> None:
    from django.core.management import call_command

    step("migrating, loading the demo park")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_park", verbosity=0)
    step(f"backfilling {args.days} days of simulator data in-process (AQI and verdicts computed as it goes)")
    call_command("simulate", backfill=f"{args.days}d", seed=args.seed, verbosity=0)
    submissions(args)


def submissions(args) -> None:
    """Accepted monthly reports of every operating enterprise, for each month the backfill touched."""
    from django.utils import timezone

    from ioc.park.choices import EnterpriseStatus, Role
    from ioc.park.models import Enterprise, User
    from ioc.reports.periods import day_range
    from ioc.submissions.models import Submission

    rng = random.Random(args.seed)  # noqa: S311 -- repeatable bench data, not secrets
    today = timezone.localdate()
    months = day_range(today - timedelta(days=args.days + 31), today - timedelta(days=1)).months()
    author, _made = User.objects.get_or_create(username="bench-reports", defaults={"role": Role.PARK_MANAGER})
    kinds = ("labour.monthly", "production.monthly", "environment.energy_water_monthly")
    Submission.objects.filter(kind__in=kinds, created_by=author).delete()
    rows = []
    for enterprise in Enterprise.objects.filter(status=EnterpriseStatus.OPERATING):
        for month in months:
            for kind, data in zip(kinds, (labour(rng), production(rng), energy(rng)), strict=True):
                rows.append(
                    Submission(
                        enterprise=enterprise,
                        kind=kind,
                        schema_version=1,
                        period=month,
                        data=data,
                        status="accepted",
                        created_by=author,
                        submitted_at=timezone.now(),
                    )
                )
    Submission.objects.bulk_create(rows)
    step(f"{len(rows):,} accepted monthly reports for {len(months)} months")


def labour(rng) -> dict:
    men, women = rng.randint(80, 1500), rng.randint(80, 2500)
    average = rng.randrange(7_500_000, 16_000_000, 1000)
    return {
        "headcount_vn_male": men,
        "headcount_vn_female": women,
        "headcount_foreign_male": rng.randint(0, 30),
        "headcount_foreign_female": rng.randint(0, 10),
        "hires": rng.randint(0, 60),
        "separations": rng.randint(0, 60),
        "wage_average": average,
        "wage_lowest": rng.randrange(4_700_000, 6_500_000, 1000),
        "overtime_hours_total": rng.randint(500, 20000),
        "overtime_hours_max_worker": rng.randint(10, 48),
        "accidents_injured": rng.choice([0, 0, 0, 1]),
        "accidents_fatal": 0,
        "days_lost": rng.randint(0, 8),
        "training_hours": rng.randint(0, 3000),
    }


def production(rng) -> dict:
    return {
        "output_value_vnd": rng.randrange(5 * 10**9, 400 * 10**9, 10**6),
        "export_value_usd": round(rng.uniform(0.1e6, 15e6), 2),
        "products": [],
        "capacity_utilisation": rng.randint(50, 98),
        "operating_days": rng.randint(20, 27),
    }


def energy(rng) -> dict:
    grid = rng.randint(50_000, 3_000_000)
    solar = rng.choice([0, 0, rng.randint(5_000, grid // 3)])
    return {
        "grid_kwh": grid,
        "solar_generated_kwh": solar,
        "solar_self_consumed_kwh": solar,
        "renewable_dppa_mwh": 0,
        "renewable_certificates_mwh": rng.choice([0, 0, 0, 200]),
        "fuels": [{"fuel": "diesel", "quantity": rng.randint(0, 20_000)}],
        "water_withdrawn_m3": rng.randint(500, 90_000),
        "wastewater_to_plant_m3": rng.randint(400, 70_000),
        "water_reused_m3": rng.randint(0, 5_000),
    }


def ledger(args) -> None:
    """The Circular 10 ledger of the backfilled days: the producer's own rows (files made from the
    readings), marked sent the way a healthy link sends them — the sender itself is not benchmarked
    here — one in fifty late."""
    from django.utils import timezone

    from environment.models import Transmission
    from environment.transmission import transmissions_produce

    now = timezone.now()
    transmissions_produce(now=now - timedelta(days=args.days))
    made = transmissions_produce(now=now)
    rng = random.Random(args.seed)  # noqa: S311 -- repeatable bench data, not secrets
    rows = list(Transmission.objects.exclude(state="no_data").only("pk", "period_end"))
    for row in rows:
        row.state, row.attempts = "sent", 1
        row.sent_at = row.period_end + timedelta(seconds=rng.choice([70] * 49 + [1800]))
    Transmission.objects.bulk_update(rows, ["state", "attempts", "sent_at"], batch_size=5000)
    step(f"ledger: {made:,} periods of {args.days} days, {len(rows):,} files marked sent")


def pages(pdf: bytes) -> int | None:
    """pdfinfo's page count (poppler-utils), when it is installed."""
    import subprocess

    if not shutil.which("pdfinfo"):
        return None
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, timeout=60).stdout.decode()
    return next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), None)


def volume() -> dict:
    from environment.models import AqiHour, ComplianceRecord, Transmission
    from ioc.submissions.models import Submission
    from ioc.telemetry.models import Reading, RollupHour

    return {
        "readings": Reading.objects.count(),
        "hourly_rollups": RollupHour.objects.count(),
        "aqi_hours": AqiHour.objects.count(),
        "compliance_records": ComplianceRecord.objects.count(),
        "transmissions": Transmission.objects.count(),
        "submissions": Submission.objects.count(),
    }


def time_report(period, language: str) -> dict:
    """One report through the worker's path, then its build, PDF and workbook timed apart."""
    from ioc.reports import builder, render, xlsx
    from ioc.reports.document import from_dict, to_dict
    from ioc.reports.models import Report
    from ioc.reports.scope import Scope
    from ioc.reports.services import report_generate

    report = Report.objects.create(
        period_kind=period.kind, period_start=period.start, period_end=period.end, language=language
    )
    started = time.perf_counter()
    done = report_generate(report.pk)
    total = time.perf_counter() - started
    assert done.status == "done", done.error
    marks, t0 = [], time.perf_counter()
    document = builder.build(
        period, Scope(), language, progress=lambda n, of, title: marks.append(time.perf_counter() - t0)
    )
    stored = from_dict(to_dict(document))
    t1 = time.perf_counter()
    pdf = render.pdf_bytes(stored)
    t2 = time.perf_counter()
    xlsx.workbook_bytes(stored)
    t3 = time.perf_counter()
    sections = [b - a for a, b in zip([0.0, *marks], marks, strict=False)]
    return {
        "total_s": total,
        "build_s": t1 - t0,
        "pdf_s": t2 - t1,
        "xlsx_s": t3 - t2,
        "pdf_bytes": len(pdf),
        "pdf_pages": pages(pdf),
        "sections_s": dict(zip([s.key for s in document.sections], sections, strict=True)),
    }


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def run(args) -> int:
    from django.utils import timezone

    from environment.models import Transmission
    from ioc.reports import periods

    if not args.skip_load:
        load(args)
    if not Transmission.objects.exists():
        ledger(args)
    figures = volume()
    today = timezone.localdate()
    cases = {
        "last 30 days (range)": periods.day_range(
            today - timedelta(days=args.days), today - timedelta(days=1)
        ),
        "last calendar month": periods.previous_month(today),
    }
    results = {}
    for name, period in cases.items():
        step(f"timing {name}: {period.start} – {period.end}, {args.runs} runs")
        results[name] = [time_report(period, args.language) for _ in range(args.runs)]
    print(
        f"\nPark IOC report benchmark, {timezone.now():%Y-%m-%dT%H:%M}Z, database {os.environ['DATABASE_URL'].rsplit('/', 1)[-1].split('?')[0]}"
    )
    print("data: " + ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in figures.items()))
    print(
        f"\n{'report':24} {'runs':>4} {'total p50':>10} {'max':>7} {'build':>7} {'PDF':>7} {'XLSX':>6} {'pages':>6} {'PDF KB':>7}  target"
    )
    ok = True
    for name, runs in results.items():
        totals = [r["total_s"] for r in runs]
        met = max(totals) < args.target
        ok = ok and met
        print(
            f"{name:24} {len(runs):>4} {statistics.median(totals):>9.2f}s {max(totals):>6.2f}s {median(runs, 'build_s'):>6.2f}s "
            f"{median(runs, 'pdf_s'):>6.2f}s {median(runs, 'xlsx_s'):>5.2f}s {runs[0]['pdf_pages'] or '?':>6} {runs[0]['pdf_bytes'] / 1024:>7.0f}  "
            f"{'met' if met else 'MISSED'} (< {args.target:g} s)"
        )
    print(
        "\nsections (median build seconds, last 30 days): "
        + ", ".join(
            f"{key} {statistics.median(r['sections_s'][key] for r in results['last 30 days (range)']):.2f}"
            for key in results["last 30 days (range)"][0]["sections_s"]
        )
    )
    if args.json:
        Path(args.json).write_text(json.dumps({"data": figures, "results": results}, indent=1))
    return 0 if ok else 1


def main(argv=None) -> int:
    args = parse_args(argv)
    stop_on_signals()
    workdir = Path(tempfile.mkdtemp(prefix="park-ioc-bench-reports-"))
    from _stack import configure_environment, ensure_database

    try:
        configure_environment(args.database_url, workdir)
        os.environ.update(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", MEDIA_ROOT=str(workdir / "media")
        )
        ensure_database(args.database_url)
        import django

        django.setup()
        return run(args)
    except KeyboardInterrupt:
        return 130
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
