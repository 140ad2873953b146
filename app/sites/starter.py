"""Starter content for a new site: the chosen theme's starter pages, or a café sample.

Themes carry their starters in theme.json ("starter": {"pages": [{path, title, blocks}]}); a
block is {"type", "props", "slots"?}. Every block is validated against the registry on the way
in, exactly like an edit."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.editor import tree as T
from app.editor.samples import context_for
from app.theming import load_theme
from components import SampleContext

HOME_BLOCKS = ("hero", "notice", "menu", "opening_hours", "location", "contact", "footer")
# The café sample's other pages: path → (title in each site language, blocks).
PAGES = {
    "/menu": ({"ko": "메뉴", "en": "Menu", "ja": "メニュー"}, ("menu", "faq", "footer")),
    "/location": ({"ko": "오시는 길", "en": "Find us", "ja": "アクセス"},
                  ("location", "opening_hours", "contact_form", "footer")),
}
SAMPLE_TRADE = "cafe"


def tree_of(types: tuple[str, ...], samples: SampleContext | None = None) -> dict:
    """A page tree with each block's sample content (for ``samples``' trade and language)."""
    tree = T.empty_tree()
    tree["slots"][T.ROOT_SLOT] = [T.make_node(type_name, samples=samples) for type_name in types]
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
    """Gives a new site its starter pages (the theme's, else the café sample in the site's
    language)."""
    from app.db import db
    from app.models import Page

    home = next(p for p in site.pages if p.is_home)
    pages = theme_starter(theme_slug) if theme_slug else None
    if pages is None:
        _fill_cafe_sample(site, home)
        return
    position = 1
    for path, title, tree in pages:
        if path == "/":
            home.draft_tree = tree
            continue
        site.pages.append(Page(path=path, title=title, position=position, draft_tree=tree))
        position += 1
    db.session.flush()


def _fill_cafe_sample(site, home) -> None:
    """The café sample: every page is made twice — once to learn which anchors and pages
    exist, then again with sample buttons pointing at them (the home page's "메뉴 보기" goes to
    its menu), exactly as blocks added one by one in the editor would."""
    from app.db import db
    from app.models import Page

    locale = site.locale
    plan = [(home, HOME_BLOCKS)]
    for position, (path, (titles, types)) in enumerate(PAGES.items(), start=1):
        page = Page(path=path, title=titles.get(locale) or titles["ko"], position=position,
                    draft_tree=T.empty_tree())
        site.pages.append(page)
        plan.append((page, types))
    plain = SampleContext(business_type=SAMPLE_TRADE, locale=locale)
    for page, types in plan:
        page.draft_tree = tree_of(types, plain)
    db.session.flush()  # page ids, for links between pages
    for page, types in plan:
        # Links from the first round; its anchors are the blocks' own, so they stay free.
        links = replace(context_for(site, page), business_type=SAMPLE_TRADE, anchors=frozenset())
        page.draft_tree = tree_of(types, links)
    db.session.flush()
