"""Sign up, log in, log out and password reset. Views parse, call an operation, render."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import operations as accounts
from app.accounts.jobs import send_password_reset
from app.auth import end_session, start_session
from app.db import db
from app.domain import Refused
from app.extensions import limiter
from app.jobs import enqueue
from blueprints.main.views import safe_next

bp = Blueprint("auth", __name__, template_folder="templates")

EMAIL_MAX = 254
NAME_MAX = 80


def _posted_email() -> str:
    return accounts.normalise_email(request.form.get("email", ""))[:EMAIL_MAX]


def _check_email(email: str, errors: dict[str, str]) -> None:
    from email_validator import EmailNotValidError, validate_email

    raw = request.form.get("email", "").strip()
    if len(raw) > EMAIL_MAX:
        errors["email"] = _("Use at most %(n)d characters.", n=EMAIL_MAX)
        return
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        errors["email"] = _("Enter a valid email address, like name@example.com.")


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("sites.index"))
    errors: dict[str, str] = {}
    form = request.form
    if request.method == "POST":
        email = _posted_email()
        _check_email(email, errors)
        name = form.get("display_name", "").strip()
        if len(name) > NAME_MAX:
            errors["display_name"] = _("Use at most %(n)d characters.", n=NAME_MAX)
        if form.get("password", "") != form.get("password_confirm", ""):
            errors["password_confirm"] = _("The two passwords do not match.")
        if not errors:
            try:
                from flask_babel import get_locale

                user = accounts.sign_up(email, form.get("password", ""), name, str(get_locale()))
            except Refused as exc:
                errors[exc.field or "__all__"] = exc.message
                db.session.rollback()
            else:
                db.session.commit()
                start_session(user)
                flash(_("Welcome to WindWalker! Create your first site."), "success")
                return redirect(url_for("sites.index"), code=303)
    status = 422 if errors else 200
    return render_template("auth/signup.html", form=form, errors=errors), status


def _account_key() -> str:
    # Per-account limit: the same email from any number of addresses counts together.
    return "login:" + _posted_email()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])  # per IP address
@limiter.limit("5 per minute", methods=["POST"], key_func=_account_key)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("sites.index"))
    error = None
    if request.method == "POST":
        user = accounts.authenticate(_posted_email(), request.form.get("password", ""))
        if user is None:
            # One message for an unknown email and a wrong password: no account enumeration.
            error = _("Wrong email or password.")
        else:
            db.session.commit()
            start_session(user, remember=request.form.get("remember") == "on")
            return redirect(safe_next(request.args.get("next"), url_for("sites.index")), code=303)
    status = 422 if error else 200
    return render_template(
        "auth/login.html", error=error, email=request.form.get("email", "")
    ), status


@bp.post("/logout")
@login_required
def logout():
    end_session()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"), code=303)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
@limiter.limit("5 per hour", methods=["POST"], key_func=lambda: "reset:" + _posted_email())
def forgot_password():
    sent = False
    errors: dict[str, str] = {}
    if request.method == "POST":
        email = _posted_email()
        _check_email(email, errors)
        if not errors:
            user = accounts.find_user_by_email(email)
            if user is not None:
                enqueue(send_password_reset, user.id)
            # Same answer whether or not the account exists.
            sent = True
    status = 422 if errors else 200
    return render_template(
        "auth/forgot.html", sent=sent, errors=errors, email=request.form.get("email", "")
    ), status


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def reset_password(token: str):
    user = accounts.user_for_reset_token(token)
    if user is None:
        return render_template("auth/reset_invalid.html"), 400
    errors: dict[str, str] = {}
    if request.method == "POST":
        new = request.form.get("new_password", "")
        if new != request.form.get("new_password_confirm", ""):
            errors["new_password_confirm"] = _("The two passwords do not match.")
        else:
            try:
                accounts.set_password(user, new)
            except Refused as exc:
                errors[exc.field or "__all__"] = exc.message
                db.session.rollback()
            else:
                db.session.commit()
                end_session()
                flash(_("Your password has been changed. Log in with the new password."), "success")
                return redirect(url_for("auth.login"), code=303)
    status = 422 if errors else 200
    return render_template("auth/reset.html", errors=errors, token=token), status
