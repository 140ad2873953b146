"""Renders every component with its sample content into test-artifacts/components.html.

Development aid: open the file (or screenshot it in Chromium at 390 and 1280 px wide) to see how
every block looks with the default theme. Run: .venv/bin/python scripts/preview_components.py
[--trade beauty] [--locale en] [--edit] (the samples of that business type and site language).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import components  # noqa: E402
from app.editor.render import RenderContext, Renderer  # noqa: E402
from app.editor.samples import profile_links  # noqa: E402
from app.theming import site_css  # noqa: E402

PROFILE = {
    "business_name": "행복한 빵집", "business_type": "cafe", "representative": "김행복",
    "business_number": "220-81-62517", "mail_order_number": "제2024-서울마포-01234호",
    "address": "서울특별시 마포구 와우산로 94", "address_detail": "1층", "phone": "02-336-1234",
    "email": "hello@bakery.kr", "kakao_channel_url": "https://pf.kakao.com/_abcde",
    "naver_map_url": "https://naver.me/xyz", "kakao_map_url": "https://kko.to/abc",
    "instagram": "happy.bakery", "hours_note": "명절 당일 휴무",
    "opening_hours": {d: {"closed": False, "open": "09:00", "close": "21:00",
                          "break_start": "15:00", "break_end": "16:00"}
                      for d in ("mon", "tue", "wed", "thu", "fri")}
    | {"sat": {"closed": False, "open": "10:00", "close": "22:00", "break_start": "",
               "break_end": ""},
       "sun": {"closed": True, "open": "", "close": "", "break_start": "", "break_end": ""}},
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trade", default="cafe", choices=components.BUSINESS_TYPES)
    parser.add_argument("--locale", default="ko", choices=components.SAMPLE_LOCALES)
    parser.add_argument("--edit", action="store_true", help="render as the editor canvas")
    args = parser.parse_args()
    ctx = RenderContext(site={"name": "행복한 빵집", "slug": "happy", "locale": args.locale},
                        profile=PROFILE, form_action="/forms/submit", editing=args.edit,
                        locale=args.locale)
    # Buttons lead to the blocks on this page and to the sample profile's contacts.
    samples = components.SampleContext(
        args.trade, args.locale,
        links={"menu": "#menu", "location": "#location", **profile_links(PROFILE)})
    renderer = Renderer(ctx)
    parts = []
    for n, component in enumerate(components.registry().values()):
        props = component.default_props(samples)
        node = {"id": f"n{n}", "type": component.type, "props": props,
                "slots": {name: [] for name in component.slot_names(props)}}
        parts.append(f"<!-- {component.type} -->\n" + str(renderer.render_node(node)))
    html = (f"<!doctype html><html lang='{args.locale}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<style>body{{margin:0}}{site_css('default')}</style></head>"
            f"<body><div class='ww-site'>{''.join(parts)}</div></body></html>")
    out = ROOT / "test-artifacts" / "components.html"
    out.parent.mkdir(exist_ok=True)
    out.write_text(html, encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
