"""The SSE stream of one editor tab: replay from the last seen ``seq``, live ops, presence,
chat and support notices, heartbeats — and never a lost op.

Guarantees, and how:

* **Order and no gaps.** Op events carry the page ``seq``; the stream sends them strictly in
  order (``id:`` is the seq). An op that arrives early waits for the ones before it; a gap
  that does not close within ``GAP_WAIT`` seconds is answered with a ``reload`` (the current
  canvas, rendered from the database).
* **Reconnect.** The client sends ``since`` (kept up to date in ``sse-connect``) and the
  browser may send ``Last-Event-ID``; the stream replays from its ring (fed by the page's
  Redis Stream) or sends ``reload`` when the ring no longer holds the point.
* **Missed publishes** (Redis down while an op was saved): on every quiet heartbeat, and
  right after the feed reconnects, the stream compares its seq with the database and reloads
  when behind.
* **No echo.** The tab's own ops come back as a bare ``ack`` (the id only), so ``since``
  advances without touching the screen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from app.coedit.broker import Broker

log = logging.getLogger(__name__)
GAP_WAIT = 2.0
PRESENCE_REFRESH = 10.0
PRESENCE_EVERY = 1.0  # at most one presence update per second per stream (join storms)


def sse(event: str, data: str = "", event_id: int | None = None) -> str:
    """One SSE message (multi-line data split into ``data:`` lines)."""
    lines = []
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines.append(f"event: {event}")
    for line in (data.splitlines() or [""]):
        lines.append(f"data: {line}")
    return "\n".join(lines) + "\n\n"


@dataclass
class StreamHooks:
    """What the stream needs from the app (each hook runs its own short DB work)."""

    page_seq: Callable[[], int]                     # the page's seq in the database
    reload: Callable[[], tuple[int, str]]           # (seq, canvas html) as of now
    still_allowed: Callable[[], str | None]         # None, or the "ended" html to send and stop
    presence_html: Callable[[dict], str]            # presence entries -> the event's data
    render_for_me: Callable[[dict], str | None]     # chat/support event -> my html, or None


@dataclass
class Subscriber:
    page_id: int
    client: str
    since: int
    me: dict[str, Any]               # presence info: user id, name, agent flag
    broker: Broker
    hooks: StreamHooks
    heartbeat: float = 15.0
    pending: dict[int, dict] = field(default_factory=dict)
    gap_since: float | None = None
    presence_dirty: bool = False
    presence_sent: float = 0.0

    def run(self) -> Iterator[str]:
        b = self.broker
        ch = b.subscribe(self.page_id)
        try:
            yield "retry: 1000\n\n"
            self._announce()
            events, cursor = ch.snapshot()
            resyncs = ch.resyncs
            last = self.since
            db_seq = self.hooks.page_seq()
            if db_seq > last:
                held = {e["s"]: e for e in events if e.get("k") == "op" and e["s"] > last}
                if all(s in held for s in range(last + 1, db_seq + 1)):
                    for s in sorted(held):
                        yield self._op(held[s])
                        last = s
                else:
                    last, html = self.hooks.reload()
                    yield sse("reload", html, last)
            elif db_seq < last:
                # A seq this page never reached (another page's, or a restored database).
                last, html = self.hooks.reload()
                yield sse("reload", html, last)
            self.channel = ch
            yield self._presence_event()
            refreshed = time.monotonic()
            while True:
                ch.wait(cursor, resyncs, self._timeout())
                new, cursor = ch.read(cursor)
                if ch.resyncs != resyncs:
                    resyncs = ch.resyncs
                    time.sleep(0.2)  # let in-flight publishes land first
                    out, last = self._catch_up(last)
                    yield from out
                quiet = not new
                for event in new:
                    kind = event.get("k")
                    if kind == "op":
                        out, last = self._take(event, last)
                        yield from out
                    elif kind == "presence":
                        self.presence_dirty = True
                    elif kind in ("chat", "support"):
                        if self.me.get("user") not in event.get("to", ()):
                            continue
                        html = self.hooks.render_for_me(event)
                        if html is not None:
                            yield sse(kind, html)
                        ended = self.hooks.still_allowed() if kind == "support" else None
                        if ended is not None:
                            yield sse("ended", ended)
                            return
                if self.presence_dirty and (
                        time.monotonic() - self.presence_sent >= PRESENCE_EVERY):
                    yield self._presence_event()
                if self.pending and self.gap_since is not None and (
                        time.monotonic() - self.gap_since > GAP_WAIT):
                    self.pending.clear()
                    self.gap_since = None
                    last, html = self.hooks.reload()
                    yield sse("reload", html, last)
                now = time.monotonic()
                if now - refreshed >= PRESENCE_REFRESH:
                    refreshed = now
                    self._announce(publish=False)
                if quiet:
                    ended = self.hooks.still_allowed()
                    if ended is not None:
                        yield sse("ended", ended)
                        return
                    out, last = self._catch_up(last)
                    yield from out
                    yield ": ping\n\n"
        finally:
            b.unsubscribe(self.page_id, ch)
            try:
                b.presence_remove(self.page_id, self.client)
                b.publish(self.page_id, {"k": "presence"})
            except Exception:  # noqa: BLE001 - presence expires by itself
                log.debug("presence: could not remove %s", self.client)

    # Presence lives in the broker (Redis in production): while it is unreachable the stream
    # goes on without it — ops still arrive once the feed is back, presence catches up then.
    def _announce(self, publish: bool = True) -> None:
        try:
            self.broker.presence_set(self.page_id, self.client, self.me)
            if publish:
                self.broker.publish(self.page_id, {"k": "presence"})
        except Exception:  # noqa: BLE001
            log.warning("presence: broker unavailable for page %s", self.page_id)

    def _presence_event(self) -> str:
        """The presence list, read at most twice a second per page and process (shared by the
        process's streams of that page)."""
        self.presence_dirty = False
        self.presence_sent = time.monotonic()
        ch = self.channel
        cached = getattr(ch, "presence_cache", None)
        if cached is None or time.monotonic() - cached[0] > 0.5:
            try:
                cached = (time.monotonic(), self.broker.presence(self.page_id))
            except Exception:  # noqa: BLE001
                cached = (time.monotonic(), {self.client: {**self.me, "t": time.time()}})
            ch.presence_cache = cached
        return sse("presence", self.hooks.presence_html(cached[1]))

    def _timeout(self) -> float:
        timeout = min(self.heartbeat, GAP_WAIT / 2) if self.pending else self.heartbeat
        return min(timeout, PRESENCE_EVERY) if self.presence_dirty else timeout

    def _op(self, event: dict) -> str:
        if event.get("c") == self.client:
            return sse("ack", str(event["s"]), event["s"])
        data = event.get("d", "")
        if event.get("nc") == self.client:
            data += event.get("nh", "")  # "your change was replaced": only for that tab
        return sse("op", data, event["s"])

    def _take(self, event: dict, last: int) -> tuple[list[str], int]:
        seq = event["s"]
        out: list[str] = []
        if seq <= last:
            return out, last
        if seq > last + 1:
            self.pending[seq] = event
            self.gap_since = self.gap_since or time.monotonic()
            return out, last
        out.append(self._op(event))
        last = seq
        while last + 1 in self.pending:
            last += 1
            out.append(self._op(self.pending.pop(last)))
        self.pending = {s: e for s, e in self.pending.items() if s > last}
        self.gap_since = time.monotonic() if self.pending else None
        return out, last

    def _catch_up(self, last: int) -> tuple[list[str], int]:
        """Reload when the database is ahead of what this stream delivered."""
        if self.hooks.page_seq() > last:
            self.pending.clear()
            self.gap_since = None
            seq, html = self.hooks.reload()
            return [sse("reload", html, seq)], seq
        return [], last
