"""Live co-editing endpoints: the page's SSE stream and presence (which block I am editing)."""

from __future__ import annotations

import uuid

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    render_template,
    request,
    stream_with_context,
)
from flask_login import current_user, login_required
from sqlalchemy import select

from app.coedit import live
from app.coedit.stream import StreamHooks, Subscriber
from app.db import db
from app.editor.canvas import canvas_context, renderer_for
from app.models import Page, Site, SupportSession
from app.support import operations as support
from blueprints.access import editable_site_or_404

bp = Blueprint("live", __name__, url_prefix="/sites/<int:site_id>/editor",
               template_folder="templates")


def _page_or_404(site: Site, page_id: int) -> Page:
    page = db.session.scalar(select(Page).where(Page.id == page_id, Page.site_id == site.id,
                                                Page.deleted_at.is_(None)))
    if page is None:
        abort(404)
    return page


def _since() -> int:
    """The last seq the tab saw: ``Last-Event-ID`` (browser reconnect) or ``since``."""
    best = 0
    for raw in (request.headers.get("Last-Event-ID"), request.args.get("since")):
        try:
            best = max(best, int(raw or 0))
        except ValueError:
            continue
    return best


def person(session: SupportSession | None) -> dict:
    name = current_user.display_name or current_user.email.split("@")[0]
    return {"user": current_user.id, "name": name, "agent": bool(session)}


@bp.get("/pages/<int:page_id>/events")
@login_required
def events(site_id: int, page_id: int):
    site = editable_site_or_404(site_id)
    page = _page_or_404(site, page_id)
    client = live.client_id() or uuid.uuid4().hex
    session_id = g.support_session.id if g.support_session else None
    me = person(g.support_session)
    user_id = current_user.id
    since = _since()
    seq = page.seq  # the stream starts from this: no further query before it streams
    db.session.remove()  # a stream must not hold a database connection while it waits

    def fresh_page() -> Page:
        found = db.session.get(Page, page.id, populate_existing=True)
        if found is None or found.deleted_at is not None:
            return None
        return found

    def page_seq() -> int:
        try:
            return db.session.scalar(select(Page.seq).where(Page.id == page_id)) or 0
        finally:
            db.session.remove()

    def reload() -> tuple[int, str]:
        try:
            current = fresh_page()
            the_site = db.session.get(Site, site_id)
            html = render_template(
                "live/_reload.html", site=the_site, page=current,
                canvas=renderer_for(canvas_context(the_site, current)).render_tree(
                    current.draft_tree))
            return current.seq, html
        finally:
            db.session.remove()

    def still_allowed() -> str | None:
        if session_id is None:
            return None
        try:
            session = db.session.get(SupportSession, session_id, populate_existing=True)
            if support.expire_if_due(session):
                db.session.commit()
                from app.coedit.notify import support_changed

                support_changed(session)
            if support.is_active(session):
                return None
            return render_template("support/_ended.html")
        finally:
            db.session.remove()

    def render_for_me(event: dict) -> str | None:
        if event.get("kind") == "chat":
            return event.get("html", "")
        try:
            session = db.session.get(SupportSession, event["session"], populate_existing=True)
            if session is None:
                return None
            from blueprints.support.views import banner_html

            return banner_html(session, user_id)
        finally:
            db.session.remove()

    hooks = StreamHooks(page_seq=page_seq, reload=reload, still_allowed=still_allowed,
                        render_for_me=render_for_me)
    subscriber = Subscriber(page_id=page.id, client=client, since=since, me=me,
                            broker=live.broker(), hooks=hooks, seq=seq,
                            heartbeat=float(current_app.config["COEDIT_HEARTBEAT"]))

    def stream():
        # after_request hooks (session, security) may have used the database again: give the
        # connection back before waiting, or every open stream would pin one.
        db.session.remove()
        yield from subscriber.run()

    response = Response(stream_with_context(stream()), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache, no-transform"
    response.headers["X-Accel-Buffering"] = "no"  # nginx: do not buffer the stream
    return response


@bp.post("/pages/<int:page_id>/presence")
@login_required
def presence(site_id: int, page_id: int):
    """The tab focused a block (or none): shown to the others as "이름 is editing"."""
    site = editable_site_or_404(site_id)
    page = _page_or_404(site, page_id)
    client = live.client_id()
    if client is None:
        abort(400)
    block = request.form.get("block", "")[:32] or None
    info = {**person(g.support_session), "block": block}
    live.broker().presence_set(page.id, client, info)
    live.publish_presence(page.id)
    return Response(status=204)
