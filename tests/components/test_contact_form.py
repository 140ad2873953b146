"""contact_form: fields, consent, honeypot, editor mode, escaping."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import get
from components.contact_form import COMPONENT, option_lines

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'


def render(props: dict | None = None, *, editing: bool = False, form_action: str = "/forms",
           raw: bool = False, locale: str = "ko") -> str:
    validated = props if raw else COMPONENT.validate_props(props or {})
    ctx = RenderContext(profile={}, editing=editing, form_action=form_action, locale=locale)
    return str(Renderer(ctx).render_node(
        {"id": "x1", "type": "contact_form", "props": validated, "slots": {}}))


def test_registered():
    assert get("contact_form") is COMPONENT
    assert COMPONENT.category == "forms"


def test_defaults_validate_and_render():
    html = str(Renderer(RenderContext(form_action="/forms")).render_node(
        {"id": "x1", "type": "contact_form", "props": COMPONENT.default_props(), "slots": {}}))
    assert 'class="b-contact_form"' in html
    assert '<h2 class="b-contact_form__title"' in html and "문의하기" in html
    assert '<form class="b-contact_form__form" method="post" action="/forms"' in html
    assert "<script" not in html and "style=" not in html


def test_empty_props_get_the_standard_fields():
    props = COMPONENT.validate_props({})
    assert props["heading"] == "문의하기"
    assert props["submit_label"] == "보내기"
    assert props["success_message"] == "문의가 접수되었습니다. 곧 연락드릴게요."
    assert props["privacy_consent"] is True
    assert [(f["label"], f["kind"], f["required"]) for f in props["fields"]] == [
        ("이름", "text", True), ("연락처", "tel", True), ("이메일", "email", False),
        ("문의 내용", "textarea", True)]


def test_fields_have_labels_names_and_types():
    html = render({})
    assert '<label class="b-contact_form__label" for="ww-x1-f0">이름' in html
    assert re.search(r'<input class="b-contact_form__input" type="text" id="ww-x1-f0" '
                     r'name="f_0"[^>]* required>', html)
    assert re.search(r'type="tel" id="ww-x1-f1" name="f_1"[^>]*autocomplete="tel" '
                     r'inputmode="tel"[^>]* required>', html)
    email = re.search(r'<input[^>]*name="f_2"[^>]*>', html).group(0)
    assert 'type="email"' in email and "required" not in email
    assert re.search(r'<textarea [^>]*id="ww-x1-f3" name="f_3"[^>]* required></textarea>', html)
    # every control's id has a matching <label for>
    for control_id in re.findall(r'<(?:input|select|textarea)[^>]* id="([^"]+)"', html):
        assert f'for="{control_id}"' in html


def test_hidden_inputs_and_honeypot():
    html = render({})
    assert '<input type="hidden" name="block_id" value="x1">' in html
    assert '<input type="hidden" name="form_kind" value="contact">' in html
    honeypot = re.search(r'<div class="ww-sr-only" aria-hidden="true">.*?</div>', html, re.S)
    assert honeypot
    assert re.search(r'<input type="text" id="ww-x1-website" name="website" value="" '
                     r'tabindex="-1" autocomplete="off">', honeypot.group(0))


def test_empty_form_action_posts_to_hash():
    assert 'method="post" action="#"' in render({}, form_action="")


def test_privacy_consent_on_and_off():
    html = render({})
    assert re.search(r'<input[^>]*type="checkbox" id="ww-x1-privacy" name="privacy_consent" '
                     r'value="yes" required>', html)
    assert "개인정보 수집·이용에 동의합니다" in html
    details = re.search(r"<details.*?</details>", html, re.S).group(0)
    assert "수집·이용 목적" in details and "보유·이용 기간" in details
    assert "이름, 연락처, 이메일, 문의 내용" in details  # the items actually collected
    assert "문의 처리 후 1년간 보관 후 파기" in details
    assert "거부" in details  # the right to refuse (개인정보보호법 §15 ②)
    custom = render({"privacy_retention": "3개월"})
    assert "<dd>3개월</dd>" in custom
    off = render({"privacy_consent": False})
    assert "privacy_consent" not in off and "<details" not in off


def test_select_options_split_by_comma_or_line():
    assert option_lines("단체 주문, 케이크 예약 ,,대관") == "단체 주문\n케이크 예약\n대관"
    assert option_lines("A, B\nC\n\nC") == "A, B\nC"  # lines win over commas
    html = render({"fields": [{"label": "종류", "kind": "select", "required": True,
                               "options": "단체 주문, 케이크 예약\n"}]})
    select = re.search(r"<select.*?</select>", html, re.S).group(0)
    assert 'name="f_0"' in select and "required" in select
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select) == [
        "선택해 주세요", "단체 주문", "케이크 예약"]
    assert '<option value="">' in select


def test_other_kinds():
    html = render({"fields": [
        {"label": "날짜", "kind": "date"}, {"label": "시간", "kind": "time"},
        {"label": "인원", "kind": "number", "placeholder": "2"},
        {"label": "소식 받기", "kind": "checkbox", "required": True}]})
    assert re.search(r'type="date" id="ww-x1-f0" name="f_0"', html)
    assert re.search(r'type="time" id="ww-x1-f1" name="f_1"', html)
    assert re.search(r'type="number" id="ww-x1-f2" name="f_2" inputmode="numeric" '
                     r'placeholder="2">', html)
    assert re.search(r'<input class="b-contact_form__check" type="checkbox" id="ww-x1-f3" '
                     r'name="f_3" value="예" required>', html)


def test_unlabelled_fields_are_skipped_but_keep_their_index():
    html = render({"fields": [{"label": ""}, {"label": "이름"}]})
    assert 'name="f_0"' not in html
    assert 'name="f_1"' in html
    editing = render({"fields": [{"label": ""}]}, editing=True)
    assert 'name="f_0"' in editing and "이름 없는 항목" in editing


def test_editing_disables_inputs_and_shows_hints():
    html = render({"intro": ""}, editing=True)
    assert 'class="b-contact_form b-contact_form--editing"' in html
    for control in re.findall(r"<(?:input(?! type=\"hidden\")|select|textarea|button)[^>]*>",
                              html):
        assert " disabled" in control, control
    assert 'data-inline="intro"' in html  # empty intro stays editable on the canvas
    assert 'data-inline="success_message"' in html
    assert 'id="ww-x1-sent"' not in html
    assert "disabled" not in render({})


def test_success_message_is_target_of_redirect():
    html = render({"success_message": "감사합니다!"})
    assert '<p class="b-contact_form__sent" id="ww-x1-sent" role="status">감사합니다!</p>' in html


def test_empty_optional_texts_render_nothing():
    html = render({"heading": "", "intro": ""})
    assert "<h2" not in html and "b-contact_form__intro" not in html
    assert "aria-labelledby" not in html


def test_submit_label_falls_back():
    assert ">보내기</button>" in render({"submit_label": ""})
    assert ">지금 보내기</button>" in render({"submit_label": "지금 보내기"})


def test_locale_strings():
    html = render({}, locale="en")
    assert "I agree to the collection" in html and "Please choose" not in html
    assert "marks a required field." in html


@pytest.mark.parametrize("bad", [
    {"fields": [{"label": "파일", "kind": "file"}]},
    {"fields": [{"label": "x"}] * 13},
    {"fields": [{"label": "가" * 41}]},
    {"fields": [{"label": "이름", "colour": "red"}]},
    {"heading": "가" * 61},
    {"privacy_consent": "maybe"},
    {"unknown": 1},
])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    props = COMPONENT.validate_props({
        "heading": XSS, "intro": XSS, "submit_label": "javascript:alert(1)",
        "success_message": XSS, "privacy_retention": XSS,
        "fields": [{"label": XSS[:40], "kind": "select", "options": XSS + ", javascript:alert(1)",
                    "placeholder": '"><script>alert(1)</script>'}],
    })
    for editing in (False, True):
        html = render(props, raw=True, editing=editing)
        assert "<script" not in html and "<img" not in html
        assert "onerror" not in html
        assert 'href="javascript' not in html


def test_xss_in_block_id_and_action_is_escaped():
    ctx = RenderContext(form_action='"><script>alert(1)</script>')
    html = str(Renderer(ctx).render_node({"id": '"><script>x</script>', "type": "contact_form",
                                          "props": COMPONENT.default_props(), "slots": {}}))
    assert "<script" not in html
