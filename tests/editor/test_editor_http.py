"""The editor over HTTP: operations, fragments, idempotency, undo/redo, errors, isolation."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

import components
from app.db import db
from app.editor import operations as ops
from app.models import PageOp, PageRevision
from tests.conftest import Web, text_of
from tests.editor.conftest import make_editor

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    '<div hx-get="/account" hx-trigger="load">x</div>',
    '<svg onload=alert(1)>',
    '"><script>alert(2)</script>',
    "<style>body{display:none}</style>",
]


def test_editor_page_renders_the_canvas_with_the_theme(editor):
    editor.insert("hero")
    page = editor.web.get(f"/sites/{editor.site_id}/editor/pages/{editor.page_id}")
    body = text_of(page)
    assert page.status_code == 200
    assert 'id="canvas-root"' in body and "b-hero" in body and "--ww-color-primary" in body
    assert "/static/vendor/sortable.min.js" in body


def test_insert_returns_only_the_new_block_out_of_band(editor):
    editor.insert("heading")
    r = editor.op(kind="insert", type="hero", target=editor.blocks()[0]["id"], where="after")
    body = text_of(r)
    first, second = editor.blocks()
    assert second["type"] == "hero"
    assert f'hx-swap-oob="afterend:#b-{first["id"]}"' in body
    assert 'id="seq"' in body and 'id="panel"' in body  # new block selected
    assert "b-heading" not in body.split('id="panel"')[0]  # the other block is not re-sent


def test_set_prop_updates_one_block_and_the_answer_is_small(editor):
    [hero] = editor.insert("hero")
    r = editor.set_prop(hero["id"], "title", {"value": "오늘의 빵"})
    assert r.status_code == 200
    body = text_of(r)
    assert f'id="b-{hero["id"]}"' in body and "오늘의 빵" in body
    assert len(r.data) <= 5 * 1024, len(r.data)
    assert editor.blocks()[0]["props"]["title"] == "오늘의 빵"


def test_a_retried_op_changes_nothing_twice(editor):
    editor.insert("heading")
    seq = editor.page().seq
    for _ in range(3):  # double click, network retry
        r = editor.op(key="same-key-123", kind="insert", type="divider")
        assert r.status_code == 200
    assert len(editor.blocks()) == 2
    assert editor.page().seq == seq + 1
    with editor.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PageOp).where(
            PageOp.idempotency_key == "same-key-123")) == 1


def test_invalid_prop_is_an_inline_error_and_nothing_is_saved(editor):
    [heading] = editor.insert("heading")
    r = editor.set_prop(heading["id"], "level", {"value": "h1"})
    assert r.status_code == 422
    assert "ed-error" in text_of(r)
    r = editor.set_prop(heading["id"], "text", {"value": "가" * 121})
    assert r.status_code == 422 and "120" in text_of(r)
    assert editor.blocks()[0]["props"] == heading["props"]


def test_an_op_on_a_deleted_block_is_409_with_a_fresh_canvas(editor):
    [heading] = editor.insert("heading")
    editor.op(kind="delete", block=heading["id"])
    r = editor.set_prop(heading["id"], "text", {"value": "늦은 수정"})
    assert r.status_code == 409 and 'id="canvas-root"' in text_of(r)
    r = editor.op(kind="move", block=heading["id"], direction="up")
    assert r.status_code == 409
    with editor.app.app_context():
        rejected = db.session.scalar(select(func.count()).select_from(PageOp).where(
            PageOp.outcome == "rejected"))
        # Both refused edits are logged as rejected (the prop edit too: co-editing offers to
        # restore the block, and every refused request keeps its outcome in the log).
        assert rejected == 2
    r = editor.op(kind="restore", block=heading["id"])  # the 409's way back
    assert r.status_code == 200 and editor.blocks()[0]["id"] == heading["id"]


def test_unknown_block_type_is_refused(editor):
    r = editor.op(kind="insert", type="marquee")
    assert r.status_code == 422
    assert editor.blocks() == []


def test_undo_and_redo_walk_the_log(editor):
    editor.insert("heading")
    [heading] = editor.blocks()
    editor.set_prop(heading["id"], "text", {"value": "둘째"})
    editor.op(kind="duplicate", block=heading["id"])
    assert len(editor.blocks()) == 2
    undo = f"{editor.base}/undo"
    redo = f"{editor.base}/redo"
    assert editor.web.post(undo, {}, htmx=True).status_code == 200
    assert len(editor.blocks()) == 1
    editor.web.post(undo, {}, htmx=True)
    assert editor.blocks()[0]["props"]["text"] == heading["props"]["text"]
    editor.web.post(redo, {}, htmx=True)
    assert editor.blocks()[0]["props"]["text"] == "둘째"
    editor.web.post(redo, {}, htmx=True)
    assert len(editor.blocks()) == 2
    # A new edit ends the redo chain.
    editor.web.post(undo, {}, htmx=True)
    editor.set_prop(heading["id"], "text", {"value": "셋째"})
    editor.web.post(redo, {}, htmx=True)
    assert len(editor.blocks()) == 1


def test_replaying_the_log_reproduces_the_tree(editor):
    editor.insert("section")
    [section] = editor.blocks()
    editor.op(kind="insert", type="heading", target=section["id"], where="inside")
    editor.insert("columns")
    cols = editor.blocks()[1]
    editor.op(kind="insert", type="hero", target=cols["id"], where="inside:col2")
    editor.set_prop(cols["id"], "count", {"value": "3"})
    editor.op(kind="move", block=cols["id"], direction="up")
    editor.op(kind="duplicate", block=section["id"])
    editor.web.post(f"{editor.base}/undo", {}, htmx=True)
    editor.op(kind="delete", block=section["id"])
    with editor.app.app_context():
        rows = list(db.session.scalars(select(PageOp).where(PageOp.page_id == editor.page_id)))
        assert ops.replay(rows) == editor.tree()


def test_move_by_drag_and_drop_index(editor):
    for t in ("heading", "divider", "hero"):
        editor.insert(t)
    a, b, c = (n["id"] for n in editor.blocks())
    r = editor.op(kind="move", block=c, parent="root", slot="children", index=0)
    assert r.status_code == 200
    assert [n["id"] for n in editor.blocks()] == [c, a, b]
    body = text_of(r)
    assert f'id="b-{c}" hx-swap-oob="delete"' in body and "afterbegin:#canvas-root" in body
    assert 'id="block-tools"' not in body  # its panel is not open: nothing to refresh there
    r = editor.op(kind="move", block=c, direction="down", selected=c)
    assert 'id="block-tools"' in text_of(r) and 'data-block="' not in text_of(r)


def test_copy_and_paste_across_sites(editor, app):
    [hero] = editor.insert("hero")
    editor.set_prop(hero["id"], "title", {"value": "복사할 배너"})
    r = editor.web.post(f"{editor.base}/blocks/{hero['id']}/copy", {}, htmx=True)
    assert r.status_code == 200
    other = make_editor(editor.web, app, name="두 번째 가게")
    r = other.op(kind="paste", where="end")
    assert r.status_code == 200
    [pasted] = other.blocks()
    assert pasted["props"]["title"] == "복사할 배너" and pasted["id"] != hero["id"]


def test_paste_with_an_empty_clipboard_is_a_clear_refusal(editor):
    r = editor.op(kind="paste", where="end")
    assert r.status_code == 422 and "ed-toast" in text_of(r)


EXECUTABLE = re.compile(
    r"<script|<style|<svg[^>]*\son|\son[a-z]+\s*=|(?:href|src|action)\s*=\s*[\"']?\s*javascript:"
    r"|hx-get=\"/account", re.I)


@pytest.mark.parametrize("type_name", sorted(components.registry()))
def test_xss_in_every_text_prop_never_survives(editor, type_name):
    from app.editor.forms import fields_for

    component = components.get(type_name)
    editor.insert(type_name)
    block = editor.blocks()[-1]
    specs = fields_for(component.props)
    texts = [s for s in specs if s.kind == "str" and s.widget not in {"select", "color"}]
    lists = [(s, [f for f in s.item_fields if f.kind == "str"
                  and f.widget not in {"select", "color"}]) for s in specs if s.kind == "items"]
    accepted = 0
    for payload in XSS:
        for spec in texts:
            editor.set_prop(block["id"], spec.name, {"value": payload})
        for spec, fields in lists:  # every text field of a list item (menu items, FAQ …)
            form = {"value.count": "1"}
            form.update({f"value.0.{f.name}": payload for f in fields})
            editor.set_prop(block["id"], spec.name, form)
        stored = json.dumps(editor.blocks()[-1]["props"], ensure_ascii=False)
        accepted += "alert" in stored
        page = text_of(editor.web.get(f"/sites/{editor.site_id}/editor/pages/{editor.page_id}"))
        canvas = page.split('id="canvas-root"', 1)[1].split('id="panel"', 1)[0]
        found = EXECUTABLE.search(canvas)
        assert found is None, (payload, canvas[max(0, found.start() - 80):found.end() + 80])
    if any(not s.pattern for s in texts) or any(fields for _, fields in lists):
        assert accepted, "no payload was ever stored: the check above proved nothing"


def test_revisions_are_saved_automatically_and_by_name_and_can_be_restored(editor, clock):
    [heading] = editor.insert("heading")
    for i in range(3):
        editor.set_prop(heading["id"], "text", {"value": f"제목 {i}"})
    clock.travel(minutes=6)  # a pause: the next edit versions the page as the pause found it
    editor.set_prop(heading["id"], "text", {"value": "제목 다음"})
    with editor.app.app_context():
        auto = db.session.scalars(select(PageRevision)).all()
        assert [r.reason for r in auto] == ["auto"]
        auto_id = auto[0].id
    r = editor.web.post(f"{editor.base}/revisions", {"name": "여름 메뉴 전"}, htmx=True)
    assert r.status_code == 200 and "여름 메뉴 전" in text_of(r)
    editor.op(kind="delete", block=heading["id"])
    listing = text_of(editor.web.get(f"{editor.base}/revisions", htmx=True))
    assert "여름 메뉴 전" in listing
    preview = editor.web.get(f"{editor.base}/revisions/{auto_id}")
    assert preview.status_code == 200 and "제목" in text_of(preview)
    r = editor.web.post(f"{editor.base}/revisions/{auto_id}/restore", {}, htmx=True)
    assert r.status_code == 200
    assert [b["id"] for b in editor.blocks()] == [heading["id"]]
    editor.web.post(f"{editor.base}/undo", {}, htmx=True)  # restoring is undoable too
    assert editor.blocks() == []


def test_pages_add_reorder_home_delete_and_undo(editor):
    pages = f"{editor.base}/pages"
    r = editor.web.post(pages, {"title": "메뉴"}, htmx=True)
    assert r.status_code == 204 and "/editor/pages/" in r.headers["HX-Redirect"]
    editor.web.post(pages, {"title": "오시는 길"}, htmx=True)
    r = editor.web.post(pages, {"title": ""}, htmx=True)
    assert r.status_code == 422
    from app.models import Page

    with editor.app.app_context():
        rows = db.session.scalars(select(Page).where(Page.site_id == editor.site_id)
                                  .order_by(Page.position)).all()
        assert [(p.title, p.path) for p in rows][1:] == [("메뉴", "/menyu"),
                                                         ("오시는 길", "/osineun-gil")]
        menu_id, way_id = rows[1].id, rows[2].id
    editor.web.post(f"{pages}/{way_id}/up", {}, htmx=True)
    editor.web.post(f"{pages}/{menu_id}/home", {}, htmx=True)
    from_menu = f"/sites/{editor.site_id}/editor/pages/{menu_id}/pages"
    r = editor.web.post(f"{from_menu}/{editor.page_id}/delete", {}, htmx=True)  # old home
    assert r.status_code == 200 and "undo-page-delete" in text_of(r)
    r = editor.web.post(f"{from_menu}/{menu_id}/delete", {}, htmx=True)  # home: refused
    assert r.status_code == 422
    # Deleting the page being edited sends the editor to the home page.
    r = editor.web.post(f"{from_menu}/{way_id}/delete", {}, htmx=True)
    assert r.status_code == 200
    r = editor.web.post(f"/sites/{editor.site_id}/editor/pages/{way_id}/pages/{way_id}/delete",
                        {}, htmx=True)
    assert r.status_code == 404  # already deleted
    with editor.app.app_context():
        menu = db.session.get(Page, menu_id)
        assert menu.is_home and menu.path == "/"
        assert db.session.get(Page, editor.page_id).deleted_at is not None
    r = editor.web.post(f"/sites/{editor.site_id}/editor/pages/{menu_id}/pages/"
                        f"{editor.page_id}/restore", {}, htmx=True)
    assert r.status_code == 200
    with editor.app.app_context():
        old = db.session.get(Page, editor.page_id)
        assert old.deleted_at is None and old.path not in {"/", ""}


def test_another_tenants_editor_routes_are_404(editor, app):
    [hero] = editor.insert("hero")
    intruder = Web(app.test_client())
    intruder.signup(email="intruder@example.com")
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("editor.")]
    values = {"site_id": editor.site_id, "page_id": editor.page_id, "block_id": hero["id"],
              "prop": "title", "other_id": editor.page_id, "action": "delete",
              "revision_id": 1}
    checked = 0
    for rule in rules:
        url = rule.build(values)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            r = intruder.get(url) if method == "GET" else intruder.post(
                url, {"kind": "delete", "block": hero["id"], "value": "x"}, htmx=True)
            assert r.status_code == 404, (method, url)
            checked += 1
    assert checked >= 15
    assert editor.blocks()[0]["props"]["title"] == hero["props"]["title"]


def test_select_block_is_a_panel_fragment_or_the_full_editor(editor):
    [hero] = editor.insert("hero")
    url = f"{editor.base}/blocks/{hero['id']}"
    fragment = editor.web.get(url, htmx=True)
    assert "<html" not in text_of(fragment) and 'data-block="' in text_of(fragment)
    full = editor.web.get(url)
    assert full.status_code == 302 and f"block={hero['id']}" in full.location
