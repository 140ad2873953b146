"""The no-lost-edit run with nested blocks: several clients on the two app processes insert
into sections and columns, move blocks in and out of them (moves into a block's own
descendant are refused), set props and delete whole subtrees, interleaved. Every acknowledged
op has an outcome in ``page_ops``, replaying the log gives ``draft_tree``, and every client's
canvas — kept up to date by applying the swaps at any depth — equals the server's.

Run: .venv/bin/python -m pytest tests/coedit/test_nested_random.py -q
"""

from __future__ import annotations

import os
import random
import threading

import pytest
from sqlalchemy import select

from app.db import db
from app.editor.operations import replay
from app.models import Page, PageOp
from tests.coedit.conftest import home_page_id
from tests.coedit.dom_view import DomView
from tests.coedit.live_client import Tab
from tests.coedit.test_multi_process import (  # noqa: F401 - two_processes is a fixture
    SEQ_RE,
    Client,
    owner_on,
    settle,
    two_processes,
)
from tests.coedit.view import canvas_inner

pytestmark = pytest.mark.redis
CONTAINERS = ("section", "columns")


class NestedClient(Client):
    """A tab whose view is a DOM (blocks at any depth)."""

    def __init__(self, tab: Tab, editor_url: str, events_url: str):
        super().__init__(tab, editor_url, events_url)
        page = tab.http.get(editor_url).text
        assert int(SEQ_RE.search(page).group(1)) == self.applied  # nobody edits during setup
        self.view = DomView(canvas_inner(page))

    def random_op(self, rng: random.Random, page_url: str) -> None:
        self.pump()
        with self.lock:
            blocks = [(b.get("data-block-id"), b.get("data-type")) for b in self.view.blocks]
        choice = rng.random()
        if len(blocks) < 3 or choice < 0.3:
            kind = rng.choices(["heading", "divider", "section", "columns"], [4, 2, 2, 1])[0]
            data = {"kind": "insert", "type": kind}
            if blocks:
                target, target_type = rng.choice(blocks)
                where = ["before", "after"] + (["inside"] * 2 if target_type in CONTAINERS
                                               else [])
                data.update(target=target, where=rng.choice(where))
            self.send(f"{page_url}/ops", data)
        elif choice < 0.55:
            leaves = [b for b in blocks if b[1] in ("heading", "divider")]
            if not leaves:
                return
            block, kind = rng.choice(leaves)
            if kind == "heading":
                prop, value = rng.choice([("text", f"제목 {rng.randrange(10_000)}"),
                                          ("level", rng.choice(["h2", "h3"]))])
            else:
                prop, value = "style", rng.choice(["line", "space", "dots"])
            self.send(f"{page_url}/blocks/{block}/props/{prop}", {"value": value})
        elif choice < 0.85:
            (block, _kind), (target, target_type) = rng.sample(blocks, 2)
            where = ["before", "after"] + (["inside"] * 2 if target_type in CONTAINERS else [])
            # Often into (or next to) something inside the moved block: must be refused.
            self.send(f"{page_url}/ops", {"kind": "move", "block": block, "target": target,
                                          "where": rng.choice(where)})
        elif len(blocks) > 6:
            self.send(f"{page_url}/ops", {"kind": "delete", "block": rng.choice(blocks)[0]})
        if rng.random() < 0.03 and self.acknowledged:  # a retried request (same key)
            key, _status = self.acknowledged[-1]
            r = self.tab.post(f"{page_url}/ops", {"kind": "insert", "type": "heading"}, key=key)
            assert r.status_code in (200, 409, 422)


def test_randomized_nested_ops_on_both_processes_lose_nothing(app, two_processes):  # noqa: F811
    total = int(os.environ.get("COEDIT_NESTED_OPS", "1200"))
    owner, site_id = owner_on(two_processes)
    page_id = home_page_id(app, site_id)
    editor = f"/sites/{site_id}/editor/pages/{page_id}"
    clients = []
    for i in range(3):
        tab = Tab(two_processes[i % 2].base, token=owner.token)
        tab.http.cookies.update(owner.http.cookies)
        clients.append(NestedClient(tab, editor, f"{editor}/events"))
    errors: list[BaseException] = []

    def work(client: NestedClient, seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(total // len(clients)):
                client.random_op(rng, editor)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(c, 100 + n)) for n, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with app.app_context():
        db.session.expire_all()
        page = db.session.get(Page, page_id)
        rows = db.session.scalars(select(PageOp).where(PageOp.page_id == page_id)).all()
        by_key = {r.idempotency_key: r for r in rows}
        for c in clients:
            for key, status in c.acknowledged:
                assert key in by_key, (key, status)
                row = by_key[key]
                if status == 200 and row.outcome == "rejected":
                    assert row.error == "no_change"
                elif status == 200:
                    assert row.outcome in ("applied", "undone"), (status, row.outcome)
                else:
                    assert row.outcome in ("rejected", "superseded"), (status, row.outcome)
        assert replay(rows) == page.draft_tree
        final_seq = page.seq
        refused_moves = sum(1 for r in rows if r.kind == "move" and r.outcome == "rejected")
        nested = _depth(page.draft_tree)
    # The run really nested blocks and really tried moves into descendants.
    print(f"nested ops: seq {final_seq}, depth {nested}, refused moves {refused_moves}")
    assert nested >= 3 and refused_moves > 0
    settle(clients, final_seq)
    server = DomView(canvas_inner(owner.http.get(editor).text)).snapshot()
    for c in clients:
        assert c.view.snapshot() == server


def _depth(node: dict) -> int:
    children = [c for slot in (node.get("slots") or {}).values() for c in slot]
    return 1 + max((_depth(c) for c in children), default=0)


def test_the_dom_view_applies_swaps_at_any_depth():
    """The test's own tool: swaps into a nested slot, after a nested block, delete, replace."""
    view = DomView('<div class="ed-block" id="b-s" data-block-id="s" data-type="section">'
                   '<div data-slot="children"><div class="ed-block" id="b-a" data-block-id="a">'
                   'A</div></div></div>')
    view.apply('<div hx-swap-oob="afterbegin:#b-s [data-slot=&quot;children&quot;]">'
               '<div class="ed-block" id="b-b" data-block-id="b">B</div></div>'
               '<div hx-swap-oob="afterend:#b-a"><div class="ed-block" id="b-c">C</div></div>')
    assert [b.get("id") for b in view.blocks] == ["b-s", "b-b", "b-a", "b-c"]
    view.apply('<div id="b-b" hx-swap-oob="delete"></div>'
               '<div hx-swap-oob="outerHTML" class="ed-block" id="b-a">A2</div>')
    assert [b.get("id") for b in view.blocks] == ["b-s", "b-a", "b-c"]
    assert view._by_id("b-a").text == "A2"  # noqa: SLF001
