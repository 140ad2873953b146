"""A person edits for a while in every kind of field — typing with pauses, switching fields
and blocks, choosing options, typing on the canvas, undoing and redoing, reloading — and then
the stored page is exactly what they typed.

Every action is random (seeded; the seed is printed when the test fails): which block, which
field, how fast each key, how long the pause. The test keeps its own model of every field's
value from what it typed. An undo or redo may only move one property back to a value it had
before (the test cannot know where the editor cut its saves, so it checks that instead), and
the model takes that value on. At the end the database equals the model, and a reload shows it.

    EDITOR_RANDOM_ACTIONS=400 EDITOR_RANDOM_SEED=7 .venv/bin/python -m pytest \
        tests/test_editor_random_typing_browser.py -x -q
"""

from __future__ import annotations

import os
import random
import re

import pytest

from tests.browser_support import DESKTOP
from tests.test_editor_browser import add_block, current_page_id, sign_up_and_open_editor
from tests.test_editor_saving_browser import text_of_html, tree_of

pytestmark = pytest.mark.browser

ACTIONS = int(os.environ.get("EDITOR_RANDOM_ACTIONS", "200"))
SEED = int(os.environ.get("EDITOR_RANDOM_SEED", str(random.SystemRandom().randrange(10**6))))
WORDS = ["겨울", "메뉴", "딸기", "라떼", "주차", "예약", "환영", "새로", "cafe", "open", "12월",
         "오후", "가능", "합니다", "빵", "커피", "쿠키", "시즌"]
BLOCKS = ("heading", "cta", "rich_text", "menu", "faq")


def plain(value):
    """A stored value as the person sees it (rich text: its text)."""
    if isinstance(value, str):
        return text_of_html(value) if value.lstrip().startswith("<") else " ".join(value.split())
    return value


def view(props: dict, block_type: str) -> dict:
    """The modelled properties of one block, as comparable values."""
    if block_type == "heading":
        return {"text": plain(props["text"]), "level": props["level"], "align": props["align"]}
    if block_type == "cta":
        return {"title": plain(props["title"]), "text": plain(props["text"])}
    if block_type == "rich_text":
        return {"body": plain(props["body"]), "align": props["align"]}
    if block_type == "menu":
        items = props["categories"][0]["items"][:2]
        return {"categories": tuple((plain(i["name"]), int(i["price"])) for i in items)}
    if block_type == "faq":
        return {"items": tuple((plain(i["question"]), plain(i["answer"]))
                               for i in props["items"][:2])}
    raise AssertionError(block_type)


class Person:
    def __init__(self, page, app, page_id: int, rng: random.Random):
        self.page, self.app, self.page_id, self.rng = page, app, page_id, rng
        self.ids: dict[str, str] = {}
        self.model: dict[str, dict] = {}
        self.history: dict[tuple[str, str], list] = {}
        self.log: list[str] = []
        self.changes = 0  # edits this run made (undo never reaches into the set-up)
        self.undone = 0

    # -- the stored truth ------------------------------------------------------------------
    def stored(self) -> dict[str, dict]:
        nodes = {n["id"]: n for n in tree_of(self.app, self.page_id)["slots"]["children"]}
        return {t: view(nodes[i]["props"], t) for t, i in self.ids.items()}

    def remember_all(self) -> None:
        self.model = self.stored()
        for t, props in self.model.items():
            for prop, value in props.items():
                self.history.setdefault((t, prop), []).append(value)

    def set(self, block: str, prop: str, value) -> None:
        if self.model[block][prop] != value:
            self.changes += 1  # an edit of this run: something an undo may take back
        self.model[block][prop] = value
        self.history.setdefault((block, prop), []).append(value)

    # -- acting ---------------------------------------------------------------------------
    def words(self) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(1, 3)))

    def type(self, text: str) -> None:
        for ch in text:
            self.page.keyboard.type(ch)
            self.page.wait_for_timeout(self.rng.randint(15, 150))

    def select_block(self, block: str) -> None:
        """Taps the block unless the panel already shows it (what a person goes by)."""
        frame = self.page.locator(f"#b-{self.ids[block]}")
        shown = self.page.locator(f"#panel [data-block='{self.ids[block]}']")
        if not shown.count():
            frame.click(position={"x": 4, "y": 4})
        shown.wait_for()

    def panel(self, prop: str):
        return self.page.locator(f"#field-{self.ids[self.block]}-{prop}")

    def act(self) -> None:
        kind = self.rng.choices(
            ["field", "select", "inline", "items", "pause", "undo", "redo", "reload"],
            weights=[30, 10, 14, 22, 12, 6, 4, 2])[0]
        getattr(self, "do_" + kind)()

    def do_field(self) -> None:
        self.block = self.rng.choice(["heading", "cta", "rich_text"])
        self.select_block(self.block)
        prop = {"heading": "text", "cta": self.rng.choice(["title", "text"]),
                "rich_text": "body"}[self.block]
        text = self.words()
        form = self.panel(prop)
        target = form.locator(".ed-rich-area") if prop == "body" else form.locator(
            "[name=value]")
        target.click()
        self.page.keyboard.press("Control+a")
        self.type(text)
        self.set(self.block, prop, text)
        self.log.append(f"field {self.block}.{prop} = {text!r}")

    def do_select(self) -> None:
        self.block = self.rng.choice(["heading", "rich_text"])
        self.select_block(self.block)
        prop = self.rng.choice(["level", "align"] if self.block == "heading" else ["align"])
        select = self.panel(prop).locator("select")
        options = [o for o in select.locator("option").evaluate_all(
            "els => els.map(e => e.value)")]
        value = self.rng.choice(options)
        select.select_option(value)
        self.set(self.block, prop, value)
        self.log.append(f"select {self.block}.{prop} = {value!r}")

    def do_inline(self) -> None:
        self.block = "cta"
        self.select_block("cta")
        prop = self.rng.choice(["title", "text"])
        el = self.page.locator(f"#b-{self.ids['cta']} [data-inline={prop}]")
        for _ in range(3):
            # Typing starts where the caret is: if the tap did not give one (the panel of a
            # block tapped before arrived just then), the person taps again.
            self.select_block("cta")
            el.click()
            if el.evaluate("e => e === document.activeElement && e.isContentEditable"):
                break
        self.page.keyboard.press("Control+a")
        text = self.words()
        self.type(text)
        self.set("cta", prop, text)
        how = self.rng.choice(["enter", "stay", "click-away"])
        if how == "enter" and prop == "title":
            self.page.keyboard.press("Enter")
        elif how == "click-away":  # taps the heading, and sees its panel open
            self.page.locator(f"#b-{self.ids['heading']}").click(position={"x": 4, "y": 4})
            self.page.locator(f"#panel [data-block='{self.ids['heading']}']").wait_for()
        self.log.append(f"inline cta.{prop} = {text!r} ({how})")

    def do_items(self) -> None:
        self.block = self.rng.choice(["menu", "faq"])
        self.select_block(self.block)
        i = self.rng.randrange(2)
        if self.block == "menu":
            row = self.panel("categories").locator("ol.ed-items ol.ed-items > li").nth(i)
            which = self.rng.choice(["name", "price"])
            field = row.locator(f"input[name$='.items.{i}.{which}']")
            value = str(self.rng.randrange(1, 40) * 500) if which == "price" else self.words()
            field.click()
            self.page.keyboard.press("Control+a")
            self.type(value)
            items = list(self.model["menu"]["categories"])
            name, price = items[i]
            items[i] = (value, price) if which == "name" else (name, int(value))
            self.set("menu", "categories", tuple(items))
            self.log.append(f"menu item {i}.{which} = {value!r}")
        else:
            row = self.panel("items").locator("ol.ed-items > li").nth(i)
            which = self.rng.choice(["question", "answer"])
            target = row.locator(".ed-rich-area") if which == "answer" else row.locator(
                f"input[name$='.{i}.question']")
            value = self.words()
            target.click()
            self.page.keyboard.press("Control+a")
            self.type(value)
            items = list(self.model["faq"]["items"])
            q, a = items[i]
            items[i] = (value, a) if which == "question" else (q, value)
            self.set("faq", "items", tuple(items))
            self.log.append(f"faq item {i}.{which} = {value!r}")

    def do_pause(self) -> None:
        ms = self.rng.randint(0, 1200)
        self.page.wait_for_timeout(ms)
        self.log.append(f"pause {ms}")

    def _history(self, which: str) -> None:
        button = self.page.get_by_test_id(which)
        if button.is_disabled() or (which == "undo" and self.undone >= self.changes):
            return
        self.undone += 1 if which == "undo" else -1
        button.click()
        self.page.wait_for_selector("#save-state[data-state=saved]")
        top = {n["id"] for n in tree_of(self.app, self.page_id)["slots"]["children"]}
        if which == "undo" and top != set(self.ids.values()):
            # The undo reached an edit of the set-up (an added block): put it back, stop there.
            self.page.get_by_test_id("redo").click()
            self.page.wait_for_selector("#save-state[data-state=saved]")
            self.undone = self.changes
            self.log.append("undo reached the set-up: redone")
            return
        after = self.stored()
        changed = [(t, p) for t, props in after.items() for p, v in props.items()
                   if self.model[t][p] != v]
        # One property, back to (or forward to) a value it really had.
        assert len(changed) <= 1, (which, {t: (self.model[t][p], after[t][p])
                                           for t, p in changed}, self.log[-8:])
        for t, p in changed:
            assert after[t][p] in self.history[(t, p)], (which, t, p, after[t][p])
            self.model[t][p] = after[t][p]
            self.history[(t, p)].append(after[t][p])
        self.log.append(f"{which} -> {changed}")

    def do_undo(self) -> None:
        self._history("undo")

    def do_redo(self) -> None:
        self._history("redo")

    def do_reload(self) -> None:
        self.page.reload()
        self.page.wait_for_selector("#canvas-root")
        self.page.wait_for_load_state("load")
        self.log.append("reload")


def test_a_person_typing_everywhere_for_a_while_loses_nothing(app, browser_factory):
    b = browser_factory(DESKTOP, "random-typing")
    page = b.page
    page.on("dialog", lambda dialog: dialog.accept())  # "leave?" when reloading mid-save
    sign_up_and_open_editor(b, "random@example.com", "무작위 카페")
    page_id = current_page_id(b)
    for type_name in BLOCKS:
        add_block(page, type_name)
    nodes = tree_of(app, page_id)["slots"]["children"]
    person = Person(page, app, page_id, random.Random(SEED))
    person.ids = {n["type"]: n["id"] for n in nodes}
    for block, prop in (("menu", "categories"), ("faq", "items")):
        # Lists of at least two entries to type into, whatever the sample content has.
        person.select_block(block)
        person.block = block
        rows = (person.panel(prop).locator("ol.ed-items ol.ed-items > li") if block == "menu"
                else person.panel(prop).locator("ol.ed-items > li"))
        while rows.count() < 2:
            before = rows.count()
            person.panel(prop).get_by_test_id("add-item-items").first.click()
            page.wait_for_function(f"() => document.querySelectorAll("
                                   f"'#field-{person.ids[block]}-{prop} li').length > {before}")
            page.wait_for_selector("#save-state[data-state=saved]")
    person.remember_all()
    assert len(person.model["menu"]["categories"]) == 2 and len(person.model["faq"]["items"]) == 2

    requests: list[str] = []  # the editor's last requests, shown when the run fails
    page.on("request", lambda r: requests.append(f"{r.method} {r.url.split('/editor/')[-1]}"))
    try:
        for _ in range(ACTIONS):
            person.act()
            if os.environ.get("EDITOR_RANDOM_CHECK_EACH"):  # to find the first bad action
                page.wait_for_selector("#save-state[data-state=saved]", timeout=30_000)
                assert person.stored() == person.model, (person.stored(), person.model)
        page.locator(f"#b-{person.ids['heading']}").click(position={"x": 4, "y": 4})
        page.wait_for_selector("#save-state[data-state=saved]", timeout=30_000)
        assert person.stored() == person.model
        page.reload()
        page.wait_for_selector("#canvas-root")
        heading = page.locator(f"#b-{person.ids['heading']} .b-heading")
        assert " ".join(heading.inner_text().split()) == person.model["heading"]["text"]
        title = page.locator(f"#b-{person.ids['cta']} [data-inline=title]")
        assert " ".join(title.inner_text().split()) == person.model["cta"]["title"]
    except Exception as exc:
        raise AssertionError(f"seed {SEED}; last actions: {person.log[-12:]}; "
                             f"last requests: {requests[-15:]}") from exc
    errors = [e for e in b.errors if not re.search(r"net::ERR_ABORTED", e)]
    assert errors == [], "\n".join(errors)
