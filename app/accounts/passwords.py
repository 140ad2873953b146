"""Password hashing (argon2id) and policy (length, common passwords)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l

MIN_LENGTH = 8
MAX_LENGTH = 128

# ASVS 5.0 minimum for argon2id: t=2, m=19 MiB, p=1 (~40 ms here). The library default
# (t=3, 64 MiB, p=4) costs ~4x the time per login for little gain at our scale.
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)

# Passwords people pick in Korea that are not always in English-language lists.
_EXTRA_COMMON = {
    "saranghae",
    "saranghae1",
    "saranghaeyo",
    "qwer1234!",
    "1q2w3e4r!",
    "1q2w3e4r5t6y",
    "a1234567",
    "a1b2c3d4",
    "asdf1234!",
    "zxcv1234",
    "qwerasdf",
    "dlatl123",
    "gksrmf123",
    "password!",
    "passw0rd",
    "windwalker",
    "windwalker1",
}


@cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords (zxcvbn's list) plus Korean favourites."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"]) | _EXTRA_COMMON


def password_problem(password: str, email: str = "") -> str | None:
    """Why ``password`` is refused (translated), or None when it is acceptable.

    No composition rules (ASVS): only length, the common-password list and the email itself.
    """
    if len(password) < MIN_LENGTH:
        return str(_l("Use at least %(n)d characters.", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        return str(_l("Use at most %(n)d characters.", n=MAX_LENGTH))
    lowered = password.lower()
    if lowered in common_passwords() or len(set(password)) <= 2:
        return str(_l("This password is too common and easy to guess. Choose another one."))
    local_part = email.split("@", 1)[0].lower()
    if email and (lowered == email.lower() or (len(local_part) >= 4 and lowered == local_part)):
        return str(_l("Your password must not be your email address."))
    return None


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return HASHER.check_needs_rehash(stored_hash)


# A fixed hash to verify against when the email is unknown, so that a wrong email and a wrong
# password take the same time (no account enumeration by timing).
_DUMMY_HASH: str | None = None


def burn_time(password: str) -> None:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = HASHER.hash("not-a-real-password")
    verify_password(_DUMMY_HASH, password)
