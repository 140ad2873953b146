"""The team block: people with photo, name, role and a short bio."""

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import SampleContext
from components.team import COMPONENT

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'
ASSET = "cd" * 32


def render(props: dict | None = None, editing: bool = False) -> str:
    node = {"id": "x1", "type": "team", "props": COMPONENT.validate_props(props or {}),
            "slots": {}}
    ctx = RenderContext(editing=editing, assets={ASSET: {"width": 800, "height": 800}},
                        image_url=lambda h, w=None, ext="webp": f"/img/{h}/{w}")
    return str(Renderer(ctx).render_node(node))


def test_defaults_validate_and_render():
    html = render(COMPONENT.default_props(SampleContext("cafe", "ko")))
    assert "<h2" in html and html.count("<h3") == 2 and "<ul" in html
    assert "김하늘" in html and "바리스타" in html


def test_photo_with_alt_and_initial_without_photo():
    html = render({"items": [{"name": "박사장", "photo": {"asset": ASSET, "alt": "박사장 사진"}},
                             {"name": "이직원"}]})
    assert 'alt="박사장 사진"' in html and 'src="/img/' in html
    assert 'b-team__photo--initial" aria-hidden="true">이</div>' in html


@pytest.mark.parametrize("bad", [
    {"items": [{"name": "x", "photo": {"asset": ASSET}}]},  # alt text is required
    {"items": [{"name": "x", "bio": "x" * 301}]},
    {"items": [{"name": "x", "age": 30}]},
    {"items": [{"name": "x"}] * 25}])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    html = render({"heading": XSS, "items": [{"name": XSS + "김", "role": XSS, "bio": XSS}]})
    assert "<script" not in html and "<img" not in html and "onerror" not in html


def test_empty_published_renders_nothing_but_editor_shows_hint():
    assert render({"heading": "사람들"}).strip() == ""
    assert "함께 일하는 사람을 추가하세요" in render({}, editing=True)
