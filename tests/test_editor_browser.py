"""The block editor end to end in headless Chromium: a new owner builds a three-page café site
on a laptop, and the core edits again on a 390 px phone.

Run: .venv/bin/python -m pytest tests/test_editor_browser.py -x -q
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.db import db
from app.models import Asset, Page
from tests.browser_support import DESKTOP, PHONE, sign_up_through_form

pytestmark = pytest.mark.browser


def photo(tmp_path, name: str, colour: tuple[int, int, int]) -> str:
    """A small real JPEG photo."""
    image = Image.new("RGB", (1200, 800), colour)
    for x in range(0, 1200, 40):  # some structure, so it is not a flat colour
        for y in range(0, 800, 40):
            image.putpixel((x, y), (255, 255, 255))
    path = tmp_path / name
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return str(path)


def sign_up_and_open_editor(b, email: str, site_name: str,
                            display_name: str = "카페 사장님") -> None:
    """Signs up, creates a blank site and opens its editor."""
    page = b.page
    sign_up_through_form(page, email, display_name)
    open_new_site(page, site_name)


def open_new_site(page, site_name: str) -> None:
    """From the dashboard: creates a blank site and opens its editor."""
    page.locator("form#create-site input[name=name]").fill(site_name)
    page.locator("form#create-site input[name=starter][value=blank]").check(force=True)
    page.locator("form#create-site button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sites/\d+$"))
    page.get_by_test_id("open-editor").click()
    page.wait_for_url(re.compile(r"/editor/pages/\d+$"))
    page.wait_for_selector("#canvas-root")
    page.wait_for_load_state("load")


def wait_saved(page) -> None:
    page.wait_for_selector("#save-state[data-state=saved]")


def add_block(page, type_name: str, below: bool = True) -> None:
    """Opens the palette (below the selected block, or at the end) and inserts ``type_name``."""
    page.wait_for_load_state("load")  # htmx and editor.js (deferred) are running
    opener = page.get_by_test_id("add-below") if below and page.locator(
        "#panel [data-testid=add-below]").count() else page.get_by_test_id("add-block")
    opener.click()
    page.get_by_test_id(f"palette-{type_name}").click()
    page.wait_for_selector(f".ed-block.is-selected[data-type={type_name}]")
    wait_saved(page)


def block_types(app, page_id: int) -> list[str]:
    with app.app_context():
        db.session.expire_all()
        tree = db.session.get(Page, page_id).draft_tree
        return [n["type"] for n in tree["slots"]["children"]]


def drag(page, source, target) -> None:
    """Drags ``source`` above ``target`` with a real pointer (press, move in steps, release)."""
    target.scroll_into_view_if_needed()
    box, goal = source.bounding_box(), target.bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + 45, box["y"] + 30, steps=5)
    page.mouse.move(goal["x"] + 45, goal["y"] + 8, steps=25)
    page.mouse.up()


def current_page_id(b) -> int:
    return int(re.search(r"/pages/(\d+)", b.page.url).group(1))


def test_owner_builds_a_three_page_cafe_site_on_a_laptop(app, browser_factory, tmp_path):
    from playwright.sync_api import expect

    b = browser_factory(DESKTOP, "editor-desktop")
    page = b.page
    sign_up_and_open_editor(b, "cafe@example.com", "바람길 카페")
    home_id = current_page_id(b)

    # --- hero, edited in the panel and inline on the canvas ----------------------------------
    add_block(page, "hero", below=False)
    title = page.locator("#panel form[data-prop=title] input[name=value]")
    title.fill("바람이 머무는 카페")
    expect(page.locator(".b-hero__title")).to_have_text("바람이 머무는 카페")
    wait_saved(page)
    inline = page.locator(".ed-block.is-selected .b-hero__subtitle")
    inline.click()
    inline.press("Control+a")
    inline.type("매일 아침 직접 볶은 원두로 내립니다")
    page.locator(".b-hero__title").click()  # blur saves
    wait_saved(page)
    b.shot("hero")

    # --- a menu: its sample has categories; add a fifth item to the first one ---------------
    add_block(page, "menu")
    items = page.locator("#panel form[data-prop=categories] .ed-items").first
    first_category = page.locator("#panel form[data-prop=categories] > ol > li").first
    before = first_category.locator("ol.ed-items > li").count()
    first_category.get_by_test_id("add-item-items").click()
    page.wait_for_function(
        f"() => document.querySelectorAll('#panel form[data-prop=categories] > ol > li')[0]"
        f".querySelectorAll('ol.ed-items > li').length === {before + 1}")
    first_category = page.locator("#panel form[data-prop=categories] > ol > li").first
    new_item = first_category.locator("ol.ed-items > li").last
    new_item.locator("input[name$='.name']").fill("바닐라 라떼")
    new_item.locator("input[name$='.price']").fill("5500")
    new_item.locator("input[name$='.price']").press("Tab")
    expect(page.locator(".b-menu")).to_contain_text("바닐라 라떼")
    expect(page.locator(".b-menu")).to_contain_text("5,500원")
    assert items.count() >= 1
    assert page.locator(".b-menu li").filter(has_text="원").count() >= 5
    wait_saved(page)

    # --- opening hours and location come from the business profile ----------------------------
    add_block(page, "opening_hours")
    add_block(page, "location")
    expect(page.locator("#panel .ed-note")).to_be_visible()  # "edit business details" link

    # --- a gallery of three uploaded pictures (uploaded from the picker) ---------------------
    add_block(page, "gallery")
    gallery_items = "#panel form[data-prop=items] ol.ed-items > li"
    colours = [(180, 120, 80), (90, 140, 100), (200, 180, 140)]
    for i, colour in enumerate(colours):
        row = page.locator(gallery_items).nth(i)
        row.get_by_test_id("choose-image").click()
        page.wait_for_selector("#drawer[open] #asset-upload-file")
        page.set_input_files("#drawer #asset-upload-file", photo(tmp_path, f"p{i}.jpg", colour))
        page.fill("#drawer #asset-upload-alt", f"카페 사진 {i + 1}")
        page.locator("#drawer .asset-upload button[type=submit]").click()
        # The picture just uploaded is chosen at once (the picker closes).
        page.wait_for_selector("#drawer", state="hidden")
        page.wait_for_function(
            f"() => document.querySelectorAll('{gallery_items}')[{i}]"
            f".querySelector('[data-image-asset]').value.length === 64")
        wait_saved(page)
    expect(page.locator(".b-gallery img")).to_have_count(3)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Asset)) == 3
    b.shot("built")
    assert block_types(app, home_id) == ["hero", "menu", "opening_hours", "location", "gallery"]

    # --- reorder by drag and drop, then undo -------------------------------------------------
    page.keyboard.press("Escape")
    location = page.locator("#canvas-root > .ed-block[data-type=location]")
    hours = page.locator("#canvas-root > .ed-block[data-type=opening_hours]")
    drag(page, location, hours)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#canvas-root > .ed-block')].map(b => b.dataset.type)"
        ".indexOf('location') === 2")
    wait_saved(page)
    assert block_types(app, home_id) == ["hero", "menu", "location", "opening_hours", "gallery"]
    page.get_by_test_id("undo").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('#canvas-root > .ed-block')].map(b => b.dataset.type)"
        ".indexOf('location') === 3")
    assert block_types(app, home_id) == ["hero", "menu", "opening_hours", "location", "gallery"]

    # --- a named version, a mistake, and the version restored ----------------------------------
    page.get_by_test_id("revisions-button").click()
    page.fill("#rev-name", "사진 넣은 뒤")
    page.get_by_test_id("save-revision").click()
    expect(page.locator("#revisions")).to_contain_text("사진 넣은 뒤")
    page.locator("[data-close-drawer]").click()
    page.locator("#canvas-root > .ed-block[data-type=menu]").click()
    page.get_by_test_id("delete").click()
    expect(page.locator("#canvas-root > .ed-block[data-type=menu]")).to_have_count(0)
    page.get_by_test_id("revisions-button").click()
    page.locator("#revisions .ed-rev").filter(has_text="사진 넣은 뒤").get_by_test_id(
        "restore-revision").click()
    expect(page.locator("#canvas-root > .ed-block[data-type=menu]")).to_have_count(1)
    assert "menu" in block_types(app, home_id)

    # --- two more pages -------------------------------------------------------------------------
    for title_text in ("메뉴", "오시는 길"):
        before = page.url
        page.get_by_test_id("pages-button").click()
        page.get_by_test_id("new-page-title").fill(title_text)
        page.get_by_test_id("add-page").click()
        # The new page's editor, not the one we are on (its URL matches the pattern too).
        page.wait_for_url(lambda url, before=before: url != before
                          and re.search(r"/editor/pages/\d+$", url) is not None)
        page.wait_for_selector("#canvas-root")
        page.wait_for_load_state("load")
    add_block(page, "location", below=False)
    with app.app_context():
        pages = db.session.scalars(select(Page).where(Page.deleted_at.is_(None))
                                   .order_by(Page.position)).all()
        assert [p.title for p in pages][1:] == ["메뉴", "오시는 길"]
    expect(page.locator(".ww-nav")).to_contain_text("메뉴")

    # --- phone preview ------------------------------------------------------------------------
    page.get_by_test_id("device-phone").click()
    page.wait_for_function(
        "() => document.getElementById('frame').getBoundingClientRect().width <= 392")
    b.shot("phone-preview")
    assert b.errors == [], "\n".join(b.errors)


def test_core_edits_on_a_phone(app, browser_factory):
    from playwright.sync_api import expect

    b = browser_factory(PHONE, "editor-phone")
    page = b.page
    sign_up_and_open_editor(b, "phone@example.com", "폰 카페")
    home_id = current_page_id(b)

    add_block(page, "heading", below=False)
    expect(page.locator("#panel.is-open")).to_be_visible()  # the bottom sheet
    page.locator("#panel form[data-prop=text] input[name=value]").fill("오늘의 메뉴")
    expect(page.locator(".b-heading")).to_have_text("오늘의 메뉴")
    wait_saved(page)
    add_block(page, "notice")
    page.get_by_test_id("move-up").click()
    page.wait_for_function(
        "() => document.querySelector('#canvas-root > .ed-block').dataset.type === 'notice'")
    assert block_types(app, home_id) == ["notice", "heading"]
    page.get_by_test_id("undo").click()
    page.wait_for_function(
        "() => document.querySelector('#canvas-root > .ed-block').dataset.type === 'heading'")
    # Tap another block, delete it, and the panel closes.
    page.locator("#canvas-root > .ed-block[data-type=notice]").click()
    page.get_by_test_id("delete").click()
    expect(page.locator(".ed-block[data-type=notice]")).to_have_count(0)
    assert block_types(app, home_id) == ["heading"]
    # Touch targets in the sheet are big enough to tap.
    page.locator("#canvas-root > .ed-block").first.click()
    for tool in ("move-up", "move-down", "duplicate", "copy", "delete"):
        box = page.get_by_test_id(tool).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (tool, box)
    b.shot("phone")
    assert b.errors == [], "\n".join(b.errors)
