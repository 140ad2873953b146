"""Every user-facing string is translated into Korean, English and Japanese."""

from __future__ import annotations

import subprocess

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT, text_of

LOCALES = ("ko", "en", "ja")


def _catalog(lang):
    with open(ROOT / "app" / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f)


def test_catalogs_cover_every_string_in_the_code(tmp_path):
    pot = tmp_path / "current.pot"
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "pybabel"),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as f:
        wanted = {m.id for m in read_po(f) if m.id}
    assert len(wanted) > 100
    for lang in LOCALES:
        catalog = _catalog(lang)
        have = {
            m.id
            for m in catalog
            if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)
        }
        missing = wanted - have
        assert not missing, (
            f"{lang}: {len(missing)} untranslated, e.g. {sorted(map(str, missing))[:5]}"
        )


@pytest.mark.parametrize("lang", ["ko", "ja"])
def test_translations_keep_their_placeholders(lang):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]")
    for m in _catalog(lang):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert set(placeholder.findall(strings[0])) == set(placeholder.findall(ids[0])), m.id


@pytest.mark.parametrize(("lang", "text"), [("ko", "로그인"), ("en", "Log in"), ("ja", "ログイン")])
def test_login_page_in_each_language(web, lang, text):
    page = web.get("/login", headers={"Accept-Language": lang})
    assert f'lang="{lang}"' in text_of(page) and text in text_of(page)


def test_korean_is_the_default(web):
    page = web.get("/login", headers={"Accept-Language": "de"})
    assert 'lang="ko"' in text_of(page)


@pytest.mark.parametrize("locale, time, stamp", [
    ("ko", "오후 9:28", "2026. 11. 26. 오후 9:28:00"),
    ("en", "9:28\u202fPM", "Nov 26, 2026, 9:28:00\u202fPM"),
    ("ja", "21:28", "2026/11/26 21:28:00"),
])
def test_times_read_naturally_in_each_language(app, locale, time, stamp):
    """Korean says 오전/오후 (CLDR's short Korean pattern would print "PM 9:28")."""
    from datetime import UTC, datetime

    from flask_babel import force_locale

    value = datetime(2026, 11, 26, 12, 28, tzinfo=UTC)  # 21:28 in Seoul
    with app.test_request_context(), force_locale(locale):
        env = app.jinja_env
        assert env.from_string("{{ v|timeformat('short') }}").render(v=value) == time
        assert env.from_string("{{ v|datetimeformat('medium') }}").render(v=value) == stamp


def test_texts_given_in_several_languages_fall_back_korean_then_english_then_any():
    from app.i18n import in_language

    names = {"ko": "하늘", "en": "Sky", "ja": "そら"}
    assert [in_language(names, lang) for lang in ("ko", "en", "ja")] == ["하늘", "Sky", "そら"]
    assert in_language({"ko": "하늘", "en": "Sky"}, "ja") == "하늘"
    assert in_language({"en": "Sky", "ja": ""}, "ja") == "Sky"
    assert in_language({"ja": "そら"}, "en") == "そら"
    assert in_language("하늘", "en") == "하늘" and in_language(None, "en") == ""
