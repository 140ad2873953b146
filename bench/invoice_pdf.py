"""Invoice PDF speed and size (targets: warm render ≤ 150 ms p95, one-page PDF ≤ 100 KB).

Run: .venv/bin/python bench/invoice_pdf.py [--runs 40]
Prints: the first (cold) render, then p50/p95 of warm in-process renders (wall and CPU time) of
a one-page receipt and of a two-page one (18 lines), with their sizes and page counts, how many
full garbage collections ran during the renders, and the machine's load average (wall time on a
busy machine mostly measures the others: compare CPU time then).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._support import bench_app  # noqa: E402


def _invoice(lines: int):
    from app.accounts.operations import sign_up
    from app.billing import invoices, subscriptions
    from app.db import db

    user = sign_up(f"bench{lines}@example.com", "a long bench password", display_name="벤치 카페")
    subscriptions.save_billing_details(user, {
        "buyer_name": "바람길 카페 (벤치)", "buyer_business_number": "2208162517",
        "buyer_address": "서울특별시 마포구 와우산로 94", "buyer_email": ""})
    rows = [(f"WindWalker 프로 요금제 추가 항목 {n + 1}, 2026-11-26 – 2026-12-25", 29_000)
            for n in range(lines)]
    draft = invoices.create_draft(user, rows, subscription=None,
                                  period=(date(2026, 11, 26), date(2026, 12, 26)))
    invoice = invoices.issue(draft, date(2026, 11, 26))
    db.session.commit()
    return invoice


def _measure(render, invoice, runs: int) -> tuple[list[float], list[float], int, int, int]:
    times, cpu, size = [], [], 0
    full_before = gc.get_stats()[2]["collections"]
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        pdf = render(invoice)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        size = len(pdf)
    full = gc.get_stats()[2]["collections"] - full_before
    import subprocess

    pages = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True)  # noqa: S603, S607
    count = next((int(line.split()[-1]) for line in pages.stdout.decode().splitlines()
                  if line.startswith("Pages:")), 0)
    return times, cpu, size, count, full


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    app, _url = bench_app(args.database_url)
    with app.app_context():
        from app.billing.pdf import render_invoice

        short, long = _invoice(3), _invoice(18)
        start = time.perf_counter()
        render_invoice(short)
        print(f"cold first render (fonts and stylesheets loaded): "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")
        for label, invoice in (("receipt, 3 lines", short), ("receipt, 18 lines", long)):
            times, cpu, size, pages, full = _measure(render_invoice, invoice, args.runs)
            # CPU time too: on a shared, busy machine wall time mostly measures the others.
            print(f"{label}: {pages} page(s), warm render p50 {statistics.median(times):.0f} ms, "
                  f"p95 {_p(times, 95):.0f} ms (CPU p50 {statistics.median(cpu):.0f} ms, "
                  f"p95 {_p(cpu, 95):.0f} ms) over {args.runs} runs; {size / 1024:.1f} KB; "
                  f"{full} full garbage collection(s)")
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"load average (1, 5, 15 min) on {os.cpu_count()} CPUs: {load}")


if __name__ == "__main__":
    main()
