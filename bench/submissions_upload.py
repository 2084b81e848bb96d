"""Bulk upload benchmark of enterprise reports on PostgreSQL (not a test).

    .venv/bin/python bench/submissions_upload.py                      # 10,000 rows, ~5 % bad
    .venv/bin/python bench/submissions_upload.py --rows 2000 --corrections 200

Downloads the XLSX template of `labour.monthly` through the API, fills it with `--rows` monthly
labour reports of `--enterprises` bench enterprises (about `--bad` of them wrong in one of several
ways), uploads it as a park manager through `POST /api/v1/submissions/upload/` (Django's test
client: the whole request path, middleware, DRF, multipart parsing, without a socket), and checks
that every bad row is reported on its sheet row and every good row is stored with its data.
`--corrections N` then uploads N of the good rows again, changed: each becomes a new version
through the per-row path. See bench/README.md.
"""

import argparse
import io
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from _cli import step, stop_on_signals

KIND = "labour.monthly"
TAX_PREFIX = "99"  # bench enterprises' tax codes: 99 + 8 digits, no real Vietnamese code starts so


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--database-url", default="postgres://postgres@127.0.0.1:5432/park_ioc_bench_upload")
    add("--rows", type=int, default=10_000)
    add("--enterprises", type=int, default=100, help="rows are spread over this many enterprises")
    add("--bad", type=float, default=0.05, help="share of rows made wrong")
    add("--submit", action="store_true", help="submit the reports (not drafts): adds plausibility")
    add("--corrections", type=int, default=0, help="then re-upload this many good rows, changed")
    add("--seed", type=int, default=6)
    add("--target", type=float, default=10.0, help="seconds the upload must stay under")
    return parser.parse_args(argv)


def good_report(rng: random.Random) -> dict:
    men, women = rng.randint(50, 900), rng.randint(50, 900)
    average = rng.randrange(7_000_000, 15_000_000, 1000)
    overtime = rng.randint(100, 9000)
    return {
        "headcount_vn_male": men, "headcount_vn_female": women, "headcount_foreign_male": rng.randint(0, 20),
        "headcount_foreign_female": rng.randint(0, 10), "hires": rng.randint(0, 40),
        "separations": rng.randint(0, 40), "wage_average": average,
        "wage_lowest": rng.randrange(5_000_000, average, 1000), "overtime_hours_total": overtime,
        "overtime_hours_max_worker": rng.randint(0, min(60, overtime)), "accidents_injured": rng.randint(0, 2),
        "accidents_fatal": 0, "days_lost": rng.randint(0, 10), "training_hours": rng.randint(0, 3000),
    }  # fmt: skip


# Ways a row goes wrong: (what changes, the column the error must name).
def spoil(row: dict, rng: random.Random) -> str:
    how = rng.randrange(6)
    if how == 0:
        row["wage_lowest"] = "năm triệu"
        return "wage_lowest"
    if how == 1:
        row["hires"] = -3
        return "hires"
    if how == 2:
        row["wage_lowest"] = row["wage_average"] + 1  # consistency: lowest above average
        return "wage_lowest"
    if how == 3:
        row["training_hours"] = None
        return "training_hours"
    if how == 4:
        row["period"] = "2025-13-01"
        return "period"
    row["tax_code"] = "0000000000"
    return "tax_code"


def periods(count: int) -> list[date]:
    """`count` months back from December 2025."""
    return [date(2025 - i // 12, 12 - i % 12, 1) for i in range(count)]


def fill(template: bytes, keys: list[str], rows: list[dict]) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(template))
    sheet = book.active
    for row in rows:
        sheet.append([row.get(key) for key in keys])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def prepare(n_enterprises: int):
    from ioc.park.choices import Role
    from ioc.park.models import Enterprise, User
    from ioc.submissions.models import Submission

    enterprises = []
    for i in range(n_enterprises):
        code = f"{TAX_PREFIX}{i:08d}"
        enterprise = Enterprise.objects.filter(tax_code=code).first() or Enterprise.objects.create(
            tax_code=code, name_vi=f"Bench {i}", name_en=f"Bench {i}", investment_type="FDI",
            investor_country="JP", sector="2930",
        )  # fmt: skip
        enterprises.append(enterprise)
    Submission.objects.filter(enterprise__in=enterprises).order_by("-version").delete()
    user, _created = User.objects.get_or_create(
        username="bench-manager", defaults={"role": Role.PARK_MANAGER}
    )
    return enterprises, user


def api_client(user):
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    _instance, token = AuthToken.objects.create(user)
    client = APIClient(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def build(args, enterprises) -> tuple[list[dict], dict[int, str]]:
    """The rows (sheet row 3 onward) and, for each bad one, the column its error must name."""
    rng = random.Random(args.seed)  # noqa: S311 -- repeatable test data, not secrets
    months = periods(-(-args.rows // len(enterprises)))
    rows, bad = [], {}
    for index in range(args.rows):
        enterprise, month = enterprises[index % len(enterprises)], months[index // len(enterprises)]
        row = {"tax_code": enterprise.tax_code, "period": month.isoformat(), **good_report(rng)}
        if rng.random() < args.bad:
            bad[index + 3] = spoil(row, rng)
        rows.append(row)
    return rows, bad


def report_data(row: dict) -> dict:
    return {key: value for key, value in row.items() if key not in ("tax_code", "period")}


def given(data: dict) -> dict:
    """The values a report carries; an optional field left empty is stored as None."""
    return {key: value for key, value in data.items() if value not in (None, "")}


def check(rows, bad, answer, enterprises) -> dict:
    from ioc.submissions.models import Submission

    reported = {}
    for error in answer["errors"]:
        reported.setdefault(error["row"], set()).add(error["field"])
    missed = [r for r, column in bad.items() if column not in reported.get(r, set())]
    wrongly = sorted(set(reported) - set(bad))
    good = {(r["tax_code"], r["period"]): r for i, r in enumerate(rows) if i + 3 not in bad}
    stored = {
        (tax, period.isoformat()): data
        for tax, period, data in Submission.objects.filter(enterprise__in=enterprises, kind=KIND)
        .exclude(status="superseded").values_list("enterprise__tax_code", "period", "data")
    }  # fmt: skip
    lost = [key for key, row in good.items() if given(stored.get(key) or {}) != given(report_data(row))]
    return {
        "bad_rows": len(bad), "bad_reported": len(bad) - len(missed), "bad_missed": missed[:10],
        "good_rows": len(good), "good_stored": len(good) - len(lost), "good_lost": lost[:10],
        "reported_but_good": wrongly[:10], "extra_stored": len(set(stored) - set(good)),
    }  # fmt: skip


def timed_upload(client, content: bytes, submit: bool) -> tuple[float, dict]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    started = time.perf_counter()
    response = client.post(
        "/api/v1/submissions/upload/",
        {"kind": KIND, "file": SimpleUploadedFile("bench.xlsx", content), "submit": str(submit).lower()},
        format="multipart",
    )
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"upload answered {response.status_code}: {response.content[:500]!r}")
    return seconds, response.json()


def run(args) -> int:
    from django.core.management import call_command

    from ioc.submissions import bulk
    from labour.submissions import MONTHLY_LABOUR

    step("migrating")
    call_command("migrate", verbosity=0, interactive=False)
    enterprises, user = prepare(args.enterprises)
    client = api_client(user)
    template = client.get(f"/api/v1/submission-kinds/{KIND}/template/", {"format": "xlsx"})
    assert template.status_code == 200, template.content
    keys = bulk.template_rows(MONTHLY_LABOUR)[0]
    rows, bad = build(args, enterprises)
    step(f"filling the template with {len(rows):,} rows ({len(bad)} bad)")
    content = fill(template.content, keys, rows)
    started = time.perf_counter()
    table = bulk.read_table("bench.xlsx", content, len(rows))
    bulk.parse(MONTHLY_LABOUR, table, False, len(rows))
    read_s = time.perf_counter() - started
    step(f"uploading {len(content) / 1024:,.0f} KiB")
    seconds, answer = timed_upload(client, content, args.submit)
    verdict = check(rows, bad, answer, enterprises)
    ok = not (verdict["bad_missed"] or verdict["good_lost"] or verdict["reported_but_good"])
    ok = ok and verdict["extra_stored"] == 0 and answer["saved"] == verdict["good_rows"]
    print(f"\nPark IOC bulk upload benchmark: {KIND}, {len(rows):,} rows over {len(enterprises)} enterprises")
    print(f"file                 {len(content):,} bytes (XLSX from the downloaded template)")
    print(
        f"read + parse only    {read_s:.2f} s (openpyxl read-only, in-process, not part of the upload figure)"
    )
    print(f"upload (HTTP path)   {seconds:.2f} s  = {len(rows) / seconds:,.0f} rows/s   target < {args.target} s: "
          f"{'met' if seconds < args.target else 'NOT met'}")  # fmt: skip
    print(
        f"answer               rows {answer['rows']:,}, saved {answer['saved']:,}, refused {answer['refused']:,}"
    )
    print(
        f"bad rows             {verdict['bad_reported']}/{verdict['bad_rows']} reported on their row and column"
    )
    print(f"good rows            {verdict['good_stored']:,}/{verdict['good_rows']:,} stored with their data")
    if args.corrections:
        good = [r for i, r in enumerate(rows) if i + 3 not in bad][: args.corrections]
        for row in good:
            row["training_hours"] += 1
        content = fill(template.content, keys, good)
        seconds2, answer2 = timed_upload(client, content, args.submit)
        print(f"corrections          {len(good):,} rows in {seconds2:.2f} s = {len(good) / seconds2:,.0f} rows/s "
              f"(per-row path), saved {answer2['saved']:,}")  # fmt: skip
        ok = ok and answer2["saved"] == len(good)
    print(
        "verdict              " + ("every bad row reported, no good row lost" if ok else f"FAILED {verdict}")
    )
    return 0 if ok and seconds < args.target else 1


def main(argv=None) -> int:
    args = parse_args(argv)
    stop_on_signals()
    workdir = Path(tempfile.mkdtemp(prefix="park-ioc-bench-upload-"))
    from _stack import configure_environment, ensure_database

    try:
        configure_environment(args.database_url, workdir)
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
