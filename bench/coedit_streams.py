"""Live co-editing under load: N editors with SSE streams open on one page while one of them
saves. Prints save p50/p95 (POST round trip), fan-out p50/p95 (POST sent → event read by every
other stream), and the SSE worker's memory per open stream.

Two gunicorn processes, as in production: one gevent process holding the streams and one
serving the edits (so a slow edit never stalls streams), sharing PostgreSQL and Redis.

Run: .venv/bin/python bench/coedit_streams.py \
       --database-url postgresql://postgres@127.0.0.1:5432/windwalker_coedit_bench \
       --redis-url redis://127.0.0.1:6379/13 [--streams 500] [--ops 100]
(The database's schema is dropped and re-created.)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    f, c = int(k), min(int(k) + 1, len(values) - 1)
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


async def open_stream(port: int, path: str, cookie: str, client: str, seen: dict,
                      ready: asyncio.Event, counter: list) -> None:
    """A minimal SSE reader: records when each event id arrives."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
    writer.write((f"GET {path}?since=0&client={client} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  f"Cookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n").encode())
    await writer.drain()
    answered = False
    while True:
        line = await reader.readline()
        if not line:
            counter.append("closed")
            return
        if not answered and line.startswith(b"event: presence"):
            answered = True  # the stream is open and registered
            counter[0] += 1
            if counter[0] == counter[1]:
                ready.set()
        if line.startswith(b"event: reload"):
            counter.append("reload")
        if line.startswith(b"id: "):
            seq = int(line[4:])
            seen.setdefault(seq, []).append(time.perf_counter())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--streams", type=int, default=500)
    parser.add_argument("--ops", type=int, default=100)
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between saves")
    args = parser.parse_args()

    import httpx
    from redis import Redis

    from bench._support import bench_app
    from tests.coedit.live_client import Tab
    from tests.coedit.processes import AppProcess

    app, url = bench_app(args.database_url)
    r = Redis.from_url(args.redis_url)
    for key in list(r.scan_iter("ww:page:*")) + list(r.scan_iter("presence:page:*")):
        r.delete(key)
    tmp = Path(tempfile.mkdtemp())
    streams_proc = AppProcess(url, args.redis_url, tmp, {"COEDIT_HEARTBEAT": "15"})
    edits_proc = AppProcess(url, args.redis_url, tmp, {"COEDIT_HEARTBEAT": "15"})
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

        seen: dict[int, list[float]] = {}
        loop = asyncio.new_event_loop()
        ready = asyncio.Event()
        counter = [0, args.streams]

        async def run_streams():
            # Editors arrive over a few seconds (50 at a time), not in the same millisecond.
            tasks = []
            for i in range(args.streams):
                tasks.append(asyncio.create_task(open_stream(
                    streams_proc.port, f"{editor}/events", cookie, f"bench{i:05d}xx", seen,
                    ready, counter)))
                if i % 50 == 49:
                    await asyncio.sleep(0.5)
            await ready.wait()
            await asyncio.gather(*tasks, return_exceptions=True)

        thread = threading.Thread(target=loop.run_until_complete, args=(run_streams(),),
                                  daemon=True)
        thread.start()
        # Wait until every stream has been answered (its first presence event).
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if counter[0] >= args.streams:
                break
            time.sleep(0.2)
        opened = counter[0]
        time.sleep(5)
        seen.clear()  # only what the saves below cause
        after = rss_kib(streams_proc.proc.pid)

        saves, sent = [], {}
        http = httpx.Client(base_url=edits_proc.base, timeout=30, cookies=owner.http.cookies)
        for i in range(args.ops):
            start = time.perf_counter()
            resp = http.post(f"{editor}/blocks/{block}/props/text",
                             data={"value": f"제목 {i}", "op_key": f"bench-{i}",
                                   "base_seq": str(owner.seq)},
                             headers={"HX-Request": "true", "X-CSRFToken": owner.token,
                                      "X-Client-Id": "benchwriter0"})
            saves.append((time.perf_counter() - start) * 1000)
            assert resp.status_code == 200, resp.text[:200]
            seq = owner.seq = owner.seq + 1
            sent[seq] = start
            time.sleep(args.interval)
        time.sleep(3)
        fanout = [(t - sent[s]) * 1000 for s, times in seen.items() if s in sent
                  for t in times]
        delivered = sum(len(seen.get(s, [])) for s in sent)
        print(f"streams answered: {opened} of {args.streams}")
        print(f"streams open: {args.streams} (one gevent process), saves: {args.ops} "
              f"(one gevent process), every {args.interval}s")
        print(f"save     p50 {statistics.median(saves):6.1f} ms   p95 "
              f"{percentile(saves, 0.95):6.1f} ms")
        print(f"fan-out  p50 {statistics.median(fanout):6.1f} ms   p95 "
              f"{percentile(fanout, 0.95):6.1f} ms   ({delivered} of "
              f"{args.ops * args.streams} deliveries)")
        print(f"streams closed: {counter.count('closed')}, reloads: {counter.count('reload')}")
        print(f"memory   {before / 1024:.1f} MiB → {after / 1024:.1f} MiB: "
              f"{(after - before) / args.streams:.1f} KiB per open stream")
    finally:
        streams_proc.stop()
        edits_proc.stop()


if __name__ == "__main__":
    main()
