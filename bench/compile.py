"""Compiler and local-hosting speed.

Run: .venv/bin/python bench/compile.py [--pages 1000]
Prints: cold compile of a generated N-page site (pages/s), the rebuild after editing one page
(with the page cache), and on the local provider the time from compiled output to live for a
one-page change, and a rollback.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()

    from app.editor import tree as T
    from app.publishing.compiler import PageCache, PageSnapshot, SiteSnapshot, compile_site
    from app.publishing.local import LocalPublisher
    from app.sites.starter import tree_of

    kinds = [("heading", "rich_text", "faq"), ("hero", "menu"), ("opening_hours", "location"),
             ("testimonials", "cta"), ("heading", "products")]
    pages = []
    for i in range(args.pages):
        tree = tree_of(kinds[i % len(kinds)])
        pages.append(PageSnapshot(id=i + 1, path="/" if i == 0 else f"/p{i}", title=f"페이지 {i}",
                                  tree=tree, is_home=i == 0, revision=f"{i + 1}:0"))
    profile = {"business_name": "벤치 카페", "business_type": "cafe", "phone": "02-123-4567",
               "address": "서울 마포구", "opening_hours": {"mon": {"closed": False, "open": "09:00",
                                                            "close": "18:00"}}}
    snap = SiteSnapshot(site_id=1, name="벤치 카페", slug="bench", base_url="https://bench.example",
                        pages=tuple(pages), profile=profile, form_action="https://app/f/1")
    compile_site(SiteSnapshot(site_id=1, name="w", slug="w", base_url="https://w",
                              pages=tuple(pages[:5])), lambda *a: b"")  # warm templates
    cache = PageCache()
    start = time.perf_counter()
    output = compile_site(snap, lambda *a: b"", cache)
    cold = time.perf_counter() - start
    print(f"cold compile: {args.pages} pages in {cold:.2f} s = {args.pages / cold:,.0f} pages/s "
          f"({len(output.files)} files)")

    rebuilds = []
    for n in range(15):
        edited = list(pages)
        page = edited[7]
        tree = T.clone(page.tree)
        first = tree["slots"][T.ROOT_SLOT][0]
        key = "text" if "text" in first["props"] else next(iter(first["props"]))
        if isinstance(first["props"][key], str):
            first["props"][key] = f"수정 {n}"
        # The app's snapshot gives each page an "id:seq" revision; an edit bumps seq.
        edited[7] = PageSnapshot(id=page.id, path=page.path, title=page.title, tree=tree,
                                 revision=f"{page.id}:{n + 1}")
        start = time.perf_counter()
        output = compile_site(SiteSnapshot(**{**snap.__dict__, "pages": tuple(edited)}),
                              lambda *a: b"", cache)
        rebuilds.append((time.perf_counter() - start) * 1000)
    print(f"rebuild after one edited page (page cache): median {statistics.median(rebuilds):.1f} ms"
          f", max {max(rebuilds):.1f} ms ({args.pages} pages)")

    with tempfile.TemporaryDirectory() as tmp:
        small = SiteSnapshot(**{**snap.__dict__, "pages": tuple(pages[:10])})
        out1 = compile_site(small, lambda *a: b"")
        publisher = LocalPublisher(Path(tmp), "bench", "http://bench.local", "http://{key}.local")
        first = publisher.deploy(out1, production=True)
        lives, rollbacks = [], []
        for n in range(10):
            edited = list(small.pages)
            tree = T.clone(edited[0].tree)
            tree["slots"][T.ROOT_SLOT][0]["props"]["text"] = f"라이브 {n}"  # a heading
            edited[0] = PageSnapshot(id=1, path="/", title="홈", tree=tree, is_home=True,
                                     revision=f"1:{n + 1}")
            start = time.perf_counter()
            out = compile_site(SiteSnapshot(**{**small.__dict__, "pages": tuple(edited)}),
                               lambda *a: b"")
            result = publisher.deploy(out, production=True)
            lives.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            publisher.rollback(first.provider_id)
            rollbacks.append((time.perf_counter() - start) * 1000)
        print(f"local: compile + deploy + go live after one edit (10 pages): median "
              f"{statistics.median(lives):.1f} ms; files uploaded {result.files_uploaded}")
        print(f"local: rollback: median {statistics.median(rollbacks):.2f} ms")


if __name__ == "__main__":
    main()
