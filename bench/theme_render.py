"""How long one published page takes to render, with a bundled theme and with an uploaded one.

Run: .venv/bin/python bench/theme_render.py [--pages 200] [--rounds 7]
Prints, for the bundled default theme and for the same theme as an uploaded package (a copy in
a temporary folder, so it takes the uploaded path: render limits, and the output allowlist where
there is one) with two block overrides, the time per page of a cold compile (no page cache):
the best and the median of ``rounds`` compiles of ``pages`` pages, in CPU time of this process
(steadier than wall-clock time on a shared machine; the work is single-threaded). Compare runs
on the same machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Two overrides shaped like a designer's: plain markup around props, one with a slot-less block.
OVERRIDES = {
    "heading": '<div class="bench-heading"><{{ props.level }} class="b-heading" '
               'data-inline="text">{{ props.text }}</{{ props.level }}></div>\n',
    "cta": '<section class="bench-cta"><h2>{{ props.title }}</h2>'
           '{% if props.text %}<p>{{ props.text }}</p>{% endif %}'
           '<a class="ww-btn ww-btn--primary" href="{{ href(props.button_link) }}">'
           '{{ props.button_label }}</a></section>\n',
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from app.publishing.compiler import PageSnapshot, SiteSnapshot, compile_site
    from app.sites.starter import tree_of
    from app.theming import THEMES_ROOT

    kinds = [("heading", "rich_text", "faq"), ("hero", "menu"), ("opening_hours", "location"),
             ("testimonials", "cta"), ("heading", "products")]
    pages = tuple(
        PageSnapshot(id=i + 1, path="/" if i == 0 else f"/p{i}", title=f"페이지 {i}",
                     tree=tree_of(kinds[i % len(kinds)]), is_home=i == 0)
        for i in range(args.pages))
    profile = {"business_name": "벤치 카페", "business_type": "cafe", "phone": "02-123-4567",
               "address": "서울 마포구"}

    with tempfile.TemporaryDirectory() as tmp:
        uploaded = Path(tmp) / "bench-theme"
        shutil.copytree(THEMES_ROOT / "default", uploaded)
        (uploaded / "components").mkdir()
        for type_name, source in OVERRIDES.items():
            (uploaded / "components" / f"{type_name}.html").write_text(source, encoding="utf-8")
        for label, folder in (("bundled default theme", ""),
                              ("uploaded theme (layout + 2 overrides)", str(uploaded))):
            snap = SiteSnapshot(site_id=1, name="벤치 카페", slug="bench",
                                base_url="https://bench.example", pages=pages, profile=profile,
                                form_action="https://app.example/f/1", theme_folder=folder)
            compile_site(snap, lambda *a: b"")  # warm templates and caches
            per_page = []
            for _ in range(args.rounds):
                start = time.process_time()
                compile_site(snap, lambda *a: b"")
                per_page.append((time.process_time() - start) * 1000 / args.pages)
            print(f"{label}: best {min(per_page):.3f} ms/page, median "
                  f"{statistics.median(per_page):.3f} ms/page ({args.pages} pages x "
                  f"{args.rounds} rounds)")


if __name__ == "__main__":
    main()
