"""rich_text: sanitised paragraphs, alignment, readable width, editor hint."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import WIDGETS, SampleContext, get
from components.rich_text import COMPONENT, STRINGS

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'


def render(props: dict | None = None, *, editing: bool = False) -> str:
    validated = COMPONENT.validate_props(props or {})
    return str(Renderer(RenderContext(profile={}, editing=editing)).render_node(
        {"id": "x1", "type": "rich_text", "props": validated, "slots": {}}))


def test_registered_with_complete_metadata():
    assert get("rich_text") is COMPONENT
    assert COMPONENT.category == "text"
    fields = COMPONENT.props.model_fields
    assert fields["body"].json_schema_extra["ui"]["widget"] == "richtext"
    for name, field in fields.items():
        meta = field.json_schema_extra["ui"]
        assert set(meta["label"]) == {"ko", "en", "ja"}, name
        assert meta["widget"] in WIDGETS
    for entry in STRINGS.values():
        assert set(entry) == {"ko", "en", "ja"}


def test_defaults_validate_and_render():
    html = str(Renderer(RenderContext()).render_node(
        {"id": "x1", "type": "rich_text",
         "props": COMPONENT.default_props(SampleContext("cafe", "ko")), "slots": {}}))
    assert 'class="b-rich_text b-rich_text--left b-rich_text--readable"' in html
    assert "<p>골목 안 작은 빵집에서" in html
    assert "<strong>국산 밀가루와 무염 버터</strong>" in html  # markup kept, not escaped
    assert "style=" not in html


def test_allowed_markup_survives():
    html = render({"body": '<p>Hi <em>there</em></p><ul><li>소금빵</li></ul>'
                           '<p><a href="https://example.com">site</a></p>'})
    assert "<em>there</em>" in html and "<ul><li>소금빵</li></ul>" in html
    assert '<a href="https://example.com" rel="noopener noreferrer">site</a>' in html


def test_xss_never_reaches_the_output():
    html = render({"body": XSS + '<p onclick="alert(1)" style="color:red">hi</p>'
                           '<a href="javascript:alert(1)">x</a><iframe src="//evil"></iframe>'})
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html and "style=" not in html
    assert "<p>hi</p>" in html


def test_alignment_and_width():
    html = render({"body": "<p>x</p>", "align": "center", "width": "wide"})
    assert "b-rich_text--center" in html and "b-rich_text--wide" in html


def test_empty_body_renders_nothing_but_a_hint_in_the_editor():
    assert render({"body": "  "}).strip() == ""
    assert render({"body": "<script>x</script>"}).strip() == ""  # nothing left after cleaning
    html = render({"body": ""}, editing=True)
    assert "b-rich_text--empty" in html and "여기에 글을 써 주세요" in html


@pytest.mark.parametrize("props", [
    {"align": "right"},
    {"width": "narrow"},
    {"body": "x" * 20_001},
    {"text": "<p>x</p>"},  # unknown key
])
def test_invalid_props_are_refused(props):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(props)
