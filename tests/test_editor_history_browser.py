"""The History drawer in headless Chromium on a phone: after a burst of edits it explains that
versions come by themselves and offers to save one now; a pause, a named version and a publish
each leave a version; a version is previewed and restored, and the restore undone.

The app's clock (app.db.clock) is moved instead of waiting for minutes to pass.

Run: .venv/bin/python -m pytest tests/test_editor_history_browser.py -x -q
"""

from __future__ import annotations

import pytest

from tests.browser_support import PHONE
from tests.test_editor_browser import add_block, sign_up_and_open_editor, wait_saved

pytestmark = pytest.mark.browser


def retitle(page, text: str) -> None:
    """Types a new hero title in the panel, as a person does, and waits until it is saved."""
    field = page.locator("#panel form[data-prop=title] input[name=value]")
    field.fill("")
    field.type(text, delay=15)
    page.wait_for_function(
        "(t) => document.querySelector('#canvas-root .b-hero__title').textContent === t", arg=text)
    wait_saved(page)


def open_history(page) -> None:
    page.get_by_test_id("revisions-button").click()
    page.wait_for_selector("#drawer[open] #revisions")


def close_drawer(page) -> None:
    page.locator("[data-close-drawer]").first.click()


def test_the_history_drawer_tells_the_truth_after_edits(app, browser_factory, clock,
                                                        live_server):
    from playwright.sync_api import expect

    port = live_server.rsplit(":", 1)[1]
    app.config["SITES_URL"] = f"http://{{slug}}.sites.localhost:{port}"
    b = browser_factory(PHONE, "history")
    page = b.page
    sign_up_and_open_editor(b, "history@example.com", "바람길 카페")
    add_block(page, "hero", below=False)
    for i in range(1, 10):  # a burst of ten edits
        clock.travel(seconds=15)
        retitle(page, f"아침 메뉴 {i}")

    # --- no version yet: the drawer says how versions come, and offers one now -----------------
    open_history(page)
    drawer = page.locator("#revisions")
    expect(drawer).not_to_contain_text("아직 저장된 버전이 없습니다")
    current = drawer.get_by_test_id("current-version")
    expect(current).to_contain_text("현재 버전")
    expect(current).to_contain_text("블록 1개 추가, 변경 9건")
    expect(drawer.get_by_test_id("versions-explained")).to_contain_text("5분 넘게 쉬었다가")
    expect(drawer.get_by_test_id("save-revision")).to_have_text("지금 버전 저장")
    b.shot("ten-edits")
    close_drawer(page)

    # --- a pause, then an edit: the morning's state becomes a version -------------------------
    clock.travel(minutes=20)
    retitle(page, "점심 메뉴")
    open_history(page)
    auto = drawer.locator("[data-testid=version][data-kind=auto]")
    expect(auto).to_have_count(1)
    expect(auto).to_contain_text("자동")
    expect(auto).to_contain_text("블록 1개 추가, 변경 9건")
    expect(auto).to_contain_text("카페 사장님")  # who made those edits
    expect(drawer.locator(".ed-rev-day").first).to_have_text("오늘")

    # --- a named version, now ------------------------------------------------------------------
    page.locator("#rev-name").type("점심 메뉴 확정", delay=15)
    drawer.get_by_test_id("save-revision").click()
    named = drawer.locator("[data-testid=version][data-kind=named]")
    expect(named).to_contain_text("점심 메뉴 확정")
    expect(named).to_contain_text("이름 붙인 버전")
    close_drawer(page)

    # --- publishing leaves a "before publishing" version ---------------------------------------
    clock.travel(minutes=1)
    retitle(page, "저녁 메뉴")
    page.get_by_test_id("go-publish").click()
    page.get_by_test_id("publish").click()
    expect(page.locator("[data-testid=deploy-progress][data-state=live]")).to_be_visible()
    page.go_back()
    page.wait_for_selector("#canvas-root")
    page.wait_for_load_state("load")
    open_history(page)
    published = drawer.locator("[data-testid=version][data-kind=publish]")
    expect(published).to_contain_text("게시 전")
    kinds = drawer.locator("[data-testid=version]").evaluate_all(
        "els => els.map(e => e.dataset.kind)")
    assert kinds == ["publish", "named", "auto"]  # newest first
    b.shot("versions")

    # --- restore the morning's version; undo brings the evening back ---------------------------
    auto.get_by_test_id("restore-revision").click()
    expect(page.locator("#canvas-root .b-hero__title")).to_have_text("아침 메뉴 9")
    page.get_by_test_id("undo").click()
    expect(page.locator("#canvas-root .b-hero__title")).to_have_text("저녁 메뉴")
    assert b.errors == [], "\n".join(b.errors)
