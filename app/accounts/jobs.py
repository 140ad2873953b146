"""Background jobs of the accounts area. They take ids and commit themselves."""

from __future__ import annotations

from flask import current_app, render_template, url_for
from flask_babel import force_locale, gettext as _

from app.accounts.operations import find_user_by_email, make_reset_token, read_sign_up
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


@job
def send_sign_up_mail(token: str) -> str | None:
    """Mails the next step of a sign-up: the link that finishes it, or — when the address
    already has an account — a note to its owner that someone tried (the form said the same
    "check your mail" either way). Returns the recipient (None for a token that is not ours)."""
    pending = read_sign_up(token)
    if pending is None:
        return None
    existing = find_user_by_email(pending.email)
    base_url = current_app.config["PUBLIC_URL"]
    locale = existing.locale if existing is not None else pending.locale
    with current_app.test_request_context(base_url=base_url), force_locale(locale):
        if existing is not None:
            send_mail(
                to=existing.email,
                subject=_("Someone tried to create a WindWalker account with your address"),
                body=render_template(
                    "auth/mail/sign_up_attempt.txt", user=existing,
                    login=url_for("auth.login", _external=True),
                    reset=url_for("auth.forgot_password", _external=True)),
            )
        else:
            send_mail(
                to=pending.email,
                subject=_("Finish creating your WindWalker account"),
                body=render_template(
                    "auth/mail/finish_sign_up.txt", name=pending.display_name or pending.email,
                    link=url_for("auth.finish_signup", token=token, _external=True)),
            )
    return pending.email
