"""Languages (ko first, en, ja) and time zones: Flask-Babel wiring and the language switcher."""

from __future__ import annotations

from zoneinfo import available_timezones

from flask import Flask, has_request_context, request, session
from flask_babel import Babel, lazy_gettext as _l
from flask_login import current_user

LANGUAGES = {"ko": "한국어", "en": "English", "ja": "日本語"}
DEFAULT_LOCALE = "ko"
DEFAULT_TIMEZONE = "Asia/Seoul"

# Time zones offered in account settings: the ones our users live in first, then the rest.
COMMON_TIMEZONES = [
    "Asia/Seoul",
    "Asia/Tokyo",
    "America/Los_Angeles",
    "America/New_York",
    "Europe/London",
    "Australia/Sydney",
    "UTC",
]


def all_timezones() -> list[str]:
    """Every IANA zone, the common ones first."""
    rest = sorted(z for z in available_timezones() if z not in COMMON_TIMEZONES and "/" in z)
    return COMMON_TIMEZONES + rest


def select_locale() -> str:
    """A signed-in user's choice, else the session's choice, else Accept-Language, else ko."""
    if not has_request_context():
        return DEFAULT_LOCALE
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    chosen = session.get("locale")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT_LOCALE)


def select_timezone() -> str:
    if not has_request_context():
        return DEFAULT_TIMEZONE
    if current_user and current_user.is_authenticated and current_user.timezone:
        return current_user.timezone
    return DEFAULT_TIMEZONE


def init_app(app: Flask, babel: Babel) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)

    @app.context_processor
    def _i18n_context():
        from flask_babel import get_locale

        return {"LANGUAGES": LANGUAGES, "current_locale": str(get_locale())}


ROLE_LABELS = {
    "owner": _l("Site owner"),
    "designer": _l("Theme designer"),
    "support": _l("Support agent"),
    "admin": _l("Administrator"),
}
