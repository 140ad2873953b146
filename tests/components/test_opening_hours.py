"""The opening hours block: weekday names, grouping, breaks, closed days, profile notes."""

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components.opening_hours import COMPONENT

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def day(open_="09:00", close="21:00", brk=("", ""), closed=False) -> dict:
    return {"closed": closed, "open": open_, "close": close, "break_start": brk[0],
            "break_end": brk[1]}


WEEK = {d: day(brk=("15:00", "16:00")) for d in DAYS[:5]} | {
    "sat": day("10:00", "22:00"), "sun": day("", "", closed=True)}


def render(props: dict | None = None, profile: dict | None = None, editing: bool = False,
           locale: str = "ko") -> str:
    node = {"id": "x1", "type": "opening_hours",
            "props": COMPONENT.validate_props(props or {}), "slots": {}}
    ctx = RenderContext(profile=profile or {}, editing=editing, locale=locale)
    return str(Renderer(ctx).render_node(node))


def test_defaults_validate_and_render():
    props = COMPONENT.default_props()
    assert props["heading"] == "영업시간" and props["show_break"] is True
    assert COMPONENT.uses_profile
    html = render(props, {"opening_hours": WEEK, "hours_note": "명절 당일 휴무"})
    assert "<dl" in html and "<h2" in html and "명절 당일 휴무" in html


def test_grouped_week_in_korean():
    html = render({}, {"opening_hours": WEEK})
    assert "월–금" in html and "월요일부터 금요일까지" in html
    assert "토요일" in html and "일요일" in html
    assert "<time>09:00</time>–<time>21:00</time>" in html
    assert "브레이크 타임 <time>15:00</time>–<time>16:00</time>" in html
    assert "휴무" in html
    assert html.count("<dt") == 3


def test_ungrouped_shows_every_weekday_name():
    html = render({"group_days": False}, {"opening_hours": WEEK})
    for name in ("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"):
        assert name in html
    assert html.count("<dt") == 7


def test_every_day_and_locales():
    week = {d: day() for d in DAYS}
    assert "매일" in render({}, {"opening_hours": week})
    en = render({"group_days": False}, {"opening_hours": WEEK}, locale="en")
    assert "Monday" in en and "Closed" in en and "Break" in en
    ja = render({"group_days": False}, {"opening_hours": WEEK}, locale="ja")
    assert "月曜日" in ja and "日曜日" in ja


def test_break_hidden_when_toggled_off():
    html = render({"show_break": False}, {"opening_hours": WEEK})
    assert "브레이크" not in html and "15:00" not in html


def test_days_without_data_show_a_dash():
    html = render({}, {"opening_hours": {"mon": day(), "tue": day("", "")}})
    assert "—" in html and "정보 없음" in html


def test_no_hours_renders_nothing_published_and_hint_in_editor():
    empty = {d: day("", "") for d in DAYS}
    assert render({}, {"opening_hours": empty}).strip() == ""
    assert render({}, {}).strip() == ""
    hint = render({}, {}, editing=True)
    assert "사업장 정보에서 영업시간을 입력하세요" in hint


@pytest.mark.parametrize("bad", [
    {"show_break": "sometimes"}, {"heading": "x" * 61}, {"note": "x" * 201}, {"colour": 1}])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    html = render({"heading": XSS, "note": XSS},
                  {"opening_hours": {"mon": day(XSS, XSS)}, "hours_note": XSS})
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # profile text is escaped, never markup
