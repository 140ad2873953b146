"""Asking for help, as the owner and the agent see it in Chromium: a help code that runs out
says so (on a phone, the code on one line) and a new one is a tap away; the owner's activity
list names the block, the setting and the new text the agent changed; an agent who types too
many wrong codes is told about codes — not passwords — in Korean, English and Japanese.

Run: .venv/bin/python -m pytest tests/test_support_browser.py -x -q
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.db import db, utcnow
from app.models import SupportSession
from tests.browser_support import DESKTOP, PHONE, TOUCH_PHONE
from tests.test_coedit_browser import log_in, make_support_agent
from tests.test_editor_browser import add_block, sign_up_and_open_editor, wait_saved

pytestmark = pytest.mark.browser


def _one_line(locator) -> bool:
    return locator.evaluate("e => e.getClientRects().length") == 1


def test_an_expired_help_code_says_so_and_the_owner_gets_a_new_one_on_a_phone(app,
                                                                             browser_factory):
    b = browser_factory(PHONE, "help-code", TOUCH_PHONE)
    page = b.page
    sign_up_and_open_editor(b, "help@example.com", "도움 카페")
    # The page's clock can be moved on: ten minutes pass in a moment.
    page.clock.install()
    page.get_by_test_id("get-help").tap()
    code = page.get_by_test_id("support-code")
    expect(code).to_be_visible()
    first = code.inner_text().replace(" ", "")
    banner = page.get_by_test_id("support-banner")
    with app.app_context():
        session = db.session.scalar(select(SupportSession))
        until = session.code_expires_at
    # The code sits on one line, on screen, with the time it stops working.
    assert _one_line(code), code.evaluate("e => [...e.getClientRects()].map(r => r.top)")
    assert code.bounding_box()["x"] + code.bounding_box()["width"] <= PHONE["width"]
    expect(banner).to_contain_text("까지 유효")
    expect(banner).not_to_contain_text("10분 동안 유효")
    b.shot("code")

    # --- ten minutes later the code no longer works, and the banner says so ------------------
    with app.app_context():
        row = db.session.get(SupportSession, session.id)
        row.code_expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert until > utcnow()  # it was valid when it was shown
    page.clock.fast_forward("10:02")
    expired = page.get_by_test_id("support-code-expired")
    expect(expired).to_be_visible()
    expect(expired).to_contain_text("만료")
    expect(page.get_by_test_id("support-code")).to_have_count(0)
    expect(banner).not_to_contain_text("까지 유효")
    b.shot("expired")

    # --- a new code is a tap away --------------------------------------------------------------
    page.get_by_test_id("support-new-code").tap()
    expect(page.get_by_test_id("support-code")).to_be_visible()
    second = page.get_by_test_id("support-code").inner_text().replace(" ", "")
    assert re.fullmatch(r"\d{6}", second)
    with app.app_context():
        rows = db.session.scalars(select(SupportSession).order_by(SupportSession.id)).all()
        assert [r.status for r in rows] == ["ended", "waiting"]
        assert rows[1].code_expires_at > utcnow() + timedelta(minutes=9)
    assert _one_line(page.get_by_test_id("support-code"))
    assert first != second or rows[0].id != rows[1].id
    b.shot("new-code")
    assert b.errors == [], "\n".join(b.errors)


def test_the_activity_list_names_the_block_the_setting_and_the_new_text(app, browser_factory):
    owner = browser_factory(DESKTOP, "activity-owner")
    op = owner.page
    sign_up_and_open_editor(owner, "owner@example.com", "활동 카페")
    add_block(op, "heading", below=False)
    op.get_by_test_id("get-help").click()
    code = op.get_by_test_id("support-code").inner_text().replace(" ", "")

    make_support_agent(app, "agent@windwalker.kr", "김지원")
    agent = browser_factory(DESKTOP, "activity-agent")
    ap = agent.page
    log_in(agent, "agent@windwalker.kr")
    ap.goto("/support/")
    ap.get_by_test_id("support-code-input").fill(code)
    ap.get_by_test_id("support-join").click()
    op.get_by_test_id("support-accept").click()
    ap.wait_for_url(re.compile(r"/editor/pages/\d+"))
    ap.wait_for_selector("#canvas-root")
    ap.wait_for_load_state("load")

    # The agent retitles the heading and makes it smaller, in the panel like anyone would.
    ap.locator("#canvas-root > .ed-block[data-type=heading]").click()
    text = ap.locator("#panel form[data-prop=text] input[name=value]")
    text.fill("")
    text.type("오늘의 원두와 갓 구운 빵", delay=20)
    text.press("Tab")
    wait_saved(ap)
    ap.locator("#panel form[data-prop=level] select").select_option("h3")
    wait_saved(ap)
    expect(op.locator(".ed-block[data-type=heading] h3")).to_have_count(1)

    # The owner reads what changed.
    op.get_by_test_id("support-activity").click()
    entries = op.get_by_test_id("agent-op-what")
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_have_text("설정 변경: 제목 블록 › 크기 → “작게”")
    expect(entries.nth(1)).to_have_text("설정 변경: 제목 블록 › 제목 → “오늘의 원두와 갓 구운 빵”")
    owner.shot("activity")
    expected = ("status of 403", "status of 409")
    assert [e for e in owner.errors + agent.errors
            if not any(x in e for x in expected)] == []


def test_too_many_wrong_codes_are_explained_as_codes_in_three_languages(app, browser_factory):
    make_support_agent(app, "agent@windwalker.kr", "김지원")
    b = browser_factory(DESKTOP, "codes-429")
    page = b.page
    log_in(b, "agent@windwalker.kr")
    page.goto("/support/")
    for attempt in range(10):
        field = page.get_by_test_id("support-code-input")
        field.fill("")
        field.type(f"{100000 + attempt}", delay=10)
        page.get_by_test_id("support-join").click()
        expect(page.locator("#code-error")).to_be_visible()
    page.get_by_test_id("support-code-input").fill("123457")
    page.get_by_test_id("support-join").click()
    words = {"ko": ("코드", "비밀번호"), "en": ("code", "password"), "ja": ("コード", "パスワード")}
    for language in ("ko", "en", "ja"):
        if language != "ko":
            # The agent switches the language in the footer and tries once more.
            page.locator(f".langswitch button[value={language}]").click()
            page.goto("/support/")
            page.get_by_test_id("support-code-input").fill("123458")
            page.get_by_test_id("support-join").click()
        error = page.locator(".error-page[data-status='429']")
        expect(error).to_be_visible()
        said, never = words[language]
        assert said in error.inner_text().lower(), (language, error.inner_text())
        assert never not in error.inner_text().lower(), (language, error.inner_text())
        b.shot(f"429-{language}")
    assert [e for e in b.errors if "status of 429" not in e] == []
