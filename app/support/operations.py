"""Support session operations. They flush; the view commits.

The consent model (../docs/coediting.md): the owner starts a session and gets a 6-digit code
valid 10 minutes; an agent (role ``support``) enters it; the owner sees the agent's name and
accepts; the session then lasts 60 minutes unless extended or ended. Only an *active*
session lets the agent in, and only to this site's pages, blocks and theme; publishing only
while the owner allows it for this session.

The agent's block edits are page ops tagged with the session (undone through the op log); the
agent's other changes — pages added, renamed, moved or deleted, the home page, the design,
pictures added, publishes — are session events whose ``detail`` says how to undo them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from app.db import db, utcnow
from app.models import ChatMessage, Page, Site, SupportEvent, SupportSession, User

CODE_MINUTES = 10
SESSION_MINUTES = 60
EXTEND_MINUTES = 30
MAX_CHAT = 1000
OPEN = ("waiting", "requested", "active")


class SupportRefused(Exception):
    """A refused support action; ``message`` is translated and tells what to do."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


def _hash(code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"support-code:" + code.encode(), hashlib.sha256).hexdigest()


def _log(session: SupportSession, kind: str, actor: User | None, **detail) -> None:
    db.session.add(SupportEvent(session_id=session.id, kind=kind,
                                actor_id=actor.id if actor else None, detail=detail))


def log_change(session: SupportSession, agent: User, kind: str, **detail) -> None:
    """One of the agent's changes outside the page op log (see ``CHANGES``)."""
    assert kind in CHANGES, kind
    _log(session, kind, agent, **detail)
    db.session.flush()


def set_publishing(session: SupportSession, owner: User, allowed: bool) -> None:
    """The owner allows (or stops allowing) the agent to publish during this session."""
    if not is_active(session):
        raise SupportRefused(_("The support session has ended."), 409)
    if session.can_publish == allowed:
        return
    session.can_publish = allowed
    _log(session, "grant_publish" if allowed else "revoke_publish", owner)
    db.session.flush()


def may_publish(session: SupportSession | None) -> bool:
    return is_active(session) and bool(session.can_publish)


def start(site: Site, owner: User) -> tuple[SupportSession, str]:
    """A new request for help with a fresh code (an open one for this site is replaced)."""
    for old in db.session.scalars(select(SupportSession).where(
            SupportSession.site_id == site.id, SupportSession.status.in_(("waiting",
                                                                           "requested")))):
        old.status = "ended"
        old.ended_at = utcnow()
        _log(old, "end", owner, reason="replaced")
    now = utcnow()
    while True:
        code = f"{secrets.randbelow(1_000_000):06d}"
        clash = db.session.scalar(select(SupportSession.id).where(
            SupportSession.code_hash == _hash(code), SupportSession.status == "waiting",
            SupportSession.code_expires_at > now))
        if clash is None:
            break
    session = SupportSession(site_id=site.id, owner_id=owner.id, code_hash=_hash(code),
                             code_expires_at=now + timedelta(minutes=CODE_MINUTES),
                             status="waiting", created_at=now)
    db.session.add(session)
    db.session.flush()
    _log(session, "start", owner)
    db.session.flush()
    return session, code


def join(agent: User, code: str) -> SupportSession:
    """The agent enters the code the owner read out; the owner must still accept."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        raise SupportRefused(_("Enter the 6-digit code the customer reads to you."))
    session = db.session.scalar(select(SupportSession).where(
        SupportSession.code_hash == _hash(code), SupportSession.status == "waiting")
        .with_for_update())
    if session is None or session.code_expires_at <= utcnow():
        raise SupportRefused(_("This code is not valid or has expired (codes last 10 "
                               "minutes). Ask the customer for a new one."))
    if session.owner_id == agent.id:
        raise SupportRefused(_("You cannot support your own site."))
    session.status = "requested"
    session.agent_id = agent.id
    _log(session, "join", agent)
    db.session.flush()
    return session


def accept(session: SupportSession, owner: User) -> None:
    if session.status != "requested":
        raise SupportRefused(_("This request is no longer waiting for you."), 409)
    now = utcnow()
    session.status = "active"
    session.accepted_at = now
    session.expires_at = now + timedelta(minutes=SESSION_MINUTES)
    _log(session, "accept", owner)
    db.session.flush()


def decline(session: SupportSession, owner: User) -> None:
    if session.status not in ("waiting", "requested"):
        raise SupportRefused(_("This request is no longer waiting for you."), 409)
    session.status = "declined"
    session.ended_at = utcnow()
    _log(session, "decline", owner)
    db.session.flush()


def extend(session: SupportSession, owner: User) -> None:
    if not is_active(session):
        raise SupportRefused(_("The support session has ended."), 409)
    session.expires_at = session.expires_at + timedelta(minutes=EXTEND_MINUTES)
    _log(session, "extend", owner, minutes=EXTEND_MINUTES)
    db.session.flush()


def end(session: SupportSession, actor: User) -> None:
    if session.status not in OPEN:
        return
    session.status = "ended"
    session.ended_at = utcnow()
    _log(session, "end", actor)
    db.session.flush()


def is_active(session: SupportSession | None) -> bool:
    return bool(session and session.status == "active" and session.expires_at
                and session.expires_at > utcnow())


def expire_if_due(session: SupportSession) -> bool:
    """Marks an active session past its end as expired (once, whichever process sees it
    first). True when this call expired it."""
    if session.status != "active" or session.expires_at > utcnow():
        return False
    done = db.session.execute(
        update(SupportSession).where(SupportSession.id == session.id,
                                     SupportSession.status == "active")
        .values(status="expired", ended_at=utcnow())).rowcount
    if done:
        db.session.refresh(session)
        _log(session, "expire", None)
        db.session.flush()
    return bool(done)


def agent_session(agent: User, site_id: int) -> SupportSession | None:
    """The agent's latest session on this site that got as far as being accepted."""
    return db.session.scalar(
        select(SupportSession).where(SupportSession.site_id == site_id,
                                     SupportSession.agent_id == agent.id,
                                     SupportSession.accepted_at.is_not(None))
        .order_by(SupportSession.id.desc()).limit(1))


def open_session(site_id: int) -> SupportSession | None:
    """The site's session that is waiting, requested or active (the owner's banner)."""
    return db.session.scalar(
        select(SupportSession).where(SupportSession.site_id == site_id,
                                     SupportSession.status.in_(OPEN))
        .order_by(SupportSession.id.desc()).limit(1))


def post_chat(session: SupportSession, author: User, body: str) -> ChatMessage:
    body = body.strip()
    if not body:
        raise SupportRefused(_("Write a message first."))
    if len(body) > MAX_CHAT:
        raise SupportRefused(_("Use at most %(n)d characters.", n=MAX_CHAT))
    if session.status not in ("requested", "active") or (
            session.status == "active" and not is_active(session)):
        raise SupportRefused(_("The support session has ended."), 409)
    message = ChatMessage(session_id=session.id, author_id=author.id, body=body)
    db.session.add(message)
    db.session.flush()
    return message


def chat_messages(session: SupportSession) -> list[tuple[ChatMessage, User | None]]:
    rows = db.session.execute(
        select(ChatMessage, User).outerjoin(User, User.id == ChatMessage.author_id)
        .where(ChatMessage.session_id == session.id).order_by(ChatMessage.id)).all()
    return [(m, u) for m, u in rows]


def events(session: SupportSession) -> list[tuple[SupportEvent, User | None]]:
    """The session's own log: requested, joined, accepted, extended, publishing allowed..."""
    rows = db.session.execute(
        select(SupportEvent, User).outerjoin(User, User.id == SupportEvent.actor_id)
        .where(SupportEvent.session_id == session.id,
               SupportEvent.kind.not_in(tuple(CHANGES)))
        .order_by(SupportEvent.id)).all()
    return [(e, u) for e, u in rows]


# --- the agent's site-level changes, and undoing them ------------------------------------

def _site_page(site: Site, page_id) -> Page | None:
    page = db.session.get(Page, page_id) if isinstance(page_id, int) else None
    return page if page is not None and page.site_id == site.id else None


def _undo_added(site: Site, detail: dict) -> bool:
    from app.editor import pages

    page = _site_page(site, detail.get("page_id"))
    if page is None or page.deleted_at is not None:
        return page is not None
    if page.is_home:
        return False
    pages.delete_page(site, page)
    return True


def _undo_deleted(site: Site, detail: dict) -> bool:
    from app.editor import pages

    page = _site_page(site, detail.get("page_id"))
    if page is None:
        return False
    pages.restore_page(page)
    return True


def _undo_renamed(site: Site, detail: dict) -> bool:
    from app.editor import pages

    page = _site_page(site, detail.get("page_id"))
    if page is None or page.deleted_at is not None or page.title != detail.get("after"):
        return False
    pages.rename_page(page, detail.get("before", ""))
    return True


def _undo_moved(site: Site, detail: dict) -> bool:
    from app.editor import pages

    live = pages.live_pages(site)
    if [p.id for p in live] != detail.get("after"):
        return False
    by_id = {p.id: p for p in live}
    for position, page_id in enumerate(detail.get("before") or []):
        by_id[page_id].position = position
    db.session.flush()
    return True


def _undo_home(site: Site, detail: dict) -> bool:
    from app.editor import pages

    page = _site_page(site, detail.get("page_id"))
    before = _site_page(site, detail.get("before_id"))
    if page is None or not page.is_home or before is None or before.deleted_at is not None:
        return False
    pages.set_home(site, before)
    return True


def _undo_design(site: Site, detail: dict) -> bool:
    if (site.theme_settings or {}) != (detail.get("after") or {}):
        return False
    site.theme_settings = dict(detail.get("before") or {})
    db.session.flush()
    return True


# kind -> how to undo it (None: kept in the list, nothing to undo — a picture added to the
# library harms nothing, and a publish is rolled back from the owner's publishing history).
CHANGES = {
    "page_add": _undo_added, "page_restore": _undo_added, "page_delete": _undo_deleted,
    "page_rename": _undo_renamed, "page_move": _undo_moved, "page_home": _undo_home,
    "design": _undo_design, "design_reset": _undo_design,
    "picture_add": None, "publish": None, "preview": None,
}


def can_undo(event: SupportEvent) -> bool:
    return event.undone_at is None and CHANGES.get(event.kind) is not None


def undo_change(site: Site, event: SupportEvent) -> bool:
    """Undoes one of the agent's changes. False when it can no longer be undone because the
    same thing was changed again since (nothing is touched then)."""
    if event.undone_at is not None:
        return True
    undo = CHANGES.get(event.kind)
    if undo is None or not undo(site, event.detail or {}):
        return False
    event.undone_at = utcnow()
    db.session.flush()
    return True


def changes(session: SupportSession) -> list[SupportEvent]:
    return list(db.session.scalars(
        select(SupportEvent).where(SupportEvent.session_id == session.id,
                                   SupportEvent.kind.in_(tuple(CHANGES)))
        .order_by(SupportEvent.id.desc())))
