"""The testimonials block: quotes, authors, sources and text star ratings."""

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components.testimonials import COMPONENT

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'


def render(props: dict | None = None, editing: bool = False, locale: str = "ko") -> str:
    node = {"id": "x1", "type": "testimonials", "props": COMPONENT.validate_props(props or {}),
            "slots": {}}
    return str(Renderer(RenderContext(editing=editing, locale=locale)).render_node(node))


def test_defaults_validate_and_render():
    html = render(COMPONENT.default_props())
    assert "<h2" in html and html.count("<blockquote") == 3 and "<figcaption" in html
    assert "네이버 리뷰" in html


def test_star_rating_is_text_with_screen_reader_words():
    html = render({"items": [{"quote": "맛있어요", "author": "김", "rating": 4}]})
    assert '<span aria-hidden="true">★★★★<span class="b-testimonials__stars-off">☆</span>' in html
    assert "5점 만점에 4점" in html
    assert "Rated 4 out of 5" in render({"items": [{"quote": "Good", "rating": 4}]}, locale="en")


def test_no_rating_shows_no_stars():
    html = render({"items": [{"quote": "좋아요", "rating": 0}]})
    assert "★" not in html and "만점" not in html


@pytest.mark.parametrize("bad", [
    {"items": [{"quote": "x", "rating": 6}]}, {"items": [{"quote": "x", "rating": -1}]},
    {"items": [{"quote": "x" * 401}]}, {"items": [{"quote": "x", "stars": 5}]},
    {"items": [{"quote": "x"}] * 31}])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    html = render({"heading": XSS, "items": [
        {"quote": XSS + "맛있어요", "author": XSS, "detail": XSS, "rating": 5}]})
    assert "<script" not in html and "<img" not in html and "onerror" not in html
    assert "맛있어요" in html


def test_empty_items_hidden_published_and_hint_in_editor():
    assert render({"heading": "후기", "items": [{"quote": ""}]}).strip() == ""
    assert "손님 후기를 추가하세요" in render({}, editing=True)
