"""Click → painted change in the editor, measured in real headless Chromium on localhost.

Run: .venv/bin/python bench/editor_click.py [--database-url postgresql://…] [--n 40]
Builds a 50-block page and times, from the click to the frame painted once the change is on
screen (a MutationObserver watches for it, then one animation frame):

- select: tapping a block until its panel shows;
- insert: tapping a block type in the palette until the new block is on the canvas;
- move: the selected block's "down"/"up" buttons, alternately, until it has moved;
- undo: the undo button after a move, until the block is back.

Each edit is a real op (the save queue sends it; the server locks, applies, logs and answers
with fragments). Also prints the size of the editor page's own JavaScript and CSS.
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

# Clicks ``selector`` and resolves with the milliseconds until ``done()`` holds and the next
# frame is painted.
MEASURE = """async ([selector, done]) => {
  const check = new Function("return (" + done + ")()");
  const target = document.querySelector(selector);
  const start = performance.now();
  const painted = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!check()) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now()));
    });
    observer.observe(document.getElementById("editor"), {childList: true, subtree: true,
                                                           attributes: true});
  });
  target.click();
  return (await painted) - start;
}"""
INDEX_OF = ("[...document.querySelectorAll('#canvas-root > .ed-block')]"
            ".findIndex(b => b.id === 'b-' + window.__moving)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--n", type=int, default=40)
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
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(origin + "/login")
        page.fill("#f-email", "click@example.com")
        page.fill("#f-password", PASSWORD)
        page.click("button[type=submit]")
        page.goto(origin + base)
        page.wait_for_load_state("load")
        timings: dict[str, list[float]] = {"select": [], "insert": [], "move": [], "undo": []}
        blocks = "#canvas-root > .ed-block"

        def settled() -> None:
            page.wait_for_selector("#save-state[data-state=saved]")

        for i in range(args.n):
            # select: tap another block until its panel shows
            target = page.locator(f"{blocks}:not(.is-selected)").nth(5 + i % 20)
            block_id = target.get_attribute("data-block-id")
            timings["select"].append(page.evaluate(MEASURE, [
                f"#b-{block_id}",
                f"() => !!document.querySelector('#panel [data-block=\"{block_id}\"]')"]))
            # move: "down" or "up" until the block has moved
            which = "move-down" if i % 2 == 0 else "move-up"
            page.evaluate(f"() => {{ window.__moving = '{block_id}';"
                          f" window.__from = {INDEX_OF}; }}")
            timings["move"].append(page.evaluate(MEASURE, [
                f"#panel [data-testid={which}]", f"() => {INDEX_OF} !== window.__from"]))
            settled()
            # undo: until it is back
            page.evaluate(f"() => {{ window.__from = {INDEX_OF}; }}")
            timings["undo"].append(page.evaluate(MEASURE, [
                "[data-testid=undo]", f"() => {INDEX_OF} !== window.__from"]))
            settled()
            # insert: a heading from the palette (opened below the selected block)
            page.get_by_test_id("add-below").click()
            page.wait_for_selector("[data-testid=palette-divider]")
            count = page.locator(".ed-block").count()
            timings["insert"].append(page.evaluate(MEASURE, [
                "[data-testid=palette-divider]",
                f"() => document.querySelectorAll('.ed-block').length > {count}"]))
            settled()
        paths = page.evaluate("""() => [...document.querySelectorAll(
            'script[src], link[rel=stylesheet]')].map(e => new URL(e.src || e.href).pathname)""")
        # Sizes from disk: the browser cache would hide repeat loads from resource timing.
        sizes = [(path, (ROOT / "app" / path.lstrip("/")).stat().st_size) for path in paths]
        browser.close()
    server.shutdown()
    for kind, values in timings.items():
        values.sort()
        p95 = values[int(round(0.95 * (len(values) - 1)))]
        print(f"click → painted, {kind:<6} (50-block page, {url.split(':')[0]}): "
              f"n={len(values)} p50={statistics.median(values):.1f} ms p95={p95:.1f} ms")
    total = sum(size for _, size in sizes)
    for path, size in sorted(sizes):
        print(f"  {path:<40}{size:>8} B")
    print(f"editor's own JS + CSS: {total} B ({total / 1024:.0f} KiB) uncompressed")


if __name__ == "__main__":
    main()
