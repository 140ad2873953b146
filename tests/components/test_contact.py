"""The contact block: tel:/sms:/mailto:, KakaoTalk and Instagram links from the profile."""

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components.contact import COMPONENT

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'
PROFILE = {"phone": "02-336-1234", "email": "hello@bakery.kr", "instagram": "happy.bakery",
           "kakao_channel_url": "https://pf.kakao.com/_abcde"}


def render(props: dict | None = None, profile: dict | None = None, editing: bool = False,
           locale: str = "ko") -> str:
    node = {"id": "x1", "type": "contact", "props": COMPONENT.validate_props(props or {}),
            "slots": {}}
    ctx = RenderContext(profile=profile or {}, editing=editing, locale=locale)
    return str(Renderer(ctx).render_node(node))


def test_defaults_validate_and_render():
    props = COMPONENT.default_props()
    assert props["heading"] == "연락하기" and COMPONENT.uses_profile
    html = render(props, PROFILE)
    assert "<h2" in html and "전화하기" in html and "<svg" in html
    assert 'aria-hidden="true"' in html


def test_links_from_profile():
    html = render({}, PROFILE)
    assert 'href="tel:023361234"' in html and 'href="sms:023361234"' in html
    assert "02-336-1234" in html  # shown as written
    assert 'href="https://pf.kakao.com/_abcde"' in html
    assert 'href="https://www.instagram.com/happy.bakery/"' in html and "@happy.bakery" in html
    assert 'href="mailto:hello@bakery.kr"' in html


def test_overrides_and_toggles():
    html = render({"phone": "010 1234 5678", "instagram": "@other.cafe", "email": "a@b.co",
                   "kakao_channel_url": "https://pf.kakao.com/_zz", "show_sms": False}, PROFILE)
    assert 'href="tel:01012345678"' in html and "sms:" not in html
    assert "instagram.com/other.cafe/" in html and "mailto:a@b.co" in html
    assert "pf.kakao.com/_zz" in html and "_abcde" not in html
    html = render({"show_phone": False, "show_sms": False, "show_email": False,
                   "show_instagram": False}, PROFILE)
    assert "tel:" not in html and "mailto:" not in html and "instagram" not in html
    assert "pf.kakao.com" in html


def test_english_labels():
    html = render({}, PROFILE, locale="en")
    assert "Call" in html and "Send a text" in html


def test_no_contacts_hint_in_editor_and_nothing_published():
    assert render({}, {}).strip() == ""
    assert "사업장 정보에서 전화번호나 연락처를 입력하세요" in render({}, {}, editing=True)


@pytest.mark.parametrize("bad", [
    {"phone": "call me"}, {"phone": "<script>"}, {"email": "not-an-email"},
    {"email": "a@b.co<script>"}, {"email": "a&lt;b@x.co"}, {"instagram": "bad handle!"},
    {"kakao_channel_url": "javascript:alert(1)"}, {"kakao_channel_url": "http://pf.kakao.com/_a"},
    {"show_sms": "x"}, {"fax": "02"}])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    html = render({"heading": XSS, "text": XSS}, PROFILE)
    assert "<script" not in html and "<img" not in html and "onerror" not in html
    evil = {"phone": '02-1234-5678" onclick="alert(1)', "instagram": 'x" onmouseover="alert(1)',
            "kakao_channel_url": "javascript:alert(1)", "email": XSS}
    html = render({}, evil)
    assert "javascript:" not in html and 'onclick="' not in html and "onmouseover" not in html
    assert "<script" not in html and "<img" not in html
    assert 'href="tel:0212345678' in html  # digits only in the href
