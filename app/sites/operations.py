"""Site operations. They flush and never commit: the view or job commits once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask_babel import force_locale, gettext as _
from pydantic import ValidationError
from sqlalchemy import select

from app.billing.limits import require as require_limit
from app.db import db, utcnow
from app.domain import Refused
from app.i18n import LANGUAGES
from app.models import Page, Site, SiteMember, User
from app.models.site import DELETE_GRACE_DAYS
from app.sites.profile import BUSINESS_TYPES, parse_profile, translate_errors
from app.sites.slugs import MAX_SLUG, is_valid_slug, slugify

NAME_MAX = 60
# The languages a site can be published in (its content, html lang, built-in strings and the
# sample content of new blocks); the owner picks one when creating the site.
SITE_LOCALES = tuple(LANGUAGES)
DEFAULT_SITE_LOCALE = "ko"


class ProfileInvalid(Refused):
    """The business profile has field errors: ``errors`` maps field → translated message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(_("Some details need fixing. Nothing was saved."))
        self.errors = errors


def empty_tree() -> dict[str, Any]:
    """The component tree of a fresh page: a root with no children yet."""
    return {"id": "root", "type": "page", "props": {}, "slots": {"children": []}}


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise Refused(_("Give your site a name."), "name")
    if len(name) > NAME_MAX:
        raise Refused(_("Use at most %(n)d characters.", n=NAME_MAX), "name")
    return name


def slug_taken(slug: str) -> bool:
    # Deleted sites keep their address until they are purged, so a restore never collides.
    return db.session.scalar(select(Site.id).where(Site.slug == slug)) is not None


def free_slug(base: str) -> str:
    """``base`` if free, else base-2, base-3 ... (and never a reserved word)."""
    base = base[: MAX_SLUG - 4].rstrip("-") or "site"
    candidate = base if is_valid_slug(base) else f"{base}-site"
    n = 2
    while slug_taken(candidate):
        candidate = f"{base}-{n}"
        n += 1
    return candidate


STARTERS_BLANK, STARTERS_CAFE = "blank", "cafe"


def starter_choices() -> list[str]:
    from app.theming import bundled_themes

    return [STARTERS_BLANK, STARTERS_CAFE, *(t["slug"] for t in bundled_themes()
                                             if t.get("starter"))]


def create_site(owner: User, name: str, slug: str | None = None,
                starter: str = STARTERS_BLANK, locale: str = DEFAULT_SITE_LOCALE,
                business_type: str = "other") -> Site:
    """Creates a site with its home page. An explicit ``slug`` must be valid and free; without
    one the address is derived from the name and made unique. ``starter``: "blank", "cafe"
    (sample café pages) or a bundled theme with a starter (its theme and pages). ``locale`` is
    the site's language and ``business_type`` goes into the business profile: both choose the
    sample content of the blocks the owner adds."""
    name = _clean_name(name)
    require_limit(owner, "sites", field="name")  # the plan's site count (app/billing)
    if starter not in starter_choices():
        raise Refused(_("Choose one of the starting points."), "starter")
    if locale not in SITE_LOCALES:
        raise Refused(_("Choose one of the languages shown."), "locale")
    if business_type not in BUSINESS_TYPES:
        raise Refused(_("Choose a business type from the list."), "business_type")
    if starter == STARTERS_CAFE and business_type == "other":
        business_type = "cafe"  # the café sample's pages are a café's
    if slug:
        slug = slug.strip().lower()
        if len(slug) > MAX_SLUG or not is_valid_slug(slug):
            raise Refused(
                _(
                    "Use %(n)d or fewer lower-case letters, digits and single hyphens for the "
                    "address (and not a reserved word).",
                    n=MAX_SLUG,
                ),
                "slug",
            )
        if slug_taken(slug):
            raise Refused(
                _("The address %(slug)s is already taken. Try another one.", slug=slug), "slug"
            )
    else:
        slug = free_slug(slugify(name))
    site = Site(slug=slug, name=name, locale=locale,
                profile={"business_name": name, "business_type": business_type})
    site.members.append(SiteMember(user=owner, role="owner"))
    # The page title is content of the site, so it is in the site's language, not the editor's.
    with force_locale(site.locale):
        home_title = _("Home")
    site.pages.append(
        Page(path="/", title=home_title, is_home=True, position=0, draft_tree=empty_tree(), seq=0)
    )
    db.session.add(site)
    db.session.flush()
    if starter != STARTERS_BLANK:
        from app.sites.starter import fill_site

        if starter != STARTERS_CAFE:
            site.theme_slug = starter
        fill_site(site, starter if starter != STARTERS_CAFE else None)
    return site


def rename_site(site: Site, name: str) -> None:
    site.name = _clean_name(name)
    db.session.flush()


def delete_site(site: Site) -> None:
    """Soft delete: the site disappears from the dashboard and can be restored for 30 days."""
    if site.deleted_at is None:
        site.deleted_at = utcnow()
        db.session.flush()


def restore_site(site: Site) -> None:
    if site.deleted_at is None:
        return
    if site.deleted_at < utcnow() - timedelta(days=DELETE_GRACE_DAYS):
        raise Refused(
            _("This site was deleted more than 30 days ago and can no longer be restored.")
        )
    site.deleted_at = None
    db.session.flush()


def purge_deleted_sites() -> int:
    """Removes sites deleted more than the grace period ago; returns how many."""
    cutoff = utcnow() - timedelta(days=DELETE_GRACE_DAYS)
    sites = db.session.scalars(select(Site).where(Site.deleted_at < cutoff)).all()
    for site in sites:
        db.session.delete(site)
    db.session.flush()
    return len(sites)


def update_profile(site: Site, data: dict[str, Any]) -> None:
    """Validates and saves the whole business profile; nothing is saved if any field is bad."""
    try:
        profile = parse_profile(data)
    except ValidationError as exc:
        raise ProfileInvalid(translate_errors(exc)) from None
    site.profile = profile.model_dump(mode="json", exclude_defaults=False)
    db.session.flush()


def sites_of(user: User, deleted: bool = False) -> list[Site]:
    """The user's sites (or those in the bin), newest first."""
    stmt = (
        select(Site)
        .join(SiteMember)
        .where(SiteMember.user_id == user.id)
        .where(Site.deleted_at.is_not(None) if deleted else Site.deleted_at.is_(None))
        .order_by(Site.created_at.desc(), Site.id.desc())
    )
    return list(db.session.scalars(stmt))


def site_for(user: User, site_id: int, include_deleted: bool = False) -> Site | None:
    """The site if ``user`` is a member, else None (the view answers 404: no tenant learns
    that another tenant's id exists)."""
    stmt = select(Site).join(SiteMember).where(Site.id == site_id, SiteMember.user_id == user.id)
    if not include_deleted:
        stmt = stmt.where(Site.deleted_at.is_(None))
    return db.session.scalar(stmt)


def restorable_until(site: Site):
    return site.deleted_at + timedelta(days=DELETE_GRACE_DAYS) if site.deleted_at else None


def set_theme(site: Site, slug: str) -> None:
    """Switches the site to a theme from the gallery; its pages and blocks stay as they are."""
    from app.theme_store.operations import set_site_theme

    set_site_theme(site, slug)
    db.session.flush()
