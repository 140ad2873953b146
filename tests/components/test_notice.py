"""notice: title, message, tone badge, optional link, escaping."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import WIDGETS, SampleContext, get
from components.notice import COMPONENT, STRINGS

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'


def render(props: dict | None = None, *, editing: bool = False, locale: str = "ko",
           page_url=None) -> str:
    validated = COMPONENT.validate_props(props or {})
    ctx = RenderContext(profile={}, editing=editing, locale=locale)
    if page_url:
        ctx.page_url = page_url
    return str(Renderer(ctx).render_node(
        {"id": "x1", "type": "notice", "props": validated, "slots": {}}))


def test_registered_with_complete_metadata():
    assert get("notice") is COMPONENT
    for name, field in COMPONENT.props.model_fields.items():
        meta = field.json_schema_extra["ui"]
        assert set(meta["label"]) == {"ko", "en", "ja"}, name
        assert meta["widget"] in WIDGETS
    for entry in STRINGS.values():
        assert set(entry) == {"ko", "en", "ja"}


def test_defaults_validate_and_render():
    html = str(Renderer(RenderContext()).render_node(
        {"id": "x1", "type": "notice",
         "props": COMPONENT.default_props(SampleContext("cafe", "ko")), "slots": {}}))
    assert '<aside class="b-notice b-notice--important" aria-label="공지">' in html
    assert '<span class="b-notice__badge">중요</span>' in html
    assert '>이번 주 일요일은 쉬어 갑니다</strong>' in html
    assert '>가족 행사로' in html
    assert "<a " not in html  # no link in the sample
    assert "style=" not in html and "<script" not in html


@pytest.mark.parametrize("tone, badge", [("info", "안내"), ("important", "중요"),
                                         ("success", "소식")])
def test_tone_is_shown_in_words_not_only_colour(tone, badge):
    html = render({"title": "알림", "tone": tone})
    assert f"b-notice--{tone}" in html
    assert f'<span class="b-notice__badge">{badge}</span>' in html


def test_link_uses_the_label_or_a_default():
    html = render({"title": "주차", "link": "https://naver.me/abc", "link_label": "지도 보기"})
    assert '<a class="b-notice__link" href="https://naver.me/abc">지도 보기' in html
    html = render({"title": "주차", "link": "tel:02-336-1234"})
    assert 'href="tel:02-336-1234">자세히 보기' in html


def test_page_links_go_through_href():
    html = render({"title": "메뉴", "link": "page:7"}, page_url=lambda pid: f"/p/{pid}")
    assert 'href="/p/7"' in html


def test_label_without_link_renders_no_link():
    html = render({"title": "x", "link_label": "보기"})
    assert "<a " not in html and "보기" not in html


def test_strings_follow_the_locale():
    html = render({"title": "Closed Sunday", "tone": "important", "link": "#hours"}, locale="en")
    assert ">Important<" in html and "Learn more" in html and 'aria-label="Notice"' in html


def test_xss_never_reaches_the_output():
    html = render({"title": XSS + "휴무", "message": XSS, "link_label": XSS,
                   "link": "https://example.com"})
    assert "<script" not in html and "<img" not in html and "onerror" not in html
    assert ">휴무</strong>" in html


def test_javascript_links_are_refused():
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x"):
        with pytest.raises(ValidationError):
            COMPONENT.validate_props({"title": "x", "link": bad})


def test_empty_renders_nothing_but_a_hint_in_the_editor():
    assert render({}).strip() == ""
    html = render({}, editing=True)
    assert "b-notice__hint" in html and 'data-inline="title"' in html
    assert 'data-inline="message"' in html


@pytest.mark.parametrize("props", [
    {"tone": "danger"},
    {"title": "x" * 81},
    {"message": "x" * 401},
    {"link_label": "x" * 31},
    {"icon": "bell"},
])
def test_invalid_props_are_refused(props):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(props)
