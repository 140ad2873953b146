"""Conflict rules (docs/coediting.md): per-prop last writer wins with a notice and undo; long
text keeps both versions; no move into a descendant; an edit to a deleted block offers
restore; retries apply once."""

from __future__ import annotations

import json

import tinyhtml5
from sqlalchemy import select

from app.db import db
from app.models import Page, PageOp
from tests.coedit.test_live_stream import first_block, insert


def props(editing, block: str) -> dict:
    with editing.app.app_context():
        tree = db.session.get(Page, editing.page_id).draft_tree
        return next(n for n in tree["slots"]["children"] if n["id"] == block)["props"]


def set_text(tab, editing, block, prop, value, **kw):
    return tab.post(f"{editing.editor}/blocks/{block}/props/{prop}", {"value": value}, **kw)


def test_changes_to_different_props_both_apply_without_a_notice(editing):
    a = editing.owner
    b = a.new_tab()
    insert(a, editing)
    block = first_block(editing)
    b.seq = a.seq
    assert set_text(a, editing, block, "text", "가게 소개").status_code == 200
    r = set_text(b, editing, block, "level", "h3")
    assert r.status_code == 200 and "data-testid=\"notice-undo\"" not in r.text
    assert props(editing, block)["text"] == "가게 소개"
    assert props(editing, block)["level"] == "h3"


def test_same_short_prop_last_writer_wins_and_both_are_told(editing):
    a = editing.owner
    b = a.new_tab()
    insert(a, editing)
    block = first_block(editing)
    b.seq = a.seq
    a.listen(editing.events)
    assert set_text(a, editing, block, "text", "A의 제목").status_code == 200
    r = set_text(b, editing, block, "text", "B의 제목")  # B had not seen A's change
    assert r.status_code == 200
    assert props(editing, block)["text"] == "B의 제목"
    assert 'data-testid="notice-undo"' in r.text  # B is told and can undo
    op = a.wait_for("op")
    assert 'data-testid="live-notice"' in op.data  # A is told its title was replaced
    # B's undo brings A's title back
    r = b.post(f"{editing.editor}/undo")
    assert r.status_code == 200
    assert props(editing, block)["text"] == "A의 제목"


def test_same_long_text_keeps_both_versions_and_lets_the_editor_choose(editing):
    a = editing.owner
    b = a.new_tab()
    insert(a, editing, type_name="rich_text")
    block = first_block(editing)
    b.seq = a.seq
    theirs = "<p>" + "가나다라마바사 " * 15 + "</p>"
    mine = "<p>" + "아자차카타파하 " * 15 + "</p>"
    assert set_text(a, editing, block, "body", theirs).status_code == 200
    r = set_text(b, editing, block, "body", mine)
    assert r.status_code == 409
    assert 'data-testid="keep-mine"' in r.text and 'data-testid="keep-theirs"' in r.text
    assert "아자차카타파하" in r.text and "가나다라마바사" in r.text
    assert props(editing, block)["body"] == theirs
    with editing.app.app_context():
        kept = db.session.scalars(select(PageOp).where(PageOp.outcome == "superseded")).all()
        assert [row.payload["value"] for row in kept] == [mine]  # never lost
    # "Keep mine" posts the same text (its op, read with a real parser) against the page's
    # current seq, as editor.js sends it.
    doc = tinyhtml5.parse(r.text, namespace_html_elements=False)
    keep = next(e for e in doc.iter() if e.get("data-testid") == "keep-mine")
    op = json.loads(keep.get("data-op"))
    seq = int(next(e for e in doc.iter() if e.get("id") == "seq").get("value"))
    r = set_text(b, editing, block, "body", op["value"], base_seq=seq)
    assert r.status_code == 200
    assert props(editing, block)["body"] == mine


def test_an_edit_to_a_block_someone_deleted_offers_restore(editing):
    a = editing.owner
    b = a.new_tab()
    insert(a, editing)
    block = first_block(editing)
    b.seq = a.seq
    assert a.post(f"{editing.editor}/ops", {"kind": "delete", "block": block}).status_code == 200
    r = set_text(b, editing, block, "text", "늦은 수정")
    assert r.status_code == 409
    assert 'data-testid="restore-block"' in r.text
    r = b.post(f"{editing.editor}/ops", {"kind": "restore", "block": block})
    assert r.status_code == 200
    assert props(editing, block)["text"] != "늦은 수정"


def test_a_block_cannot_be_moved_into_its_own_descendant(editing):
    a = editing.owner
    insert(a, editing, type_name="section")
    section = first_block(editing)
    insert(a, editing, type_name="heading", target=section, where="inside")
    with editing.app.app_context():
        tree = db.session.get(Page, editing.page_id).draft_tree
        inner = tree["slots"]["children"][0]["slots"]
        child = next(iter(inner.values()))[0]["id"]
    r = a.post(f"{editing.editor}/ops", {"kind": "move", "block": section, "target": child,
                                         "where": "after"})
    assert r.status_code == 422
    assert "자기 자신 안으로 옮길 수 없습니다" in r.text
    with editing.app.app_context():
        assert db.session.get(Page, editing.page_id).draft_tree["slots"]["children"][0][
            "id"] == section


def test_a_retried_op_applies_once(editing):
    a = editing.owner
    b = a.new_tab()
    b.listen(editing.events)
    for _ in range(3):
        r = a.post(f"{editing.editor}/ops", {"kind": "insert", "type": "heading"}, key="same-key")
        assert r.status_code == 200
    with editing.app.app_context():
        page = db.session.get(Page, editing.page_id)
        assert len(page.draft_tree["slots"]["children"]) == 1 and page.seq == 1
    assert b.wait_for("op").id == 1
    assert not [e for e in b.drain() if e.type == "op"]
