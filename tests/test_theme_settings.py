"""The owner's design settings: validation per field and type, effective tokens and CSS, and
what reaches the published site (logo, favicon icons, theme colour, theme settings, page
cache)."""

from __future__ import annotations

import io
import re

import pytest
from flask_babel import force_locale
from PIL import Image
from sqlalchemy import select

from app.db import db
from app.models import Asset, Site
from app.publishing.compiler import PageCache, compile_site
from app.publishing.snapshot import read_asset, snapshot_site
from app.theme_packages.validator import validate_folder
from app.theme_settings import (
    DesignInvalid,
    DesignSettings,
    contrast_ratio,
    contrast_warnings,
    effective_tokens,
    form_data,
    load_settings,
    setting_values,
    validate_design,
)
from app.theming import THEMES_ROOT, design_css, load_theme, site_css
from tests.conftest import text_of
from tests.editor.conftest import make_editor

HASH_A = "a" * 64
HASH_B = "b" * 64

MANIFEST = {
    "tokens": {
        "colors": {"primary": "#2f5d50", "primary-contrast": "#ffffff", "bg": "#ffffff",
                   "surface": "#f6f3ee", "text": "#1f2421", "secondary": "#c8793b",
                   "accent": "#e4b363"},
        "fonts": {"body": "system-ui, sans-serif", "heading": "Georgia, serif"},
        "space": "1.5rem", "gutter": "1.25rem", "radius": "12px", "content-width": "1040px",
    },
    "settings": [
        {"key": "announcement", "type": "text", "label": {"ko": "안내", "en": "A", "ja": "A"},
         "default": ""},
        {"key": "band", "type": "color", "label": {"ko": "띠", "en": "B", "ja": "B"},
         "default": "#123456"},
        {"key": "layout", "type": "select", "label": {"ko": "배치", "en": "L", "ja": "L"},
         "default": "left", "options": [
             {"value": "left", "label": {"ko": "왼쪽", "en": "Left", "ja": "左"}},
             {"value": "center", "label": {"ko": "가운데", "en": "Centre", "ja": "中央"}}]},
        {"key": "sticky", "type": "toggle", "label": {"ko": "고정", "en": "S", "ja": "S"},
         "default": False},
        {"key": "columns", "type": "number", "label": {"ko": "칸", "en": "C", "ja": "C"},
         "default": 3, "min": 1, "max": 4},
        {"key": "hero_picture", "type": "image", "label": {"ko": "그림", "en": "P", "ja": "P"},
         "default": ""},
        {"key": "quote_font", "type": "font", "label": {"ko": "글꼴", "en": "F", "ja": "F"},
         "default": "Georgia, serif"},
    ],
}


def refused(data, assets=()):
    with pytest.raises(DesignInvalid) as info:
        validate_design(MANIFEST, data, assets=assets)
    return info.value.errors


# --- validation ------------------------------------------------------------------------------

def test_nothing_chosen_is_the_theme_as_it_is():
    design = validate_design(MANIFEST, {})
    assert design.stored() == {}
    assert effective_tokens(MANIFEST, design) == MANIFEST["tokens"]


def test_colours_must_be_hex_and_each_bad_one_is_named():
    errors = refused({"colors": {"primary": "red", "text": "#12345", "bg": "#fff"}})
    assert set(errors) == {"colors.primary", "colors.text"}
    assert "#" in errors["colors.primary"]


def test_colours_are_normalised_and_the_themes_own_value_is_not_stored():
    design = validate_design(MANIFEST, {"colors": {"primary": "#2F5D50", "accent": "ABC",
                                                   "unknown": "#000000"}})
    assert design.colors == {"accent": "#aabbcc"}


def test_fonts_spacing_and_corners_accept_only_the_listed_choices():
    errors = refused({"fonts": {"body": "Comic Sans"}, "space": "huge", "radius": "blob"})
    assert set(errors) == {"fonts.body", "space", "radius"}
    design = validate_design(MANIFEST, {"fonts": {"body": "serif", "heading": "theme"},
                                        "space": "roomy", "radius": "square"})
    assert design.fonts == {"body": "serif"}
    assert (design.space, design.radius) == ("roomy", "square")


def test_logo_and_favicon_must_be_pictures_of_this_sites_library():
    errors = refused({"logo": HASH_B, "favicon": "../../etc/passwd"}, assets={HASH_A})
    assert set(errors) == {"logo", "favicon"}
    design = validate_design(MANIFEST, {"logo": HASH_A, "favicon": ""}, assets={HASH_A})
    assert (design.logo, design.favicon) == (HASH_A, None)


@pytest.mark.parametrize(("key", "bad", "good", "stored"), [
    ("announcement", "x" * 501, "  휴무   안내 ", "휴무 안내"),
    ("band", "blue", "#ABCDEF", "#abcdef"),
    ("layout", "right", "center", "center"),
    ("sticky", "maybe", "on", True),
    ("columns", "9", "2", 2),
    ("columns", "many", "2.5", 2.5),
    ("hero_picture", HASH_B, HASH_A, HASH_A),
    ("quote_font", "Papyrus", "rounded", "rounded"),
])
def test_each_theme_setting_type_is_checked(key, bad, good, stored):
    errors = refused({"values": {key: bad}}, assets={HASH_A})
    assert list(errors) == [f"values.{key}"] and errors[f"values.{key}"]
    design = validate_design(MANIFEST, {"values": {key: good}}, assets={HASH_A})
    assert design.values == {key: stored}


def test_refusals_are_translated():
    from app import create_app
    from tests.conftest import TEST_ENV

    app = create_app({"DATABASE_URL": "sqlite://", "TESTING": True}, environ=TEST_ENV)
    with app.test_request_context(), force_locale("ko"):
        errors = refused({"colors": {"primary": "red"}, "values": {"layout": "x"}})
    assert re.search("[가-힣]", errors["colors.primary"])
    assert re.search("[가-힣]", errors["values.layout"])


def test_setting_values_merge_defaults_with_what_the_owner_chose():
    values = setting_values(MANIFEST, {"values": {"columns": 2, "quote_font": "serif",
                                                  "layout": "gone"}})
    assert values["columns"] == 2
    assert values["layout"] == "left"  # an option the theme no longer has: the default
    assert values["announcement"] == "" and values["sticky"] is False
    assert "Myeongjo" in values["quote_font"]
    assert values["band"] == "#123456"


def test_stored_settings_are_read_forgivingly():
    design = load_settings({"colors": {"primary": "javascript:", "bg": "#000"},
                            "space": "x", "logo": "nope", "fonts": {"body": "evil;}"}})
    assert design == DesignSettings(colors={"bg": "#000000"})
    assert load_settings(None) == DesignSettings()


def test_form_data_reads_the_panels_flat_names():
    form = {"colors.primary": "#111111", "fonts.body": "serif", "space": "compact",
            "logo": "", "logo_name_shown": "1", "values.layout": "center",
            "values.columns": "2"}
    data = form_data(MANIFEST, form)
    assert data["colors"] == {"primary": "#111111"}
    assert data["values"]["sticky"] is False  # an unchecked box sends nothing
    assert data["logo_with_name"] is False
    assert validate_design(MANIFEST, data).values == {"layout": "center", "columns": 2}


# --- tokens, CSS, contrast --------------------------------------------------------------------

def test_effective_tokens_apply_every_choice_and_leave_the_manifest_alone():
    tokens = effective_tokens(MANIFEST, {"colors": {"primary": "#ff0000"}, "space": "compact",
                                         "radius": "round", "fonts": {"heading": "gothic"}})
    assert tokens["colors"]["primary"] == "#ff0000"
    assert tokens["colors"]["text"] == "#1f2421"
    assert tokens["space"] == "1.125rem" and tokens["gutter"] == "0.938rem"
    assert tokens["radius"] == "20px"
    assert tokens["fonts"]["heading"].startswith('"Pretendard"')
    assert MANIFEST["tokens"]["colors"]["primary"] == "#2f5d50"


def test_site_css_carries_the_owners_tokens_and_keeps_its_old_signature():
    plain = site_css("default", {"hero"})
    owned = site_css("default", {"hero"}, settings={"colors": {"primary": "#ff0000"}})
    assert "--ww-color-primary:#2f5d50" in plain
    assert "--ww-color-primary:#ff0000" in owned
    assert owned.replace("#ff0000", "#2f5d50") == plain
    assert design_css("default", None) in plain


def test_theme_settings_of_css_types_become_custom_properties():
    from app.theme_settings import setting_css

    css = setting_css(MANIFEST, {"values": {"band": "#abcdef", "columns": 2}})
    assert "--ww-setting-band:#abcdef" in css and "--ww-setting-columns:2" in css
    assert "announcement" not in css  # text is for the layout, never CSS


def test_low_contrast_is_a_warning_with_the_ratio():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert contrast_warnings(MANIFEST["tokens"]) == []
    tokens = effective_tokens(MANIFEST, {"colors": {"primary": "#ffff00"}})
    warnings = contrast_warnings(tokens)
    assert [(w["fg"], w["bg"]) for w in warnings] == [("primary-contrast", "primary")]
    assert "4.5" in warnings[0]["message"]


def test_bundled_themes_with_their_settings_still_validate():
    for slug in ("default", "shop", "clinic", "portfolio"):
        report = validate_folder(str(THEMES_ROOT / slug))
        assert not report.errors, (slug, [str(e) for e in report.errors])
        assert load_theme(slug)["settings"][0]["key"] == "announcement"


# --- helpers -----------------------------------------------------------------------------------

def png(size=(400, 120), colour=(200, 40, 40, 255)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, colour).save(out, "PNG")
    return out.getvalue()


def upload(web, site_id, data, name="logo.png", alt="로고"):
    r = web.post(f"/sites/{site_id}/assets", {"file": (io.BytesIO(data), name), "alt": alt},
                 content_type="multipart/form-data")
    assert r.status_code in (200, 303), text_of(r)[:300]
    with web.client.application.app_context():
        return db.session.scalar(select(Asset.hash).where(Asset.site_id == site_id)
                                 .order_by(Asset.id.desc()))


def stored(app, site_id):
    with app.app_context():
        return dict(db.session.get(Site, site_id).theme_settings or {})

def save(app, site_id, data):
    from app.sites.design import save_design

    with app.app_context():
        save_design(db.session.get(Site, site_id), data)
        db.session.commit()


# --- the published site -----------------------------------------------------------------------

def build(app, site_id, cache=None):
    with app.app_context():
        site = db.session.get(Site, site_id)
        return compile_site(snapshot_site(site), read_asset, cache)


def test_published_pages_use_the_owners_colours_logo_favicon_and_settings(owner, app):
    editor = make_editor(owner, app)
    editor.insert("hero")
    logo = upload(owner, editor.site_id, png())
    icon = upload(owner, editor.site_id, png((300, 300), (10, 120, 60, 255)), "icon.png")
    save(app, editor.site_id, {"colors": {"primary": "#7a1f5c"}, "logo": logo, "favicon": icon,
                               "values": {"announcement": "12월 25일은 쉽니다"}})
    out = build(app, editor.site_id)
    home = out.files["index.html"].decode()
    assert "--ww-color-primary:#7a1f5c" in home
    assert '<meta name="theme-color" content="#7a1f5c">' in home
    logo_img = re.search(r'<img class="ww-header__logo" src="(/assets/[^"]+\.webp)" '
                         r'width="(\d+)" height="(\d+)" alt="">', home)
    assert logo_img, home[:3000]
    assert logo_img.group(1)[1:] in out.files
    assert int(logo_img.group(2)) * 120 == int(logo_img.group(3)) * 400  # aspect kept
    assert "행복한 빵집</span>" in home  # the name is still there, next to the logo
    assert '<link rel="icon" href="/favicon.png" type="image/png">' in home
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in home
    assert '<p class="ww-announce">12월 25일은 쉽니다</p>' in home
    assert "favicon.svg" not in out.files
    for name, size in (("favicon.png", 32), ("apple-touch-icon.png", 180)):
        with Image.open(io.BytesIO(out.files[name])) as img:
            assert img.format == "PNG" and img.size == (size, size)
            centre = img.convert("RGB").getpixel((size // 2, size // 2))
            assert all(abs(a - b) <= 4 for a, b in zip(centre, (10, 120, 60), strict=True))
    assert "ww-header__logo" in out.files["404.html"].decode()
    assert build(app, editor.site_id).files == out.files  # still deterministic


def test_logo_without_the_name_carries_the_name_as_its_alt(owner, app):
    editor = make_editor(owner, app)
    logo = upload(owner, editor.site_id, png())
    save(app, editor.site_id, {"logo": logo, "logo_with_name": False})
    home = build(app, editor.site_id).files["index.html"].decode()
    assert re.search(r'class="ww-header__logo"[^>]*alt="행복한 빵집"', home)
    assert "행복한 빵집</span>" not in home


def test_without_choices_the_site_keeps_the_generated_svg_favicon(owner, app):
    editor = make_editor(owner, app)
    out = build(app, editor.site_id)
    home = out.files["index.html"].decode()
    assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in home
    assert '<link rel="apple-touch-icon"' not in home and '<img class="ww-header__logo"' not in home
    assert "favicon.svg" in out.files and "favicon.png" not in out.files


def test_any_design_change_rebuilds_every_page(owner, app):
    editor = make_editor(owner, app)
    editor.insert("hero")
    owner.post(f"{editor.base}/pages", {"title": "오시는 길"}, htmx=True)
    cache = PageCache()
    build(app, editor.site_id, cache)
    build(app, editor.site_id, cache)
    assert cache.misses == 2 and cache.hits == 2
    save(app, editor.site_id, {"radius": "square"})
    out = build(app, editor.site_id, cache)
    assert cache.misses == 4
    assert "--ww-radius:0px" in out.files["index.html"].decode()


def test_every_bundled_theme_with_a_full_design_still_meets_the_quality_bar(owner, app, tmp_path):
    import gzip
    import json
    import os
    import shutil
    import subprocess

    from app.publishing.compiler import write_folder
    from app.sites.operations import set_theme
    from tests.test_site_quality import VNU

    folders = []
    for slug in ("default", "shop", "clinic", "portfolio"):
        editor = make_editor(owner, app, name=f"{slug} 가게")
        editor.insert("hero")
        logo = upload(owner, editor.site_id, png())
        icon = upload(owner, editor.site_id, png((64, 64), (0, 90, 200, 255)), "icon.png")
        with app.app_context():
            set_theme(db.session.get(Site, editor.site_id), slug)
            db.session.commit()
        save(app, editor.site_id, {
            "colors": {"primary": "#553311", "text": "#111111"}, "fonts": {"heading": "serif"},
            "space": "roomy", "radius": "soft", "logo": logo, "favicon": icon,
            "logo_with_name": slug != "shop", "values": {"announcement": "오늘은 2시에 열어요"}})
        out = build(app, editor.site_id)
        home = out.files["index.html"]
        assert len(gzip.compress(home, 9)) <= 14 * 1024, (slug, len(gzip.compress(home, 9)))
        html = home.decode()
        assert re.findall(r"<script(?![^>]*application/ld\+json)", html) == [], slug
        assert re.search(r"<img(?![^>]*\bwidth=)", html) is None, slug
        assert "ww-header__logo" in html and "ww-announce" in html, slug
        write_folder(out, tmp_path / slug)
        folders.append(tmp_path / slug)
    java = shutil.which("java")
    if not java or not VNU.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("java and node_modules/vnu-jar are needed for the HTML check")
        pytest.skip("java or vnu-jar missing")
    pages = sorted(str(p) for folder in folders for p in folder.rglob("*.html"))
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').rsplit('/', 3)[-3:]}: {m.get('message')}" for m in messages
              if m.get("type") == "error"]
    assert errors == [], "\n".join(errors)
