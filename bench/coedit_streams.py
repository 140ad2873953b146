"""Live co-editing under load: N editors with SSE streams open on one page while one of them
saves. Prints how many streams connected, were answered and received every op; save p50/p95
(POST round trip); fan-out p50/p95 (POST sent → the op event read by each *other* stream, and
→ the last of them); and the SSE worker's memory per open stream.

Two gunicorn processes, as in production: one gevent process holding the streams and one
serving the edits (so a slow edit never stalls streams), sharing PostgreSQL and Redis. The
SSE readers run in a process of their own (asyncio), so reading 500 streams never competes
with the saving client for one interpreter lock; times are taken with the system-wide
monotonic clock, comparable across processes.

Honest counting: the saving editor is one of the N (its stream must get a bare ``ack``; the
other N-1 the ``op``). A delivery that never arrives, or arrives as ``reload``, counts as a
failure and as +inf in the fan-out percentiles; every stream that failed to connect is listed
with its reason. The run exits non-zero when any stream or delivery failed.

Run: .venv/bin/python bench/coedit_streams.py \
       --database-url postgresql://postgres@127.0.0.1:5432/windwalker_coedit_bench \
       --redis-url redis://127.0.0.1:6379/13 [--streams 500] [--ops 100] \
       [--join-batch 50 --join-every 0.5]   (--join-batch 500: all connect at once)
(The database's schema is dropped and re-created.)
"""

from __future__ import annotations

import argparse
import asyncio
import math
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return math.nan
    k = (len(values) - 1) * p
    f, c = int(k), min(int(k) + 1, len(values) - 1)
    if math.isinf(values[c]):
        return values[c] if k > f or math.isinf(values[f]) else values[f]
    return values[f] + (values[c] - values[f]) * (k - f)


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (the gunicorn worker), in KiB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


# -- the SSE readers (their own process) ---------------------------------------------------

class SSEReader(asyncio.Protocol):
    """One stream: HTTP/1.1 response head, chunked body, SSE events; records when each op/ack
    event (by id) has been read in full."""

    def __init__(self, state: dict, progress: Counter) -> None:
        self.state = state
        self.progress = progress
        self.buf = b""
        self.head = True
        self.chunk_left = 0  # data bytes of the current chunk still to come
        self.crlf_left = 0  # bytes of the CRLF after it still to come
        self.body = b""

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        self.buf += data
        if self.head:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            status = int(self.buf.split(b" ", 2)[1])
            self.state["status"] = status
            self.buf = self.buf[end + 4:]
            self.head = False
            if status != 200:
                self.fail(f"HTTP {status}")
                return
            self.progress["connected"] += 1
        # de-chunk: size line, data, CRLF
        while self.buf:
            if self.crlf_left:
                skip = min(self.crlf_left, len(self.buf))
                self.buf, self.crlf_left = self.buf[skip:], self.crlf_left - skip
                continue
            if self.chunk_left == 0:
                end = self.buf.find(b"\r\n")
                if end < 0:
                    break
                size = int(self.buf[:end].split(b";")[0] or b"0", 16)
                self.buf = self.buf[end + 2:]
                if size == 0:
                    break
                self.chunk_left = size
            take = self.buf[:self.chunk_left]
            self.buf = self.buf[len(take):]
            self.body += take
            self.chunk_left -= len(take)
            if self.chunk_left == 0:
                self.crlf_left = 2
        self.events(now)

    def events(self, now: float) -> None:
        while True:
            end = self.body.find(b"\n\n")
            if end < 0:
                return
            raw, self.body = self.body[:end], self.body[end + 2:]
            kind, event_id = "message", None
            for line in raw.split(b"\n"):
                if line.startswith(b"event: "):
                    kind = line[7:].decode()
                elif line.startswith(b"id: "):
                    event_id = int(line[4:])
            if kind == "presence" and "answered" not in self.state:
                self.state["answered"] = now
                self.progress["answered"] += 1
            elif kind in ("op", "ack", "reload") and event_id is not None:
                self.state.setdefault(kind, {})[event_id] = now

    def fail(self, reason: str) -> None:
        if "error" not in self.state:
            self.state["error"] = reason
            self.progress["failed"] += 1
        self.transport.close()

    def connection_lost(self, exc) -> None:
        if "error" not in self.state and not self.state.get("stopping"):
            self.state["closed"] = time.perf_counter()
            self.progress["closed"] += 1


async def _readers(conn, port: int, path: str, cookie: str, clients: list[str],
                   batch: int, every: float) -> None:
    loop = asyncio.get_running_loop()
    states = [{"client": c} for c in clients]
    progress: Counter = Counter()
    transports = []

    async def open_one(state: dict) -> None:
        try:
            transport, _ = await loop.create_connection(
                lambda: SSEReader(state, progress), "127.0.0.1", port)
        except OSError as exc:
            state["error"] = f"connect: {exc.__class__.__name__}"
            progress["failed"] += 1
            return
        transports.append(transport)
        transport.write((f"GET {path}?since=0&client={state['client']} HTTP/1.1\r\n"
                         f"Host: 127.0.0.1\r\nCookie: {cookie}\r\n"
                         "Accept: text/event-stream\r\n\r\n").encode())

    async def joining() -> None:
        # Editors arrive in batches (default 50 every 0.5 s), not in one millisecond.
        for start in range(0, len(states), batch):
            await asyncio.gather(*(open_one(s) for s in states[start:start + batch]))
            if start + batch < len(states):
                await asyncio.sleep(every)

    join = asyncio.create_task(joining())
    while True:
        conn.send(("progress", dict(progress)))
        if conn.poll():
            conn.recv()  # "stop"
            break
        await asyncio.sleep(0.2)
    join.cancel()
    for state in states:
        state["stopping"] = True
    for t in transports:
        t.close()
    conn.send(("result", states))


def readers_main(conn, *args) -> None:
    asyncio.run(_readers(conn, *args))


# -- the run --------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--streams", type=int, default=500)
    parser.add_argument("--ops", type=int, default=100)
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between saves")
    parser.add_argument("--join-batch", type=int, default=50, help="streams opened at once")
    parser.add_argument("--join-every", type=float, default=0.5, help="seconds between batches")
    args = parser.parse_args()

    import httpx
    from redis import Redis

    from bench._support import bench_app
    from tests.coedit.live_client import Tab
    from tests.coedit.processes import AppProcess

    print(f"start: {load()}")
    app, url = bench_app(args.database_url)
    r = Redis.from_url(args.redis_url)
    for key in list(r.scan_iter("ww:page:*")) + list(r.scan_iter("presence:page:*")):
        r.delete(key)
    tmp = Path(tempfile.mkdtemp())
    streams_proc = AppProcess(url, args.redis_url, tmp, {"COEDIT_HEARTBEAT": "15"})
    edits_proc = AppProcess(url, args.redis_url, tmp, {"COEDIT_HEARTBEAT": "15"})
    reader = None
    try:
        owner = Tab(edits_proc.base)
        owner.signup("bench@example.com", "벤치")
        site_id = owner.create_site()
        from sqlalchemy import select

        from app.db import db
        from app.models import Page

        with app.app_context():
            page_id = db.session.scalar(select(Page.id).where(Page.site_id == site_id))
        editor = f"/sites/{site_id}/editor/pages/{page_id}"
        owner.post(f"{editor}/ops", {"kind": "insert", "type": "heading"})
        with app.app_context():
            block = db.session.get(Page, page_id).draft_tree["slots"]["children"][0]["id"]
        cookie = "; ".join(f"{k}={v}" for k, v in owner.http.cookies.items())
        before = rss_kib(streams_proc.proc.pid)

        writer = "benchwriter0"  # the saving editor's tab: stream 0
        clients = [writer] + [f"bench{i:05d}xx" for i in range(1, args.streams)]
        ctx = mp.get_context("spawn")
        conn, child = ctx.Pipe()
        reader = ctx.Process(target=readers_main, daemon=True, args=(
            child, streams_proc.port, f"{editor}/events", cookie, clients,
            args.join_batch, args.join_every))
        join_started = time.perf_counter()
        reader.start()
        progress: dict = {}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if conn.poll(0.5):
                progress = conn.recv()[1]
            done = progress.get("answered", 0) + progress.get("failed", 0) + progress.get(
                "closed", 0)
            if done >= args.streams:
                break
        joined = time.perf_counter() - join_started
        time.sleep(5)
        after_join = rss_kib(streams_proc.proc.pid)

        saves, sent = [], {}
        http = httpx.Client(base_url=edits_proc.base, timeout=30, cookies=owner.http.cookies)
        for i in range(args.ops):
            start = time.perf_counter()
            resp = http.post(f"{editor}/blocks/{block}/props/text",
                             data={"value": f"제목 {i}", "op_key": f"bench-{i}",
                                   "base_seq": str(owner.seq)},
                             headers={"HX-Request": "true", "X-CSRFToken": owner.token,
                                      "X-Client-Id": writer})
            saves.append((time.perf_counter() - start) * 1000)
            assert resp.status_code == 200, resp.text[:200]
            seq = owner.seq = owner.seq + 1
            sent[seq] = start
            time.sleep(args.interval)
        time.sleep(3)
        after_ops = rss_kib(streams_proc.proc.pid)
        while conn.poll():
            conn.recv()
        conn.send("stop")
        while True:
            kind, payload = conn.recv()
            if kind == "result":
                states = payload
                break

        # -- counting ---------------------------------------------------------------------
        connected = sum(1 for s in states if s.get("status") == 200)
        answered = sum(1 for s in states if "answered" in s)
        errors = Counter(s["error"] for s in states if "error" in s)
        closed = sum(1 for s in states if "closed" in s)
        reloads = sum(len(s.get("reload", {})) for s in states)
        fanout, last_screen = [], {seq: 0.0 for seq in sent}
        missing = 0
        receiving = 0
        for n, s in enumerate(states):
            got = s.get("ack" if n == 0 else "op", {})
            complete = True
            for seq, start in sent.items():
                if seq in got:
                    ms = (got[seq] - start) * 1000
                else:
                    ms, complete = math.inf, False
                    missing += 1
                if n:
                    fanout.append(ms)
                    last_screen[seq] = max(last_screen[seq], ms)
            receiving += complete
        lasts = list(last_screen.values())
        expected = args.ops * (args.streams - 1)

        def ms(v: float) -> str:
            return f"{v:7.1f} ms" if math.isfinite(v) else "  never   "

        print(f"streams: {args.streams} (one gevent process), joining {args.join_batch} every "
              f"{args.join_every}s; saves: {args.ops} (another gevent process), every "
              f"{args.interval}s")
        print(f"streams connected {connected}, answered {answered}, received every op "
              f"{receiving} — of {args.streams} (joining took {joined:.1f}s)")
        if errors or closed:
            print(f"  failed: {dict(errors)}; closed by the server: {closed}")
        print(f"save      p50 {ms(statistics.median(saves))}  p95 {ms(percentile(saves, .95))}"
              f"  max {ms(max(saves))}")
        print(f"fan-out   p50 {ms(percentile(fanout, .5))}  p95 {ms(percentile(fanout, .95))}"
              f"  p99 {ms(percentile(fanout, .99))}  ({expected - sum(1 for v in fanout if math.isinf(v))}"  # noqa: E501
              f" of {expected} deliveries to the other streams)")
        print(f"last screen p50 {ms(percentile(lasts, .5))}  p95 {ms(percentile(lasts, .95))}"
              f"  (per op: until every other stream had it)")
        print(f"missing deliveries (incl. the writer's acks): {missing}, reloads: {reloads}")
        print(f"memory    {before / 1024:.1f} MiB → {after_join / 1024:.1f} MiB with the "
              f"streams open ({(after_join - before) / args.streams:.1f} KiB per open stream),"
              f" {after_ops / 1024:.1f} MiB after the saves")
        print(f"end: {load()}")
        return 0 if (answered == args.streams and missing == 0 and not reloads) else 1
    finally:
        if reader is not None and reader.is_alive():
            reader.terminate()
        streams_proc.stop()
        edits_proc.stop()


if __name__ == "__main__":
    sys.exit(main())
