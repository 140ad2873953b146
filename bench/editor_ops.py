"""Editor operation server time and answer size on a 50-block page.

Run: .venv/bin/python bench/editor_ops.py [--database-url postgresql://postgres@127.0.0.1/windwalker_bench]
Without --database-url it uses a temporary SQLite file. Prints p50/p95 per op kind (the whole
request path through Flask: CSRF, session, lock, apply, log, render of the changed fragment).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    f, c = int(k), min(int(k) + 1, len(values) - 1)
    return values[f] + (values[c] - values[f]) * (k - f)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--ops", type=int, default=300)
    args = parser.parse_args()

    from app.db import db
    from bench._support import bench_app, owner_with_site

    app, url = bench_app(args.database_url)
    web, site_id = owner_with_site(app, "bench@example.com", "벤치 카페")
    base = f"/sites/{site_id}/editor/pages/{site_id}"
    kinds = ["heading", "hero", "menu", "opening_hours", "location", "rich_text", "gallery",
             "faq", "testimonials", "divider"]
    for i in range(50):
        web.post(f"{base}/ops", {"kind": "insert", "type": kinds[i % len(kinds)]}, htmx=True)
    with app.app_context():
        from app.models import Page

        page = db.session.get(Page, site_id)
        blocks = page.draft_tree["slots"]["children"]
        assert len(blocks) == 50, len(blocks)
        headings = [b["id"] for b in blocks if b["type"] == "heading"]
        heroes = [b["id"] for b in blocks if b["type"] == "hero"]

    timings: dict[str, list[float]] = {"set_prop": [], "move": [],
                                       "undo": []}
    sizes: dict[str, list[int]] = {k: [] for k in timings}

    def timed(kind: str, fn):
        start = time.perf_counter()
        response = fn()
        timings[kind].append((time.perf_counter() - start) * 1000)
        sizes[kind].append(len(response.data))
        assert response.status_code in (200, 204), (kind, response.status_code)
        return response

    for i in range(args.ops):
        hid = headings[i % len(headings)]
        timed("set_prop", lambda hid=hid, i=i: web.post(
            f"{base}/blocks/{hid}/props/text", {"value": f"제목 {i}"}, htmx=True))
        if i % 3 == 0:
            timed("move", lambda i=i: web.post(f"{base}/ops", {
                "kind": "move", "block": heroes[0], "parent": "root", "slot": "children",
                "index": str(i % 50), "selected": heroes[0]}, htmx=True))
        if i % 5 == 0:
            timed("undo", lambda: web.post(f"{base}/undo", {}, htmx=True))
    print(f"database: {url.split('://')[0]}   page: 50 blocks   ops: {args.ops}")
    print(f"{'op':<14}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'median bytes':>14}")
    for kind, values in timings.items():
        if not values:
            continue
        print(f"{kind:<14}{len(values):>5}{statistics.median(values):>10.2f}"
              f"{percentile(values, .95):>10.2f}{int(statistics.median(sizes[kind])):>14}")


if __name__ == "__main__":
    main()
