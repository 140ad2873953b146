"""Access checks shared by every area that works on one site."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from app.models import Site
from app.sites.operations import site_for


def own_site_or_404(site_id: int, include_deleted: bool = False) -> Site:
    """The current user's site, or 404 — another tenant never learns that the id exists."""
    site = site_for(current_user, site_id, include_deleted=include_deleted)
    if site is None:
        abort(404)
    return site
