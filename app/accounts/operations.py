"""Account operations. They flush and never commit: the view or job commits once."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, func, select

from app.accounts import passwords
from app.db import db, utcnow
from app.domain import Refused
from app.i18n import LANGUAGES, all_timezones
from app.models import User, UserRole, UserSession
from app.models.user import GRANTABLE_ROLES

RESET_TOKEN_MAX_AGE = 60 * 60  # one hour


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def sign_up(email: str, password: str, display_name: str = "", locale: str = "ko") -> User:
    """Creates an account at once (operators and the demo; people sign up by mail, see
    ``begin_sign_up``). Refuses a taken email or a weak password."""
    email = normalise_email(email)
    problem = passwords.password_problem(password, email)
    if problem:
        raise Refused(problem, "password")
    return _create_user(email, display_name, passwords.hash_password(password), locale)


def _create_user(email: str, display_name: str, password_hash: str, locale: str) -> User:
    if db.session.scalar(select(func.count()).select_from(User).where(User.email == email)):
        raise Refused(
            _("An account with this email already exists. Log in or reset your password."),
            "email",
        )
    user = User(
        email=email,
        display_name=display_name.strip(),
        password_hash=password_hash,
        locale=locale if locale in LANGUAGES else "ko",
    )
    db.session.add(user)
    db.session.flush()
    return user


# Signing up by mail ----------------------------------------------------------------------------
#
# The sign-up form answers the same way whether or not the email has an account ("we sent you a
# mail"), in the same time, without even looking: the mail job finds out, and mails either a
# link that finishes the sign-up or, to an existing owner, a note that someone tried. Until the
# link is opened nothing is stored: the link itself carries the pending account, encrypted.

SIGN_UP_LINK_MAX_AGE = 24 * 60 * 60


@dataclass(frozen=True)
class PendingSignUp:
    email: str
    display_name: str
    password_hash: str
    locale: str
    nonce: str  # also kept in the signing-up browser's session: that browser needs no password


def _sign_up_fernet() -> Fernet:
    return Fernet(current_app.config["ENCRYPTION_KEY"])


def begin_sign_up(email: str, password: str, display_name: str = "",
                  locale: str = "ko") -> tuple[str, PendingSignUp]:
    """A pending sign-up and the token its mailed link carries (the password hashed, the whole
    encrypted). Refuses only a weak password; never looks whether the email is taken."""
    email = normalise_email(email)
    problem = passwords.password_problem(password, email)
    if problem:
        raise Refused(problem, "password")
    pending = PendingSignUp(email=email, display_name=display_name.strip(),
                            password_hash=passwords.hash_password(password),
                            locale=locale if locale in LANGUAGES else "ko",
                            nonce=secrets.token_urlsafe(16))
    token = _sign_up_fernet().encrypt(json.dumps(asdict(pending)).encode()).decode()
    return token, pending


def read_sign_up(token: str) -> PendingSignUp | None:
    """The pending sign-up of a link, or None when the link is not ours or older than a day."""
    try:
        data = json.loads(_sign_up_fernet().decrypt(token.encode(), ttl=SIGN_UP_LINK_MAX_AGE))
        return PendingSignUp(**data)
    except (InvalidToken, ValueError, TypeError):
        return None


def finish_sign_up(pending: PendingSignUp) -> User:
    """Creates the account of an opened sign-up link (Refused when it exists by now)."""
    return _create_user(pending.email, pending.display_name, pending.password_hash,
                        pending.locale)


def authenticate(email: str, password: str) -> User | None:
    """The user if email and password match, else None (same cost either way)."""
    user = find_user_by_email(email)
    if user is None:
        passwords.burn_time(password)
        return None
    if not passwords.verify_password(user.password_hash, password):
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def set_password(user: User, new_password: str) -> None:
    """Sets a new password and ends every session of this user (the epoch moves on)."""
    problem = passwords.password_problem(new_password, user.email)
    if problem:
        raise Refused(problem, "new_password")
    user.password_hash = passwords.hash_password(new_password)
    user.password_changed_at = utcnow()
    user.auth_epoch += 1
    # The epoch already refuses them; their rows go too.
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    db.session.flush()


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not passwords.verify_password(user.password_hash, current_password):
        raise Refused(_("Your current password is not correct."), "current_password")
    set_password(user, new_password)


def update_settings(user: User, display_name: str, locale: str, timezone: str) -> None:
    if locale not in LANGUAGES:
        raise Refused(_("Choose one of the offered languages."), "locale")
    if timezone not in all_timezones():
        raise Refused(_("Choose a time zone from the list."), "timezone")
    user.display_name = display_name.strip()
    user.locale = locale
    user.timezone = timezone
    db.session.flush()


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def make_reset_token(user: User) -> str:
    # The token carries a fingerprint of the current hash: once the password changes, every
    # earlier reset link stops working (single use without a token table).
    return _reset_serializer().dumps({"uid": user.id, "h": user.password_hash[-16:]})


def user_for_reset_token(token: str) -> User | None:
    try:
        data = _reset_serializer().loads(token, max_age=RESET_TOKEN_MAX_AGE)
    except (BadSignature, SignatureExpired):
        return None
    user = db.session.get(User, data.get("uid"))
    if user is None or user.password_hash[-16:] != data.get("h"):
        return None
    return user


def grant_role(user: User, role: str) -> bool:
    """Grants a role; False when the user already had it."""
    if role not in GRANTABLE_ROLES:
        raise Refused(_("Unknown role. Choose designer, support or admin."), "role")
    if role in user.roles:
        return False
    user.role_rows.append(UserRole(role=role))
    db.session.flush()
    return True


def revoke_role(user: User, role: str) -> bool:
    rows = [r for r in user.role_rows if r.role == role]
    for row in rows:
        user.role_rows.remove(row)
    db.session.flush()
    return bool(rows)
