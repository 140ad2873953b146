"""Sign-in state: Flask-Login wiring, session rotation and timeouts, and role checks."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from flask import Flask, abort, current_app, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import delete, select

from app.db import db, utcnow
from app.extensions import login_manager
from app.models import User, UserSession


def init_auth(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"
    # "strong" would end sessions when a phone switches networks; rotation + epochs suffice.
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def _load_user(token: str) -> User | None:
        parts = token.split(":")
        if len(parts) != 3 or not parts[2]:
            return None  # also sessions from before per-session tokens: log in again
        try:
            user_id, epoch = int(parts[0]), int(parts[1])
        except ValueError:
            return None
        # One query on every request: the user, if this very session still exists (logout
        # deletes it) and began after the last password change (older epoch: refused).
        user = db.session.scalar(
            select(User).join(UserSession, UserSession.user_id == User.id)
            .where(User.id == user_id, UserSession.token_hash == token_hash(parts[2])))
        if user is None or user.auth_epoch != epoch:
            return None
        user.session_token = parts[2]
        return user

    @app.before_request
    def _session_timeouts():
        if "_user_id" not in session:
            return
        now = int(time.time())
        started = session.get("auth_at", now)
        seen = session.get("seen_at", now)
        idle = app.config["SESSION_IDLE_TIMEOUT_SECONDS"]
        absolute = app.config["SESSION_ABSOLUTE_TIMEOUT_SECONDS"]
        if now - seen > idle or now - started > absolute:
            logout_user()
            session.clear()
            return
        if now - seen > 60:  # write the cookie at most once a minute
            session["seen_at"] = now


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User, remember: bool = False) -> None:
    """Logs in with a fresh session: nothing from before login survives (fixation defence).
    Records the session on the server (the caller commits); sessions of this user past the
    absolute limit are cleared away on the way."""
    locale = session.get("locale")
    session.clear()
    cutoff = utcnow() - timedelta(seconds=current_app.config["SESSION_ABSOLUTE_TIMEOUT_SECONDS"])
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id,
                                                 UserSession.created_at < cutoff))
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(token_hash=token_hash(token), user_id=user.id))
    db.session.flush()
    user.session_token = token
    login_user(user, remember=remember)
    now = int(time.time())
    session["auth_at"] = now
    session["seen_at"] = now
    session.permanent = True
    if locale:
        session["locale"] = locale


def end_session() -> None:
    """Logs out and ends this session on the server too (the caller commits): a copy of the
    cookie (or of the remember-me cookie) no longer signs anyone in."""
    token = getattr(current_user, "session_token", None) if current_user.is_authenticated \
        else None
    if token:
        db.session.execute(delete(UserSession).where(UserSession.token_hash == token_hash(token)))
        db.session.flush()
    logout_user()
    session.clear()


def role_required(*roles: str) -> Callable:
    """Allows the view only to users holding one of ``roles`` (admins pass every check).

    Others get 404, not 403: a tenant must not learn that an area exists.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(404)
            return view(*args, **kwargs)

        return wrapped

    return decorator
