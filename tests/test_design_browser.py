"""The Design panel end to end in headless Chromium: the owner changes the main colour and the
canvas restyles without a reload, a bad hex is refused next to the field, a logo comes from
the library, and after publishing (local hosting) the live site shows both; then the panel on
a 390 px phone.

Run: .venv/bin/python -m pytest tests/test_design_browser.py -x -q
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from tests.browser_support import DESKTOP, PHONE
from tests.test_editor_browser import sign_up_and_open_editor

pytestmark = pytest.mark.browser

PRIMARY_BUTTON = "#canvas .ww-btn--primary"
BUTTON_COLOUR = ("(sel) => getComputedStyle(document.querySelector(sel)).backgroundColor")


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(SITES_DIR=str(tmp_path / "sites"), ASSET_DIR=str(tmp_path / "assets"))


def logo_file(tmp_path) -> str:
    """A wide PNG logo on a transparent background."""
    image = Image.new("RGBA", (480, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, 112, 112), 24, fill=(170, 34, 0, 255))
    draw.rectangle((140, 40, 460, 80), fill=(40, 40, 40, 255))
    path = tmp_path / "logo.png"
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def sign_up_with_a_hero(b, email: str, site_name: str) -> None:
    """A page with a location block and a hero whose sample button leads to it (a sample
    button appears only when there is somewhere to go)."""
    page = b.page
    sign_up_and_open_editor(b, email, site_name, "디자인 사장님")
    for type_name in ("location", "hero"):
        page.get_by_test_id("add-block").click()
        page.get_by_test_id(f"palette-{type_name}").click()
        page.wait_for_selector(f".ed-block.is-selected[data-type={type_name}]")
        page.wait_for_selector("#save-state[data-state=saved]", state="attached")
    page.wait_for_selector("#canvas .b-hero .ww-btn--primary[href='#location']")


def open_design(page) -> None:
    page.get_by_test_id("design-button").click()
    page.wait_for_selector("#design-panel:not([hidden]) [data-testid=design-panel]")


def test_owner_restyles_the_site_live_adds_a_logo_and_publishes(app, browser_factory,
                                                                  live_server, tmp_path):
    from playwright.sync_api import expect

    port = live_server.rsplit(":", 1)[1]
    app.config["SITES_URL"] = f"http://{{slug}}.sites.localhost:{port}"
    b = browser_factory(DESKTOP, "design-desktop")
    page = b.page
    sign_up_with_a_hero(b, "design@example.com", "디자인 카페")
    page.evaluate("() => { window.wwNoReload = true; }")
    assert page.evaluate(BUTTON_COLOUR, PRIMARY_BUTTON) == "rgb(47, 93, 80)"

    # --- the main colour, from the native colour picker -------------------------------------
    open_design(page)
    expect(page.locator("#design-panel h2")).to_have_text("디자인")
    page.locator("[data-color-for=dc-colors-primary]").fill("#aa2200")
    page.wait_for_function(
        "(sel) => getComputedStyle(document.querySelector(sel)).backgroundColor"
        " === 'rgb(170, 34, 0)'", arg=PRIMARY_BUTTON)
    expect(page.locator("#dc-colors-primary")).to_have_value("#aa2200")
    page.wait_for_selector("#save-state[data-state=saved]", state="attached")
    assert page.evaluate("() => window.wwNoReload") is True  # restyled in place

    # --- a typo in a hex is refused next to the field; the colour on screen stays ------------
    page.locator("#dc-colors-text").fill("#12zz45")
    page.locator("#dc-colors-text").press("Enter")  # saved when complete, left or entered
    expect(page.locator("#de-colors-text")).to_contain_text("16진수")
    assert page.evaluate(BUTTON_COLOUR, PRIMARY_BUTTON) == "rgb(170, 34, 0)"
    page.locator("#dc-colors-text").fill("#1f2421")
    expect(page.locator("#de-colors-text")).to_be_empty()

    # --- rounder corners and a serif for headings ------------------------------------------
    page.locator("label.ed-dsegment:has(input[name=radius][value=round])").click()
    page.wait_for_function(
        "(sel) => getComputedStyle(document.querySelector(sel)).borderTopLeftRadius === '20px'",
        arg=PRIMARY_BUTTON)
    page.locator("label.ed-dchoice:has(input[name='fonts.heading'][value=serif])").click()
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('#canvas h1')).fontFamily"
        ".includes('Noto Serif KR')")

    # --- the theme's own setting: the announcement line ---------------------------------------
    page.get_by_test_id("setting-announcement").fill("12월 25일은 쉽니다")
    expect(page.locator("#canvas-announce")).to_have_text("12월 25일은 쉽니다")

    # --- a logo from the library --------------------------------------------------------------
    page.get_by_test_id("design-logo-choose").click()
    page.wait_for_selector("#drawer[open] #asset-upload-file")
    page.set_input_files("#drawer #asset-upload-file", logo_file(tmp_path))
    page.fill("#drawer #asset-upload-alt", "디자인 카페 로고")
    page.locator("#drawer .asset-upload button[type=submit]").click()
    # The picture just uploaded is chosen at once (the picker closes).
    page.wait_for_selector("#drawer", state="hidden")
    expect(page.locator("#canvas [data-testid=canvas-logo]")).to_be_visible()
    expect(page.get_by_test_id("design-logo-preview")).to_be_visible()
    page.wait_for_selector("#save-state[data-state=saved]", state="attached")
    page.locator("#design-panel").evaluate("(el) => { el.scrollTop = 0; }")
    b.shot("design-panel")
    page.get_by_test_id("design-logo-choose").scroll_into_view_if_needed()
    b.shot("design-panel-logo")
    page.get_by_test_id("design-reset").scroll_into_view_if_needed()
    b.shot("design-panel-end")
    assert page.evaluate("() => window.wwNoReload") is True
    assert not b.errors, b.errors

    # --- publish: the live site has the new colour and the logo --------------------------------
    page.get_by_test_id("go-publish").click()
    page.get_by_test_id("publish").click()
    expect(page.locator("[data-testid=deploy-progress][data-state=live]")).to_be_visible()
    live_url = page.locator("[data-testid=deploy-progress] .alert-success a").get_attribute("href")
    site = b.context.new_page()
    site.goto(live_url + "/")
    assert site.evaluate(BUTTON_COLOUR, ".ww-btn--primary") == "rgb(170, 34, 0)"
    logo = site.locator(".ww-header__logo")
    expect(logo).to_be_visible()
    assert site.evaluate("() => document.querySelector('.ww-header__logo').naturalWidth") > 0
    expect(site.locator(".ww-header__name")).to_contain_text("디자인 카페")
    expect(site.locator(".ww-announce")).to_have_text("12월 25일은 쉽니다")
    assert site.locator("script:not([type='application/ld+json'])").count() == 0
    site.screenshot(path=str(tmp_path / "unused.png"))  # renders without errors
    b.page = site
    b.shot("published")


def test_the_design_panel_is_a_bottom_sheet_on_a_phone(app, browser_factory):
    b = browser_factory(PHONE, "design-phone")
    page = b.page
    sign_up_with_a_hero(b, "phone-design@example.com", "폰 카페")
    open_design(page)
    box = page.locator("#design-panel").bounding_box()
    assert box["x"] == 0 and box["width"] == PHONE["width"]
    assert box["y"] > 200  # below the canvas, as a sheet
    page.locator("[data-color-for=dc-colors-primary]").fill("#0044aa")
    page.wait_for_function(
        "(sel) => getComputedStyle(document.querySelector(sel)).backgroundColor"
        " === 'rgb(0, 68, 170)'", arg=PRIMARY_BUTTON)
    # nothing in the panel is wider than the phone
    overflow = page.evaluate(
        "() => Array.from(document.querySelectorAll('#design-panel *'))"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).length")
    assert overflow == 0
    b.shot("design-panel-phone")
    page.locator("[data-design-close]").click()
    page.wait_for_selector("#design-panel[hidden]", state="attached")
    assert not b.errors, b.errors
