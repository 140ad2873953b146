"""The call-to-action band: title, text, one button on a palette background."""

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import SampleContext
from components.cta import COMPONENT

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'


def render(props: dict | None = None, editing: bool = False) -> str:
    node = {"id": "x1", "type": "cta", "props": COMPONENT.validate_props(props or {}),
            "slots": {}}
    ctx = RenderContext(editing=editing, page_url=lambda page_id: f"/p/{page_id}")
    return str(Renderer(ctx).render_node(node))


def test_a_cafes_sample_calls_the_phone_from_the_profile():
    props = COMPONENT.default_props(
        SampleContext("cafe", "ko", links={"phone": "tel:02-336-1234"}))
    assert props["background"] == "primary" and props["title"].startswith("케이크 예약")
    html = render(props)
    assert "ww-bg-primary" in html and "<h2" in html and 'href="tel:02-336-1234"' in html
    assert 'data-inline' not in html  # editor hooks are stripped when published


def test_a_sample_button_with_nowhere_to_go_shows_no_button():
    props = COMPONENT.default_props(SampleContext("clinic", "ko"))
    assert props["button_label"] == "진료 예약" and props["button_link"] == ""
    assert "<a " not in render(props)


def test_background_default_is_primary_and_page_links_resolve():
    assert COMPONENT.validate_props({})["background"] == "primary"
    html = render({"title": "예약", "button_label": "보기", "button_link": "page:7",
                   "background": "surface"})
    assert "ww-bg-surface" in html and 'href="/p/7"' in html
    assert "ww-bg-" not in render({"title": "x", "background": ""})


def test_button_needs_label_and_link():
    assert "<a " not in render({"title": "x", "button_label": "보기"})
    assert "<a " not in render({"title": "x", "button_link": "#menu"})


@pytest.mark.parametrize("bad", [
    {"background": "red"}, {"button_link": "javascript:alert(1)"},
    {"button_link": "data:text/html,x"}, {"title": "x" * 81}, {"size": "big"}])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    html = render({"title": XSS + "예약", "text": XSS, "button_label": XSS + "보기",
                   "button_link": "https://example.com"})
    assert "<script" not in html and "<img" not in html and "onerror" not in html


def test_empty_published_renders_nothing():
    assert render({}).strip() == ""
    assert 'data-inline="title"' in render({}, editing=True)
