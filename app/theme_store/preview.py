"""Theme previews, served from the sites origin (never the editor's).

A preview is a static site compiled with the real compiler into
``<SITES_DIR>/theme-previews/deployments/<key>/`` and served by the local host at
``<key>--theme-previews.<sites host>``. The key is secret (a designer's private preview) or an
HMAC of what is shown (an owner's preview of their own site in another theme), so only someone
given the address can open it.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import shutil
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import current_app

import components
from app.editor import tree as T
from app.publishing.compiler import PageSnapshot, SiteSnapshot, compile_site, write_folder
from app.sites.starter import starter_pages
from components import SampleContext

PREVIEW_SLUG = "theme-previews"
SAMPLE_SITE = {"ko": "미리보기 카페", "en": "Preview Café", "ja": "プレビューカフェ"}
COMPONENTS_PAGE = {"ko": "모든 블록", "en": "Every block", "ja": "すべてのブロック"}
SAMPLE_PROFILE = {
    "business_name": "미리보기 카페", "representative": "김윈드", "business_number": "",
    "address": "서울특별시 마포구 와우산로 21", "phone": "02-123-4567",
    "email": "hello@example.com",
}


def preview_folder(key: str) -> Path:
    return Path(current_app.config["SITES_DIR"]) / PREVIEW_SLUG / "deployments" / key


def preview_url(key: str) -> str:
    return current_app.config["SITES_URL"].format(slug=f"{key}--{PREVIEW_SLUG}").rstrip("/") + "/"


def owner_preview_key(site_id: int, theme_key: str) -> str:
    """A stable, unguessable key for an owner's preview of their site in a theme."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"site:{site_id}:{theme_key}".encode(),
                    hashlib.sha256).hexdigest()[:32]


# Sample pictures: soft gradients in a few hues, made once per process.
SAMPLE_HUES = ((232, 180, 140), (150, 190, 170), (140, 170, 215), (215, 160, 175))
SAMPLE_WIDTHS = (480, 960)  # small and quick to make: previews only


@cache
def sample_pictures() -> dict[str, dict[str, Any]]:
    """hash → {"meta": picture metadata, "files": {(width, ext): bytes}}."""
    from PIL import Image, ImageDraw

    pictures: dict[str, dict[str, Any]] = {}
    for index, (r, g, b) in enumerate(SAMPLE_HUES):
        image = Image.new("RGB", (960, 600), (r, g, b))
        draw = ImageDraw.Draw(image)
        for y in range(0, 600, 6):  # a gentle vertical gradient
            shade = int(40 * y / 600)
            draw.rectangle((0, y, 960, y + 6), fill=(max(r - shade, 0), max(g - shade, 0),
                                                     max(b - shade, 0)))
        draw.ellipse((600 - index * 70, 150, 840 - index * 70, 390),
                     fill=(min(r + 30, 255), min(g + 30, 255), min(b + 30, 255)))
        files: dict[tuple[int, str], bytes] = {}
        for width in SAMPLE_WIDTHS:
            scaled = image if width == 960 else image.resize((width, width * 600 // 960))
            for ext, fmt in (("webp", "WEBP"), ("jpg", "JPEG")):
                out = io.BytesIO()
                scaled.save(out, fmt, quality=70)
                files[(width, ext)] = out.getvalue()
        digest = hashlib.sha256(files[(960, "jpg")]).hexdigest()
        pictures[digest] = {"meta": {"width": 960, "height": 600, "alt": "",
                                     "fallback": "jpg", "widths": list(SAMPLE_WIDTHS)},
                            "files": files}
    return pictures


def _sample_image(index: int, alt: str) -> dict[str, Any]:
    digest = list(sample_pictures())[index % len(SAMPLE_HUES)]
    return {"asset": digest, "alt": alt, "focal_x": 50, "focal_y": 50}


# Blocks that show nothing without a picture or a link get sample ones.
SAMPLE_PROPS: dict[str, Any] = {
    "hero": lambda props: {**props, "image": _sample_image(0, "가게 전경")},
    "image": lambda props: {**props, "image": _sample_image(1, "오늘의 디저트"),
                            "caption": props.get("caption") or "오늘의 디저트"},
    "gallery": lambda props: {**props, "items": [
        {"image": _sample_image(i, f"사진 {i + 1}"), "caption": ""} for i in range(4)]},
    "video": lambda props: {**props, "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                            "title": props.get("title") or "가게 소개 영상",
                            "poster": _sample_image(2, "가게 소개 영상")},
}


# Where the preview's sample buttons and social links lead: the blocks on the same page, the
# sample profile's phone, and the networks' own front pages (no invented accounts).
PREVIEW_LINKS = {"menu": "#menu", "location": "#location", "phone": "tel:02-123-4567",
                 "instagram": "https://www.instagram.com/", "kakao": "https://pf.kakao.com/"}


def every_block_tree(locale: str = "ko") -> dict[str, Any]:
    """One page holding every block type with its sample content (a café's, in ``locale``;
    containers get a text)."""
    samples = SampleContext(business_type="cafe", locale=locale, links=PREVIEW_LINKS)
    tree = T.empty_tree()
    nodes = []
    order = sorted(components.registry().items(),
                   key=lambda item: (item[0] != "hero", item[0] == "footer", item[0]))
    for type_name, component in order:
        node = T.make_node(type_name, samples=samples)
        if type_name in SAMPLE_PROPS:
            node = T.make_node(type_name, SAMPLE_PROPS[type_name](node["props"]))
        for slot in component.slot_names(node.get("props", {})):
            if slot in node["slots"] and not node["slots"][slot]:
                node["slots"][slot] = [T.make_node("rich_text", samples=samples)]
        nodes.append(node)
    tree["slots"][T.ROOT_SLOT] = nodes
    T.validate_tree(tree)
    return tree


def sample_snapshot(manifest: dict[str, Any], key: str, locale: str = "ko") -> SiteSnapshot:
    """The theme's starter pages (or a sample home) plus a page with every block."""
    pages: list[PageSnapshot] = []
    starter = starter_pages(manifest) or []
    for index, (path, title, tree) in enumerate(starter, start=1):
        pages.append(PageSnapshot(id=index, path=path, title=title, tree=tree,
                                  is_home=path == "/"))
    every = every_block_tree(locale)
    if not any(p.is_home for p in pages):
        pages.insert(0, PageSnapshot(id=len(pages) + 1, path="/", title=SAMPLE_SITE[locale],
                                     tree=every, is_home=True))
    pages.append(PageSnapshot(id=len(pages) + 100, path="/blocks",
                              title=COMPONENTS_PAGE[locale], tree=every))
    return SiteSnapshot(
        assets={h: p["meta"] for h, p in sample_pictures().items()},
        site_id=0, name=SAMPLE_SITE[locale], slug=PREVIEW_SLUG, locale=locale,
        base_url=preview_url(key).rstrip("/"), pages=tuple(pages), profile=SAMPLE_PROFILE,
        theme=manifest.get("slug", "default"),
        theme_folder="" if manifest.get("_bundled") else manifest["_folder"],
    )


def _sample_or_library(asset_hash: str, width: int, ext: str) -> bytes:
    """Sample pictures from memory; an owner's own pictures from the library."""
    from app.publishing.snapshot import read_asset

    sample = sample_pictures().get(asset_hash)
    if sample is not None:
        return sample["files"][(width, ext)]
    return read_asset(asset_hash, width, ext)


def write_preview(key: str, snap: SiteSnapshot) -> str:
    """Compiles ``snap`` into the preview folder ``key`` (replacing it); returns its URL."""
    output = compile_site(snap, _sample_or_library)
    # The editor app frames previews (at phone, tablet and desktop widths); nobody else may.
    editor = urlsplit(current_app.config["PUBLIC_URL"])
    output = replace(output, headers=output.headers.replace(
        "frame-ancestors 'self'", f"frame-ancestors {editor.scheme}://{editor.netloc}"))
    folder = preview_folder(key)
    staging = folder.with_name(folder.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    write_folder(output, staging)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return preview_url(key)


def remove_preview(key: str | None) -> None:
    if key:
        shutil.rmtree(preview_folder(key), ignore_errors=True)
