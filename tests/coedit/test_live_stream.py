"""Live fan-out over SSE: ops reach the page's other tabs, not the sender's; replay after a
reconnect; reload when the point is gone; heartbeats; presence."""

from __future__ import annotations

from tests.coedit.live_client import Tab


def test_an_op_reaches_the_other_tab_and_only_an_ack_reaches_the_sender(editing):
    a = editing.owner
    b = a.new_tab()
    a.listen(editing.events)
    b.listen(editing.events)
    r = a.post(f"{editing.editor}/ops", {"kind": "insert", "type": "heading"})
    assert r.status_code == 200, r.text[:300]
    op = b.wait_for("op")
    assert op.id == 1 and "hx-swap-oob" in op.data and 'data-type="heading"' in op.data
    ack = a.wait_for("ack")
    assert ack.id == 1
    assert not [e for e in a.drain() if e.type == "op"]


def insert(tab, editing, type_name="heading", **extra):
    r = tab.post(f"{editing.editor}/ops", {"kind": "insert", "type": type_name, **extra})
    assert r.status_code == 200, r.text[:300]
    return r


def first_block(editing) -> str:
    from app.db import db
    from app.models import Page

    with editing.app.app_context():
        return db.session.get(Page, editing.page_id).draft_tree["slots"]["children"][0]["id"]


def test_a_reconnecting_tab_gets_what_it_missed_from_since(editing):
    a = editing.owner
    for _ in range(3):
        insert(a, editing)
    b = a.new_tab()
    b.listen(editing.events, since=1)
    assert [b.wait_for("op").id for _ in range(2)] == [2, 3]


def test_last_event_id_is_accepted_like_since(editing):
    a = editing.owner
    for _ in range(3):
        insert(a, editing)
    b = a.new_tab()
    lines = []
    with b.http.stream("GET", editing.events, params={"client": b.client},
                       headers={"Last-Event-ID": "2"}) as r:
        for line in r.iter_lines():
            lines.append(line)
            if line.startswith("event: "):
                break
    assert lines[-2:] == ["id: 3", "event: op"]


def test_a_point_the_stream_no_longer_holds_gets_a_reload_with_the_current_canvas(
        editing, live_app):
    a = editing.owner
    for _ in range(2):
        insert(a, editing)
    # The process forgot its ring (as after a restart): the stream cannot replay from 0.
    live_app.extensions["coedit_broker"]._channels.clear()
    b = a.new_tab()
    b.listen(editing.events, since=0)
    reload = b.wait_for("reload")
    assert reload.id == 2 and 'id="canvas-root"' in reload.data
    assert reload.data.count('data-type="heading"') == 2


def test_the_stream_sends_heartbeats(editing):
    b = editing.owner.new_tab()
    with b.http.stream("GET", editing.events, params={"client": b.client, "since": 0}) as r:
        seen = []
        for line in r.iter_lines():
            seen.append(line)
            if line == "event: ping":
                break
    assert "event: ping" in seen


def test_presence_lists_who_is_on_the_page_and_which_block_they_edit(editing):
    import json

    a = editing.owner
    insert(a, editing)
    block = first_block(editing)
    b = a.new_tab()
    b.listen(editing.events)
    a.listen(editing.events)
    r = a.post(f"{editing.editor}/presence", {"block": block})
    assert r.status_code == 204
    event = b.wait_for("presence", where=lambda e: block in e.data)
    people = json.loads(event.data)["people"]
    assert {p["client"] for p in people} == {a.client, b.client}
    assert [p["block"] for p in people if p["client"] == a.client] == [block]
    a.close()
    # a's stream ends: b is told a left (on a's next heartbeat write at the latest)
    gone = b.wait_for("presence", where=lambda e: a.client not in e.data, timeout=10)
    assert [p["client"] for p in json.loads(gone.data)["people"]] == [b.client]


def test_presence_needs_a_tab_id(editing):
    r = editing.owner.http.post(f"{editing.editor}/presence", data={"block": ""},
                                headers={"X-CSRFToken": editing.owner.token})
    assert r.status_code == 400


def test_another_tenant_cannot_listen_to_the_page(editing):
    stranger = Tab(editing.base)
    stranger.signup("other@example.com", "남")
    r = stranger.http.get(editing.events, params={"since": 0})
    assert r.status_code == 404


def test_open_streams_hold_no_database_connection(make_app):
    """More tabs than the pool has connections (5 + 10 overflow): each stream gives its
    connection back before it waits, and after each heartbeat's check, so all open, and an
    edit still reaches every one."""
    import time

    from app.db import db
    from tests.coedit.conftest import Editing, serve

    app = make_app(COEDIT_HEARTBEAT=0.5)
    server, thread = serve(app)
    tabs = []
    try:
        editing = Editing(app, f"http://127.0.0.1:{server.server_port}")
        owner = editing.owner
        tabs = [owner.new_tab() for _ in range(20)]
        for tab in tabs:
            tab.listen(editing.events, since=0)
            tab.wait_for("presence")
        time.sleep(2)  # a few heartbeats: their database checks ran
        deadline = time.monotonic() + 10
        while db.of(app).engine.pool.checkedout():  # a check may be running right now
            assert time.monotonic() < deadline, db.of(app).engine.pool.status()
            time.sleep(0.05)
        insert(owner, editing)
        for tab in tabs:
            assert tab.wait_for("op").id == 1
    finally:
        for tab in tabs:
            tab.close()
        app.extensions["coedit_broker"].close()
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
