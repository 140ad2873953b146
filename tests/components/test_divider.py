"""divider: line, dots and plain space; editor hint for the invisible spacer."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import WIDGETS, get
from components.divider import COMPONENT, STRINGS


def render(props: dict | None = None, *, editing: bool = False) -> str:
    validated = COMPONENT.validate_props(props or {})
    return str(Renderer(RenderContext(profile={}, editing=editing)).render_node(
        {"id": "x1", "type": "divider", "props": validated, "slots": {}}))


def test_registered_with_complete_metadata():
    assert get("divider") is COMPONENT
    assert COMPONENT.category == "layout"
    for name, field in COMPONENT.props.model_fields.items():
        meta = field.json_schema_extra["ui"]
        assert set(meta["label"]) == {"ko", "en", "ja"}, name
        assert meta["widget"] in WIDGETS
    for entry in STRINGS.values():
        assert set(entry) == {"ko", "en", "ja"}


def test_defaults_validate_and_render_a_line():
    html = str(Renderer(RenderContext()).render_node(
        {"id": "x1", "type": "divider", "props": COMPONENT.default_props(), "slots": {}}))
    assert 'class="b-divider b-divider--line b-divider--medium"' in html
    assert '<hr class="b-divider__rule">' in html
    assert "style=" not in html and "<script" not in html


def test_dots_are_a_thematic_break_too():
    html = render({"style": "dots", "size": "large"})
    assert "b-divider--dots" in html and "b-divider--large" in html
    assert "<hr" in html


def test_space_is_hidden_from_screen_readers_and_has_no_rule():
    html = render({"style": "space", "size": "small"})
    assert "b-divider--space" in html and "b-divider--small" in html
    assert 'aria-hidden="true"' in html
    assert "<hr" not in html
    assert "여백" not in html  # no hint on the published page


def test_space_shows_a_hint_in_the_editor():
    html = render({"style": "space"}, editing=True)
    assert "b-divider--editing" in html
    assert '<span class="b-divider__hint">여백</span>' in html


@pytest.mark.parametrize("props", [
    {"style": "zigzag"},
    {"size": "huge"},
    {"color": "red"},  # unknown key
    {"style": "<script>alert(1)</script>"},
])
def test_invalid_props_are_refused(props):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(props)
