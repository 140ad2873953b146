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

Cost (500 tabs on one page in one gevent process): a stream holds no database connection while
it waits (the view gives it back; each hook takes one briefly). Whatever is the same for every
tab is done once per page and process and shared through the :class:`~app.coedit.broker.
Channel`: an op's SSE message (formatted and encoded once), the heartbeat's database check (one
read for the streams that check together; heartbeats are spread over the interval), a reload's
canvas, the presence list (read and serialized once per change) and the presence refresh of
every open tab (one broker call).
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from app.coedit.broker import Broker, presence_every

log = logging.getLogger(__name__)
GAP_WAIT = 2.0
PRESENCE_REFRESH = 10.0


def sse(event: str, data: str = "", event_id: int | None = None) -> str:
    """One SSE message (multi-line data split into ``data:`` lines)."""
    lines = []
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines.append(f"event: {event}")
    for line in (data.splitlines() or [""]):
        lines.append(f"data: {line}")
    return "\n".join(lines) + "\n\n"


PING = "event: ping\ndata: \n\n"


def people_json(entries: dict[str, dict[str, Any]]) -> str:
    """The presence list as JSON, the same for every viewer (in the order people came)."""
    people = [{"client": c, "name": v.get("name", ""), "agent": bool(v.get("agent")),
               "block": v.get("block") or "", "user": v.get("user")}
              for c, v in sorted(entries.items(),
                                 key=lambda kv: (kv[1].get("joined", kv[1].get("seen", 0)),
                                                 kv[0]))]
    return json.dumps(people, ensure_ascii=False)


@dataclass
class StreamHooks:
    """What the stream needs from the app (each hook runs its own short DB work)."""

    page_seq: Callable[[], int]                     # the page's seq in the database
    reload: Callable[[], tuple[int, str]]           # (seq, canvas html) as of now
    still_allowed: Callable[[], str | None]         # None, or the "ended" html to send and stop
    render_for_me: Callable[[dict], str | None]     # chat/support event -> my html, or None


@dataclass
class Subscriber:
    """One tab's stream. What is the same for every tab of the page is done once per process
    and shared through the page's :class:`Channel`: the op's wire format, the database seq
    check, a reload's canvas, the presence list and the presence refresh."""

    page_id: int
    client: str
    since: int
    me: dict[str, Any]               # presence info: user id, name, agent flag
    broker: Broker
    hooks: StreamHooks
    heartbeat: float = 15.0
    seq: int | None = None           # the page's seq as the view read it (None: read it here)
    pending: dict[int, dict] = field(default_factory=dict)
    gap_since: float | None = None
    presence_dirty: bool = False
    behind: int | None = None  # the database seq seen ahead of this stream at a heartbeat
    presence_sent: float = 0.0
    presence_noticed: int = 0  # the channel's presence_version this stream woke up for

    def run(self) -> Iterator[str | bytes]:
        b = self.broker
        ch = self.channel = b.subscribe(self.page_id)
        with ch.lock:
            ch.local[self.client] = self.me
        try:
            yield "retry: 1000\n\n"
            self._announce()
            events, cursor = ch.snapshot()
            resyncs = ch.resyncs
            last = self.since
            db_seq = self.seq if self.seq is not None else self.hooks.page_seq()
            held = {e["seq"]: e for e in events if e.get("kind") == "op" and e["seq"] > last}
            if last + 1 in held:
                # The ring holds the point: replay what it has in order; newer ops still on
                # their way arrive live (the heartbeat check covers any that never do).
                while last + 1 in held:
                    last += 1
                    yield self._op(held[last])
            elif db_seq != last:
                # Not held (too old, or a seq this page never reached): the current canvas.
                last, html = ch.reload(self.hooks.reload, max([db_seq, *held]))
                yield sse("reload", html, last)
            yield self._presence_event()
            now = time.monotonic()
            # Heartbeats spread over the interval: streams that opened together (a join
            # storm, a reconnect after a restart) do not all check the database together.
            beat = now - random.uniform(0, self.heartbeat / 2)
            check_at = None  # a forced database check after the feed reconnected
            while True:
                ch.wait(cursor, resyncs, self.presence_noticed, self._timeout(beat, check_at))
                if b.closed:
                    return
                new, cursor = ch.read(cursor)
                if ch.resyncs != resyncs:
                    resyncs = ch.resyncs
                    check_at = time.monotonic() + 1.0  # let in-flight publishes land first
                if ch.presence_version != self.presence_noticed:
                    self.presence_noticed = ch.presence_version
                    self.presence_dirty = True
                for event in new:
                    kind = event.get("kind")
                    if kind == "op":
                        out, last = self._take(event, last)
                        yield from out
                    elif kind == "design":
                        if event.get("client") != self.client:
                            yield sse("design", event.get("html", ""))
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
                now = time.monotonic()
                if self.presence_dirty and now - self.presence_sent >= presence_every(
                        ch.people):
                    yield self._presence_event()
                if self.pending and self.gap_since is not None and (
                        now - self.gap_since > GAP_WAIT):
                    at_least = max(self.pending)
                    self.pending.clear()
                    self.gap_since = None
                    last, html = ch.reload(self.hooks.reload, at_least)
                    yield sse("reload", html, last)
                if check_at is not None and now >= check_at:
                    out, last = self._catch_up(last, not_before=check_at - 0.5, force=True)
                    check_at = None
                    yield from out
                if ch.refresh_due(PRESENCE_REFRESH):
                    self._refresh_presence()
                if now - beat >= self.heartbeat:
                    beat = now
                    ended = self.hooks.still_allowed()
                    if ended is not None:
                        yield sse("ended", ended)
                        return
                    out, last = self._catch_up(last, not_before=now - self.heartbeat / 2)
                    yield from out
                    # A named event (not a comment): the tab's script sees it, so a stream
                    # that went silent (a dropped connection nobody closed) is noticed.
                    yield PING
        finally:
            b.unsubscribe(self.page_id, ch)
            with ch.lock:
                ch.local.pop(self.client, None)
            try:
                b.presence_remove(self.page_id, self.client)
                b.publish(self.page_id, {"kind": "presence"})
            except Exception:  # noqa: BLE001 - presence expires by itself
                log.debug("presence: could not remove %s", self.client)

    # Presence lives in the broker (Redis in production): while it is unreachable the stream
    # goes on without it — ops still arrive once the feed is back, presence catches up then.
    def _announce(self) -> None:
        try:
            self.broker.presence_set(self.page_id, self.client, self.me)
            self.broker.publish(self.page_id, {"kind": "presence"})
        except Exception:  # noqa: BLE001
            log.warning("presence: broker unavailable for page %s", self.page_id)

    def _refresh_presence(self) -> None:
        """Keeps every open tab of the page in this process present: one broker call."""
        ch = self.channel
        with ch.lock:
            entries = dict(ch.local)
        try:
            self.broker.presence_refresh(self.page_id, entries)
            with ch.lock:
                gone = [c for c in entries if c not in ch.local]
            for client in gone:  # closed while the refresh was on its way
                self.broker.presence_remove(self.page_id, client)
        except Exception:  # noqa: BLE001
            log.warning("presence: broker unavailable for page %s", self.page_id)

    def _presence_event(self) -> str:
        """The presence list, read and formatted once per change (and at most twice per
        :func:`presence_every`) per page and process, by one stream while the others wait for
        it; only ``me`` is this tab's. A stream sent a list older than the latest change stays
        dirty and sends again at its next turn."""
        ch = self.channel
        with ch.presence_lock:
            cached = ch.presence_cache
            now = time.monotonic()
            if cached is None or (cached[1] != ch.presence_version
                                  and now - cached[0] >= presence_every(ch.people) / 2):
                version = ch.presence_version
                try:
                    entries = self.broker.presence(self.page_id)
                except Exception:  # noqa: BLE001 - broker down: the tabs open here
                    with ch.lock:
                        entries = {c: {**info, "seen": time.time()} for c, info in ch.local.items()}
                cached = ch.presence_cache = (time.monotonic(), version, people_json(entries))
                ch.people = len(entries)
        self.presence_sent = now
        self.presence_noticed = max(self.presence_noticed, cached[1])
        self.presence_dirty = cached[1] != ch.presence_version
        me = json.dumps(self.client)
        return sse("presence", f'{{"me": {me}, "people": {cached[2]}}}')

    def _timeout(self, beat: float, check_at: float | None) -> float:
        now = time.monotonic()
        timeout = max(0.0, beat + self.heartbeat - now)
        if self.pending:
            timeout = min(timeout, GAP_WAIT / 2)
        if self.presence_dirty:
            wait = self.presence_sent + presence_every(self.channel.people) - now
            timeout = min(timeout, max(0.05, wait))
        if check_at is not None:
            timeout = min(timeout, max(0.0, check_at - now))
        # presence entries must be refreshed well within their TTL, whatever the heartbeat
        refresh = self.channel.presence_refreshed + PRESENCE_REFRESH - now
        return min(timeout, max(0.05, refresh))

    def _op(self, event: dict) -> str | bytes:
        if event.get("client") == self.client:
            return sse("ack", str(event["seq"]), event["seq"])
        if event.get("notice_to") == self.client:
            # "your change was replaced": only for that tab
            return sse("op", event.get("html", "") + event.get("notice_html", ""), event["seq"])
        wire = event.get("_wire")
        if wire is None:  # formatted and encoded once per process, shared by every stream
            wire = event["_wire"] = sse("op", event.get("html", ""), event["seq"]).encode()
        return wire

    def _take(self, event: dict, last: int) -> tuple[list[str | bytes], int]:
        seq = event["seq"]
        out: list[str | bytes] = []
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

    def _catch_up(self, last: int, not_before: float,
                  force: bool = False) -> tuple[list[str], int]:
        """Reload when the database is ahead of what this stream delivered — and was already
        ahead of it at the previous heartbeat (an op saved a moment ago may still be on its way;
        one that is still missing a heartbeat later was never published). The seq is read once
        for all the page's streams that check at about the same time (``not_before``)."""
        db_seq = self.channel.db_seq(self.hooks.page_seq, not_before)
        if db_seq <= last:
            self.behind = None
            return [], last
        if not force and (self.behind is None or last >= self.behind):
            self.behind = db_seq
            return [], last
        self.behind = None
        at_least = max([db_seq, *self.pending])
        self.pending.clear()
        self.gap_since = None
        seq, html = self.channel.reload(self.hooks.reload, at_least)
        return [sse("reload", html, seq)], seq
