"""hero: a picture chosen while the layout is "text only" switches to a layout that shows it,
in the same operation (one undo), and the owner is told."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from components.hero import COMPONENT, PICTURE_LAYOUT, show_the_picture
from tests.conftest import text_of
from tests.editor.conftest import make_editor

ASSET = "ab" * 32


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(ASSET_DIR=str(tmp_path / "assets"))


def upload_photo(web, site_id: int) -> str:
    image = Image.new("RGB", (1200, 800), (180, 120, 80))
    data = io.BytesIO()
    image.save(data, "JPEG")
    data.seek(0)
    r = web.post(f"/sites/{site_id}/assets", {"file": (data, "cafe.jpg"), "alt": "카페 전경"},
                 content_type="multipart/form-data")
    assert r.status_code in (200, 303), text_of(r)[:300]
    from app.assets.operations import asset_index
    from app.db import db
    from app.models import Site

    site = db.session.get(Site, site_id)
    [digest] = list(asset_index(site))
    return digest


@pytest.mark.parametrize("before, after, switches", [
    ({"layout": "plain", "image": {}}, {"layout": "plain", "image": {"asset": ASSET}}, True),
    # The layout the owner picked stays when the picture already shows …
    ({"layout": "overlay", "image": {}}, {"layout": "overlay", "image": {"asset": ASSET}}, False),
    # … or when only the alt text of the same picture changed (text only on purpose).
    ({"layout": "plain", "image": {"asset": ASSET}},
     {"layout": "plain", "image": {"asset": ASSET, "alt": "새 설명"}}, False),
    # Removing the picture changes nothing else.
    ({"layout": "plain", "image": {"asset": ASSET}}, {"layout": "plain", "image": {}}, False),
])
def test_only_a_newly_chosen_picture_on_a_text_only_hero_switches_the_layout(before, after,
                                                                               switches):
    follow = show_the_picture("image", before, after)
    assert (follow is not None) == switches
    if follow:
        assert follow.props == {"layout": PICTURE_LAYOUT}
        assert set(follow.note) == {"ko", "en", "ja"}
    assert show_the_picture("title", before, after) is None
    assert COMPONENT.on_prop_change is show_the_picture


def test_choosing_a_picture_for_a_text_only_hero_is_one_undoable_change(owner, app):
    editor = make_editor(owner, app)
    [hero] = editor.insert("hero")
    assert hero["props"]["layout"] == "plain"
    with app.app_context():
        digest = upload_photo(owner, editor.site_id)
    r = editor.set_prop(hero["id"], "image", {"value.asset": digest, "value.alt": "카페 전경",
                                              "refresh": "1"})
    assert r.status_code == 200
    [hero_now] = editor.blocks()
    assert hero_now["props"]["layout"] == PICTURE_LAYOUT
    assert hero_now["props"]["image"]["asset"] == digest
    html = text_of(r)
    assert "사진이 보이도록 배치를 ‘글자와 사진 나란히’로 바꿨어요." in html  # the toast
    assert 'id="panel" hx-swap-oob="innerHTML"' in html  # the whole panel, new layout shown
    assert re.search(r'<option value="split"\s+selected', html)
    assert "b-hero--split" in html  # the canvas shows the picture
    editor.web.post(f"{editor.base}/undo", {}, htmx=True)  # one undo takes both back
    [hero_back] = editor.blocks()
    assert hero_back["props"]["layout"] == "plain" and not hero_back["props"]["image"].get(
        "asset")
