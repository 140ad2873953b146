"""faq: <details>/<summary> questions, sanitised answers, limits, editor hints."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import WIDGETS, SampleContext, get
from components.faq import COMPONENT, STRINGS, FaqItem

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'


def render(props: dict | None = None, *, editing: bool = False) -> str:
    validated = COMPONENT.validate_props(props or {})
    return str(Renderer(RenderContext(profile={}, editing=editing)).render_node(
        {"id": "x1", "type": "faq", "props": validated, "slots": {}}))


def test_registered_with_complete_metadata():
    assert get("faq") is COMPONENT
    fields = {**COMPONENT.props.model_fields, **FaqItem.model_fields}
    for name, field in fields.items():
        meta = field.json_schema_extra["ui"]
        assert set(meta["label"]) == {"ko", "en", "ja"}, name
        assert meta["widget"] in WIDGETS
    assert COMPONENT.props.model_fields["items"].json_schema_extra["ui"]["item_label"]
    for entry in STRINGS.values():
        assert set(entry) == {"ko", "en", "ja"}


def test_defaults_validate_and_render():
    props = COMPONENT.default_props(SampleContext("cafe", "ko"))
    html = str(Renderer(RenderContext()).render_node(
        {"id": "x1", "type": "faq", "props": props, "slots": {}}))
    assert '<section class="b-faq" aria-labelledby="x1-heading">' in html
    assert '<h2 class="b-faq__heading" id="x1-heading">자주 묻는 질문</h2>' \
        in html
    assert html.count("<details") == len(props["items"]) == html.count("<summary")
    assert "주차할 수 있나요?" in html and "<strong>공영주차장</strong>" in html
    assert "<script" not in html and "style=" not in html


def test_no_details_are_open_by_default_and_no_javascript():
    html = render({"items": [{"question": "Q?", "answer": "<p>A</p>"}]})
    assert "<details class=\"b-faq__item\">" in html and " open" not in html
    assert "<script" not in html and "onclick" not in html


def test_answer_is_sanitised_and_question_is_plain_text():
    html = render({"items": [{"question": XSS + "주차?", "answer": XSS + "<p>네</p>"
                              '<a href="javascript:alert(1)">x</a>'}],
                   "heading": XSS})
    assert "<script" not in html and "<img" not in html and "onerror" not in html
    assert "javascript:" not in html
    assert '<span class="b-faq__text">주차?</span>' in html and "<p>네</p>" in html
    assert "<h2" not in html  # the heading was nothing but markup


def test_items_without_a_question_are_skipped_and_no_heading_means_no_h2():
    html = render({"items": [{"question": "", "answer": "<p>orphan</p>"},
                             {"question": "진짜 질문", "answer": "<p>답</p>"}]})
    assert html.count("<details") == 1 and "orphan" not in html
    assert "<h2" not in html and "aria-labelledby" not in html


def test_empty_renders_nothing_but_a_hint_in_the_editor():
    assert render({"heading": "자주 묻는 질문"}).strip() == ""
    html = render({}, editing=True)
    assert "질문을 추가해 주세요" in html
    html = render({"items": [{"question": "답 없는 질문"}]}, editing=True)
    assert "답변을 입력해 주세요" in html
    assert "답변을 입력해 주세요" not in render({"items": [{"question": "답 없는 질문"}]})


@pytest.mark.parametrize("props", [
    {"items": [{"question": "q", "answer": "a"}] * 31},
    {"items": [{"question": "q", "answer": "a", "extra": 1}]},
    {"items": [{"question": "x" * 201}]},
    {"items": "not a list"},
    {"heading": "x" * 81},
])
def test_invalid_props_are_refused(props):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(props)


def test_thirty_items_are_allowed():
    props = COMPONENT.validate_props({"items": [{"question": f"q{i}"} for i in range(30)]})
    assert len(props["items"]) == 30
