"""The menu block: categories, KRW prices, 시가, 품절 and dietary marks."""

import re

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import SampleContext
from components.menu import COMPONENT

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'


def render(props: dict | None = None, editing: bool = False, locale: str = "ko") -> str:
    node = {"id": "x1", "type": "menu", "props": COMPONENT.validate_props(props or {}),
            "slots": {}}
    return str(Renderer(RenderContext(editing=editing, locale=locale)).render_node(node))


def test_defaults_validate_and_render():
    props = COMPONENT.default_props(SampleContext("cafe", "ko"))
    assert props["categories"] and props["anchor"] == "menu"
    html = str(Renderer(RenderContext()).render_node(
        {"id": "x1", "type": "menu", "props": props, "slots": {}}))
    assert 'class="b-menu' in html and 'id="menu"' in html
    assert "<h2" in html and "<h3" in html and "<h1" not in html
    assert "4,500원" in html and "아메리카노" in html


def test_prices_market_price_and_sold_out():
    html = render({"categories": [{"name": "빵", "items": [
        {"name": "크루아상", "price": 12000},
        {"name": "타르트", "price": 0},
        {"name": "바게트", "price": 6500, "sold_out": True},
    ]}]})
    assert "12,000원" in html
    assert "시가" in html
    sold = html[html.index("바게트"):]
    assert "품절" in sold
    assert re.search(
        r'<s class="b-menu__price"><span class="ww-sr-only">[^<]+</span>6,500원</s>', sold)
    assert "b-menu__item--sold-out" in html
    # Only the sold-out item is struck through.
    assert html.count("<s ") == 1


def test_marks_are_labelled_and_deduplicated():
    props = COMPONENT.validate_props({"categories": [{"name": "a", "items": [
        {"name": "오트 라테", "price": 5500, "marks": ["vegan", "new", "vegan"]}]}]})
    assert props["categories"][0]["items"][0]["marks"] == ["vegan", "new"]
    html = render(props)
    assert "비건" in html and "신메뉴" in html
    assert "Vegan" in render(props, locale="en")
    assert "ヴィーガン" in render(props, locale="ja")


def test_locales_for_static_words():
    props = {"categories": [{"name": "a", "items": [{"name": "x", "price": 0, "sold_out": True}]}]}
    assert "Market price" in render(props, locale="en") and "Sold out" in render(props, locale="en")
    assert "時価" in render(props, locale="ja")


@pytest.mark.parametrize("bad", [
    {"categories": [{"name": "a", "items": [{"name": "x", "price": -1}]}]},
    {"categories": [{"name": "a", "items": [{"name": "x", "price": "free"}]}]},
    {"categories": [{"name": "a", "items": [{"name": "x", "marks": ["halal"]}]}]},
    {"categories": [{"name": "a", "items": [{"name": "x", "colour": "red"}]}]},
    {"categories": [{"name": str(i)} for i in range(21)]},
    {"categories": [{"name": "a", "items": [{"name": "x"}] * 61}]},
    {"anchor": "Menu Top"},
    {"heading": "x" * 81},
    {"unknown": 1},
])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    html = render({"heading": XSS, "intro": XSS, "categories": [
        {"name": XSS, "items": [{"name": XSS + "빵", "description": XSS, "price": 1000}]}]})
    assert "<script" not in html and "<img" not in html and "onerror" not in html
    assert "빵" in html
    # Entity-encoded markup is stored as plain characters and escaped again on output.
    html = render({"heading": "&lt;script&gt;alert(1)&lt;/script&gt; 빵 &amp; 커피"})
    assert "<script" not in html and "&lt;script&gt;" in html and "빵 &amp; 커피" in html


def test_empty_renders_no_empty_heading_but_hint_in_editor():
    html = render({})
    assert "<h2" not in html and "<h3" not in html and "<ul" not in html
    assert "<h2" not in render({"categories": [{"name": "", "items": []}]})
    editing = render({}, editing=True)
    assert 'data-inline="heading"' in editing and "메뉴 분류와 메뉴를 추가하세요" in editing


def test_items_without_name_are_hidden_when_published():
    html = render({"categories": [{"name": "커피", "items": [{"name": "", "price": 3000},
                                                           {"name": "라테", "price": 4000}]}]})
    assert "3,000원" not in html and "4,000원" in html


def test_category_headings_follow_the_block_heading():
    cats = [{"name": "커피", "items": [{"name": "라테", "price": 5000}]}]
    assert '<h3 class="b-menu__category-name">커피</h3>' in render({"heading": "메뉴",
                                                                     "categories": cats})
    assert '<h2 class="b-menu__category-name">커피</h2>' in render({"categories": cats})
