"""Click → painted swap in the editor, measured in real headless Chromium on localhost.

Run: .venv/bin/python bench/editor_click.py [--database-url postgresql://…] [--n 60]
Builds a 50-block page, selects a block and clicks its "down"/"up" buttons alternately (each a
real op: lock, apply, log, fragments), timing from the click to the frame painted after
htmx settles. Also prints the size of the editor page's own JavaScript and CSS.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

MEASURE = """async ([selector]) => {
  const button = document.querySelector(selector);
  const start = performance.now();
  const settled = new Promise((resolve) => document.body.addEventListener(
      "htmx:afterSettle", () => requestAnimationFrame(() => resolve(performance.now())),
      { once: true }));
  button.click();
  return (await settled) - start;
}"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--n", type=int, default=60)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    from bench._support import PASSWORD, bench_app, owner_with_site

    app, url = bench_app(args.database_url)
    web, site_id = owner_with_site(app, "click@example.com", "클릭 카페")
    base = f"/sites/{site_id}/editor/pages/{site_id}"
    kinds = ["heading", "hero", "menu", "opening_hours", "rich_text", "faq", "divider"]
    for i in range(50):
        web.post(f"{base}/ops", {"kind": "insert", "type": kinds[i % len(kinds)]}, htmx=True)

    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_port}"
    timings: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(origin + "/login")
        page.fill("#f-email", "click@example.com")
        page.fill("#f-password", PASSWORD)
        page.click("button[type=submit]")
        page.goto(origin + base)
        page.locator(".ed-block").nth(10).click()
        page.wait_for_selector("#panel [data-testid=move-down]")
        for i in range(args.n):
            which = "move-down" if i % 2 == 0 else "move-up"
            page.wait_for_selector(f"#panel [data-testid={which}]:not([disabled])")
            timings.append(page.evaluate(MEASURE, [f"#panel [data-testid={which}]"]))
        paths = page.evaluate("""() => [...document.querySelectorAll(
            'script[src], link[rel=stylesheet]')].map(e => new URL(e.src || e.href).pathname)""")
        # Sizes from disk: the browser cache would hide repeat loads from resource timing.
        sizes = [(path, (ROOT / "app" / path.lstrip("/")).stat().st_size) for path in paths]
        browser.close()
    server.shutdown()
    timings.sort()
    p95 = timings[int(round(0.95 * (len(timings) - 1)))]
    print(f"click → painted swap (move block, 50-block page, {url.split(':')[0]}): "
          f"n={len(timings)} p50={statistics.median(timings):.1f} ms p95={p95:.1f} ms")
    total = sum(size for _, size in sizes)
    for path, size in sorted(sizes):
        print(f"  {path:<40}{size:>8} B")
    print(f"editor's own JS + CSS: {total} B ({total / 1024:.0f} KiB) uncompressed")


if __name__ == "__main__":
    main()
