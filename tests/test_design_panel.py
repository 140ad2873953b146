"""The editor's Design panel: owner only (another tenant's site is a 404), every change saved
and answered with the canvas's token <style> swapped out of band, refusals inline and
translated, the previous design kept."""

from __future__ import annotations

import re

from tests.conftest import text_of
from tests.editor.conftest import make_editor
from tests.test_theme_settings import png, stored, upload

# --- the Design panel -------------------------------------------------------------------------

def test_the_panel_shows_every_group_in_korean(owner, app):
    editor = make_editor(owner, app)
    r = owner.get(f"/sites/{editor.site_id}/design", htmx=True)
    assert r.status_code == 200
    html = text_of(r)
    for text in ("디자인", "색상", "글꼴", "로고", "테마 설정", "맨 위 안내 문구"):
        assert text in html, text
    assert 'name="colors.primary" value="#2f5d50"' in html
    assert 'type="color"' in html
    # Without htmx the address leads to the editor, where the panel lives.
    assert owner.get(f"/sites/{editor.site_id}/design").status_code == 302


def test_the_editor_has_the_design_button_and_a_nonced_token_style(owner, app):
    editor = make_editor(owner, app)
    html = text_of(owner.get(editor.base))
    assert 'data-testid="design-button"' in html
    style = re.search(r'<style nonce="([^"]+)" id="ww-design-css">([^<]*)', html)
    assert style and "--ww-color-primary:#2f5d50" in style.group(2)


def test_a_change_is_saved_and_the_canvas_style_swapped(owner, app):
    editor = make_editor(owner, app)
    r = owner.post(f"/sites/{editor.site_id}/design",
                   {"colors.primary": "#aa0000", "fonts.heading": "serif", "space": "roomy",
                    "radius": "round", "logo_name_shown": "1", "logo_with_name": "on"},
                   htmx=True)
    assert r.status_code == 200, text_of(r)[:500]
    html = text_of(r)
    assert re.search(r'<style id="ww-design-css" hx-swap-oob="innerHTML">[^<]*'
                     r"--ww-color-primary:#aa0000", html)
    assert 'data-state="saved"' in html
    assert stored(app, editor.site_id) == {"colors": {"primary": "#aa0000"},
                                           "fonts": {"heading": "serif"}, "space": "roomy",
                                           "radius": "round"}
    # The editor and the revision preview now show the same colours.
    assert "--ww-color-primary:#aa0000" in text_of(owner.get(editor.base))


def test_a_bad_value_is_refused_inline_and_the_saved_settings_stay(owner, app):
    editor = make_editor(owner, app)
    url = f"/sites/{editor.site_id}/design"
    owner.post(url, {"colors.primary": "#aa0000", "space": "compact"}, htmx=True)
    before = stored(app, editor.site_id)
    owner.post("/language", {"locale": "ko", "next": "/sites/"})
    r = owner.post(url, {"colors.primary": "빨강", "space": "roomy",
                         "values.announcement": "x" * 600}, htmx=True)
    assert r.status_code == 422
    html = text_of(r)
    assert re.search(r'<p class="ed-error" id="de-colors-primary" role="alert" '
                     r'hx-swap-oob="true">[^<]*[가-힣]', html)
    assert re.search(r'id="de-values-announcement"[^>]*>[^<]*500', html)
    assert 'data-state="failed"' in html
    assert stored(app, editor.site_id) == before


def test_low_contrast_is_shown_but_saved(owner, app):
    editor = make_editor(owner, app)
    r = owner.post(f"/sites/{editor.site_id}/design", {"colors.text": "#eeeeee"}, htmx=True)
    assert r.status_code == 200
    assert 'data-testid="contrast-warning"' in text_of(r)
    assert stored(app, editor.site_id)["colors"] == {"text": "#eeeeee"}


def test_logo_from_the_library_shows_on_the_canvas_and_reset_clears_everything(owner, app):
    editor = make_editor(owner, app)
    logo = upload(owner, editor.site_id, png())
    url = f"/sites/{editor.site_id}/design"
    r = owner.post(url, {"logo": logo, "refresh": "1", "logo_name_shown": "1"}, htmx=True)
    assert r.status_code == 200
    html = text_of(r)
    assert 'id="canvas-brand" hx-swap-oob="true"' in html
    assert f"/assets/{logo}/480.webp" in html
    assert 'id="design-body" hx-swap-oob="innerHTML"' in html  # the picker shows the picture
    assert 'data-testid="canvas-logo"' in text_of(owner.get(editor.base))
    r = owner.post(f"{url}/reset", {}, htmx=True)
    assert r.status_code == 200 and "--ww-color-primary:#2f5d50" in text_of(r)
    assert stored(app, editor.site_id) == {}


def test_another_tenants_site_is_not_found(owner, app, other_web):
    editor = make_editor(owner, app)
    other_web.signup(email="other@example.com")
    url = f"/sites/{editor.site_id}/design"
    assert other_web.get(url, htmx=True).status_code == 404
    assert other_web.post(url, {"colors.primary": "#000000"}, htmx=True).status_code == 404
    assert other_web.post(f"{url}/reset", {}, htmx=True).status_code == 404
    # and a picture of another site is not this site's
    theirs = make_editor(other_web, app, name="다른 가게")
    their_logo = upload(other_web, theirs.site_id, png(colour=(0, 0, 200, 255)))
    r = owner.post(url, {"logo": their_logo}, htmx=True)
    assert r.status_code == 422
    assert stored(app, editor.site_id) == {}


def test_signed_out_visitors_are_sent_to_log_in(web, app):
    r = web.post("/sites/1/design", {"colors.primary": "#000000"}, htmx=True)
    assert r.status_code in (302, 401) or "HX-Redirect" in r.headers




def test_the_announcement_setting_shows_on_the_canvas_at_once(owner, app):
    editor = make_editor(owner, app)
    r = owner.post(f"/sites/{editor.site_id}/design",
                   {"values.announcement": "  12월 25일은   쉽니다 "}, htmx=True)
    assert r.status_code == 200
    assert re.search(r'<p class="ww-announce" id="canvas-announce" hx-swap-oob="true">'
                     r"12월 25일은 쉽니다</p>", text_of(r))
    assert stored(app, editor.site_id) == {"values": {"announcement": "12월 25일은 쉽니다"}}
    html = text_of(owner.get(editor.base))
    assert '<p class="ww-announce" id="canvas-announce">12월 25일은 쉽니다</p>' in html


def test_a_logo_removed_from_the_library_is_dropped_not_a_reason_to_refuse(owner, app):
    from sqlalchemy import select

    from app.db import db
    from app.models import Asset

    editor = make_editor(owner, app)
    logo = upload(owner, editor.site_id, png())
    url = f"/sites/{editor.site_id}/design"
    owner.post(url, {"logo": logo}, htmx=True)
    with app.app_context():
        db.session.delete(db.session.scalar(select(Asset).where(Asset.hash == logo)))
        db.session.commit()
    assert 'data-testid="canvas-logo"' not in text_of(owner.get(editor.base))
    r = owner.post(url, {"logo": logo, "colors.primary": "#101010"}, htmx=True)
    assert r.status_code == 200
    assert stored(app, editor.site_id) == {"colors": {"primary": "#101010"}}
