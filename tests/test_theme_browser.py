"""Themes end to end in headless Chromium: a designer uploads a theme with errors, reads the
report, uploads the fixed one, previews it at three widths and submits it; an admin approves
it; an owner previews their own site in it, switches to it, changes its colour in the Design
panel, sees the canvas change, and publishes."""

from __future__ import annotations

import re

import pytest

from app.accounts.operations import find_user_by_email, grant_role
from app.db import db
from tests.browser_support import DESKTOP, PASSWORD
from tests.conftest import Web
from tests.test_theme_store import bad_zip, good_zip

pytestmark = pytest.mark.browser


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(SITES_DIR=str(tmp_path / "sites"), ASSET_DIR=str(tmp_path / "assets"))


def account(app, email: str, role: str | None = None) -> None:
    Web(app.test_client()).signup(email=email, password=PASSWORD)
    if role:
        with app.app_context():
            grant_role(find_user_by_email(email), role)
            db.session.commit()


def log_in(page, email: str) -> None:
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/sites/")


def test_designer_uploads_fixes_previews_submits_admin_approves_owner_uses_it(
        app, browser_factory, live_server, tmp_path):
    from playwright.sync_api import expect

    port = live_server.rsplit(":", 1)[1]
    app.config["SITES_URL"] = f"http://{{slug}}.sites.localhost:{port}"
    app.config["PUBLIC_URL"] = live_server
    account(app, "designer@example.com", "designer")
    account(app, "admin@example.com", "admin")
    account(app, "owner@example.com")
    (tmp_path / "broken.zip").write_bytes(bad_zip())
    (tmp_path / "fixed.zip").write_bytes(good_zip())

    # --- the designer ------------------------------------------------------------------------
    d = browser_factory(DESKTOP, "theme-designer")
    log_in(d.page, "designer@example.com")
    d.page.get_by_role("link", name="내 테마").click()
    d.page.get_by_test_id("package").set_input_files(str(tmp_path / "broken.zip"))
    d.page.get_by_test_id("upload").click()
    expect(d.page.get_by_test_id("status")).to_have_text("수정 필요")
    report = d.page.get_by_test_id("report")
    expect(report.locator("[data-code=WW-TPL-SYNTAX]")).to_contain_text("layout.html:")
    expect(report.locator("[data-code=WW-CSS-IMPORT]")).to_be_visible()
    expect(d.page.get_by_test_id("submit-review")).to_have_count(0)
    d.shot("report")

    d.page.get_by_test_id("reupload").click()
    d.page.get_by_test_id("package").set_input_files(str(tmp_path / "fixed.zip"))
    d.page.get_by_test_id("upload").click()
    expect(d.page.get_by_test_id("status")).to_have_text("제출 가능", timeout=30_000)
    expect(d.page.get_by_test_id("score")).to_have_text("100")
    frame = d.page.get_by_test_id("preview-frame")
    assert re.match(rf"http://[0-9a-f]{{32}}--theme-previews\.sites\.localhost:{port}/$",
                    frame.get_attribute("src"))
    preview = d.page.frame_locator("[data-testid=preview-frame]")
    expect(preview.locator("main .b-hero")).to_be_visible()
    framed = next(f for f in d.page.frames if "theme-previews" in f.url)
    for name, width in (("phone", 390), ("tablet", 768), ("desktop", 1280)):
        d.page.locator(f"label[for=pv-{name}]").click()
        # The page inside lays out at the real width (the frame is only zoomed to fit).
        framed.wait_for_function(f"() => window.innerWidth === {width}")
        # …and the frame fits the page it is shown in.
        assert d.page.evaluate("document.querySelector('.pv-frame').getBoundingClientRect()"
                               ".right <= document.querySelector('.pv-stage')"
                               ".getBoundingClientRect().right")
        d.shot(f"preview-{name}")
    d.page.get_by_test_id("submit-review").click()
    expect(d.page.get_by_test_id("status")).to_have_text("심사 중")

    # --- the admin ---------------------------------------------------------------------------
    a = browser_factory(DESKTOP, "theme-admin")
    log_in(a.page, "admin@example.com")
    a.page.get_by_role("link", name="테마 심사").click()
    a.page.locator("[data-testid^=review-]").first.click()
    a.page.get_by_test_id("reject").click()  # a rejection without a comment is refused
    expect(a.page.get_by_test_id("review-error")).to_be_visible()
    a.page.get_by_test_id("comment").fill("깔끔하네요. 승인합니다.")
    a.page.get_by_test_id("approve").click()
    expect(a.page.locator(".alert-success")).to_contain_text("하늘")

    # --- the owner ---------------------------------------------------------------------------
    o = browser_factory(DESKTOP, "theme-owner")
    log_in(o.page, "owner@example.com")
    o.page.locator("form#create-site input[name=name]").fill("하늘 꽃집")
    o.page.locator("form#create-site input[name=starter][value=cafe]").check(force=True)
    o.page.locator("form#create-site button[type=submit]").click()
    o.page.wait_for_url(re.compile(r"/sites/\d+$"))
    site_url = o.page.url
    o.page.goto(site_url + "/theme")
    o.page.get_by_test_id("preview-haneul").click()
    own = o.page.frame_locator("[data-testid=preview-frame]")
    expect(own.locator(".ww-header__name")).to_have_text("하늘 꽃집")  # their own site
    o.shot("owner-preview")
    o.page.get_by_test_id("apply-theme").click()
    expect(o.page.locator(".theme-card.is-current")).to_have_attribute("data-theme", "haneul")

    # In the editor, the theme's colour setting changes and the canvas follows at once.
    o.page.goto(site_url)
    o.page.get_by_test_id("open-editor").click()
    o.page.wait_for_selector("#canvas-root")
    o.page.wait_for_load_state("load")
    button = "#canvas .ww-btn--primary"
    colour = "(sel) => getComputedStyle(document.querySelector(sel)).backgroundColor"
    assert o.page.evaluate(colour, button) == "rgb(29, 106, 128)"  # haneul's own primary
    o.page.get_by_test_id("design-button").click()
    o.page.wait_for_selector("#design-panel:not([hidden]) [data-testid=design-panel]")
    o.page.locator("[data-color-for=dc-colors-primary]").fill("#7a3e9d")
    o.page.wait_for_function(
        "(sel) => getComputedStyle(document.querySelector(sel)).backgroundColor"
        " === 'rgb(122, 62, 157)'", arg=button)
    o.page.wait_for_selector("#save-state[data-state=saved]", state="attached")
    o.shot("owner-design")
    o.page.get_by_test_id("go-publish").click()
    o.page.get_by_test_id("publish").click()
    expect(o.page.locator("[data-testid=deploy-progress][data-state=live]")).to_be_visible()
    live = o.context.new_page()
    live.goto(f"http://haneul-kkotjip.sites.localhost:{port}/")
    # Published with the uploaded theme (its layout's header) and the owner's colour.
    expect(live.locator(".ww-header__name")).to_contain_text("하늘 꽃집")
    published = live.evaluate(
        "getComputedStyle(document.querySelector('.ww-site')).getPropertyValue("
        "'--ww-color-primary').trim()")
    assert published == "#7a3e9d"
    for b in (d, a, o):
        assert b.errors == [], b.errors
