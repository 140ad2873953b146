"""Sample content for a new café site (used by ``flask demo`` and the quality checks).

Themes bring their own starters later; this one uses only the built-in blocks and the business
profile, so it is what a brand-new owner sees before uploading any picture."""

from __future__ import annotations

from app.editor import tree as T

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


def fill_site(site) -> None:
    """Gives a new site sample pages (home + menu + location)."""
    from app.db import db
    from app.models import Page

    home = next(p for p in site.pages if p.is_home)
    home.draft_tree = tree_of(HOME_BLOCKS)
    for position, (path, (title, blocks)) in enumerate(PAGES.items(), start=1):
        site.pages.append(Page(path=path, title=title, position=position,
                               draft_tree=tree_of(blocks)))
    db.session.flush()
