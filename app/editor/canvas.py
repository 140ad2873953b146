"""The editor canvas: the page rendered as it will be published, plus editor frames, and the
out-of-band fragments an operation sends back (only what changed)."""

from __future__ import annotations

import json
from typing import Any

from flask import url_for
from markupsafe import Markup

from app.editor import tree as T
from app.editor.render import RenderContext, Renderer, slot_id
from app.models import Page, Site


def _asset_hashes(node: dict[str, Any]) -> set[str]:
    """Content hashes of every picture referenced under ``node``."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            asset = value.get("asset")
            if isinstance(asset, str) and asset:
                found.add(asset)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(node)
    return found


def canvas_context(site: Site, page: Page, editing: bool = True,
                   tree: dict[str, Any] | None = None) -> RenderContext:
    """What rendering ``tree`` (default: the page's draft) needs. Only the pictures the tree
    uses are looked up, so most edits cost no asset query at all."""
    from app.assets.operations import asset_index

    rendered = tree if tree is not None else page.draft_tree
    hashes = _asset_hashes(rendered)
    assets = {h: meta for h, meta in asset_index(site).items() if h in hashes} if hashes else {}
    # The page list feeds navigation and page links; a block that has neither needs no query.
    needs_pages = tree is None or any(
        marker in json.dumps(rendered, ensure_ascii=False)
        for marker in ('"page:', '"footer"', '"show_nav"'))
    pages = [{"id": p.id, "title": p.title, "path": p.path, "is_home": p.is_home}
             for p in site.pages if p.deleted_at is None] if needs_pages else []
    by_id = {p["id"]: p for p in pages}

    def image_url(asset_hash: str, width: int | None = None, ext: str = "webp") -> str:
        # The renderer asks for the WebP and the fallback (JPEG/PNG) of a picture when it
        # renders as published (a revision preview), so ``ext`` is part of the signature.
        return url_for("assets.variant", site_id=site.id, digest=asset_hash,
                       width=width or 960, ext=ext)

    def page_url(page_id: int) -> str:
        target = by_id.get(page_id)
        if target is None:
            return "#"
        return url_for("editor.edit", site_id=site.id, page_id=page_id)

    from app.theme_store.operations import site_theme

    return RenderContext(
        site={"name": site.name, "slug": site.slug, "locale": site.locale},
        profile=dict(site.profile or {}), pages=pages, assets=assets,
        image_url=image_url, page_url=page_url, editing=editing, locale=site.locale,
        theme_folder=site_theme(site)["_folder"],
    )


def theme_css(theme: dict[str, Any], settings: dict[str, Any] | None = None) -> str:
    """The CSS of every block in ``theme`` with the owner's design ``settings``; the theme's
    own files (fonts) are served by the editor app."""
    from app.theming import site_css

    base = url_for("sites.theme_asset", slug=theme.get("slug", "default"),
                   version=theme.get("version", "0"), path="x").rsplit("/", 1)[0]
    return site_css(theme, asset_base=base, settings=settings)


def canvas_css(site: Site) -> str:
    """The site's theme CSS (with its design settings) for the editor canvas and previews."""
    from app.theme_store.operations import site_theme

    return theme_css(site_theme(site), site.theme_settings)


def renderer_for(ctx: RenderContext) -> Renderer:
    return Renderer(ctx)


def _slot_selector(parent_id: str, slot: str) -> str:
    """The one element a block is inserted into (an id: nested slots of the same name never
    match)."""
    if parent_id == T.ROOT_ID:
        return "#canvas-root"
    return f"#{slot_id(parent_id, slot)}"


def fragments_for(site: Site, page: Page, op: dict[str, Any] | None) -> list[Markup]:
    """Out-of-band swaps (ready-made htmx markup) for the canvas after the concrete ``op``."""
    if not op:
        return []
    kind = op.get("kind")
    tree = page.draft_tree
    touched = (T.find(tree, op["block"]).node if kind in {"set_prop", "replace"}
               else op.get("node") or tree)
    renderer = renderer_for(canvas_context(site, page, tree=touched))

    def block_html(block_id: str) -> Markup:
        return renderer.render_node(T.find(tree, block_id).node)

    def placed(block_id: str) -> Markup:
        loc = T.find(tree, block_id)
        siblings = loc.parent["slots"][loc.slot]
        if loc.index > 0:
            swap = f"afterend:#b-{siblings[loc.index - 1]['id']}"
        else:
            swap = f"afterbegin:{_slot_selector(loc.parent['id'], loc.slot)}"
        return Markup('<div hx-swap-oob="{}">{}</div>').format(swap, block_html(block_id))

    def removed(block_id: str) -> Markup:
        return Markup('<div id="b-{}" hx-swap-oob="delete"></div>').format(block_id)

    if kind in {"set_prop", "replace"}:
        # The block's own frame carries the swap instruction (outerHTML keeps its id).
        html = str(block_html(op["block"])).replace(
            '<div class="ed-block"', '<div hx-swap-oob="outerHTML" class="ed-block"', 1)
        return [Markup(html)]  # noqa: S704 - our own rendered, escaped markup
    if kind == "delete":
        return [removed(op["block"])]
    if kind in {"insert", "paste", "duplicate", "restore"}:
        return [placed(op["node"]["id"])]
    if kind == "move":
        return [removed(op["block"]), placed(op["block"])]
    # replace_tree and anything else: the whole canvas.
    return [Markup('<div id="canvas-root" hx-swap-oob="innerHTML">{}</div>').format(
        renderer.render_tree(tree))]
