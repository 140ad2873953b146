"""Owner and support agent on the same page in two Chromium contexts: consent with a code,
each sees the other's edits and presence live, both edit one block at once and nothing is
lost, chat, the owner ends the session and the agent's view says so; the agent cannot open
billing or publishing. Also two tabs of the owner on a phone-sized screen.

Run: .venv/bin/python -m pytest tests/test_coedit_browser.py -x -q
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.db import db
from app.models import Page, SupportSession, User, UserRole
from tests.browser_support import DESKTOP, PASSWORD, PHONE
from tests.test_editor_browser import add_block, sign_up_and_open_editor, wait_saved

pytestmark = pytest.mark.browser


def make_support_agent(app, email: str, name: str) -> None:
    from app.accounts.passwords import hash_password

    with app.app_context():
        user = User(email=email, display_name=name, password_hash=hash_password(PASSWORD))
        db.session.add(user)
        db.session.flush()
        db.session.add(UserRole(user_id=user.id, role="support"))
        db.session.commit()


def log_in(b, email: str) -> None:
    b.page.goto("/login")
    b.page.fill("input[name=email]", email)
    b.page.fill("input[name=password]", PASSWORD)
    b.page.locator("form[action='/login'] button[type=submit]").click()
    b.page.wait_for_load_state("load")


def owners_invoice(app, email: str) -> int:
    """An issued invoice of the owner's (the agent must never see it)."""
    from datetime import date

    from app.billing import invoices
    from app.models import User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        draft = invoices.create_draft(user, [("WindWalker 스타터 요금제", 9_900)],
                                      subscription=None,
                                      period=(date(2026, 11, 26), date(2026, 12, 26)))
        invoice = invoices.issue(draft, date(2026, 11, 26))
        db.session.commit()
        return invoice.id


def page_tree(app, page_id: int) -> dict:
    with app.app_context():
        db.session.expire_all()
        return db.session.get(Page, page_id).draft_tree


def live(page) -> None:
    """Waits until the tab's live stream is open (presence has arrived)."""
    page.wait_for_selector("#presence [data-testid=avatar]", state="attached")


def test_owner_and_agent_edit_together_chat_and_the_owner_ends_it(app, browser_factory):
    owner = browser_factory(DESKTOP, "coedit-owner")
    sign_up_and_open_editor(owner, "cafe@example.com", "바람 카페")
    op = owner.page
    add_block(op, "heading", below=False)
    page_id = int(re.search(r"/pages/(\d+)", op.url).group(1))
    site_id = int(re.search(r"/sites/(\d+)/", op.url).group(1))
    block = page_tree(app, page_id)["slots"]["children"][0]["id"]
    live(op)

    # --- consent: the owner asks for help, reads the code; the agent enters it -------------
    make_support_agent(app, "agent@windwalker.kr", "김지원")
    agent = browser_factory(DESKTOP, "coedit-agent")
    log_in(agent, "agent@windwalker.kr")
    ap = agent.page
    op.get_by_test_id("get-help").click()
    code = op.get_by_test_id("support-code").inner_text().replace(" ", "")
    assert re.fullmatch(r"\d{6}", code)
    owner.shot("code")
    ap.goto("/support/")
    ap.get_by_test_id("support-code-input").fill(code)
    ap.get_by_test_id("support-join").click()
    expect(ap.get_by_test_id("support-waiting")).to_be_visible()
    # The owner sees the agent's name live and accepts.
    expect(op.get_by_test_id("support-banner")).to_contain_text("김지원")
    owner.shot("agent-asks")
    op.get_by_test_id("support-accept").click()
    expect(op.get_by_test_id("support-banner")).to_contain_text("함께 편집 중")
    ap.wait_for_url(re.compile(rf"/sites/{site_id}/editor/pages/{page_id}"))
    expect(ap.get_by_test_id("support-banner")).to_contain_text("상담 중")
    # Presence: both avatars on both screens.
    two = "() => document.querySelectorAll('#presence [data-testid=avatar]').length === 2"
    op.wait_for_function(two)
    ap.wait_for_function(two)

    # --- live edits both ways ----------------------------------------------------------------
    op.locator(f"#b-{block}").click()
    title = op.locator("#panel form[data-prop=text] input[name=value]")
    title.fill("오늘의 원두")
    wait_saved(op)
    expect(ap.locator(f"#b-{block}")).to_contain_text("오늘의 원두")
    # The agent sees that the owner is editing that block.
    expect(ap.locator(f"#b-{block} [data-testid=editing-badge]")).to_contain_text("사장님")
    add_block(ap, "divider", below=False)
    expect(op.locator(".ed-block[data-type=divider]")).to_have_count(1)

    # --- both edit the same block at once: different props, nothing lost -------------------
    ap.locator(f"#b-{block}").click()
    ap.wait_for_selector("#panel form[data-prop=level]")
    op_title = op.locator("#panel form[data-prop=text] input[name=value]")
    op_title.fill("오늘의 원두와 빵")
    ap.locator("#panel form[data-prop=level] select").select_option("h3")
    # Both saves land (the title is sent 0.7 s after the last keystroke).
    deadline = time.monotonic() + 10
    while True:
        props = next(n for n in page_tree(app, page_id)["slots"]["children"]
                     if n["id"] == block)["props"]
        if (props["text"], props["level"]) == ("오늘의 원두와 빵", "h3"):
            break
        assert time.monotonic() < deadline, props
        op.wait_for_timeout(100)
    expect(ap.locator(f"#b-{block}")).to_contain_text("오늘의 원두와 빵")
    expect(op.locator(f"#b-{block} h3")).to_have_count(1)
    agent.shot("editing-together")
    owner.shot("editing-together")

    # --- chat ------------------------------------------------------------------------------------
    ap.get_by_test_id("open-chat").click()
    ap.get_by_test_id("chat-input").fill("제목을 h3로 바꿨어요")
    ap.get_by_test_id("chat-send").click()
    expect(op.locator("#chat-lines")).to_contain_text("제목을 h3로 바꿨어요")
    op.get_by_test_id("chat-input").fill("고마워요!")
    op.get_by_test_id("chat-send").click()
    expect(ap.locator("#chat-lines")).to_contain_text("고마워요!")
    owner.shot("chat")
    # On a phone the chat is a bottom sheet and the banner stays on top.
    op.set_viewport_size(PHONE)
    op.get_by_test_id("chat-input").fill("폰에서도 보여요")
    op.get_by_test_id("chat-send").click()
    expect(ap.locator("#chat-lines")).to_contain_text("폰에서도 보여요")
    expect(op.get_by_test_id("support-banner")).to_be_visible()
    owner.shot("chat-phone")
    op.set_viewport_size(DESKTOP)

    # --- the agent changes the design: the owner's canvas restyles live --------------------------
    status = ap.evaluate(
        """async (url) => {
            const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRFToken'];
            const r = await fetch(url, {method: 'POST',
              body: new URLSearchParams({'colors.primary': '#aa2200'}),
              headers: {'X-CSRFToken': token, 'HX-Request': 'true'}});
            return r.status;
        }""", f"/sites/{site_id}/design")
    assert status == 200
    op.wait_for_function("() => document.getElementById('ww-design-css').textContent"
                         ".includes('#aa2200')")

    # --- the agent cannot open billing or publishing --------------------------------------------
    invoice_id = owners_invoice(app, "cafe@example.com")
    other = agent.context.new_page()
    for path in (f"/sites/{site_id}/publish", f"/sites/{site_id}/publish/settings",
                 f"/sites/{site_id}", f"/sites/{site_id}/settings",
                 f"/billing/invoices/{invoice_id}", f"/billing/invoices/{invoice_id}.pdf"):
        response = other.goto(path) if not path.endswith(".pdf") else other.request.get(path)
        assert response.status == 404, path
    other.goto("/billing/")  # the agent's own plan, never the owner's
    assert "cafe@example.com" not in other.content() and "바람 카페" not in other.content()
    other.close()
    expect(ap.get_by_test_id("agent-publish")).to_have_count(0)

    # --- the owner allows publishing for this session; the agent publishes ---------------------
    op.get_by_test_id("support-allow-publish").click()
    expect(op.get_by_test_id("support-stop-publish")).to_be_visible()
    ap.get_by_test_id("agent-publish").click()
    expect(ap.get_by_test_id("agent-publish-panel")).to_be_visible()
    agent.shot("publish-allowed")
    ap.get_by_test_id("agent-publish-now").click()
    expect(ap.locator("[data-testid=deploy-progress][data-state=live]")).to_be_visible(
        timeout=30_000)
    agent.shot("published")
    # Publishing is not an edit: the agent's editor never claims to be saving because of it.
    expect(ap.get_by_test_id("save-state")).to_have_attribute("data-state", "saved")
    ap.keyboard.press("Escape")
    # The owner sees it in the session's activity, then takes the permission back.
    op.get_by_test_id("support-activity").click()
    expect(op.locator("[data-testid=agent-op][data-kind=publish]")).to_have_count(1)
    owner.shot("activity")
    op.keyboard.press("Escape")
    op.get_by_test_id("support-stop-publish").click()
    expect(ap.get_by_test_id("agent-publish")).to_have_count(0)
    expect(op.get_by_test_id("support-allow-publish")).to_be_visible()

    # --- the owner ends it: the agent's view says so and its next action is refused -------------
    op.get_by_test_id("support-end").click()
    expect(ap.get_by_test_id("support-ended-overlay")).to_be_visible()
    agent.shot("ended")
    seq_before = page_tree(app, page_id)
    status = ap.evaluate(
        """async () => {
            const body = new URLSearchParams({kind: 'insert', type: 'heading', op_key: 'late1'});
            const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRFToken'];
            const r = await fetch(document.getElementById('editor').dataset.opsUrl,
              {method: 'POST', body, headers: {'X-CSRFToken': token, 'HX-Request': 'true'}});
            return r.status;
        }""")
    assert status == 403
    assert page_tree(app, page_id) == seq_before
    with app.app_context():
        assert db.session.scalar(select(SupportSession.status)) == "ended"
    expected = ("status of 403", "status of 409")
    assert [e for e in owner.errors + agent.errors
            if not any(x in e for x in expected)] == []


def test_two_tabs_of_the_owner_on_a_phone_stay_in_step(app, browser_factory):
    first = browser_factory(PHONE, "coedit-phone")
    sign_up_and_open_editor(first, "phone@example.com", "폰 가게")
    url = first.page.url
    second = first.context.new_page()
    second.set_viewport_size(PHONE)
    second.goto(url)
    live(first.page)
    live(second)
    add_block(first.page, "heading", below=False)
    expect(second.locator(".ed-block[data-type=heading]")).to_have_count(1)
    # The other tab shows up as a second avatar (one's own is hidden on a phone).
    expect(first.page.locator("#presence [data-testid=avatar]:not(.is-me)")).to_be_visible()
    first.shot("phone-two-tabs")
    assert first.errors == []
