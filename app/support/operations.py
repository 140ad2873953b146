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
import re
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

import components
from app.db import db, utcnow
from app.editor import tree as T
from app.editor.forms import spec_for
from app.models import ChatMessage, Page, PageOp, Site, SupportEvent, SupportSession, User

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


def code_seconds_left(session: SupportSession) -> int:
    """Seconds until the owner's code stops working (0 once it has expired)."""
    if session.status != "waiting" or session.code_expires_at is None:
        return 0
    return max(0, int((session.code_expires_at - utcnow()).total_seconds()))


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


# --- the owner's activity list: what one of the agent's block edits changed ----------------

EXCERPT = 40  # characters of a new text shown in the activity list


def _block_type(page: Page, op: PageOp) -> str | None:
    """The edited block's type: from the op itself, the page as it is, or the op's inverse."""
    for source in (op.payload or {}, op.previous or {}):
        node = source.get("node")
        if isinstance(node, dict) and node.get("type"):
            return node["type"]
    if op.block_id:
        try:
            return T.find(page.draft_tree, op.block_id).node["type"]
        except T.TreeError:
            return None
    return None


def _excerpt(spec, value, locale: str) -> str:
    """A few words of a new value, as the owner would recognise it."""
    if spec.options and not isinstance(value, list):
        labels = dict(spec.options).get(str(value))
        return (labels.get(locale) or labels.get("en", "")) if labels else ""
    if isinstance(value, bool):
        return _("on") if value else _("off")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list) and spec.options and all(isinstance(v, str) for v in value):
        labels = dict(spec.options)
        return ", ".join((labels.get(v) or {}).get(locale, v) for v in value)
    if isinstance(value, dict):
        value = value.get("alt") or ""
    if not isinstance(value, str):
        return ""
    text = " ".join(re.sub(r"<[^>]+>", " ", value).split())  # rich text: its words only
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1].rstrip() + "…"


def _changed_field(spec, before, after, locale: str) -> tuple[list[str], str]:
    """The labels down to the field that changed (e.g. menu categories › item name) and an
    excerpt of its new value. In lists of items, the first item that differs is the one."""
    labels = [spec.text("label", locale)]
    if spec.kind == "items" and isinstance(before, list) and isinstance(after, list) \
            and len(before) == len(after):
        for old_item, new_item in zip(before, after, strict=True):
            if old_item == new_item or not isinstance(new_item, dict):
                continue
            for sub in spec.item_fields:
                old, new = (old_item or {}).get(sub.name), new_item.get(sub.name)
                if old != new:
                    deeper, excerpt = _changed_field(sub, old, new, locale)
                    return labels + deeper, excerpt
    if spec.kind == "items":
        return labels, ""
    return labels, _excerpt(spec, after, locale)


def describe_block_change(page: Page, op: PageOp, locale: str) -> str:
    """Which block the op touched (its label) and, for a changed setting, which field and an
    excerpt of the new value — e.g. "제목 블록 › 제목 → “오늘의 원두”"."""
    kind = _block_type(page, op)
    try:
        component = components.get(kind) if kind else None
    except components.UnknownComponent:
        component = None
    if component is None:
        return ""
    block = component.label(locale)
    payload = op.payload or {}
    spec = spec_for(component.props, payload.get("prop", "")) if op.kind == "set_prop" else None
    if spec is None:
        return _("%(block)s block", block=block)
    before = (op.previous or {}).get("value")
    if (op.previous or {}).get("kind") == "replace":
        before = ((op.previous.get("node") or {}).get("props") or {}).get(spec.name)
    fields, excerpt = _changed_field(spec, before, payload.get("value"), locale)
    field = " › ".join(fields)
    if excerpt:
        return _("%(block)s block › %(field)s → “%(value)s”", block=block, field=field,
                 value=excerpt)
    return _("%(block)s block › %(field)s", block=block, field=field)
