"""Support sessions: the owner asks for help and consents; the agent joins with the code; chat;
the activity list with undo; the admin's list of every session.

Access: owner actions need site membership (``own_site_or_404``); agent actions need the
``support`` role *and* being the session's agent; both sides of chat/end are checked here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from flask import (
    Blueprint,
    abort,
    make_response,
    redirect,
    render_template,
    request,
    session as cookie,
    url_for,
)
from flask_babel import get_locale, gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.auth import role_required
from app.coedit import live, notify
from app.db import db
from app.editor import operations as ops
from app.editor.canvas import fragments_for
from app.extensions import limiter
from app.htmx import is_htmx
from app.models import Page, PageOp, Site, SupportEvent, SupportSession, User
from app.support import operations as support
from blueprints.access import own_site_or_404

bp = Blueprint("support", __name__, template_folder="templates")


def labels() -> dict[str, str]:
    """Plain words for op kinds, session events, statuses and outcomes (shown translated)."""
    return {
        "insert": _("Added a block"), "set_prop": _("Changed a setting"),
        "move": _("Moved a block"), "delete": _("Deleted a block"),
        "duplicate": _("Duplicated a block"), "paste": _("Pasted a block"),
        "restore": _("Restored a block"), "undo": _("Undid a change"),
        "redo": _("Redid a change"), "replace_tree": _("Restored a version"),
        "start": _("Help requested"), "join": _("The agent entered the code"),
        "accept": _("Accepted"), "decline": _("Declined"),
        "extend": _("Extended by 30 minutes"), "end": _("Ended"), "expire": _("Expired"),
        "design": _("Changed the design"), "design_reset": _("Reset the design"),
        "page_add": _("Added a page"), "page_rename": _("Renamed a page"),
        "page_move": _("Moved a page"), "page_home": _("Made it the home page"),
        "page_delete": _("Deleted a page"), "page_restore": _("Restored a page"),
        "picture_add": _("Added a picture"), "publish": _("Published the site"),
        "preview": _("Made a preview"), "grant_publish": _("Allowed publishing"),
        "revoke_publish": _("Stopped allowing publishing"),
        "waiting": _("Waiting for the code"), "requested": _("Waiting for consent"),
        "active": _("Active"), "ended": _("Ended"), "expired": _("Expired"),
        "declined": _("Declined"), "undone": _("Undone"), "superseded": _("Kept aside"),
        "rejected": _("Refused"), "final": _("Could not be undone"),
    }


@bp.app_context_processor
def _support_helpers():
    return {"support_label": lambda key: labels().get(key, key)}


def _name(user_id: int | None) -> str:
    user = db.session.get(User, user_id) if user_id else None
    if user is None:
        return ""
    return user.display_name or user.email.split("@")[0]


def banner_html(session: SupportSession, viewer_id: int) -> str:
    """The persistent banner for ``viewer_id`` (owner or agent), as an OOB swap."""
    return render_template("support/_banner.html", **_banner_context(session, viewer_id),
                           oob=True, chat_oob=True)


def _banner_context(session: SupportSession | None, viewer_id: int) -> dict:
    if session is not None and session.status == "active" and not support.is_active(session):
        support.expire_if_due(session)
        db.session.commit()
    shown = session if session is not None and session.status in support.OPEN else None
    return {
        "support": shown,
        "viewer_is_owner": bool(shown and shown.owner_id == viewer_id),
        "agent_name": _name(shown.agent_id) if shown else "",
        "owner_name": _name(shown.owner_id) if shown else "",
        "code": cookie.get("support_codes", {}).get(str(shown.id)) if shown else None,
        # A waiting code is shown with the time it stops working; the banner asks for itself
        # again at that moment and then says the code has expired (with a way to get a new one).
        "code_seconds_left": support.code_seconds_left(shown) if shown else 0,
        "chat": support.chat_messages(shown) if shown and shown.status == "active" else [],
    }


def editor_support_context(site: Site) -> dict:
    """What editor.html needs: the banner, the chat, and whether the viewer is an agent."""
    from flask import g

    agent_session = g.get("support_session")
    session = agent_session or support.open_session(site.id)
    return {"is_agent": agent_session is not None, **_banner_context(session, current_user.id)}


def _owner_session(site: Site, session_id: int) -> SupportSession:
    session = db.session.scalar(select(SupportSession).where(
        SupportSession.id == session_id, SupportSession.site_id == site.id))
    if session is None:
        abort(404)
    return session


def _banner_response(session: SupportSession, status: int = 200, message: str | None = None):
    body = render_template("support/_banner.html", **_banner_context(session, current_user.id),
                           oob=False, chat_oob=True, message=message, saved=True)
    return make_response(body, status)


def _changed(session: SupportSession) -> None:
    db.session.commit()
    notify.support_changed(session)


# --- owner -------------------------------------------------------------------------------

@bp.post("/sites/<int:site_id>/support")
@login_required
def start(site_id: int):
    site = own_site_or_404(site_id)
    current = support.open_session(site.id)
    if current is not None and support.is_active(current):
        return _banner_response(current)  # an agent is already with the owner: no new code
    session, code = support.start(site, current_user)
    db.session.commit()
    # The code is shown to the owner only; the database keeps its hash.
    cookie["support_codes"] = {str(session.id): code}
    return _banner_response(session)


@bp.get("/sites/<int:site_id>/support/<int:session_id>/banner")
@login_required
def owner_banner(site_id: int, session_id: int):
    """The owner's banner as it is now (asked for when the code expires)."""
    site = own_site_or_404(site_id)
    session = _owner_session(site, session_id)
    body = render_template("support/_banner.html", **_banner_context(session, current_user.id),
                           oob=False, chat_oob=False)
    return make_response(body)


@bp.post("/sites/<int:site_id>/support/<int:session_id>/<action>")
@login_required
def owner_action(site_id: int, session_id: int, action: str):
    site = own_site_or_404(site_id)
    session = _owner_session(site, session_id)
    handlers = {"accept": support.accept, "decline": support.decline,
                "extend": support.extend, "end": support.end,
                "allow-publish": lambda s, owner: support.set_publishing(s, owner, True),
                "stop-publish": lambda s, owner: support.set_publishing(s, owner, False)}
    if action not in handlers:
        abort(404)
    try:
        handlers[action](session, current_user)
    except support.SupportRefused as exc:
        db.session.rollback()
        return _banner_response(session, exc.status, exc.message)
    _changed(session)
    return _banner_response(session)


@bp.get("/sites/<int:site_id>/support/<int:session_id>/activity")
@login_required
def activity(site_id: int, session_id: int):
    site = own_site_or_404(site_id)
    session = _owner_session(site, session_id)
    return render_template("support/_activity.html", site=site, session=session,
                           **_activity(site, session))


@dataclass
class Entry:
    """One of the agent's changes in the owner's activity list: a page op (blocks) or a
    session event (pages, pictures, design, publishing)."""

    source: str  # "op" | "change"
    id: int
    kind: str
    subject: str
    at: datetime
    badge: str | None
    undoable: bool
    item: PageOp | SupportEvent
    detail: str = ""  # which block, field and new text (block edits)


def _entries(site: Site, session: SupportSession) -> list[Entry]:
    """Everything the agent changed, newest first (the order "undo all" goes in)."""
    rows = db.session.execute(
        select(PageOp, Page).join(Page, Page.id == PageOp.page_id)
        .where(PageOp.support_session_id == session.id, Page.site_id == site.id)
        .order_by(PageOp.id.desc())).all()
    locale = str(get_locale() or "ko")
    entries = [Entry("op", op.id, op.kind, page.title, op.created_at,
                     None if op.outcome == "applied" else op.outcome,
                     op.outcome == "applied" and bool(op.previous), op,
                     support.describe_block_change(page, op, locale)) for op, page in rows]
    entries += [Entry("change", e.id, e.kind, (e.detail or {}).get("title", ""), e.created_at,
                      "undone" if e.undone_at else None, support.can_undo(e), e)
                for e in support.changes(session)]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def _activity(site: Site, session: SupportSession) -> dict:
    entries = _entries(site, session)
    return {"entries": entries, "events": support.events(session),
            "agent_name": _name(session.agent_id),
            "undoable": [e for e in entries if e.undoable]}


@bp.post("/sites/<int:site_id>/support/<int:session_id>/undo")
@login_required
def undo_agent(site_id: int, session_id: int):
    """Undoes one of the agent's changes (``op`` or ``change``) or all of them (newest first,
    so each undo meets the state it was made for)."""
    site = own_site_or_404(site_id)
    session = _owner_session(site, session_id)
    entries = _activity(site, session)["undoable"]
    if request.form.get("op", "all") != "all" or request.form.get("change"):
        source = "change" if request.form.get("change") else "op"
        wanted = request.form.get(source)
        entries = [e for e in entries if e.source == source and str(e.id) == wanted]
        if not entries:
            abort(404)
    base_key = request.form.get("op_key") or uuid.uuid4().hex
    db.session().expire_on_commit = False  # broadcast each page as its undo left it
    failed = changed_site = 0
    for entry in entries:
        if entry.source == "change":
            if support.undo_change(site, entry.item):
                changed_site += 1
                db.session.commit()
                if entry.kind.startswith("design"):
                    notify.design_changed(site)  # the agent's canvas too
            else:
                failed += 1
                db.session.commit()
            continue
        row = entry.item
        try:
            result = ops.revert(row.page_id, ops.Author(current_user._get_current_object()),
                                row.seq, f"{base_key}:{row.id}"[:64],
                                support_session_id=session.id)
        except ops.OpRejected:
            failed += 1
            db.session.commit()
            continue
        except LookupError:
            continue
        db.session.commit()
        if not result.replayed:
            page = result.page
            live.publish_op(page.id, result.row.seq, fragments_for(site, page,
                                                                   result.row.payload), None)
    message = (_("The agent's changes were undone.") if not failed else
               _("Some changes could not be undone because they were changed again since."))
    response = make_response(render_template("support/_activity.html", site=site,
                                             session=session, message=message, saved=True,
                                             **_activity(site, session)))
    if changed_site and not failed:
        # Pages or the design changed back: the editor reloads to show them.
        response.headers["HX-Refresh"] = "true"
    return response


# --- both sides: chat and end ------------------------------------------------------------

def _participant_session(session_id: int) -> SupportSession:
    session = db.session.get(SupportSession, session_id)
    if session is None or current_user.id not in (session.owner_id, session.agent_id):
        abort(404)
    if current_user.id == session.owner_id and own_site_or_404(session.site_id) is None:
        abort(404)
    return session


@bp.post("/support/sessions/<int:session_id>/chat")
@login_required
@limiter.limit("30/minute")
def chat(session_id: int):
    session = _participant_session(session_id)
    support.expire_if_due(session)
    try:
        message = support.post_chat(session, current_user, request.form.get("body", ""))
    except support.SupportRefused as exc:
        db.session.commit()
        return render_template("support/_chat_form.html", session=session, error=exc.message,
                               body=request.form.get("body", ""), saved=True), exc.status
    db.session.commit()
    notify.chat_posted(session, message, current_user)
    return render_template("support/_chat_form.html", session=session, error=None, body="",
                           saved=True)


@bp.post("/support/sessions/<int:session_id>/end")
@login_required
def end(session_id: int):
    session = _participant_session(session_id)
    support.end(session, current_user)
    _changed(session)
    if current_user.id == session.agent_id:
        if is_htmx():
            response = make_response("", 204)
            response.headers["HX-Redirect"] = url_for("support.desk")
            return response
        return redirect(url_for("support.desk"), code=303)
    return _banner_response(session)


# --- agent -------------------------------------------------------------------------------

@bp.get("/support/")
@role_required("support")
def desk():
    mine = db.session.scalars(select(SupportSession).where(
        SupportSession.agent_id == current_user.id).order_by(SupportSession.id.desc())
        .limit(20)).all()
    return render_template("support/desk.html", sessions=mine, error=None, code="")


def _too_many_codes() -> str:
    return _("You entered too many codes in a short while. Wait a minute, then enter the code "
             "the customer reads to you again.")


@bp.post("/support/join")
@role_required("support")
@limiter.limit("10/minute", error_message=_too_many_codes)
def join():
    code = request.form.get("code", "")
    try:
        session = support.join(current_user, code)
    except support.SupportRefused as exc:
        db.session.rollback()
        mine = db.session.scalars(select(SupportSession).where(
            SupportSession.agent_id == current_user.id).order_by(SupportSession.id.desc())
            .limit(20)).all()
        return render_template("support/desk.html", sessions=mine, error=exc.message,
                               code=code), 422
    _changed(session)
    return redirect(url_for("support.waiting", session_id=session.id), code=303)


def _agent_session(session_id: int) -> SupportSession:
    session = db.session.get(SupportSession, session_id)
    if session is None or session.agent_id != current_user.id:
        abort(404)
    return session


@bp.get("/support/sessions/<int:session_id>")
@role_required("support")
def waiting(session_id: int):
    """The agent waits for the owner's consent; the page checks every 2 s and opens the editor
    once accepted."""
    session = _agent_session(session_id)
    if support.expire_if_due(session):
        _changed(session)
    if support.is_active(session):
        target = url_for("editor.index", site_id=session.site_id)
        if is_htmx():
            response = make_response("", 204)
            response.headers["HX-Redirect"] = target
            return response
        return redirect(target)
    template = "support/_waiting.html" if is_htmx() else "support/waiting.html"
    return render_template(template, session=session, owner_name=_name(session.owner_id),
                           site=db.session.get(Site, session.site_id))


# --- admin -------------------------------------------------------------------------------

@bp.get("/admin/support")
@role_required("admin")
def all_sessions():
    rows = db.session.execute(
        select(SupportSession, Site).join(Site, Site.id == SupportSession.site_id)
        .order_by(SupportSession.id.desc()).limit(200)).all()
    return render_template("support/admin.html", rows=rows, name=_name)

