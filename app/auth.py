"""Sign-in state: Flask-Login wiring, session rotation and timeouts, and role checks."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps

from flask import Flask, abort, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user

from app.db import db
from app.extensions import login_manager
from app.models import User


def init_auth(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"
    # "strong" would end sessions when a phone switches networks; rotation + epochs suffice.
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def _load_user(token: str) -> User | None:
        try:
            user_id, epoch = (int(part) for part in token.split(":", 1))
        except ValueError:
            return None
        user = db.session.get(User, user_id)
        # A session from before a password change (older epoch) is no longer valid.
        if user is None or user.auth_epoch != epoch:
            return None
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


def start_session(user: User, remember: bool = False) -> None:
    """Logs in with a fresh session: nothing from before login survives (fixation defence)."""
    locale = session.get("locale")
    session.clear()
    login_user(user, remember=remember)
    now = int(time.time())
    session["auth_at"] = now
    session["seen_at"] = now
    session.permanent = True
    if locale:
        session["locale"] = locale


def end_session() -> None:
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
