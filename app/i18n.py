"""Languages (ko first, en, ja) and time zones: Flask-Babel wiring and the language switcher."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
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


def in_language(value: Any, locale: str | None = None) -> str:
    """A text written in several languages (``{"ko": …, "en": …, "ja": …}``, e.g. a theme's
    name) or as one plain string, in ``locale`` (default: the UI language); missing
    languages fall back to Korean, then English, then any."""
    if isinstance(value, str):
        return value
    if not isinstance(value, Mapping):
        return "" if value is None else str(value)
    if locale is None:
        from flask_babel import get_locale

        locale = str(get_locale()) if has_request_context() else DEFAULT_LOCALE
    for lang in (locale, DEFAULT_LOCALE, "en"):
        text = value.get(lang)
        if isinstance(text, str) and text:
            return text
    return next((v for v in value.values() if isinstance(v, str) and v), "")


def select_timezone() -> str:
    if not has_request_context():
        return DEFAULT_TIMEZONE
    if current_user and current_user.is_authenticated and current_user.timezone:
        return current_user.timezone
    return DEFAULT_TIMEZONE


def init_app(app: Flask, babel: Babel) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)

    app.jinja_env.filters["timeformat"] = timeformat
    app.jinja_env.filters["datetimeformat"] = datetimeformat
    app.jinja_env.filters["in_language"] = in_language

    @app.context_processor
    def _i18n_context():
        from flask_babel import get_locale

        return {"LANGUAGES": LANGUAGES, "current_locale": str(get_locale())}


def _korean_pattern(kind: str, name: str) -> str | None:
    """CLDR's Korean time patterns abbreviate the day period as "AM"/"PM"; Korean screens say
    "오전"/"오후" (the wide form). None for other locales and named formats Babel keeps."""
    from babel import Locale
    from flask_babel import get_locale

    if str(get_locale()) != "ko" or name not in ("short", "medium"):
        return None
    ko = Locale("ko")
    time = ko.time_formats[name].pattern.replace("a", "aaaa")
    if kind == "time":
        return time
    return f"{ko.date_formats[name].pattern} {time}"


def timeformat(value, format: str = "short") -> str:
    from flask_babel import format_time

    return format_time(value, _korean_pattern("time", format) or format)


def datetimeformat(value, format: str = "medium") -> str:
    from flask_babel import format_datetime

    return format_datetime(value, _korean_pattern("datetime", format) or format)


ROLE_LABELS = {
    "owner": _l("Site owner"),
    "designer": _l("Theme designer"),
    "support": _l("Support agent"),
    "admin": _l("Administrator"),
}
