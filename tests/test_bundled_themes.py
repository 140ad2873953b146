"""Every bundled theme (each folder in themes/) is a complete package whose starter publishes to
the quality bar: theme.json has the required fields and design tokens (text readable at WCAG AA),
every starter block validates, the starter compiles with that theme, every page has lang and no
JavaScript besides JSON-LD, the home page (HTML + inline CSS) fits 14 KB gzipped, nothing is
loaded from another origin, and the W3C Nu HTML Checker finds no errors.

A theme without a "starter" in theme.json (the default theme) is checked with the platform's
starter (app/sites/starter.py), which is what a new site gets with it.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import components
from app.editor import tree as T
from app.publishing.compiler import PageSnapshot, SiteSnapshot, compile_site, write_folder
from app.sites import starter as platform_starter
from app.theming import THEMES_ROOT, load_theme

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
THEMES = sorted(p.name for p in THEMES_ROOT.iterdir() if p.is_dir())

REQUIRED_KEYS = {"name", "slug", "version", "author", "description", "license", "tokens",
                 "settings"}
COLOURS = {"primary", "primary-contrast", "secondary", "accent", "bg", "surface", "text", "muted",
           "border", "dark", "light"}
LENGTHS = {"space", "gutter", "radius", "content-width"}
SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
SETTING_TYPES = {"text", "color", "select", "toggle", "number", "image", "font"}
BUSINESS_TYPES = {"shop": "shop", "clinic": "clinic", "portfolio": "freelancer"}
HOME_LIMIT = 14 * 1024

PROFILE = {
    "business_name": "햇살상회", "representative": "김햇살", "business_number": "220-81-62517",
    "mail_order_number": "제2025-서울마포-01234호", "address": "서울특별시 마포구 와우산로 94",
    "address_detail": "1층", "phone": "02-336-1234", "email": "hello@haetsal.kr",
    "kakao_channel_url": "https://pf.kakao.com/_abcde", "naver_map_url": "https://naver.me/xyz",
    "instagram": "haetsal.shop", "hours_note": "명절 당일 휴무",
    "opening_hours": {d: {"closed": False, "open": "09:00", "close": "18:00",
                          "break_start": "12:30", "break_end": "13:30"}
                      for d in ("mon", "tue", "wed", "thu", "fri")}
    | {"sat": {"closed": False, "open": "10:00", "close": "14:00"}, "sun": {"closed": True}},
}


@cache
def manifest(slug: str) -> dict[str, Any]:
    return json.loads((THEMES_ROOT / slug / "theme.json").read_text(encoding="utf-8"))


def starter_pages(slug: str) -> list[dict[str, Any]]:
    """The theme's starter pages ({path, title, blocks: [{type, props?, slots?}]})."""
    starter = manifest(slug).get("starter")
    if starter is not None:
        return starter["pages"]
    pages = [{"path": "/", "title": "홈",
              "blocks": [{"type": t} for t in platform_starter.HOME_BLOCKS]}]
    for path, (titles, types) in platform_starter.PAGES.items():
        pages.append({"path": path, "title": titles["ko"],
                      "blocks": [{"type": t} for t in types]})
    return pages


def build_node(block: dict[str, Any]) -> dict[str, Any]:
    node = T.make_node(block["type"], block.get("props"))
    for slot, children in (block.get("slots") or {}).items():
        assert slot in node["slots"], f"{block['type']} has no slot {slot!r}"
        node["slots"][slot] = [build_node(child) for child in children]
    return node


def walk_blocks(blocks: list[dict[str, Any]]):
    for block in blocks:
        yield block
        for children in (block.get("slots") or {}).values():
            yield from walk_blocks(children)


@cache
def snapshot(slug: str) -> SiteSnapshot:
    pages = []
    for n, page in enumerate(starter_pages(slug), start=1):
        tree = T.empty_tree()
        tree["slots"][T.ROOT_SLOT] = [build_node(block) for block in page["blocks"]]
        T.validate_tree(tree)
        pages.append(PageSnapshot(id=n, path=page["path"], title=page["title"], tree=tree,
                                  is_home=page["path"] == "/"))
    profile = PROFILE | {"business_type": BUSINESS_TYPES.get(slug, "cafe")}
    return SiteSnapshot(site_id=1, name="햇살상회", slug="haetsal",
                        base_url="https://haetsal.pages.dev", pages=tuple(pages),
                        profile=profile, theme=slug,
                        form_action="https://forms.windwalker.example/f/1")


@cache
def compiled(slug: str):
    return compile_site(snapshot(slug), read_asset=lambda *a: b"")


def html_pages(slug: str) -> dict[str, str]:
    return {path: data.decode() for path, data in compiled(slug).files.items()
            if path.endswith(".html")}


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b_ = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                    for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_theme_folder_is_found():
    assert "default" in THEMES
    assert len(THEMES) >= 4, THEMES


@pytest.mark.parametrize("slug", THEMES)
def test_manifest_has_the_required_fields_and_tokens(slug):
    folder = THEMES_ROOT / slug
    data = manifest(slug)
    assert set(data) >= REQUIRED_KEYS, REQUIRED_KEYS - set(data)
    assert data["slug"] == slug
    assert SEMVER.match(data["version"]), data["version"]
    for key in ("author", "license"):
        assert isinstance(data[key], str) and data[key].strip(), key
    for key in ("name", "description"):  # shown to owners in their own language
        assert set(data[key]) == {"ko", "en", "ja"}, key
        assert all(isinstance(v, str) and v.strip() for v in data[key].values()), key
    tokens = data["tokens"]
    assert set(tokens["colors"]) == COLOURS, set(tokens["colors"]) ^ COLOURS
    for name, value in tokens["colors"].items():
        assert HEX.match(value), (name, value)
    assert set(tokens["fonts"]) >= {"body", "heading"}
    for stack in tokens["fonts"].values():
        assert stack.rstrip().endswith(("sans-serif", "serif", "monospace")), stack
    assert set(tokens) >= LENGTHS, LENGTHS - set(tokens)
    assert isinstance(data["settings"], list)
    for setting in data["settings"]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", setting["key"]), setting
        assert setting["type"] in SETTING_TYPES, setting
        assert {"ko", "en", "ja"} <= set(setting["label"]), setting
    # The package files are there, and the theme loads as itself (unknown slugs fall back).
    assert (folder / "layout.html").is_file()
    assert (folder / "assets" / "base.css").is_file()
    assert Path(load_theme(slug)["_folder"]) == folder


@pytest.mark.parametrize("slug", THEMES)
def test_text_colours_meet_wcag_aa(slug):
    colours = manifest(slug)["tokens"]["colors"]
    for fg, bg in (("text", "bg"), ("text", "surface"), ("primary-contrast", "primary"),
                   ("muted", "bg")):
        ratio = contrast(colours[fg], colours[bg])
        assert ratio >= 4.5, f"{fg} on {bg}: {ratio:.2f}"


@pytest.mark.parametrize("slug", THEMES)
def test_theme_css_loads_nothing_from_elsewhere(slug):
    css = (THEMES_ROOT / slug / "assets" / "base.css").read_text(encoding="utf-8")
    assert "@import" not in css
    assert "@font-face" not in css
    assert re.search(r"url\(\s*['\"]?(?:https?:)?//", css) is None
    assert "</" not in css  # it is inlined in a <style> element
    layout = (THEMES_ROOT / slug / "layout.html").read_text(encoding="utf-8")
    assert re.search(r"<script(?![^>]*application/ld\+json)", layout) is None


@pytest.mark.parametrize("slug", THEMES)
def test_every_starter_block_validates(slug):
    pages = starter_pages(slug)
    assert pages, "the starter has no pages"
    paths = [page["path"] for page in pages]
    assert len(paths) == len(set(paths)), paths
    assert "/" in paths
    for page in pages:
        assert page["title"].strip(), page
        for block in walk_blocks(page["blocks"]):
            component = components.get(block["type"])
            props = block.get("props")
            clean = component.validate_props(props) if props is not None \
                else component.default_props()
            assert isinstance(clean, dict)
            for slot in block.get("slots") or {}:
                assert slot in component.slot_names(clean), (block["type"], slot)


@pytest.mark.parametrize("slug", THEMES)
def test_starter_compiles_with_the_theme(slug):
    out = compiled(slug)
    pages = html_pages(slug)
    for page in starter_pages(slug):
        path = "index.html" if page["path"] == "/" else page["path"].strip("/") + "/index.html"
        assert path in pages, path
    assert "404.html" in pages
    # the theme's own tokens are what the pages are styled with
    home = pages["index.html"]
    css = home if "<style>" in home else next(
        data.decode() for path, data in out.files.items() if path.endswith(".css"))
    assert manifest(slug)["tokens"]["colors"]["primary"] in css


@pytest.mark.parametrize("slug", THEMES)
def test_pages_have_lang_and_no_javascript(slug):
    for path, html in html_pages(slug).items():
        assert re.search(r'<html lang="ko"', html), path
        assert re.findall(r"<script(?![^>]*application/ld\+json)", html) == [], path
        assert re.search(r"\son[a-z]+=", html) is None, path
        assert html.count("<h1") <= 1, path
        # nothing loads from another origin (links to other sites, canonical and og:url are
        # fine): stylesheets, icons, images, frames and scripts come from the site itself
        for tag in re.findall(r"<link\b[^>]*>", html):
            if 'rel="canonical"' not in tag:
                assert re.search(r'href="(?:https?:)?//', tag) is None, (path, tag)
        assert re.search(r'<(?:img|source|iframe|script)\b[^>]*\s(?:src|srcset)="(?:https?:)?//',
                         html) is None, path


@pytest.mark.parametrize("slug", THEMES)
def test_home_page_fits_the_first_flight(slug):
    home = compiled(slug).files["index.html"]
    size = len(gzip.compress(home, 9))
    assert size <= HOME_LIMIT, f"{slug}: home page is {size} bytes gzipped"


@pytest.mark.parametrize("slug", THEMES)
def test_pages_are_valid_for_the_w3c_checker(slug, tmp_path):
    java = shutil.which("java")
    if not java or not VNU.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("java and node_modules/vnu-jar are needed for the HTML check")
        pytest.skip("java or vnu-jar missing")
    write_folder(compiled(slug), tmp_path / slug)
    pages = sorted(str(p) for p in (tmp_path / slug).rglob("*.html"))
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').rsplit('/', 2)[-2:]}: {m.get('message')}" for m in messages
              if m.get("type") == "error"]
    assert errors == [], "\n".join(errors)
