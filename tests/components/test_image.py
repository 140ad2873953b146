"""image: one picture with alt text, caption, width and optional link."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import WIDGETS, SampleContext, get
from components.image import COMPONENT, STRINGS

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'
ASSET = "ab" * 32
ASSETS = {ASSET: {"width": 1600, "height": 1200}}


def render(props: dict | None = None, *, editing: bool = False, assets=None) -> str:
    validated = COMPONENT.validate_props(props or {})
    ctx = RenderContext(profile={}, editing=editing, assets=ASSETS if assets is None else assets,
                        image_url=lambda h, w=None, ext="webp": f"/media/{h}/{w}.jpg",
                        page_url=lambda pid: f"/page-{pid}")
    return str(Renderer(ctx).render_node(
        {"id": "x1", "type": "image", "props": validated, "slots": {}}))


def picture(alt: str = "갓 구운 크루아상") -> dict:
    return {"asset": ASSET, "alt": alt}


def test_registered_with_complete_metadata():
    assert get("image") is COMPONENT
    assert COMPONENT.category == "media"
    for name, field in COMPONENT.props.model_fields.items():
        meta = field.json_schema_extra["ui"]
        assert set(meta["label"]) == {"ko", "en", "ja"}, name
        assert meta["widget"] in WIDGETS
    for entry in STRINGS.values():
        assert set(entry) == {"ko", "en", "ja"}


def test_defaults_validate_and_render():
    props = COMPONENT.default_props(SampleContext("cafe", "ko"))
    published = str(Renderer(RenderContext()).render_node(
        {"id": "x1", "type": "image", "props": props, "slots": {}}))
    assert published.strip() == ""  # no picture chosen yet: nothing on the live site
    editor = render({}, editing=True) and str(Renderer(RenderContext(editing=True)).render_node(
        {"id": "x1", "type": "image", "props": props, "slots": {}}))
    assert "ww-img-placeholder" in editor and "사진을 골라 주세요" in editor
    assert 'data-inline="caption">매일 아침, 오븐에서' in editor


def test_picture_with_caption():
    html = render({"image": picture(), "caption": "오늘의 빵"})
    assert '<figure class="b-image b-image--content">' in html
    assert 'alt="갓 구운 크루아상"' in html and 'class="b-image__img' in html
    assert 'srcset="/media/' in html and 'width="1600" height="1200"' in html
    assert 'loading="lazy"' in html
    assert '<figcaption class="b-image__caption">오늘의 빵</figcaption>' \
        in html
    assert "<a " not in html and "style=" not in html


def test_no_caption_means_no_figcaption():
    assert "<figcaption" not in render({"image": picture()})


@pytest.mark.parametrize("width, sizes", [("content", "1000px"), ("wide", "1300px"),
                                          ("full", 'sizes="100vw"')])
def test_widths(width, sizes):
    html = render({"image": picture(), "width": width})
    assert f"b-image--{width}" in html and sizes in html


def test_link_wraps_the_picture_and_alt_names_it():
    html = render({"image": picture("메뉴판"), "link": "page:3"})
    assert '<a class="b-image__link" href="/page-3">' in html
    start = html.index("<a ")
    assert 'alt="메뉴판"' in html[start:html.index("</a>")]


def test_alt_is_required_once_a_picture_is_chosen():
    with pytest.raises(ValidationError):
        COMPONENT.validate_props({"image": {"asset": ASSET, "alt": ""}})
    with pytest.raises(ValidationError):
        COMPONENT.validate_props({"image": {"asset": ASSET, "alt": "<b></b>"}})


def test_xss_never_reaches_the_output():
    html = render({"image": {"asset": ASSET, "alt": XSS + "빵"}, "caption": XSS})
    assert "<script" not in html and "onerror" not in html and "<img src=x" not in html
    assert 'alt="빵"' in html
    with pytest.raises(ValidationError):
        COMPONENT.validate_props({"image": picture(), "link": "javascript:alert(1)"})
    with pytest.raises(ValidationError):
        COMPONENT.validate_props({"image": {"asset": '"><script>', "alt": "x"}})


def test_unknown_asset_renders_nothing():
    assert render({"image": picture()}, assets={}).strip() == ""


@pytest.mark.parametrize("props", [
    {"width": "huge"},
    {"caption": "x" * 201},
    {"image": {"asset": "not-a-hash", "alt": "x"}},
    {"image": {"asset": ASSET, "alt": "x", "focal_x": 150}},
    {"src": "https://example.com/a.jpg"},
])
def test_invalid_props_are_refused(props):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(props)
