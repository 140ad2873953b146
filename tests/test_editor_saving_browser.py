"""Nothing typed or queued in the editor is ever lost, and the save state tells the truth —
proven the way a person edits: typing with pauses, reloading mid-edit, losing the connection,
the server restarting under them.

Run: .venv/bin/python -m pytest tests/test_editor_saving_browser.py -x -q
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.db import db
from app.models import Page, PageOp
from tests.browser_support import DESKTOP
from tests.test_editor_browser import (
    add_block,
    current_page_id,
    open_new_site,
    sign_up_and_open_editor,
    wait_saved,
)

pytestmark = pytest.mark.browser


def tree_of(app, page_id: int) -> dict:
    with app.app_context():
        db.session.expire_all()
        return db.session.get(Page, page_id).draft_tree


def blocks(app, page_id: int) -> list[dict]:
    return tree_of(app, page_id)["slots"]["children"]


def props_of(app, page_id: int, type_name: str) -> dict:
    return next(b for b in blocks(app, page_id) if b["type"] == type_name)["props"]


def text_of_html(html: str) -> str:
    """The visible text of a stored rich text (tags removed, spaces folded)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def tap_block(page, type_name: str) -> None:
    """Taps the (first top-level) block of that type and waits until its panel is open."""
    block = page.locator(f"#canvas-root > .ed-block[data-type={type_name}]").first
    block.click()
    page.wait_for_selector(f"#panel [data-block='{block.get_attribute('data-block-id')}']")


def slow_network(page, latency_ms: int) -> None:
    """Every request of this tab takes ``latency_ms`` longer (Chromium's own throttling)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency_ms, "downloadThroughput": -1,
        "uploadThroughput": -1})


def record_save_states(page) -> None:
    """Keeps every save state the editor shows from now on (window.__saveStates)."""
    page.evaluate("""() => {
        window.__saveStates = [];
        const el = document.getElementById("save-state");
        new MutationObserver(() => window.__saveStates.push(el.dataset.state))
            .observe(el, {attributes: true, attributeFilter: ["data-state"]});
    }""")


def save_states(page) -> list[str]:
    return page.evaluate("() => window.__saveStates")


def test_text_typed_into_the_rich_text_panel_is_kept_and_saved(app, browser_factory):
    """The reported repro: select all in the 글 block's panel editor, type a sentence with
    ~120 ms between keys, wait 2 s — the text stays, and is there after a reload."""
    b = browser_factory(DESKTOP, "rich-text")
    page = b.page
    sign_up_and_open_editor(b, "rich@example.com", "글 카페")
    page_id = current_page_id(b)
    add_block(page, "rich_text", below=False)
    area = page.locator("#panel form[data-prop=body] .ed-rich-area")
    area.click()
    page.keyboard.press("Control+a")
    sentence = "오늘부터 겨울 메뉴를 시작합니다"
    page.keyboard.type(sentence, delay=120)
    page.wait_for_timeout(2000)
    expect(area).to_have_text(sentence)
    wait_saved(page)
    expect(page.locator("#canvas .ed-block[data-type=rich_text]")).to_contain_text(sentence)
    assert text_of_html(props_of(app, page_id, "rich_text")["body"]) == sentence

    page.reload()
    page.wait_for_load_state("load")
    page.locator("#canvas .ed-block[data-type=rich_text]").click()
    expect(page.locator("#panel form[data-prop=body] .ed-rich-area")).to_have_text(sentence)
    assert b.errors == [], "\n".join(b.errors)


def test_a_faq_answer_typed_with_pauses_is_kept_and_saved(app, browser_factory):
    b = browser_factory(DESKTOP, "faq-answer")
    page = b.page
    sign_up_and_open_editor(b, "faq@example.com", "질문 카페")
    page_id = current_page_id(b)
    add_block(page, "faq", below=False)
    answer = page.locator("#panel form[data-prop=items] ol.ed-items > li").first.locator(
        ".ed-rich-area")
    answer.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("네, 주차는 건물 뒤편에 ", delay=110)
    page.wait_for_timeout(900)  # a pause long enough for one save to leave
    page.keyboard.type("두 대까지 가능합니다.", delay=110)
    page.wait_for_timeout(2000)
    expect(answer).to_have_text("네, 주차는 건물 뒤편에 두 대까지 가능합니다.")
    wait_saved(page)
    stored = props_of(app, page_id, "faq")["items"][0]["answer"]
    assert text_of_html(stored) == "네, 주차는 건물 뒤편에 두 대까지 가능합니다."
    assert b.errors == [], "\n".join(b.errors)


def test_three_inline_saves_on_a_slow_connection_all_arrive_in_order(app, browser_factory):
    """Three edits of canvas texts 150 ms apart while every save takes 400 ms: none dropped."""
    b = browser_factory(DESKTOP, "slow-inline")
    page = b.page
    sign_up_and_open_editor(b, "slow@example.com", "느린 카페")
    page_id = current_page_id(b)
    add_block(page, "cta", below=False)

    slow_network(page, latency_ms=400)
    record_save_states(page)
    block = page.locator(".ed-block.is-selected")
    for prop, text in (("title", "겨울 한정 메뉴"), ("text", "12월 한 달만 만나요"),
                       ("title", "겨울 한정 메뉴 출시")):
        target = block.locator(f"[data-inline={prop}]")
        target.click()
        page.keyboard.press("Control+a")
        page.keyboard.type(text)
        page.keyboard.press("Enter")  # leaves the text: saved at once
        page.wait_for_timeout(150)
    wait_saved(page)
    # While they were on their way the editor said so ("3 changes waiting"), never "saved".
    assert "pending" in save_states(page)
    props = props_of(app, page_id, "cta")
    assert (props["title"], props["text"]) == ("겨울 한정 메뉴 출시", "12월 한 달만 만나요")
    with app.app_context():
        applied = db.session.query(PageOp).filter_by(page_id=page_id, kind="set_prop",
                                                     outcome="applied").count()
    assert applied == 3
    assert b.errors == [], "\n".join(b.errors)


def test_three_heading_settings_changed_offline_are_all_saved_when_back(app, browser_factory):
    """The connection drops: the editor says so at once, keeps every change (and says how many
    wait), and saves them all, in order, when it is back."""
    b = browser_factory(DESKTOP, "offline-heading")
    page = b.page
    sign_up_and_open_editor(b, "offline@example.com", "끊긴 카페")
    page_id = current_page_id(b)
    add_block(page, "heading", below=False)
    record_save_states(page)

    page.context.set_offline(True)
    expect(page.locator("#live-state")).to_have_attribute("data-state", "down")
    expect(page.locator("#live-state")).to_be_visible()
    panel = page.locator("#panel")
    text = panel.locator("form[data-prop=text] input[name=value]")
    text.click()
    text.press("Control+a")
    text.type("겨울 메뉴", delay=60)
    text.press("Tab")
    panel.locator("form[data-prop=level] select").select_option("h3")
    panel.locator("form[data-prop=align] select").select_option("center")
    state = page.get_by_test_id("save-state")
    expect(state).to_have_attribute("data-state", "offline")
    expect(state).to_have_attribute("data-pending", "3")
    # What the owner chose stays on screen while it waits.
    expect(text).to_have_value("겨울 메뉴")
    expect(panel.locator("form[data-prop=level] select")).to_have_value("h3")

    page.context.set_offline(False)
    wait_saved(page)
    expect(page.locator("#live-state")).to_have_attribute("data-state", re.compile("back|up"))
    props = props_of(app, page_id, "heading")
    assert (props["text"], props["level"], props["align"]) == ("겨울 메뉴", "h3", "center")
    expect(page.locator("#canvas .b-heading")).to_have_text("겨울 메뉴")
    states = save_states(page)
    # From the moment it went offline until everything was saved, never "saved".
    assert states[-1] == "saved" and "saved" not in states[states.index("offline"):-1], states
    # Only the refused connections of the offline period were logged, no script error.
    assert all("ERR_INTERNET_DISCONNECTED" in e for e in b.errors), b.errors


def top_level_types(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('#canvas-root > .ed-block')]"
                         ".map(b => b.dataset.type)")


@pytest.fixture
def restartable_server(app, migrated, tmp_path):
    """The app as a real gunicorn process that the test can stop and start again on the same
    port (a deploy or a crash under the owner's open editor)."""
    from tests.coedit.processes import AppProcess
    from tests.coedit.test_multi_process import clean_streams
    from tests.conftest import TEST_REDIS_URL, require_service

    redis_url = require_service("TEST_REDIS_URL", TEST_REDIS_URL)
    clean_streams(redis_url)
    env = {"EDITOR_RETRY_MAX_MS": "1000", "COEDIT_HEARTBEAT": "1"}

    class Server:
        def __init__(self):
            self.proc = AppProcess(migrated, redis_url, tmp_path, env=env)
            self.base = self.proc.base

        def stop(self):
            self.proc.stop()

        def start(self):
            self.proc = AppProcess(migrated, redis_url, tmp_path, env=env, port=self.proc.port)

    server = Server()
    yield server
    server.stop()


def test_edits_queued_while_the_server_restarts_all_reach_the_database(
        app, chromium, restartable_server):
    """Four edits (an insert, two moves, a duplicate) made while the server is down wait in
    order, survive, and land in that order once it is back: canvas, reload and database agree."""
    from tests.browser_support import Browser
    from tests.test_browser import log_in_new_user

    b = Browser(chromium, restartable_server.base, DESKTOP, "restart")
    try:
        page = b.page
        # (The process queues its mails on Redis for a worker this test does not run: the
        # account is made directly, and the owner logs in.)
        log_in_new_user(app, b, "restart@example.com")
        open_new_site(page, "재시작 카페")
        page_id = current_page_id(b)
        for type_name in ("heading", "notice", "cta"):
            add_block(page, type_name)
        assert [n["type"] for n in blocks(app, page_id)] == ["heading", "notice", "cta"]
        notice = page.locator("#canvas-root > .ed-block[data-type=notice]")
        notice.click()
        page.wait_for_selector(f"#panel [data-block='{notice.get_attribute('data-block-id')}']"
                               " [data-testid=add-below]")
        page.get_by_test_id("add-below").click()
        page.wait_for_selector("[data-testid=palette-divider]")

        restartable_server.stop()
        page.get_by_test_id("palette-divider").click()  # 1: a divider below the notice
        page.get_by_test_id("move-down").click()  # 2: the notice one down
        page.get_by_test_id("duplicate").click()  # 3: a copy of it below it
        page.keyboard.press("Alt+ArrowUp")  # 4: the notice one up again
        state = page.get_by_test_id("save-state")
        expect(state).to_have_attribute("data-pending", "4")
        expect(state).to_have_attribute("data-state", "offline")
        expect(page.locator("#live-state")).to_have_attribute("data-state", "down")

        restartable_server.start()
        wait_saved(page)
        expected = ["heading", "notice", "divider", "notice", "cta"]
        assert [n["type"] for n in blocks(app, page_id)] == expected
        expect(page.locator("#canvas-root > .ed-block")).to_have_count(5)
        assert top_level_types(page) == expected
        page.reload()
        page.wait_for_selector("#canvas-root")
        assert top_level_types(page) == expected
        with app.app_context():
            keys = [k for (k,) in db.session.query(PageOp.idempotency_key).filter_by(
                page_id=page_id, outcome="applied")]
        assert len(keys) == len(set(keys)) == 7  # 3 blocks added, then the 4 edits, each once
    finally:
        b.close()


def test_text_typed_just_before_a_reload_is_saved_after_it(app, browser_factory):
    """The owner types and reloads at once (before the save would have left): the text is kept
    in the tab, sent after the reload, and stored once."""
    b = browser_factory(DESKTOP, "reload-typing")
    page = b.page
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" while it waits
    sign_up_and_open_editor(b, "reload@example.com", "새로고침 카페")
    page_id = current_page_id(b)
    add_block(page, "heading", below=False)
    field = page.locator("#panel form[data-prop=text] input[name=value]")
    field.click()
    field.press("Control+a")
    field.type("새로 고쳐도 남는 글", delay=40)
    page.reload()  # well within the 700 ms the editor waits after the last key
    page.wait_for_selector("#canvas-root")
    wait_saved(page)
    expect(page.locator("#canvas .b-heading")).to_have_text("새로 고쳐도 남는 글")
    assert props_of(app, page_id, "heading")["text"] == "새로 고쳐도 남는 글"


def test_a_refused_price_marks_only_that_price_and_the_editor_never_says_saved(
        app, browser_factory):
    b = browser_factory(DESKTOP, "refused-price")
    page = b.page
    sign_up_and_open_editor(b, "price@example.com", "가격 카페")
    page_id = current_page_id(b)
    add_block(page, "menu", below=False)
    stored_before = props_of(app, page_id, "menu")["categories"][0]["items"][0]["price"]
    form = page.locator("#panel form[data-prop=categories]")
    price = form.locator("input[name$='.price']").first
    price.fill("-1")
    price.press("Tab")
    state = page.get_by_test_id("save-state")
    expect(state).to_have_attribute("data-state", "refused")
    expect(state).not_to_have_text(re.compile("저장됨"))
    price = page.locator("#panel form[data-prop=categories] input[name$='.price']").first
    expect(price).to_have_attribute("aria-invalid", "true")
    expect(price).to_have_value("-1")  # what the owner typed stays to be corrected
    # Only that price is marked, not the whole list.
    marked = page.locator("#panel form[data-prop=categories] [aria-invalid=true]")
    expect(marked).to_have_count(1)
    expect(page.locator("#panel form[data-prop=categories].has-error")).to_have_count(0)
    error = page.locator("#panel form[data-prop=categories] .ed-error")
    expect(error).to_have_count(1)
    assert props_of(app, page_id, "menu")["categories"][0]["items"][0]["price"] == stored_before

    price.fill("4500")
    price.press("Tab")
    wait_saved(page)
    expect(page.locator("#panel form[data-prop=categories] [aria-invalid=true]")).to_have_count(0)
    assert props_of(app, page_id, "menu")["categories"][0]["items"][0]["price"] == 4500


def test_add_block_in_the_top_bar_inserts_below_the_selected_block_and_shows_it(
        app, browser_factory):
    """Not at the very end after the footer: below the selected block (or, with none selected,
    above the footer), scrolled into view, selected, its panel open."""
    b = browser_factory(DESKTOP, "insert-where")
    page = b.page
    sign_up_and_open_editor(b, "where@example.com", "어디 카페")
    page_id = current_page_id(b)
    for type_name in ("hero", "notice", "menu", "faq", "footer"):
        add_block(page, type_name)
    assert top_level_types(page) == ["hero", "notice", "menu", "faq", "footer"]

    tap_block(page, "notice")
    page.mouse.wheel(0, 3000)  # the owner scrolled down meanwhile
    page.get_by_test_id("add-block").click()
    page.get_by_test_id("palette-heading").click()
    page.wait_for_selector(".ed-block.is-selected[data-type=heading]")
    wait_saved(page)
    assert top_level_types(page) == ["hero", "notice", "heading", "menu", "faq", "footer"]
    assert [n["type"] for n in blocks(app, page_id)] == top_level_types(page)
    new = page.locator(".ed-block.is-selected[data-type=heading]")
    expect(page.locator("#panel.is-open form[data-prop=text]")).to_be_visible()
    page.wait_for_function("""() => {
        const r = document.querySelector('.ed-block.is-selected').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
    }""")
    assert new.is_visible()

    # Nothing selected: just above the footer, never after it.
    page.keyboard.press("Escape")
    page.wait_for_selector("#panel:not(.is-open)")
    page.get_by_test_id("add-block").click()
    page.get_by_test_id("palette-cta").click()
    page.wait_for_selector(".ed-block.is-selected[data-type=cta]")
    wait_saved(page)
    assert top_level_types(page) == ["hero", "notice", "heading", "menu", "faq", "cta", "footer"]
    assert [n["type"] for n in blocks(app, page_id)] == top_level_types(page)
    assert b.errors == [], "\n".join(b.errors)


def test_deleting_a_block_offers_undo_in_one_tap(app, browser_factory):
    b = browser_factory(DESKTOP, "delete-undo")
    page = b.page
    sign_up_and_open_editor(b, "undo@example.com", "되돌리기 카페")
    page_id = current_page_id(b)
    for type_name in ("hero", "menu", "faq"):
        add_block(page, type_name)
    tap_block(page, "menu")
    page.get_by_test_id("delete").click()
    toast = page.locator("#toast")
    expect(toast).to_contain_text("삭제")
    expect(page.locator("#canvas-root > .ed-block[data-type=menu]")).to_have_count(0)
    toast.get_by_test_id("restore-block").click()
    expect(page.locator("#canvas-root > .ed-block[data-type=menu]")).to_have_count(1)
    wait_saved(page)
    assert top_level_types(page) == ["hero", "menu", "faq"]
    assert [n["type"] for n in blocks(app, page_id)] == ["hero", "menu", "faq"]
    expect(toast).to_be_empty()
    assert b.errors == [], "\n".join(b.errors)


def test_undo_shows_the_undone_text_in_the_open_panel(app, browser_factory):
    b = browser_factory(DESKTOP, "undo-panel")
    page = b.page
    sign_up_and_open_editor(b, "undopanel@example.com", "패널 카페")
    add_block(page, "heading", below=False)
    field = page.locator("#panel form[data-prop=text] input[name=value]")
    before = field.input_value()
    field.fill("바뀐 제목")
    field.press("Tab")
    wait_saved(page)
    page.get_by_test_id("undo").click()
    wait_saved(page)
    expect(page.locator("#canvas .b-heading")).to_have_text(before)
    expect(page.locator("#panel form[data-prop=text] input[name=value]")).to_have_value(before)


def test_the_palette_that_could_not_load_offline_loads_when_back(app, browser_factory):
    """Only edits are queued: a page part that failed to load (a GET) is simply asked for
    again — never re-sent as a POST."""
    b = browser_factory(DESKTOP, "palette-offline")
    page = b.page
    sign_up_and_open_editor(b, "palette@example.com", "팔레트 카페")
    page.context.set_offline(True)
    page.get_by_test_id("add-block").click()
    expect(page.locator("#drawer .ed-offline-note")).to_be_visible()
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST"
            and "/palette" in r.url else None)
    page.context.set_offline(False)
    expect(page.get_by_test_id("palette-heading")).to_be_visible(timeout=15_000)
    assert posts == []


def test_a_picture_uploaded_in_the_picker_is_chosen_and_refusals_show_inside_it(
        app, browser_factory, tmp_path):
    from tests.test_editor_browser import photo

    b = browser_factory(DESKTOP, "picker")
    page = b.page
    sign_up_and_open_editor(b, "picker@example.com", "사진 카페")
    page_id = current_page_id(b)
    add_block(page, "image", below=False)

    # A file that is not a picture: the refusal is inside the open picker, where it is seen.
    page.get_by_test_id("choose-image").click()
    page.wait_for_selector("#drawer[open] #asset-upload-file")
    not_a_picture = tmp_path / "menu.pdf"
    not_a_picture.write_bytes(b"%PDF-1.4 not a picture")
    page.fill("#drawer #asset-upload-alt", "메뉴판")
    page.set_input_files("#drawer #asset-upload-file", str(not_a_picture))
    page.locator("#drawer .asset-upload button[type=submit]").click()
    error = page.locator("#drawer #asset-upload-file-error")
    expect(error).to_be_visible()
    box, dialog = error.bounding_box(), page.locator("#drawer").bounding_box()
    assert dialog["y"] <= box["y"] and box["y"] + box["height"] <= dialog["y"] + dialog["height"]
    expect(page.locator("#alerts .alert")).to_have_count(0)
    # The owner gives up: the editor does not claim to be saving anything.
    page.locator("#drawer [data-close-drawer]").click()
    expect(page.get_by_test_id("save-state")).to_have_attribute("data-state", "saved")

    # A real photo: uploaded from the picker, it is the picture the block shows.
    page.get_by_test_id("choose-image").click()
    page.wait_for_selector("#drawer[open] #asset-upload-file")
    page.set_input_files("#drawer #asset-upload-file", photo(tmp_path, "cake.jpg", (200, 120, 90)))
    page.fill("#drawer #asset-upload-alt", "딸기 케이크")
    page.locator("#drawer .asset-upload button[type=submit]").click()
    page.wait_for_selector("#drawer", state="hidden")
    wait_saved(page)
    expect(page.locator("#canvas .ed-block[data-type=image] img")).to_be_visible()
    stored = props_of(app, page_id, "image")["image"]
    assert len(stored["asset"]) == 64 and stored["alt"] == "딸기 케이크"
    expect(page.locator("#panel [data-image-asset]")).to_have_value(stored["asset"])
    assert b.errors == [], "\n".join(b.errors)


def test_leaving_for_the_publish_page_right_after_typing_keeps_the_text(app, browser_factory):
    """The owner types and at once taps 게시: the page waits for the save before it leaves."""
    b = browser_factory(DESKTOP, "leave-after-typing")
    page = b.page
    sign_up_and_open_editor(b, "leave@example.com", "떠나는 카페")
    page_id = current_page_id(b)
    add_block(page, "heading", below=False)
    slow_network(page, latency_ms=300)
    field = page.locator("#panel form[data-prop=text] input[name=value]")
    field.click()
    field.press("Control+a")
    field.type("게시 직전에 쓴 제목", delay=30)
    page.get_by_test_id("go-publish").click()
    page.wait_for_url(re.compile(r"/publish$"))
    assert props_of(app, page_id, "heading")["text"] == "게시 직전에 쓴 제목"
