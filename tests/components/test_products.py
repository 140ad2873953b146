"""The products block: cards with price, badge and an inquiry button."""

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import SampleContext
from components.products import COMPONENT

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'


def render(props: dict | None = None, editing: bool = False, **ctx) -> str:
    node = {"id": "x1", "type": "products", "props": COMPONENT.validate_props(props or {}),
            "slots": {}}
    return str(Renderer(RenderContext(editing=editing, **ctx)).render_node(node))


def test_defaults_validate_and_render():
    props = COMPONENT.default_props(
        SampleContext("cafe", "ko", links={"phone": "tel:02-336-1234"}))
    assert len(props["items"]) == 3
    assert all(i["button_label"] == "주문 문의" for i in props["items"])
    html = render(props)
    assert "b-products b-products--3" in html
    assert "15,000원" in html and "주문 문의" in html and 'href="tel:02-336-1234"' in html
    assert html.count("<h3") == 3 and "<h2" in html


def test_sample_order_buttons_need_a_phone_or_a_contact_form():
    props = COMPONENT.default_props(SampleContext("cafe", "ko"))
    assert all(i["button_link"] == "" for i in props["items"])
    assert "<a " not in render(props)
    linked = COMPONENT.default_props(SampleContext("cafe", "ko",
                                                   links={"contact_form": "page:4"}))
    assert {i["button_link"] for i in linked["items"]} == {"page:4"}


def test_button_label_default_and_hidden_without_link():
    props = COMPONENT.validate_props({"items": [{"name": "쿠키", "price": 2500}]})
    assert props["items"][0]["button_label"] == "주문 문의"
    html = render(props)
    assert "2,500원" in html and "<a " not in html


def test_price_zero_is_hidden_and_columns():
    html = render({"columns": 4, "items": [{"name": "상담", "price": 0}]})
    assert "원<" not in html and "b-products--4" in html


def test_image_with_alt():
    props = {"items": [{"name": "빵", "image": {"asset": "ab" * 32, "alt": "갓 구운 빵"}}]}
    html = render(props, assets={"ab" * 32: {"width": 1200, "height": 900}},
                  image_url=lambda h, w=None, ext="webp": f"/img/{h}/{w}")
    assert 'alt="갓 구운 빵"' in html and "srcset=" in html


@pytest.mark.parametrize("bad", [
    {"columns": 5},
    {"items": [{"name": "x", "price": -5}]},
    {"items": [{"name": "x", "button_link": "javascript:alert(1)"}]},
    {"items": [{"name": "x", "image": {"asset": "ab" * 32}}]},  # picture without alt text
    {"items": [{"name": "x", "extra": 1}]},
    {"items": [{"name": "x"}] * 49},
])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    html = render({"heading": XSS, "items": [
        {"name": XSS + "빵", "description": XSS, "badge": XSS, "button_label": XSS + "주문",
         "button_link": "https://example.com/a"}]})
    assert "<script" not in html and "<img" not in html and "onerror" not in html
    assert "javascript:" not in html


def test_empty_published_renders_nothing_but_editor_shows_hint():
    assert render({"heading": "상품"}).strip() == ""
    assert "상품을 추가하세요" in render({}, editing=True)
