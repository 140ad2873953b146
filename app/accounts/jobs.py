"""Background jobs of the accounts area. They take ids and commit themselves."""

from __future__ import annotations

from flask import current_app, render_template, url_for
from flask_babel import force_locale, gettext as _

from app.accounts.operations import make_reset_token
from app.db import db
from app.jobs import job
from app.mail import send_mail
from app.models import User


@job
def send_password_reset(user_id: int) -> str | None:
    """Mails a reset link to the user; returns the recipient (None when the user is gone)."""
    user = db.session.get(User, user_id)
    if user is None:
        return None
    # Links are built from PUBLIC_URL, never from a request's Host header (which an attacker
    # could set to poison the reset link).
    base_url = current_app.config["PUBLIC_URL"]
    with current_app.test_request_context(base_url=base_url), force_locale(user.locale):
        link = url_for("auth.reset_password", token=make_reset_token(user), _external=True)
        send_mail(
            to=user.email,
            subject=_("Reset your WindWalker password"),
            body=render_template("auth/mail/reset_password.txt", user=user, link=link),
        )
    return user.email
