"""Plan limits, checked where they matter. One API for every feature, present and future:

    check_limit(user, "sites")                       -> LimitCheck (allowed?, used, limit)
    require(user, "sites")                           raises LimitReached (a Refused)
    require(user, "custom_domains", used=n)          for features that count their own usage
    require_for_site(site, "pages_per_site")         the site's owner's plan
    provider_refusal(site, "vercel")                 a message, or None when allowed

A refusal names the plan and the limit and points to the billing page; nothing is changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.db import db
from app.domain import Refused
from app.models import Asset, Page, Site, SiteMember, User

from .plans import LIMITS, storage_text


class LimitReached(Refused):
    """The owner's plan does not allow this; ``limit`` names which limit."""

    def __init__(self, message: str, limit: str, field: str | None = None) -> None:
        super().__init__(message, field)
        self.limit = limit


@dataclass(frozen=True)
class LimitCheck:
    limit: str
    used: int
    allowed: int | None  # None: unlimited
    adding: int

    @property
    def ok(self) -> bool:
        return self.allowed is None or self.used + self.adding <= self.allowed


def owner_of(site: Site) -> User | None:
    return db.session.scalar(
        select(User).join(SiteMember).where(SiteMember.site_id == site.id,
                                            SiteMember.role == "owner").limit(1)
    )


def _owned_site_ids(user: User):
    return select(SiteMember.site_id).join(Site).where(
        SiteMember.user_id == user.id, SiteMember.role == "owner", Site.deleted_at.is_(None))


def usage(user: User, limit: str, site: Site | None = None) -> int:
    """What the user uses of ``limit`` now (for limits this app can count itself)."""
    if limit == "sites":
        return db.session.scalar(select(func.count()).select_from(_owned_site_ids(user)
                                                                  .subquery())) or 0
    if limit == "pages_per_site":
        if site is None:
            raise ValueError("pages_per_site needs the site")
        return db.session.scalar(select(func.count(Page.id)).where(
            Page.site_id == site.id, Page.deleted_at.is_(None))) or 0
    if limit == "storage_bytes":
        return db.session.scalar(select(func.coalesce(func.sum(Asset.size), 0)).where(
            Asset.site_id.in_(_owned_site_ids(user)))) or 0
    raise ValueError(f"{limit} is counted by its feature: pass used=")


def check_limit(user: User, limit: str, *, site: Site | None = None, adding: int = 1,
                used: int | None = None) -> LimitCheck:
    from .subscriptions import plan_state

    if limit not in LIMITS or limit == "publish_providers":
        raise KeyError(f"unknown counted limit {limit!r}")
    plan = plan_state(user).plan
    return LimitCheck(limit, usage(user, limit, site) if used is None else used,
                      plan.limit(limit), adding)


def _message(check: LimitCheck, plan_name: str) -> str:
    if check.limit == "storage_bytes":
        amount = _("%(size)s of pictures", size=storage_text(check.allowed))
    elif check.limit == "sites":
        amount = _("%(n)d site(s)", n=check.allowed)
    elif check.limit == "pages_per_site":
        amount = _("%(n)d pages per site", n=check.allowed)
    elif check.limit == "custom_domains":
        amount = _("%(n)d custom domain(s)", n=check.allowed)
    elif check.limit == "ai_credits":
        amount = _("%(n)s AI credits a month", n=f"{check.allowed:,}")
    else:
        amount = _("%(n)d developer workspace(s)", n=check.allowed)
    return _("Your %(plan)s plan allows %(amount)s. Nothing was changed: upgrade your plan on "
             "the Billing page to add more.", plan=plan_name, amount=amount)


def require(user: User, limit: str, *, site: Site | None = None, adding: int = 1,
            used: int | None = None, field: str | None = None, error: type | None = None):
    """Raises LimitReached (or ``error(message)``) when ``adding`` more would pass the limit."""
    from .subscriptions import plan_state

    check = check_limit(user, limit, site=site, adding=adding, used=used)
    if not check.ok:
        message = _message(check, str(plan_state(user).plan.name))
        if error is not None:
            raise error(message)
        raise LimitReached(message, limit, field)
    return check


def require_for_site(site: Site, limit: str, *, adding: int = 1, field: str | None = None,
                     error: type | None = None):
    """``require`` against the plan of the site's owner (editors use the owner's plan)."""
    owner = owner_of(site)
    if owner is None:
        return None
    return require(owner, limit, site=site, adding=adding, field=field, error=error)


def provider_refusal(site: Site, provider: str) -> str | None:
    """Why the site's owner may not publish with ``provider``, or None when the plan allows it."""
    from .subscriptions import plan_state

    owner = owner_of(site)
    if owner is None:
        return None
    plan = plan_state(owner).plan
    if provider in plan.publish_providers:
        return None
    return _("Your %(plan)s plan does not include publishing to this provider. Nothing was "
             "changed: upgrade your plan on the Billing page, or publish with WindWalker "
             "hosting.", plan=str(plan.name))
