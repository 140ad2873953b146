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

import pytest

from tests.coedit.dom_view import DomView
from tests.coedit.test_multi_process import (  # noqa: F401 - two_processes is a fixture
    Client,
    random_run,
    two_processes,
)

pytestmark = pytest.mark.redis
CONTAINERS = ("section", "columns")


class NestedClient(Client):
    """A tab whose view is a DOM (blocks at any depth)."""

    View = DomView

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
    tree, rows = random_run(app, two_processes, NestedClient, clients=3, seed=100,
                            total=int(os.environ.get("COEDIT_NESTED_OPS", "1200")))
    refused_moves = sum(1 for r in rows if r.kind == "move" and r.outcome == "rejected")
    # The run really nested blocks and really tried moves into descendants.
    assert _depth(tree) >= 3 and refused_moves > 0, (_depth(tree), refused_moves)


def _depth(node: dict) -> int:
    children = [c for slot in (node.get("slots") or {}).values() for c in slot]
    return 1 + max((_depth(c) for c in children), default=0)


def test_the_dom_view_applies_swaps_at_any_depth():
    """The test's own tool: swaps into a nested slot, after a nested block, delete, replace."""
    view = DomView('<div class="ed-block" id="b-s" data-block-id="s" data-type="section">'
                   '<div data-slot="children" id="s-s-children"><div class="ed-block" id="b-a" '
                   'data-block-id="a">'
                   'A</div></div></div>')
    view.apply('<div hx-swap-oob="afterbegin:#s-s-children">'
               '<div class="ed-block" id="b-b" data-block-id="b">B</div></div>'
               '<div hx-swap-oob="afterend:#b-a"><div class="ed-block" id="b-c">C</div></div>')
    assert [b.get("id") for b in view.blocks] == ["b-s", "b-b", "b-a", "b-c"]
    view.apply('<div id="b-b" hx-swap-oob="delete"></div>'
               '<div hx-swap-oob="outerHTML" class="ed-block" id="b-a">A2</div>')
    assert [b.get("id") for b in view.blocks] == ["b-s", "b-a", "b-c"]
    assert view._by_id("b-a").text == "A2"  # noqa: SLF001
