"""gallery: a lazy-loaded grid of pictures with captions, columns and shapes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.editor.render import RenderContext, Renderer
from components import WIDGETS, SampleContext, get
from components.gallery import COMPONENT, STRINGS, GalleryItem

XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>'
HASHES = [f"{i:02x}" * 32 for i in range(1, 8)]
ASSETS = {h: {"width": 1200, "height": 900} for h in HASHES}


def render(props: dict | None = None, *, editing: bool = False) -> str:
    validated = COMPONENT.validate_props(props or {})
    ctx = RenderContext(profile={}, editing=editing, assets=ASSETS,
                        image_url=lambda h, w=None, ext="webp": f"/media/{h}/{w}.jpg")
    return str(Renderer(ctx).render_node(
        {"id": "x1", "type": "gallery", "props": validated, "slots": {}}))


def items(n: int, caption: str = "") -> list[dict]:
    return [{"image": {"asset": HASHES[i % len(HASHES)], "alt": f"사진 {i}"},
             "caption": caption or f"설명 {i}"} for i in range(n)]


def test_registered_with_complete_metadata():
    assert get("gallery") is COMPONENT
    assert COMPONENT.category == "media"
    fields = {**COMPONENT.props.model_fields, **GalleryItem.model_fields}
    for name, field in fields.items():
        meta = field.json_schema_extra["ui"]
        assert set(meta["label"]) == {"ko", "en", "ja"}, name
        assert meta["widget"] in WIDGETS
    for entry in STRINGS.values():
        assert set(entry) == {"ko", "en", "ja"}


def test_defaults_validate_and_render():
    props = COMPONENT.default_props(SampleContext("cafe", "ko"))
    assert len(props["items"]) == 3 and props["columns"] == 3
    assert COMPONENT.validate_props(props) == props  # stored props validate again unchanged
    # No pictures chosen in the sample: nothing published, placeholders in the editor.
    assert str(Renderer(RenderContext()).render_node(
        {"id": "x1", "type": "gallery", "props": props, "slots": {}})).strip() == ""
    editor = str(Renderer(RenderContext(editing=True)).render_node(
        {"id": "x1", "type": "gallery", "props": props, "slots": {}}))
    assert editor.count("ww-img-placeholder") == 3 and "빵집 풍경" in editor


def test_grid_of_lazy_pictures_with_captions():
    html = render({"heading": "가게 풍경", "items": items(4), "columns": 4,
                   "aspect": "landscape"})
    assert '<section class="b-gallery b-gallery--cols-4 b-gallery--landscape"' in html
    assert '<h2 class="b-gallery__heading" id="x1-heading">가게 풍경</h2>' \
        in html
    assert '<ul class="b-gallery__grid">' in html
    assert html.count('<li class="b-gallery__item">') == 4
    assert html.count('loading="lazy"') == 4 and html.count("<figcaption") == 4
    assert 'alt="사진 0"' in html and "설명 3" in html
    assert "(min-width: 720px) 25vw, 50vw" in html  # sizes follow the column count


def test_items_without_picture_are_skipped_when_published():
    html = render({"items": [{"caption": "빈 칸"}, *items(1)]})
    assert html.count("<li") == 1 and "빈 칸" not in html


def test_nothing_published_without_pictures_but_editor_hint():
    assert render({"heading": "사진"}).strip() == ""
    html = render({}, editing=True)
    assert "사진을 추가해 주세요" in html


def test_no_heading_means_no_h2():
    html = render({"items": items(2)})
    assert "<h2" not in html and "aria-labelledby" not in html


def test_xss_never_reaches_the_output():
    html = render({"heading": XSS + "풍경",
                   "items": [{"image": {"asset": HASHES[0], "alt": XSS + "빵"}, "caption": XSS}]})
    assert "<script" not in html and "onerror" not in html and "<img src=x" not in html
    assert ">풍경</h2>" in html and 'alt="빵"' in html


@pytest.mark.parametrize("props", [
    {"items": items(31)},
    {"columns": 5},
    {"columns": "many"},
    {"aspect": "circle"},
    {"items": [{"image": {"asset": HASHES[0], "alt": ""}}]},  # alt required
    {"items": [{"image": {}, "caption": "x", "link": "https://example.com"}]},
    {"items": [{"caption": "x" * 151}]},
])
def test_invalid_props_are_refused(props):
    with pytest.raises(ValidationError):
        COMPONENT.validate_props(props)
