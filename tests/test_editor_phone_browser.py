"""The editor on a phone, as a person holds one (390x844, touch): a top bar whose every control
has a name and, where there is room, a short word under its icon; a bottom sheet that opens at
under half the screen, grows and shrinks with its handle, and leaves the page scrollable and its
blocks draggable while it is open. Also the top bar at 1280 px.

Run: .venv/bin/python -m pytest tests/test_editor_phone_browser.py -x -q
"""

from __future__ import annotations

import pytest

from tests.browser_support import DESKTOP, PHONE, TOUCH_PHONE
from tests.test_editor_browser import (
    add_block,
    block_types,
    current_page_id,
    sign_up_and_open_editor,
    wait_saved,
)

pytestmark = pytest.mark.browser

# The top bar's controls: (role, accessible name, the word shown on a phone, on a laptop).
TOP_BAR = [
    ("link", "바람길 카페 사이트로 돌아가기", None, "바람길 카페"),
    ("button", "페이지: 홈", "홈", "홈"),
    ("button", "실행 취소", None, None),
    ("button", "다시 실행", None, None),
    ("button", "기록", "기록", "기록"),
    ("button", "디자인", "디자인", "디자인"),
    ("button", "도움 요청", "도움", "도움 요청"),
    ("link", "게시", "게시", "게시"),
    ("button", "블록 추가", "추가", "블록 추가"),
]

BAR_GEOMETRY = """() => {
  const bar = document.querySelector('.ed-bar');
  const box = (el) => { const r = el.getBoundingClientRect();
    return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, w: r.width, h: r.height}; };
  // The words a person sees in each control: every visible text node's line boxes.
  const controls = [...bar.querySelectorAll('a, button')].filter(c => c.offsetParent !== null)
    .map(c => {
      const words = [...c.querySelectorAll('span')].filter(s => s.offsetParent !== null
          && getComputedStyle(s).clip === 'auto' && s.getBoundingClientRect().width > 1)
        .map(s => ({text: s.textContent.trim(), lines: s.getClientRects().length,
                    box: box(s), lineHeight: parseFloat(getComputedStyle(s).lineHeight)
                      || parseFloat(getComputedStyle(s).fontSize) * 1.4}));
      return {name: c.getAttribute('aria-label') || c.textContent.trim(), box: box(c), words};
    });
  return {scrollWidth: bar.scrollWidth, clientWidth: bar.clientWidth, bar: box(bar),
          viewport: window.innerWidth, controls};
}"""


def _check_top_bar(page, column: int) -> dict:
    """Every control is found by its role and accessible name; the words shown are the expected
    ones, each on one line, inside its control and on screen; nothing overlaps or overflows."""
    from playwright.sync_api import expect

    bar = page.locator(".ed-bar")
    for role, name, *shown in TOP_BAR:
        control = bar.get_by_role(role, name=name, exact=True)
        expect(control).to_be_visible()
        word = shown[column]
        if word is None:
            continue
        # The visible word is part of the accessible name (WCAG 2.5.3, label in name).
        assert word in name
        expect(control).to_contain_text(word)
    geometry = page.evaluate(BAR_GEOMETRY)
    assert geometry["scrollWidth"] <= geometry["clientWidth"], geometry
    boxes = [c["box"] for c in geometry["controls"]]
    for control in geometry["controls"]:
        box = control["box"]
        assert box["x"] >= 0 and box["right"] <= geometry["viewport"] + 0.5, control
        for word in control["words"]:
            assert word["lines"] == 1, control  # no word wraps
            assert word["box"]["h"] < 1.5 * word["lineHeight"], control
            left, right = word["box"]["x"], word["box"]["right"]
            inside = box["x"] - 0.5 <= left and right <= box["right"] + 0.5
            assert inside, control  # the word is not cut off by its button
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a["right"] <= b["x"] + 0.5 or b["right"] <= a["x"] + 0.5
            assert apart, (a, b)
    return geometry


def test_the_top_bar_names_every_control_and_shows_short_words_on_a_phone(app, browser_factory):
    b = browser_factory(PHONE, "topbar-phone", TOUCH_PHONE)
    page = b.page
    sign_up_and_open_editor(b, "topbar@example.com", "바람길 카페")
    add_block(page, "hero", below=False)  # a selected block: the bar as it mostly is
    geometry = _check_top_bar(page, 0)
    shown = {c["name"]: [w["text"] for w in c["words"]] for c in geometry["controls"]}
    assert shown["기록"] == ["기록"] and shown["게시"] == ["게시"] and shown["디자인"] == ["디자인"]
    assert geometry["bar"]["h"] <= 64
    b.shot("bar")

    # Someone else opens the page too: their avatar appears and the bar still fits.
    other = b.context.new_page()
    other.goto(page.url)
    other.wait_for_selector("#canvas-root")
    page.wait_for_function("() => document.querySelectorAll('#presence .ed-avatar').length >= 2")
    _check_top_bar(page, 0)
    b.shot("bar-with-someone")

    # The words are buttons a finger can hit: a tap on "게시" opens the publish page.
    page.locator(".ed-bar").get_by_role("link", name="게시").tap()
    page.wait_for_url("**/publish")
    assert b.errors == [], "\n".join(b.errors)


def test_the_top_bar_shows_every_word_beside_its_icon_on_a_laptop(app, browser_factory):
    b = browser_factory(DESKTOP, "topbar-desktop")
    page = b.page
    sign_up_and_open_editor(b, "topbar-wide@example.com", "바람길 카페")
    _check_top_bar(page, 1)
    b.shot("bar")
    assert b.errors == [], "\n".join(b.errors)


def _touch(page):
    """Raw touch input (Playwright's touchscreen only taps): a finger through the DevTools
    protocol, as a phone's touch screen reports it."""
    cdp = page.context.new_cdp_session(page)

    def send(kind: str, x: float | None = None, y: float | None = None) -> None:
        points = [] if x is None else [{"x": x, "y": y, "radiusX": 4, "radiusY": 4, "force": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    return send


def long_press_and_move(page, source, target_y: float) -> None:
    """Holds a finger on ``source`` (a long press starts a drag on touch screens), moves it to
    ``target_y`` in small steps and lifts it."""
    send = _touch(page)
    box = source.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 30)
    send("touchStart", x, y)
    page.wait_for_timeout(450)  # longer than the editor's 250 ms long-press delay
    steps = 20
    for i in range(1, steps + 1):
        send("touchMove", x, y + (target_y - y) * i / steps)
        page.wait_for_timeout(20)
    page.wait_for_timeout(100)
    send("touchEnd")


def drag_handle(page, handle, dy: float) -> None:
    """A finger drags ``handle`` by ``dy`` pixels at a finger's pace (and lifts)."""
    send = _touch(page)
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    send("touchStart", x, y)
    for i in range(1, 7):
        send("touchMove", x, y + dy * i / 6)
        page.wait_for_timeout(20)
    send("touchEnd")


def swipe(page, x: float, y_from: float, y_to: float) -> None:
    """A quick swipe (no hold): scrolls what is under the finger."""
    send = _touch(page)
    send("touchStart", x, y_from)
    for i in range(1, 9):
        send("touchMove", x, y_from + (y_to - y_from) * i / 8)
        page.wait_for_timeout(10)
    send("touchEnd")


SHEET = """() => { const s = document.querySelector('[data-testid=panel-sheet]');
  const r = s.getBoundingClientRect(); const bar = document.querySelector('.ed-bar');
  return {top: r.top, height: r.height, bottom: r.bottom, vh: window.innerHeight,
          barBottom: bar.getBoundingClientRect().bottom}; }"""


def test_the_block_sheet_opens_small_grows_with_its_handle_and_blocks_move_under_it(
        app, browser_factory):
    from playwright.sync_api import expect

    b = browser_factory(PHONE, "sheet-phone", TOUCH_PHONE)
    page = b.page
    sign_up_and_open_editor(b, "sheet@example.com", "시트 카페")
    home_id = current_page_id(b)
    add_block(page, "hero", below=False)
    add_block(page, "heading")
    add_block(page, "notice")
    assert block_types(app, home_id) == ["hero", "heading", "notice"]

    # --- the sheet opens at under half the screen, with a named handle ----------------------
    page.locator("#panel [data-close-panel]").tap()
    expect(page.locator("#panel.is-open")).to_have_count(0)
    page.locator("#stage").evaluate("s => s.scrollTo(0, 0)")
    page.locator("#canvas-root > .ed-block[data-type=hero]").tap()
    expect(page.locator("#panel.is-open [data-block]")).to_be_visible()
    handle = page.get_by_role("button", name="패널 크게 보기")
    expect(handle).to_be_visible()
    expect(handle).to_have_attribute("aria-expanded", "false")
    page.wait_for_function("() => document.querySelector('[data-testid=panel-sheet]')"
                           ".getBoundingClientRect().top < window.innerHeight * 0.6")
    page.wait_for_timeout(300)  # the sheet slides in
    sheet = page.evaluate(SHEET)
    assert sheet["height"] <= 0.45 * sheet["vh"], sheet
    assert abs(sheet["bottom"] - sheet["vh"]) < 1 and sheet["top"] >= 0.55 * sheet["vh"], sheet
    box = handle.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 44, box  # a target a thumb can hit
    b.shot("sheet-small")

    # --- a tap on the handle enlarges it (the top bar stays), another makes it small again ---
    handle.tap()
    expect(handle).to_have_attribute("aria-expanded", "true")
    page.wait_for_timeout(300)
    sheet = page.evaluate(SHEET)
    assert sheet["height"] >= 0.8 * sheet["vh"] and sheet["top"] >= sheet["barBottom"], sheet
    expect(page.get_by_test_id("add-block")).to_be_visible()
    b.shot("sheet-large")
    handle.tap()
    expect(handle).to_have_attribute("aria-expanded", "false")
    page.wait_for_timeout(300)
    assert page.evaluate(SHEET)["height"] <= 0.45 * sheet["vh"]

    # --- with the sheet open, a swipe scrolls the page ------------------------------------------
    stage = page.locator("#stage")
    before = stage.evaluate("s => s.scrollTop")
    swipe(page, 200, 360, 140)
    page.wait_for_function(f"() => document.getElementById('stage').scrollTop > {before + 40}")
    expect(page.locator("#panel.is-open")).to_be_visible()
    assert block_types(app, home_id) == ["hero", "heading", "notice"]  # scrolled, not dragged

    # --- … and a long press moves a block: the notice goes above the heading -----------------
    notice = page.locator("#canvas-root > .ed-block[data-type=notice]")
    heading = page.locator("#canvas-root > .ed-block[data-type=heading]")
    heading.evaluate("h => h.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(100)
    notice_box = notice.bounding_box()
    assert notice_box["y"] + 30 < page.evaluate(SHEET)["top"], "the notice is above the sheet"
    long_press_and_move(page, notice, heading.bounding_box()["y"] + 4)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#canvas-root > .ed-block')].map(b => b.dataset.type)"
        ".join() === 'hero,notice,heading'")
    wait_saved(page)
    assert block_types(app, home_id) == ["hero", "notice", "heading"]
    expect(page.locator("#panel.is-open")).to_be_visible()  # the sheet stayed open throughout
    b.shot("sheet-after-move")

    # --- dragging the handle down closes the sheet; it opens small again --------------------
    handle.tap()
    expect(handle).to_have_attribute("aria-expanded", "true")
    page.wait_for_timeout(300)  # the sheet grows
    drag_handle(page, handle, 150)
    expect(handle).to_have_attribute("aria-expanded", "false")
    page.wait_for_timeout(300)  # the sheet shrinks
    drag_handle(page, handle, 150)
    expect(page.locator("#panel.is-open")).to_have_count(0)
    page.wait_for_timeout(300)  # the sheet slides away
    b.shot("sheet-closed")
    page.locator("#canvas-root > .ed-block[data-type=heading]").tap()
    expect(page.locator("#panel.is-open [data-block]")).to_be_visible()
    expect(handle).to_have_attribute("aria-expanded", "false")
    assert b.errors == [], "\n".join(b.errors)
