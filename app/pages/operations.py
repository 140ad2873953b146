"""Page operations (settings; the tree operations arrive with the editor)."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import select

from app.db import db
from app.models import Page

PATH_RE = re.compile(
    r"^/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)?$"
)
LIMITS = {"title": 120, "seo_title": 120, "seo_description": 300}


def page_of_site(site_id: int, page_id: int) -> Page | None:
    return db.session.scalar(select(Page).where(Page.id == page_id, Page.site_id == site_id))


def update_page_settings(
    page: Page, title: str, path: str, seo_title: str, seo_description: str,
    social_image: str = "",
) -> dict[str, str]:
    """Validates and saves a page's title, address, search-engine texts and sharing picture.

    Returns field errors (nothing is saved when there are any)."""
    errors: dict[str, str] = {}
    values = {
        "title": title.strip(),
        "seo_title": seo_title.strip(),
        "seo_description": seo_description.strip(),
    }
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            errors[name] = _("Use at most %(n)d characters.", n=limit)
    if not values["title"]:
        errors["title"] = _("Give the page a title.")
    path = path.strip().lower() or "/"
    if not path.startswith("/"):
        path = "/" + path
    if page.is_home:
        path = "/"  # the home page always lives at the site's root
    elif path == "/" or not PATH_RE.match(path) or len(path) > 200:
        errors["path"] = _("Use lower-case letters, digits and hyphens, like /menu or /about-us.")
    elif db.session.scalar(
        select(Page.id).where(Page.site_id == page.site_id, Page.path == path, Page.id != page.id)
    ):
        errors["path"] = _("Another page already uses this address.")
    social_image = social_image.strip()
    if social_image:
        from app.models import Asset

        if db.session.scalar(select(Asset.id).where(Asset.site_id == page.site_id,
                                                    Asset.hash == social_image)) is None:
            errors["social_image"] = _("Choose a picture from this site's image library.")
    if errors:
        return errors
    if path != page.path and page.path != "/":
        record_move(page.site, page.path, path)
    page.social_image = social_image
    page.title = values["title"]
    page.seo_title = values["seo_title"]
    page.seo_description = values["seo_description"]
    page.path = path
    db.session.flush()
    return {}



def record_move(site, old: str, new: str) -> None:
    """Remembers that a page moved, so the published site redirects old links (301)."""
    from app.publishing.compiler import page_url

    old_url, new_url = page_url(old), page_url(new)
    moves = [m for m in (site.redirects or []) if m[0] not in (old_url, new_url)]
    moves = [[src, new_url if dst == old_url else dst] for src, dst in moves]
    site.redirects = [*moves, [old_url, new_url]][-200:]
