"""Two gunicorn processes (gevent workers) on different ports sharing PostgreSQL and Redis, no
sticky sessions: ops reach editors on the other process; a randomized run of thousands of
interleaved ops loses nothing; a Redis restart mid-session loses nothing.

Run: .venv/bin/python -m pytest tests/coedit/test_multi_process.py -q
"""

from __future__ import annotations

import os
import random
import re
import threading
import time
import uuid

import pytest
from redis import Redis
from sqlalchemy import select

from app.db import db
from app.editor.operations import replay
from app.models import Page, PageOp
from tests.coedit.conftest import home_page_id
from tests.coedit.live_client import Tab
from tests.coedit.processes import AppProcess, RedisServer
from tests.coedit.view import PageView, canvas_inner
from tests.conftest import TEST_REDIS_URL, Web, require_service

pytestmark = pytest.mark.redis
SEQ_RE = re.compile(r'id="seq" value="(\d+)"')


def clean_streams(url: str) -> None:
    """Page ids restart with every test database: old streams must not be replayed."""
    r = Redis.from_url(url)
    for key in r.scan_iter("ww:page:*"):
        r.delete(key)
    for key in r.scan_iter("presence:page:*"):
        r.delete(key)


@pytest.fixture
def two_processes(app, migrated, tmp_path):
    redis_url = require_service("TEST_REDIS_URL", TEST_REDIS_URL)
    clean_streams(redis_url)
    procs = [AppProcess(migrated, redis_url, tmp_path) for _ in range(2)]
    yield procs
    for p in procs:
        p.stop()


class Client:
    """An editor tab that keeps its own view of the page, applying fragments in seq order."""

    View = PageView  # what the tab shows (top-level blocks)

    def __init__(self, tab: Tab, editor_url: str, events_url: str):
        self.tab = tab
        self.editor_url = editor_url
        self.events_url = events_url
        page = tab.http.get(editor_url).text
        self.view = self.View(canvas_inner(page))
        self.applied = int(SEQ_RE.search(page).group(1))
        tab.seq = self.applied
        self.pending: dict[int, tuple[str, str]] = {}
        self.own: dict[int, str] = {}
        self.last_own = self.applied
        self.acknowledged: list[tuple[str, int]] = []  # (op key, status)
        self.lock = threading.Lock()
        tab.listen(events_url, since=self.applied)

    def pump(self) -> None:
        """Applies what arrived, strictly in seq order (own ops from their responses)."""
        with self.lock:
            for event in self.tab.drain():
                if event.type == "reload":
                    self.view.reset(canvas_inner(event.data))
                    self.applied = event.id
                    self.pending = {s: v for s, v in self.pending.items() if s > event.id}
                    self.own = {s: v for s, v in self.own.items() if s > event.id}
                elif event.type in ("op", "ack") and event.id > self.applied:
                    self.pending[event.id] = (event.type, event.data)
            while self.applied + 1 in self.pending:
                kind, data = self.pending[self.applied + 1]
                if kind == "ack":
                    if self.applied + 1 not in self.own:
                        break  # our response is still on its way
                    data = self.own.pop(self.applied + 1)
                self.view.apply(data)
                del self.pending[self.applied + 1]
                self.applied += 1
            self.tab.seq = max(self.tab.seq, self.applied)

    def send(self, url: str, data: dict, key: str | None = None) -> None:
        key = key or uuid.uuid4().hex
        r = self.tab.post(url, data, key=key)
        self.acknowledged.append((key, r.status_code))
        if r.status_code == 200:
            seq = int(SEQ_RE.search(r.text).group(1))
            # A refused "no change" also answers 200, carrying the page's current seq: only a
            # seq newer than this tab's own last op is this op's.
            if seq > self.last_own:
                self.last_own = seq
                with self.lock:
                    self.own[seq] = r.text

    def random_op(self, rng: random.Random, page_url: str) -> None:
        self.pump()
        blocks = list(self.view.order)
        choice = rng.random()
        if not blocks or choice < 0.25:
            data = {"kind": "insert", "type": rng.choice(["heading", "divider", "heading"])}
            if blocks:
                data.update(target=rng.choice(blocks), where=rng.choice(["after", "before"]))
            self.send(f"{page_url}/ops", data)
        elif choice < 0.6:
            block = rng.choice(blocks)
            if 'data-type="heading"' in self.view.html.get(block, ""):
                prop, value = rng.choice([("text", f"제목 {rng.randrange(10_000)}"),
                                          ("level", rng.choice(["h2", "h3"]))])
            else:
                prop, value = "style", rng.choice(["line", "space", "dots"])
            self.send(f"{page_url}/blocks/{block}/props/{prop}", {"value": value})
        elif choice < 0.85 and len(blocks) > 1:
            block, target = rng.sample(blocks, 2)
            self.send(f"{page_url}/ops", {"kind": "move", "block": block, "target": target,
                                          "where": rng.choice(["after", "before"])})
        elif len(blocks) > 3:
            self.send(f"{page_url}/ops", {"kind": "delete", "block": rng.choice(blocks)})
        else:
            self.send(f"{page_url}/ops", {"kind": "insert", "type": "heading"})
        if rng.random() < 0.05 and self.acknowledged:  # a retried request (same key)
            key, _status = self.acknowledged[-1]
            r = self.tab.post(f"{page_url}/ops", {"kind": "insert", "type": "heading"}, key=key)
            assert r.status_code in (200, 409, 422)


def owner_on(app, procs) -> tuple[Tab, int, str]:
    """An owner signed up on the first process with a new site: (tab, home page id, editor
    URL of that page)."""
    # The account is made through the in-process app (its mail job runs here; the gunicorn
    # processes queue theirs on RQ, which no worker serves in these tests), then used there.
    Web(app.test_client()).signup(email="owner@example.com", name="사장님")
    owner = Tab(procs[0].base)
    owner.login("owner@example.com")
    site_id = owner.create_site()
    page_id = home_page_id(app, site_id)
    return owner, page_id, f"/sites/{site_id}/editor/pages/{page_id}"


def also_on(owner: Tab, base: str) -> Tab:
    """A tab of the same person on another process (no sticky sessions)."""
    tab = Tab(base, token=owner.token)
    tab.http.cookies.update(owner.http.cookies)
    return tab


def settle(clients, seq: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        for c in clients:
            c.pump()
        if all(c.applied >= seq for c in clients):
            return
        assert time.monotonic() < deadline, [c.applied for c in clients] + [seq]
        time.sleep(0.05)


def server_view(tab: Tab, editor_url: str, view=PageView):
    """What the server shows of the page now, as ``view`` sees it."""
    return view(canvas_inner(tab.http.get(editor_url).text)).snapshot()


def test_an_op_on_one_process_reaches_an_editor_on_the_other(app, two_processes):
    a, b = two_processes
    owner, _page_id, editor = owner_on(app, two_processes)
    on_b = also_on(owner, b.base)
    on_b.listen(f"{editor}/events")
    r = owner.post(f"{editor}/ops", {"kind": "insert", "type": "heading"})
    assert r.status_code == 200
    assert on_b.wait_for("op").id == 1
    r = on_b.post(f"{editor}/ops", {"kind": "insert", "type": "divider"})
    assert r.status_code == 200
    owner.listen(f"{editor}/events", since=1)
    assert owner.wait_for("op").id == 2


def test_presence_spans_processes_and_a_tab_that_leaves_is_dropped(app, two_processes):
    import json

    a, b = two_processes
    owner, _page_id, editor = owner_on(app, two_processes)
    on_b = also_on(owner, b.base)
    on_b.listen(f"{editor}/events")
    owner.listen(f"{editor}/events")

    def people(event) -> set[str]:
        return {p["client"] for p in json.loads(event.data)["people"]}

    both = {owner.client, on_b.client}
    on_b.wait_for("presence", where=lambda e: people(e) == both, timeout=15)
    owner.wait_for("presence", where=lambda e: people(e) == both, timeout=15)
    owner.close()
    on_b.wait_for("presence", where=lambda e: people(e) == {on_b.client}, timeout=15)


def random_run(app, procs, client_class: type[Client], clients: int, total: int,
               seed: int = 0) -> tuple[dict, list[PageOp]]:
    """Tabs of one owner on both processes send ``total`` random ops at once, then: every
    acknowledged op is in ``page_ops`` with an outcome, replaying the log reproduces
    ``draft_tree``, and every tab's final view equals the server's. Returns the final tree and
    the op log."""
    owner, page_id, editor = owner_on(app, procs)
    tabs = [client_class(also_on(owner, procs[i % 2].base), editor, f"{editor}/events")
            for i in range(clients)]
    errors: list[BaseException] = []

    def work(client: Client, seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(total // len(tabs)):
                client.random_op(rng, editor)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(c, seed + n)) for n, c in enumerate(tabs)]
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
        # Every acknowledged op is in the log with an outcome.
        for c in tabs:
            for key, status in c.acknowledged:
                assert key in by_key, (key, status)
                row = by_key[key]
                if status == 200 and row.outcome == "rejected":
                    assert row.error == "no_change"  # the value was already there
                elif status == 200:
                    assert row.outcome in ("applied", "undone"), (status, row.outcome)
                else:
                    assert row.outcome in ("rejected", "superseded"), (status, row.outcome)
        # Replaying the log reproduces the tree.
        tree = page.draft_tree
        assert replay(rows) == tree
        final_seq = page.seq
        applied = sum(1 for r in rows if r.outcome == "applied")
        db.session.expunge_all()
    assert applied == final_seq and final_seq > total // 2
    settle(tabs, final_seq)
    expected = server_view(owner, editor, client_class.View)
    for c in tabs:
        assert c.view.snapshot() == expected
    return tree, rows


def test_randomized_interleaved_ops_from_clients_on_both_processes_lose_nothing(
        app, two_processes):
    random_run(app, two_processes, Client, clients=4,
               total=int(os.environ.get("COEDIT_RANDOM_OPS", "2000")))


def test_a_redis_restart_mid_session_loses_no_op(app, migrated, tmp_path):
    redis = RedisServer(tmp_path)
    procs = [AppProcess(migrated, redis.url, tmp_path) for _ in range(2)]
    try:
        owner, page_id, editor = owner_on(app, procs)
        clients = [Client(also_on(owner, p.base), editor, f"{editor}/events") for p in procs]
        rng = random.Random(7)
        for _ in range(10):
            clients[0].random_op(rng, editor)
            clients[1].random_op(rng, editor)
        redis.stop()
        for _ in range(5):  # saved while Redis is down: the broadcast is lost, the op is not
            clients[0].random_op(rng, editor)
            clients[1].random_op(rng, editor)
        redis.start()
        for _ in range(5):
            clients[0].random_op(rng, editor)
        with app.app_context():
            db.session.expire_all()
            final_seq = db.session.get(Page, page_id).seq
        settle(clients, final_seq, timeout=60)
        expected = server_view(owner, editor)
        for c in clients:
            assert c.view.snapshot() == expected
    finally:
        for p in procs:
            p.stop()
        redis.stop()


def test_under_gevent_psycopg_waits_cooperatively():
    """The gevent process's database calls must yield to the other streams: psycopg picks a
    wait function that gevent has patched (its C wait would block every greenlet). Holds as
    long as the app is imported after gunicorn's gevent worker patched (no --preload)."""
    import subprocess
    import sys

    code = ("from gevent import monkey; monkey.patch_all()\n"
            "import psycopg.waiting as w; print(w.wait.__name__)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert found != "wait_c", found
