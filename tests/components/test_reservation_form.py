"""reservation_form: fixed fields, time slots, party size, extras, consent, escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import ROOT, SampleContext, get
from components.reservation_form import COMPONENT

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'


def render(props: dict | None = None, *, editing: bool = False, form_action: str = "/forms",
           raw: bool = False) -> str:
    validated = props if raw else COMPONENT.validate_props(props or {})
    ctx = RenderContext(profile={}, editing=editing, form_action=form_action)
    return str(Renderer(ctx).render_node(
        {"id": "r1", "type": "reservation_form", "props": validated, "slots": {}}))


def control(html: str, name: str) -> str:
    match = re.search(rf'<(input|select|textarea)[^>]* name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def test_registered():
    assert get("reservation_form") is COMPONENT
    assert COMPONENT.category == "forms"


def test_defaults_validate_and_render():
    html = str(Renderer(RenderContext(form_action="/forms")).render_node(
        {"id": "r1", "type": "reservation_form",
         "props": COMPONENT.default_props(SampleContext("restaurant", "ko")), "slots": {}}))
    assert 'class="b-reservation_form"' in html and "자리 예약" in html
    assert "예약은 확정 문자를 받으시면 완료돼요" in html
    assert "<script" not in html and "style=" not in html


def test_empty_props_defaults():
    props = COMPONENT.validate_props({})
    assert props["heading"] == "예약 문의"
    assert props["submit_label"] == "예약 요청하기"
    assert props["fields"] == [] and props["privacy_consent"] is True


def test_fixed_fields():
    html = render({})
    assert '<form class="b-reservation_form__form" method="post" action="/forms"' in html
    assert '<input type="hidden" name="form_kind" value="reservation">' in html
    assert '<input type="hidden" name="block_id" value="r1">' in html
    name = control(html, "name")
    assert 'type="text"' in name and 'autocomplete="name"' in name and "required" in name
    phone = control(html, "phone")
    assert 'type="tel"' in phone and "required" in phone
    date = control(html, "date")
    assert 'type="date"' in date and "required" in date
    time = control(html, "time")  # no slots: free time input
    assert 'type="time"' in time and "required" in time
    for label in ("이름", "연락처", "방문 날짜", "방문 시간", "인원"):
        assert f">{label} <span" in html
    for control_id in re.findall(r'<(?:input|select|textarea)[^>]* id="([^"]+)"', html):
        assert f'for="{control_id}"' in html
    assert re.search(r'name="website" value="" tabindex="-1" autocomplete="off"', html)


def test_time_slots_become_a_select():
    html = render({"time_slots": "11:00, 12:00\n13:00"})
    select = re.search(r'<select[^>]* name="time".*?</select>', html, re.S).group(0)
    assert "required" in select
    assert re.findall(r"<option>([^<]*)</option>", select) == ["11:00", "12:00", "13:00"]


def test_party_size_select_in_korean():
    html = render({"min_party": 2, "max_party": 4})
    select = re.search(r'<select[^>]* name="party_size".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="(\d+)">(\d+명)</option>', select) == [
        ("2", "2명"), ("3", "3명"), ("4", "4명")]
    assert "required" in select


def test_large_party_range_uses_number_input():
    party = control(render({"min_party": 1, "max_party": 100}), "party_size")
    assert 'type="number"' in party and 'min="1"' in party and 'max="100"' in party


def test_party_size_can_be_hidden():
    html = render({"show_party_size": False})
    assert "party_size" not in html and ">인원" not in html


def test_extra_fields_use_indexed_names():
    html = render({"fields": [{"label": "요청 사항", "kind": "textarea"},
                              {"label": "차량 번호", "kind": "text", "required": True}]})
    assert re.search(r'<textarea[^>]* name="f_0"', html)
    assert "required" in control(html, "f_1")
    details = re.search(r"<details.*?</details>", html, re.S).group(0)
    assert "이름, 연락처, 방문 날짜, 방문 시간, 인원, 요청 사항, 차량 번호" in details
    assert "예약 확인 및 안내 연락" in details


def test_privacy_consent_toggle():
    assert re.search(r'name="privacy_consent" value="yes" required', render({}))
    assert "privacy_consent" not in render({"privacy_consent": False})


def test_note_and_editing():
    assert "b-reservation_form__notice" not in render({"note": ""})
    html = render({"note": ""}, editing=True)
    assert 'data-inline="note"' in html
    for tag in re.findall(r"<(?:input(?! type=\"hidden\")|select|textarea|button)[^>]*>", html):
        assert " disabled" in tag, tag
    assert "disabled" not in render({})


def test_empty_action_renders_hash():
    assert 'action="#"' in render({}, form_action="")


@pytest.mark.parametrize("bad", [
    {"min_party": 0},
    {"max_party": 101},
    {"min_party": 5, "max_party": 2},
    {"fields": [{"label": "x"}] * 9},
    {"fields": [{"label": "x", "kind": "password"}]},
    {"time_slots": "1," * 200},
    {"surprise": True},
])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    props = COMPONENT.validate_props({
        "heading": XSS, "intro": XSS, "note": XSS, "time_slots": XSS + ", javascript:alert(1)",
        "submit_label": "javascript:alert(1)", "success_message": XSS,
        "fields": [{"label": XSS[:40], "options": XSS, "placeholder": XSS[:80]}],
    })
    for editing in (False, True):
        html = render(props, raw=True, editing=editing)
        assert "<script" not in html and "<img" not in html and "onerror" not in html
        assert 'href="javascript' not in html


def test_css_shares_the_contact_form_rules():
    """The shared rules are duplicated (a component's CSS is only loaded when it is used)."""
    contact = (ROOT / "contact_form" / "style.css").read_text(encoding="utf-8")
    mine = Path(ROOT / "reservation_form" / "style.css").read_text(encoding="utf-8")
    for line in contact.splitlines():
        assert line.replace("b-contact_form", "b-reservation_form") in mine, line
    assert "b-contact_form" not in mine
