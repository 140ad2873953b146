"""Small layout things a person notices, checked by geometry in Chromium: the phone header keeps
로그아웃 on its one row (in Korean, English and Japanese), the site page's 테마 has room of its
own, the menu's price input looks like every other input, and the picker's "added" message
keeps clear of the drawer's close button.

Run: .venv/bin/python -m pytest tests/test_layout_browser.py -x -q
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser_support import DESKTOP, PHONE, TOUCH_PHONE, sign_up_through_form
from tests.test_editor_browser import add_block, photo, sign_up_and_open_editor

pytestmark = pytest.mark.browser


def _apart(a: dict, b: dict, gap: float = 0) -> bool:
    """The two boxes do not overlap (and are at least ``gap`` apart one way or the other)."""
    return (a["x"] + a["width"] + gap <= b["x"] or b["x"] + b["width"] + gap <= a["x"]
            or a["y"] + a["height"] + gap <= b["y"] or b["y"] + b["height"] + gap <= a["y"])


def test_the_phone_header_keeps_log_out_on_its_one_row_in_every_language(app, browser_factory):
    b = browser_factory(PHONE, "header-phone", TOUCH_PHONE)
    page = b.page
    sign_up_through_form(page, "header@example.com", "헤더 사장님")
    for language in ("ko", "en", "ja"):
        if language != "ko":
            page.locator(f".langswitch button[value={language}]").tap()
            page.wait_for_load_state("load")
            expect(page.locator("html")).to_have_attribute("lang", language)
        first = page.locator(".topbar .mainnav > a").first.bounding_box()
        logout = page.get_by_test_id("logout").bounding_box()
        header = page.locator(".topbar").bounding_box()
        assert abs(logout["y"] + logout["height"] / 2 - (first["y"] + first["height"] / 2)) < 4, (
            language, first, logout)
        assert logout["x"] + logout["width"] <= PHONE["width"], (language, logout)
        assert header["height"] < 70, (language, header)
        # The logo still names the way home.
        expect(page.get_by_role("link", name="WindWalker")).to_be_visible()
        b.shot(f"header-{language}")
    assert b.errors == [], "\n".join(b.errors)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_site_pages_theme_link_has_room_of_its_own(app, browser_factory, size):
    b = browser_factory(PHONE if size == "phone" else DESKTOP, f"site-theme-{size}")
    page = b.page
    sign_up_through_form(page, f"theme-{size}@example.com", "테마 사장님")
    page.locator("form#create-site input[name=name]").fill("테마 카페")
    page.locator("form#create-site button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sites/\d+$"))
    theme = page.get_by_test_id("site-theme")
    details = page.get_by_test_id("site-settings")
    library = page.get_by_test_id("image-library")
    boxes = [x.bounding_box() for x in (details, theme, library)]
    for i, a in enumerate(boxes):
        for other in boxes[i + 1:]:
            assert _apart(a, other, gap=6), (a, other)
    assert boxes[1]["height"] >= 44  # a target as big as its neighbours
    b.shot("site")
    theme.click()
    page.wait_for_url("**/theme")
    assert b.errors == [], "\n".join(b.errors)


INPUT_LOOK = """(el) => { const s = getComputedStyle(el);
  return {border: s.borderTopWidth + ' ' + s.borderTopStyle + ' ' + s.borderTopColor,
          radius: s.borderTopLeftRadius, padding: s.paddingLeft, height: el.offsetHeight,
          font: s.fontSize, background: s.backgroundColor,
          width: el.offsetWidth === el.parentElement.clientWidth ||
                 el.offsetWidth >= el.closest('.ed-subfield, .ed-field').clientWidth - 1}; }"""


def test_the_menus_price_input_looks_like_the_other_inputs(app, browser_factory):
    b = browser_factory(PHONE, "price-input", TOUCH_PHONE)
    page = b.page
    sign_up_and_open_editor(b, "price@example.com", "가격 카페")
    add_block(page, "menu", below=False)
    price = page.locator("#panel input[name$='.price']").first
    name = page.locator("#panel input[name$='.name']").nth(1)  # the first item's name
    price.scroll_into_view_if_needed()
    assert price.evaluate(INPUT_LOOK) == name.evaluate(INPUT_LOOK)
    b.shot("price")
    assert b.errors == [], "\n".join(b.errors)


def test_the_pickers_messages_keep_clear_of_the_close_button_on_a_phone(app, browser_factory,
                                                                       tmp_path):
    """A refusal shows inside the picker, clear of its close button; a picture uploaded there
    is chosen at once and the picker closes (so no "added" message covers anything)."""
    b = browser_factory(PHONE, "picker-message", TOUCH_PHONE)
    page = b.page
    sign_up_and_open_editor(b, "picker@example.com", "사진 카페")
    add_block(page, "image", below=False)
    page.get_by_test_id("choose-image").first.tap()
    page.wait_for_selector("#drawer[open] #asset-upload-file")
    # The picture goes into the block, so its description is asked for before it is sent.
    page.set_input_files("#drawer #asset-upload-file", photo(tmp_path, "p.jpg", (200, 100, 50)))
    page.locator("#drawer .asset-upload button[type=submit]").tap()
    alt = page.locator("#drawer #asset-upload-alt")
    expect(alt).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#drawer #asset-upload-alt-error")).to_be_visible()
    # A file that is not a picture: refused inside the picker, clear of the close button.
    alt.fill("빵 진열대")
    not_a_picture = tmp_path / "menu.txt"
    not_a_picture.write_text("메뉴판")
    page.set_input_files("#drawer #asset-upload-file", str(not_a_picture))
    page.locator("#drawer .asset-upload button[type=submit]").tap()
    message = page.locator("#drawer #asset-upload-file-error")
    expect(message).to_be_visible()
    close = page.locator("#drawer [data-close-drawer]")
    assert _apart(message.bounding_box(), close.bounding_box()), (
        message.bounding_box(), close.bounding_box())
    b.shot("picker")
    expect(page.locator("#drawer #asset-upload-alt")).to_have_value("빵 진열대")  # kept
    page.set_input_files("#drawer #asset-upload-file", photo(tmp_path, "p.jpg", (200, 100, 50)))
    page.locator("#drawer .asset-upload button[type=submit]").tap()
    expect(page.locator("#drawer[open]")).to_have_count(0)
    expect(page.locator("#canvas .ed-block[data-type=image] img")).to_be_visible()
    assert b.errors == [], "\n".join(b.errors)
