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


def editable_site_or_404(site_id: int) -> Site:
    """The site if the user may edit its pages: a member, or a support agent inside an
    *active* support session the owner accepted. Sets ``g.support_session`` (None for members).

    An agent whose session ended or expired gets 403 with a page that says so (they knew the
    site; nothing new is revealed); anyone else gets 404.
    """
    from flask import g

    from app.db import db
    from app.support import operations as support

    site = site_for(current_user, site_id)
    if site is not None:
        g.support_session = None
        return site
    session = support.agent_session(current_user, site_id) if current_user.has_role(
        "support") else None
    if session is None:
        abort(404)
    if support.expire_if_due(session):
        db.session.commit()
        from app.coedit.notify import support_changed

        support_changed(session)
    if not support.is_active(session):
        abort(support_ended_response())
    site = db.session.get(Site, site_id)
    if site is None or site.deleted_at is not None:
        abort(404)
    g.support_session = session
    return site


def support_ended_response():
    """403 for an agent whose session is over: a page, or (htmx) a toast and an overlay."""
    from flask import make_response, render_template

    from app.htmx import is_htmx

    template = "support/_ended.html" if is_htmx() else "support/ended.html"
    response = make_response(render_template(template), 403)
    if is_htmx():
        response.headers["HX-Reswap"] = "none"
    return response


def publishable_site_or_404(site_id: int) -> Site:
    """The site if the user may publish it: a member, or a support agent whose owner allowed
    publishing for this session (``g.support_session`` is set then). An agent in an active
    session without that permission gets 403 with a page that says so."""
    from flask import g

    site = editable_site_or_404(site_id)
    if g.support_session is not None and not g.support_session.can_publish:
        abort(publish_not_allowed_response())
    return site


def publish_not_allowed_response():
    from flask import make_response, render_template

    from app.htmx import is_htmx

    template = "publish/_not_allowed.html" if is_htmx() else "publish/not_allowed.html"
    return make_response(render_template(template), 403)
