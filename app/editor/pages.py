"""Page management inside the editor: add, rename, reorder, set as home, delete (with undo)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from app.billing.limits import require_for_site
from app.db import db, utcnow
from app.editor import tree as T
from app.models import Page, Site
from app.sites.slugs import slugify

MAX_PAGES = 50


class PageRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def live_pages(site: Site) -> list[Page]:
    return sorted((p for p in site.pages if p.deleted_at is None), key=lambda p: p.position)


def _title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise PageRefused(_("Give the page a title."))
    if len(title) > 120:
        raise PageRefused(_("Use at most %(n)d characters.", n=120))
    return title


def _free_path(site: Site, base: str, exclude: int | None = None) -> str:
    taken = set(db.session.scalars(select(Page.path).where(Page.site_id == site.id,
                                                           Page.id != (exclude or 0))))
    candidate, n = f"/{base}", 2
    while candidate in taken or candidate == "/":
        candidate = f"/{base}-{n}"
        n += 1
    return candidate


def add_page(site: Site, title: str) -> Page:
    title = _title(title)
    pages = live_pages(site)
    if len(pages) >= MAX_PAGES:
        raise PageRefused(_("A site can have at most %(n)d pages.", n=MAX_PAGES))
    require_for_site(site, "pages_per_site", error=PageRefused)  # the owner's plan
    page = Page(site_id=site.id, title=title, path=_free_path(site, slugify(title)[:40]),
                position=(pages[-1].position + 1) if pages else 0, draft_tree=T.empty_tree())
    site.pages.append(page)
    db.session.flush()
    return page


def rename_page(page: Page, title: str) -> None:
    page.title = _title(title)
    db.session.flush()


def move_page(site: Site, page: Page, delta: int) -> None:
    pages = live_pages(site)
    i = pages.index(page)
    j = i + delta
    if not 0 <= j < len(pages):
        return
    pages[i], pages[j] = pages[j], pages[i]
    for position, p in enumerate(pages):
        p.position = position
    db.session.flush()


def set_home(site: Site, page: Page) -> None:
    """Makes ``page`` the home page (at "/"); the old home page gets an address of its own."""
    if page.is_home:
        return
    old = next((p for p in live_pages(site) if p.is_home), None)
    if old is not None:
        old.is_home = False
        old.path = "/.moving"  # free "/" first (unique per site)
        db.session.flush()
        old.path = _free_path(site, slugify(old.title)[:40] or "page", exclude=old.id)
    page.is_home = True
    page.path = "/"
    db.session.flush()


def delete_page(site: Site, page: Page) -> None:
    """Soft delete (undo restores it). The home page cannot be deleted."""
    if page.is_home:
        raise PageRefused(_("The home page cannot be deleted. Make another page the home page "
                            "first."))
    page.deleted_at = utcnow()
    page.path = f"/.deleted/{page.id}{page.path}"[:200]  # frees the address
    db.session.flush()


def restore_page(page: Page) -> None:
    if page.deleted_at is None:
        return
    original = page.path.split("/", 3)[3] if page.path.startswith("/.deleted/") else "page"
    page.deleted_at = None
    page.path = _free_path(page.site, original.strip("/") or "page", exclude=page.id)
    db.session.flush()
