"""footer: business information from the profile, hours summary, links, copyright."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import get
from components.footer import COMPONENT

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'

HOURS = {d: {"closed": False, "open": "09:00", "close": "21:00", "break_start": "15:00",
             "break_end": "16:00"} for d in ("mon", "tue", "wed", "thu", "fri")} | {
    "sat": {"closed": False, "open": "10:00", "close": "22:00", "break_start": "",
            "break_end": ""},
    "sun": {"closed": True, "open": "", "close": "", "break_start": "", "break_end": ""},
}
PROFILE = {
    "business_name": "행복한 빵집", "representative": "김행복",
    "business_number": "220-81-62517", "mail_order_number": "제2024-서울마포-01234호",
    "address": "서울특별시 마포구 와우산로 94", "address_detail": "1층",
    "phone": "02-336-1234", "email": "hello@bakery.kr", "instagram": "@happy.bakery",
    "kakao_channel_url": "https://pf.kakao.com/_abcde", "opening_hours": HOURS,
}
PAGES = [{"id": 1, "title": "홈", "path": "/"}, {"id": 7, "title": "메뉴", "path": "/menu"}]


def render(props: dict | None = None, *, profile: dict | None = None, editing: bool = False,
           pages: list | None = None, raw: bool = False, locale: str = "ko") -> str:
    validated = props if raw else COMPONENT.validate_props(props or {})
    ctx = RenderContext(profile=PROFILE if profile is None else profile, editing=editing,
                        pages=pages or [], page_url=lambda pid: f"/p/{pid}", locale=locale)
    return str(Renderer(ctx).render_node(
        {"id": "f1", "type": "footer", "props": validated, "slots": {}}))


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_registered_as_singleton_using_profile():
    assert get("footer") is COMPONENT
    assert COMPONENT.singleton and COMPONENT.uses_profile and COMPONENT.category == "site"


def test_defaults_validate_and_render():
    html = str(Renderer(RenderContext(profile=PROFILE)).render_node(
        {"id": "f1", "type": "footer", "props": COMPONENT.default_props(), "slots": {}}))
    assert html.lstrip().startswith('<footer class="b-footer">')
    assert "<script" not in html and "style=" not in html


def test_business_information_as_definition_list():
    html = render({})
    info = re.search(r'<dl class="b-footer__list b-footer__info">.*?</dl>', html, re.S).group(0)
    pairs = re.findall(r"<dt>([^<]*)</dt><dd>(.*?)</dd>", info)
    assert [(dt, text(dd)) for dt, dd in pairs] == [
        ("상호", "행복한 빵집"), ("대표자", "김행복"), ("사업자등록번호", "220-81-62517"),
        ("통신판매업 신고번호", "제2024-서울마포-01234호"),
        ("주소", "서울특별시 마포구 와우산로 94 1층"), ("전화", "02-336-1234"),
        ("이메일", "hello@bakery.kr")]
    assert '<a class="b-footer__link" href="tel:023361234">02-336-1234</a>' in info
    assert 'href="mailto:hello@bakery.kr"' in info


def test_ftc_business_check_link():
    html = render({})
    assert 'href="https://www.ftc.go.kr/bizCommPop.do?wrkr_no=2208162517"' in html
    assert "사업자정보확인" in html
    no_number = render({}, profile={**PROFILE, "business_number": ""})
    assert "ftc.go.kr" not in no_number and "사업자등록번호" not in no_number


def test_missing_fields_are_omitted():
    html = render({}, profile={"business_name": "작은 카페", "phone": "010-1234-5678"})
    assert "작은 카페" in html and 'href="tel:01012345678"' in html
    for label in ("대표자", "사업자등록번호", "통신판매업", "주소", "이메일", "영업시간",
                  "ftc.go.kr", "인스타그램"):
        assert label not in html


def test_hours_summary_groups_days():
    html = render({})
    hours = text(re.search(r'<div class="b-footer__row b-footer__hours">.*?</div>', html,
                           re.S).group(0))
    assert hours == ("영업시간 월~금 09:00~21:00 (브레이크 타임 15:00~16:00) "
                     "토 10:00~22:00 일 휴무")
    assert "영업시간" not in render({"show_hours": False})


def test_hours_every_day_and_english():
    same = {d: {"closed": False, "open": "08:00", "close": "20:00"}
            for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    assert "매일 08:00~20:00" in text(render({}, profile={**PROFILE, "opening_hours": same}))
    english = text(render({}, locale="en"))
    assert "Mon–Fri 09:00–21:00 (break 15:00–16:00)" in english
    assert "Sun Closed" in english


def test_hours_non_adjacent_days_are_not_merged():
    hours = {"mon": {"closed": True}, "tue": {"open": "09:00", "close": "18:00"},
             "wed": {"closed": True}, "thu": {"open": "", "close": ""}}
    summary = text(render({}, profile={"business_name": "가게", "opening_hours": hours}))
    assert "월 휴무 화 09:00~18:00 수 휴무" in summary
    assert "목" not in summary


def test_navigation_links_to_pages():
    html = render({}, pages=PAGES)
    nav = re.search(r"<nav[^>]*>.*?</nav>", html, re.S).group(0)
    assert 'aria-label="바닥글 메뉴"' in nav
    assert re.findall(r'href="([^"]+)">([^<]+)</a>', nav) == [("/p/1", "홈"), ("/p/7", "메뉴")]
    assert "<nav" not in render({"show_nav": False}, pages=PAGES)
    assert "<nav" not in render({})


def test_social_links():
    html = render({})
    assert 'href="https://www.instagram.com/happy.bakery/"' in html
    assert 'href="https://pf.kakao.com/_abcde"' in html
    assert "instagram.com" not in render({"show_social": False})
    unsafe = render({}, profile={**PROFILE, "kakao_channel_url": "javascript:alert(1)"})
    assert "javascript:" not in unsafe


def test_copyright():
    assert '<p class="b-footer__copy">© 행복한 빵집</p>' in render({})
    assert '<p class="b-footer__copy">© 2025 행복한 빵집</p>' in render({"year": "2025"})
    assert ">Since 2019 빵집<" in render({"copyright": "Since 2019 빵집"})
    assert "b-footer__copy" not in render({}, profile={"phone": "02-1"})


def test_extra_line():
    html = render({"extra_line": "호스팅: 윈드워커"})
    assert re.search(
        r'<p class="b-footer__extra"[^>]*>호스팅: 윈드워커</p>', html)
    assert "b-footer__extra" not in render({})


def test_empty_profile():
    assert render({}, profile={}).strip() == ""
    editing = render({}, profile={}, editing=True)
    assert "사업장 정보를 입력하면 여기에 표시됩니다" in editing
    assert 'data-inline="extra_line"' in editing


@pytest.mark.parametrize("bad", [
    {"year": "25"}, {"year": "twenty"}, {"copyright": "가" * 121}, {"show_nav": "often"},
    {"extra_line": "가" * 201}, {"color": "red"},
])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    props = COMPONENT.validate_props({"extra_line": XSS, "copyright": XSS + " javascript:x"})
    evil = {k: XSS for k in ("business_name", "representative", "business_number",
                             "mail_order_number", "address", "address_detail", "phone",
                             "email", "hours_note")}
    evil |= {"instagram": 'javascript:alert(1)"><script>', "kakao_channel_url":
             "javascript:alert(1)", "opening_hours": {"mon": {"open": XSS, "close": XSS}}}
    for editing in (False, True):
        html = render(props, raw=True, profile=evil, editing=editing,
                      pages=[{"id": 1, "title": XSS, "path": "/"}])
        assert "<script" not in html and "<img" not in html
        assert 'href="javascript' not in html and "onerror=alert(1)>" not in html
