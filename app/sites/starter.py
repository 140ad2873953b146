"""Starter content for a new site: the chosen theme's starter pages, or a café sample.

Themes carry their starters in theme.json ("starter": {"pages": [{path, title, blocks}]}); a
block is {"type", "props", "slots"?}. Every block is validated against the registry on the way
in, exactly like an edit."""

from __future__ import annotations

from typing import Any

from app.editor import tree as T
from app.theming import load_theme

HOME_BLOCKS = ("hero", "notice", "menu", "opening_hours", "location", "contact", "footer")
PAGES = {
    "/menu": ("메뉴", ("menu", "faq", "footer")),
    "/location": ("오시는 길", ("location", "opening_hours", "contact_form", "footer")),
}


def tree_of(types: tuple[str, ...]) -> dict:
    """A page tree with each block's sample content."""
    tree = T.empty_tree()
    tree["slots"][T.ROOT_SLOT] = [T.make_node(type_name) for type_name in types]
    T.validate_tree(tree)
    return tree


def _node(block: dict[str, Any]) -> dict[str, Any]:
    node = T.make_node(block["type"], block.get("props"))
    for slot, children in (block.get("slots") or {}).items():
        if slot in node["slots"]:
            node["slots"][slot] = [_node(child) for child in children]
    return node


def theme_starter(theme_slug: str) -> list[tuple[str, str, dict]] | None:
    """[(path, title, tree)] from a bundled theme's starter, or None when it has none."""
    return starter_pages(load_theme(theme_slug))


def starter_pages(manifest: dict[str, Any]) -> list[tuple[str, str, dict]] | None:
    """[(path, title, tree)] from a theme manifest's starter, or None when it has none."""
    starter = manifest.get("starter") or {}
    pages = []
    for page in starter.get("pages", []):
        tree = T.empty_tree()
        tree["slots"][T.ROOT_SLOT] = [_node(block) for block in page.get("blocks", [])]
        T.validate_tree(tree)
        pages.append((page["path"], page["title"], tree))
    return pages or None


def fill_site(site, theme_slug: str | None = None) -> None:
    """Gives a new site its starter pages (the theme's, else the café sample)."""
    from app.db import db
    from app.models import Page

    home = next(p for p in site.pages if p.is_home)
    pages = theme_starter(theme_slug) if theme_slug else None
    if pages is None:
        pages = [("/", home.title, tree_of(HOME_BLOCKS))] + [
            (path, title, tree_of(blocks)) for path, (title, blocks) in PAGES.items()]
    position = 1
    for path, title, tree in pages:
        if path == "/":
            home.draft_tree = tree
            continue
        site.pages.append(Page(path=path, title=title, position=position, draft_tree=tree))
        position += 1
    db.session.flush()
