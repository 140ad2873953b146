"""The social links block: labelled icon links to social media."""

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import SampleContext
from components.social_links import COMPONENT

KINDS = ["instagram", "naver_blog", "kakao", "youtube", "facebook", "website"]


def render(props: dict | None = None, editing: bool = False, locale: str = "ko") -> str:
    node = {"id": "x1", "type": "social_links", "props": COMPONENT.validate_props(props or {}),
            "slots": {}}
    return str(Renderer(RenderContext(editing=editing, locale=locale)).render_node(node))


def test_the_sample_links_the_profiles_accounts_and_invents_none():
    assert COMPONENT.category == "site"
    props = COMPONENT.default_props(SampleContext(links={
        "instagram": "https://www.instagram.com/happy.bakery/"}))
    assert [i["kind"] for i in props["items"]] == ["instagram", "naver_blog", "kakao"]
    html = render(props)
    assert "<nav" in html and 'aria-label="소셜 미디어"' in html
    assert 'href="https://www.instagram.com/happy.bakery/"' in html
    assert html.count("<svg") == 1 and html.count('aria-hidden="true"') == 1
    # Without accounts in the profile: empty rows to fill in, nothing shown to visitors.
    bare = COMPONENT.default_props()
    assert all(i["url"] == "" for i in bare["items"]) and render(bare).strip() == ""


def test_every_kind_has_an_accessible_name_and_icon():
    html = render({"items": [{"kind": k, "url": f"https://example.com/{k}"} for k in KINDS]})
    for label in ("인스타그램", "네이버 블로그", "카카오톡 채널", "유튜브", "페이스북", "홈페이지"):
        assert f'<span class="ww-sr-only">{label}</span>' in html
    assert html.count("<svg") == 6
    en = render({"items": [{"kind": "naver_blog", "url": "https://blog.naver.com/x"}]},
                locale="en")
    assert "Naver Blog" in en


def test_visible_labels_and_bare_domains():
    props = COMPONENT.validate_props({"show_labels": True, "items": [
        {"kind": "website", "url": "bakery.kr"}]})
    assert props["items"][0]["url"] == "https://bakery.kr"
    html = render(props)
    assert '<span class="b-social_links__label">홈페이지</span>' in html


@pytest.mark.parametrize("bad", [
    {"items": [{"kind": "tiktok", "url": "https://tiktok.com"}]},
    {"items": [{"kind": "website", "url": "javascript:alert(1)"}]},
    {"items": [{"kind": "website", "url": "https://a.kr", "label": "x"}]},
    {"items": [{"kind": "website", "url": "https://a.kr"}] * 13},
    {"align": "right"}])
def test_invalid_props_are_refused(bad):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(bad)


def test_xss_never_reaches_output():
    html = render({"heading": '<script>alert(1)</script><img src=x onerror=alert(1)>SNS',
                   "items": [{"kind": "website", "url": "https://a.kr/?q=1&x=2"}]})
    assert "https://a.kr/?q=1&amp;x=2" in html
    assert "<script" not in html and "<img" not in html and "onerror" not in html
    with pytest.raises(ValidationError):
        COMPONENT.validate_props({"items": [{"kind": "website", "url": 'https://a.kr/"><script>'}]})


def test_links_without_url_hidden_and_editor_hint():
    assert render({"items": [{"kind": "instagram", "url": ""}]}).strip() == ""
    assert "SNS 주소를 추가하세요" in render({}, editing=True)
