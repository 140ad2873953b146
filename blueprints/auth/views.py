"""Sign up, log in, log out and password reset. Views parse, call an operation, render."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.exc import IntegrityError

from app.accounts import operations as accounts
from app.accounts.jobs import send_password_reset, send_sign_up_mail
from app.accounts.passwords import verify_password
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
# Per address signed up with: nobody can flood someone's mailbox with sign-up mails (only
# answers that sent one count).
@limiter.limit("5 per hour", methods=["POST"], key_func=lambda: "signup:" + _posted_email(),
               deduct_when=lambda response: response.status_code == 303)
def signup():
    """Sign-up answers "check your mail" for every well-formed form, whether or not the email
    has an account, so the form never tells who is a customer (see accounts.begin_sign_up)."""
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
            from flask_babel import get_locale

            try:
                token, pending = accounts.begin_sign_up(email, form.get("password", ""), name,
                                                        str(get_locale()))
            except Refused as exc:
                errors[exc.field or "__all__"] = exc.message
            else:
                session["signup"] = {"email": pending.email, "nonce": pending.nonce}
                enqueue(send_sign_up_mail, token)
                return redirect(url_for("auth.signup_sent"), code=303)
    status = 422 if errors else 200
    return render_template("auth/signup.html", form=form, errors=errors), status


@bp.get("/signup/sent")
def signup_sent():
    email = (session.get("signup") or {}).get("email")
    if not email:
        return redirect(url_for("auth.signup"))
    return render_template("auth/signup_sent.html", email=email)


def _finish_key() -> str:
    # Per link, from any address: a forwarded link cannot be used to guess its password.
    token = (request.view_args or {}).get("token", "")
    return "signup-finish:" + hashlib.sha256(token.encode()).hexdigest()


@bp.route("/signup/finish/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@limiter.limit("10 per hour", methods=["POST"], key_func=_finish_key)
def finish_signup(token: str):
    """The mailed link: creates the account and signs in. The browser that filled in the form
    just confirms; any other browser gives the password chosen then (so a link someone else
    started for your address cannot make an account you do not control)."""
    pending = accounts.read_sign_up(token)
    if pending is None:
        return render_template("auth/signup_invalid.html"), 400
    if accounts.find_user_by_email(pending.email) is not None:
        flash(_("Your account is ready. Log in with your email and password."), "info")
        return redirect(url_for("auth.login"), code=303)
    started_here = hmac.compare_digest((session.get("signup") or {}).get("nonce", ""),
                                       pending.nonce)
    error = None
    if request.method == "POST":
        if not started_here and not verify_password(pending.password_hash,
                                                    request.form.get("password", "")):
            error = _("That is not the password you chose when you signed up.")
        else:
            try:
                user = accounts.finish_sign_up(pending)
                start_session(user)
                db.session.commit()
            except (Refused, IntegrityError):  # the same link opened twice at once
                db.session.rollback()
                flash(_("Your account is ready. Log in with your email and password."), "info")
                return redirect(url_for("auth.login"), code=303)
            flash(_("Welcome to WindWalker! Create your first site."), "success")
            return remember_device(redirect(url_for("sites.index"), code=303), user.email)
    return render_template("auth/signup_finish.html", email=pending.email, token=token,
                           started_here=started_here, error=error), 422 if error else 200


# Login limits. Guessing is slowed per (account, address) and per address; every address
# together has a higher per-account ceiling, so spreading guesses over many addresses is slow
# too. None of them may let a stranger lock an owner out: a browser that signed in to the
# account before (a signed "known device" cookie, set at login, sign-up and password reset)
# is not counted against the address and account ceilings, only against its own.
KNOWN_DEVICE_MAX_AGE = 365 * 24 * 60 * 60
KNOWN_DEVICE_ACCOUNTS = 5  # accounts one browser remembers (a shared family computer)


def _device_cookie_name() -> str:
    return "__Host-ww_device" if current_app.config["SESSION_COOKIE_SECURE"] else "ww_device"


def _device_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="known-device")


def _account_digest(email: str) -> str:
    """The account as the cookie names it: a keyed hash, never the address itself."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"device:" + email.encode(), hashlib.sha256).hexdigest()[:32]


def _known_device_data() -> dict:
    raw = request.cookies.get(_device_cookie_name())
    if not raw:
        return {}
    try:
        data = _device_serializer().loads(raw)
    except BadSignature:
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("a"), list) else {}


def _known_device() -> bool:
    """True when this browser has signed in to the posted account before."""
    return _account_digest(_posted_email()) in _known_device_data().get("a", [])


def remember_device(response, email: str):
    """Marks this browser as one the account signed in with (see the limits above)."""
    data = _known_device_data()
    digest = _account_digest(accounts.normalise_email(email))
    known = [digest, *(d for d in data.get("a", []) if d != digest)][:KNOWN_DEVICE_ACCOUNTS]
    device = data.get("d") or secrets.token_hex(16)
    value = _device_serializer().dumps({"a": known, "d": device})
    response.set_cookie(_device_cookie_name(), value, max_age=KNOWN_DEVICE_MAX_AGE,
                        secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True,
                        samesite="Lax", path="/")
    return response


def _account_address_key() -> str:
    return f"login:{_posted_email()}:{get_remote_address()}"


def _account_key() -> str:
    # The same email from any number of addresses counts together.
    return "login-account:" + _posted_email()


def _device_key() -> str:
    return f"login-device:{_posted_email()}:{_known_device_data().get('d', '')}"


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"], key_func=_account_address_key)
@limiter.limit("10 per minute", methods=["POST"], exempt_when=_known_device)  # per address
@limiter.limit("10 per minute;50 per hour", methods=["POST"], key_func=_account_key,
               exempt_when=_known_device)
@limiter.limit("5 per minute", methods=["POST"], key_func=_device_key,
               exempt_when=lambda: not _known_device())
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
            start_session(user, remember=request.form.get("remember") == "on")
            db.session.commit()
            return remember_device(redirect(safe_next(request.args.get("next"),
                                                      url_for("sites.index")), code=303),
                                   user.email)
    status = 422 if error else 200
    return render_template(
        "auth/login.html", error=error, email=request.form.get("email", "")
    ), status


@bp.post("/logout")
@login_required
def logout():
    end_session()
    db.session.commit()
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
                end_session()
                db.session.commit()
                flash(_("Your password has been changed. Log in with the new password."), "success")
                # Whoever opened the mailed link may sign in from here even while strangers
                # keep the account's address-wide ceiling busy.
                return remember_device(redirect(url_for("auth.login"), code=303), user.email)
    status = 422 if errors else 200
    return render_template("auth/reset.html", errors=errors, token=token), status
