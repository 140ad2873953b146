"""The location block: address from the profile, parking/transit notes, map app links."""

from urllib.parse import quote, urlencode

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components.location import COMPONENT

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'
ADDRESS = "서울특별시 마포구 와우산로 94"
PROFILE = {"address": ADDRESS, "address_detail": "1층"}


def render(props: dict | None = None, profile: dict | None = None, editing: bool = False) -> str:
    node = {"id": "x1", "type": "location", "props": COMPONENT.validate_props(props or {}),
            "slots": {}}
    return str(Renderer(RenderContext(profile=profile or {}, editing=editing)).render_node(node))


def test_defaults_validate_and_render():
    props = COMPONENT.default_props()
    assert props["heading"] == "오시는 길" and props["anchor"] == "location"
    assert COMPONENT.uses_profile
    html = render(props, PROFILE)
    assert 'id="location"' in html and "<address" in html and ADDRESS in html and "1층" in html
    assert "주차" in html and "대중교통" in html


def test_map_links_are_built_from_the_address():
    html = render({"show_google": True}, PROFILE)
    encoded = quote(ADDRESS)
    assert f'href="https://map.naver.com/p/search/{encoded}"' in html
    assert f'href="https://map.kakao.com/link/search/{encoded}"' in html
    google = "https://www.google.com/maps/search/?" + urlencode({"api": "1", "query": ADDRESS})
    assert f'href="{google.replace("&", "&amp;")}"' in html
    assert "네이버 지도" in html and "카카오맵" in html and "구글 지도" in html
    assert "<iframe" not in html and "<script" not in html


def test_profile_map_urls_win_and_toggles_hide_links():
    profile = PROFILE | {"naver_map_url": "https://naver.me/xyz",
                         "kakao_map_url": "https://kko.to/abc"}
    html = render({}, profile)
    assert 'href="https://naver.me/xyz"' in html and 'href="https://kko.to/abc"' in html
    assert "google.com" not in html  # off by default
    html = render({"show_naver": False, "show_kakao": False}, profile)
    assert "naver.me" not in html and "kko.to" not in html and "b-location__maps" not in html


def test_address_override():
    html = render({"address": "부산광역시 해운대구 해운대해변로 264"}, PROFILE)
    assert "해운대해변로" in html and ADDRESS not in html and "1층" not in html
    assert quote("부산광역시 해운대구 해운대해변로 264") in html


def test_no_address_hint_in_editor_and_nothing_published():
    assert render({}, {}).strip() == ""
    assert "사업장 정보에서 주소를 입력하세요" in render({}, {}, editing=True)
    # Notes alone still render, without map links.
    html = render({"parking": "주차 불가"}, {})
    assert "주차 불가" in html and "map.naver.com" not in html


@pytest.mark.parametrize("bad", [
    {"anchor": "오시는길"}, {"show_naver": "maybe"}, {"parking": "x" * 201}, {"map": 1}])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    html = render({"heading": XSS, "parking": XSS, "transit": XSS, "address": XSS + "서울"}, {})
    assert "<script" not in html and "<img" not in html and "onerror" not in html
    profile = {"address": XSS, "address_detail": XSS, "naver_map_url": "javascript:alert(1)",
               "kakao_map_url": "javascript:alert(1)"}
    html = render({}, profile)
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;" in html
