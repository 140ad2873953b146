"""Publishing to a page's editors: applied ops (their fragments), presence, support notices.

Views call these *after* committing, so nothing that was rolled back is ever broadcast. A broker
failure never fails the edit: the op is in ``page_ops`` and every stream catches up from the
database (see :mod:`app.coedit.stream`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from flask import Flask, current_app, request
from markupsafe import Markup

from app.coedit.broker import Broker, make_broker

log = logging.getLogger(__name__)
CLIENT_RE = re.compile(r"^[A-Za-z0-9_-]{8,40}$")


def init_app(app: Flask) -> None:
    app.extensions["coedit_broker"] = make_broker(app.config.get("REDIS_URL"))
    app.config.setdefault("COEDIT_HEARTBEAT", 15.0)


def broker() -> Broker:
    return current_app.extensions["coedit_broker"]


def client_id() -> str | None:
    """The browser tab that sent this request (``X-Client-Id`` header or ``client`` field)."""
    value = request.headers.get("X-Client-Id") or request.values.get("client") or ""
    return value if CLIENT_RE.match(value) else None


def _publish(page_id: int, event: dict[str, Any]) -> None:
    try:
        broker().publish(page_id, event)
    except Exception:  # noqa: BLE001 - the edit is saved; streams catch up from the database
        log.exception("live updates: could not publish to page %s", page_id)


def publish_op(page_id: int, seq: int, fragments: list[Markup], client: str | None,
               notify: tuple[str, str] | None = None) -> None:
    """Sends an applied op's canvas fragments to the page's other editors. ``notify``:
    (tab, html) — a notice for the one tab whose change this op replaced."""
    event = {"kind": "op", "seq": seq, "client": client or "",
             "html": "".join(str(f) for f in fragments)}
    if notify:
        event["notice_to"], event["notice_html"] = notify
    _publish(page_id, event)


def publish_presence(page_id: int) -> None:
    _publish(page_id, {"kind": "presence"})


def publish_to(page_ids: list[int], kind: str, to: list[int], session_id: int,
               data: str = "") -> None:
    """A chat line or a support-session change for the given users (on any page of the site)."""
    for page_id in page_ids:
        _publish(page_id, {"kind": kind, "to": to, "session": session_id, "html": data})


def publish_design(page_ids: list[int], client: str | None, html: str) -> None:
    """A design change (out-of-band canvas pieces) for every editor of the site but the tab
    that made it."""
    for page_id in page_ids:
        _publish(page_id, {"kind": "design", "client": client or "", "html": html})
