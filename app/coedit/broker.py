"""The page event broker: every applied op (and presence, chat, support notices) reaches every
editor of the page, in every app process.

Each process keeps one :class:`Channel` per page with subscribers: a ring of recent events that
its SSE streams wait on, and what those streams share (the op's wire format, the database seq
check, a reload's canvas, the presence list). What feeds the ring differs:

* :class:`InProcessBroker` (embedded default, no Redis): ``publish`` appends directly;
* :class:`RedisBroker` (production): ``publish`` is an ``XADD`` to the page's Redis Stream
  (``MAXLEN ~ 1000``; presence changes go to a short stream of their own), and one pump thread
  per page and process reads both with one ``XREAD BLOCK`` and appends to the ring — so 500
  streams on one page cost one Redis read, and every host sees every op (no sticky sessions).

Events are small dicts: ``k`` kind (op, presence, chat, support), ``s`` page seq (ops only),
``c`` the browser tab that caused it, ``x`` the support session it concerns, ``d`` data.
A presence event says only "the list changed": streams read it from the broker.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

RING = 1000  # events kept per page (in the ring and, approximately, in the Redis Stream)
PRESENCE_TTL = 30  # seconds a presence entry lives without a refresh
PRESENCE_EVERY = 1.0  # at most one presence update a second per page and stream
PRESENCE_CROWD = 100  # ... and with more people, about this many entries a second per stream


def presence_every(people: int) -> float:
    """Seconds between two presence updates of one stream: a second, longer in a crowd (500
    editors joining at once would otherwise cost 500 streams x 500 entries every second)."""
    return max(PRESENCE_EVERY, people / PRESENCE_CROWD)


class Channel:
    """One page's recent events in this process, what its streams wait on, and what they
    share: the page's seq as last read from the database, the last reload, the presence list.

    Waiting is a *generation* event: ``append`` sets the current one and puts a fresh one in
    its place, so waking the page's 500 streams is one ``set`` (no per-waiter locks to
    release and re-acquire, as a condition variable would need).

    Presence events do not enter the ring: they bump ``presence_version`` and wake the streams
    at most once per :func:`presence_every` (a join storm of 500 tabs is not 500 x 500
    wake-ups); each stream then sends the shared presence list.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.changed = threading.Event()
        self.events: deque[dict[str, Any]] = deque(maxlen=RING)
        self.total = 0  # events ever appended: a stream's cursor
        self.subscribers = 0
        self.resyncs = 0  # bumped when the feed was interrupted (events may have been missed)
        self.ready = threading.Event()
        self.idle_since: float | None = None
        # shared by the page's streams in this process
        self.local: dict[str, dict[str, Any]] = {}  # open tabs here: client -> presence info
        self.presence_refreshed = time.monotonic()
        self.presence_cache: tuple[float, int, str] | None = None  # (read at, version, json)
        self.presence_version = 0
        self.presence_lock = threading.Lock()  # one presence read at a time
        self.people = 0  # how many were on the page at the last presence read
        self._presence_woken = 0.0
        self._presence_timer: threading.Timer | None = None
        self._check_lock = threading.Lock()
        self._db_seq: tuple[float, int] | None = None  # (read at, seq)
        self._reload_lock = threading.Lock()
        self._reload: tuple[int, str] | None = None  # (seq, canvas html)

    def _wake(self) -> None:
        # under self.lock
        event, self.changed = self.changed, threading.Event()
        event.set()

    def append(self, event: dict[str, Any]) -> None:
        with self.lock:
            if event.get("kind") == "presence":
                self.presence_version += 1
                if self._presence_timer is not None:
                    return  # a wake-up is already on its way
                delay = self._presence_woken + presence_every(self.people) - time.monotonic()
                if delay > 0:
                    self._presence_timer = threading.Timer(delay, self._presence_wake)
                    self._presence_timer.daemon = True
                    self._presence_timer.start()
                    return
                self._presence_woken = time.monotonic()
            else:
                self.events.append(event)
                self.total += 1
            self._wake()

    def _presence_wake(self) -> None:
        with self.lock:
            self._presence_timer = None
            self._presence_woken = time.monotonic()
            self._wake()

    def resync(self) -> None:
        with self.lock:
            self.resyncs += 1
            self.presence_version += 1  # presence may have changed meanwhile: read it again
            self._wake()

    def read(self, cursor: int) -> tuple[list[dict[str, Any]], int]:
        """Events appended after ``cursor`` (those still in the ring) and the new cursor."""
        with self.lock:
            new = min(self.total - cursor, len(self.events))
            if new <= 0:
                return [], self.total
            # Usually one or two events: index from the right end (no copy of the ring).
            size = len(self.events)
            return [self.events[i] for i in range(size - new, size)], self.total

    def wait(self, cursor: int, resyncs: int, presence: int, timeout: float) -> None:
        with self.lock:
            if (self.total > cursor or self.resyncs != resyncs
                    or self.presence_version != presence):
                return
            changed = self.changed
        changed.wait(timeout)

    def snapshot(self) -> tuple[list[dict[str, Any]], int]:
        with self.lock:
            return list(self.events), self.total

    def db_seq(self, fetch: Callable[[], int], not_before: float) -> int:
        """The page's seq in the database, read once for all the streams that ask at about
        the same time: a value read at or after ``not_before`` (monotonic) is reused. Seqs only
        grow, so a shared value is never ahead of the database, at most a little behind."""
        with self._check_lock:
            cached = self._db_seq
            if cached is None or cached[0] < not_before:
                read_at = time.monotonic()
                cached = self._db_seq = (read_at, fetch())
            return cached[1]

    def reload(self, fetch: Callable[[], tuple[int, str]], at_least: int) -> tuple[int, str]:
        """The current canvas for a stream that must reload, rendered once for all the streams
        that need one showing at least seq ``at_least`` (after a Redis outage, all of them)."""
        with self._reload_lock:
            cached = self._reload
            if cached is None or cached[0] < at_least:
                cached = self._reload = fetch()
            return cached

    def refresh_due(self, every: float) -> bool:
        """True for the one stream that should refresh the page's local presence entries now."""
        with self.lock:
            now = time.monotonic()
            if now - self.presence_refreshed < every:
                return False
            self.presence_refreshed = now
            return True


class Broker(ABC):
    """What both brokers share: local channels, subscription counting."""

    def __init__(self) -> None:
        self._channels: dict[int, Channel] = {}
        self._lock = threading.Lock()

    def channel(self, page_id: int) -> Channel:
        with self._lock:
            ch = self._channels.get(page_id)
            if ch is None:
                ch = self._channels[page_id] = Channel()
                self._start(page_id, ch)
            return ch

    def subscribe(self, page_id: int) -> Channel:
        ch = self.channel(page_id)
        with self._lock:
            ch.subscribers += 1
            ch.idle_since = None
        ch.ready.wait(10)
        return ch

    def unsubscribe(self, page_id: int, ch: Channel) -> None:
        with self._lock:
            ch.subscribers -= 1
            if ch.subscribers <= 0:
                ch.idle_since = time.monotonic()

    def _start(self, page_id: int, ch: Channel) -> None:
        ch.ready.set()

    # -- interface (InProcessBroker and RedisBroker) --------------------------------------
    @abstractmethod
    def publish(self, page_id: int, event: dict[str, Any]) -> None: ...

    @abstractmethod
    def presence_set(self, page_id: int, client: str, info: dict[str, Any]) -> None:
        """Adds or refreshes a tab's entry; fields not given (e.g. its block) are kept."""

    def presence_refresh(self, page_id: int, entries: dict[str, dict[str, Any]]) -> None:
        """Keeps this process's open tabs of the page alive (one call for all of them); an
        entry that is gone is added again with ``info`` (its block, if any, is kept)."""
        for client, info in entries.items():
            self.presence_set(page_id, client, info)

    @abstractmethod
    def presence_remove(self, page_id: int, client: str) -> None: ...

    @abstractmethod
    def presence(self, page_id: int) -> dict[str, dict[str, Any]]:
        """The page's live entries: client -> info with ``j`` (joined at) and ``t`` (last seen,
        both epoch seconds)."""

    closed = False

    def close(self) -> None:
        """Stops every stream of this process (app shutdown, end of a test)."""
        self.closed = True
        with self._lock:
            channels = list(self._channels.values())
        for ch in channels:
            ch.resync()


class InProcessBroker(Broker):
    """The embedded default: one process, so the ring is the whole story."""

    def __init__(self) -> None:
        super().__init__()
        self._presence: dict[int, dict[str, dict[str, Any]]] = {}

    def publish(self, page_id: int, event: dict[str, Any]) -> None:
        self.channel(page_id).append(event)

    def presence_set(self, page_id: int, client: str, info: dict[str, Any]) -> None:
        now = time.time()
        with self._lock:
            entries = self._presence.setdefault(page_id, {})
            entries[client] = {"joined": now, **entries.get(client, {}), **info, "seen": now}

    def presence_refresh(self, page_id: int, entries: dict[str, dict[str, Any]]) -> None:
        now = time.time()
        with self._lock:
            known = self._presence.setdefault(page_id, {})
            for client, info in entries.items():
                if client in known:
                    known[client]["seen"] = now
                else:
                    known[client] = {"joined": now, **info, "seen": now}

    def presence_remove(self, page_id: int, client: str) -> None:
        with self._lock:
            self._presence.get(page_id, {}).pop(client, None)

    def presence(self, page_id: int) -> dict[str, dict[str, Any]]:
        now = time.time()
        with self._lock:
            entries = self._presence.get(page_id, {})
            for client in [c for c, v in entries.items() if now - v["seen"] > PRESENCE_TTL]:
                entries.pop(client)
            return {c: dict(v) for c, v in entries.items()}


class RedisBroker(Broker):
    """Production: a Redis Stream per page, read once per process by a pump thread."""

    def __init__(self, url: str) -> None:
        super().__init__()
        from redis import Redis

        self.url = url
        self.redis = Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2,
                                    health_check_interval=10)
        self._stopped = threading.Event()

    @staticmethod
    def stream_key(page_id: int) -> str:
        return f"ww:page:{page_id}:events"

    @staticmethod
    def presence_stream_key(page_id: int) -> str:
        """Presence changes ("read the list again") go to a short stream of their own, so a
        join storm never pushes ops out of the events stream that reconnecting tabs replay."""
        return f"ww:page:{page_id}:presence"

    @staticmethod
    def presence_key(page_id: int) -> str:
        return f"presence:page:{page_id}"

    @staticmethod
    def seen_key(page_id: int) -> str:
        return f"presence:page:{page_id}:seen"

    def publish(self, page_id: int, event: dict[str, Any]) -> None:
        if event.get("kind") == "presence":
            self.redis.xadd(self.presence_stream_key(page_id), {"event": b'{"kind":"presence"}'},
                            maxlen=100, approximate=True)
            return
        self.redis.xadd(self.stream_key(page_id), {"event": json.dumps(event, ensure_ascii=False)},
                        maxlen=RING, approximate=True)

    # Presence: a hash ``presence:page:{id}`` (client -> JSON info) and a sorted set
    # ``presence:page:{id}:seen`` (client -> last seen), so refreshing every open tab of a
    # process is one round trip that never rewrites (and so never races) the info.
    def presence_set(self, page_id: int, client: str, info: dict[str, Any]) -> None:
        key, seen = self.presence_key(page_id), self.seen_key(page_id)
        old = self.redis.hget(key, client)
        now = time.time()
        merged = {"joined": now, **(json.loads(old) if old else {}), **info}
        merged.pop("seen", None)
        pipe = self.redis.pipeline(transaction=False)
        pipe.hset(key, client, json.dumps(merged, ensure_ascii=False))
        pipe.zadd(seen, {client: now})
        pipe.expire(key, PRESENCE_TTL * 4)
        pipe.expire(seen, PRESENCE_TTL * 4)
        pipe.execute()

    def presence_refresh(self, page_id: int, entries: dict[str, dict[str, Any]]) -> None:
        if not entries:
            return
        key, seen = self.presence_key(page_id), self.seen_key(page_id)
        now = time.time()
        pipe = self.redis.pipeline(transaction=False)
        for client, info in entries.items():
            pipe.hsetnx(key, client, json.dumps({"joined": now, **info}, ensure_ascii=False))
        pipe.zadd(seen, dict.fromkeys(entries, now))
        pipe.expire(key, PRESENCE_TTL * 4)
        pipe.expire(seen, PRESENCE_TTL * 4)
        pipe.execute()

    def presence_remove(self, page_id: int, client: str) -> None:
        pipe = self.redis.pipeline(transaction=False)
        pipe.hdel(self.presence_key(page_id), client)
        pipe.zrem(self.seen_key(page_id), client)
        pipe.execute()

    def presence(self, page_id: int) -> dict[str, dict[str, Any]]:
        key, seen = self.presence_key(page_id), self.seen_key(page_id)
        pipe = self.redis.pipeline(transaction=False)
        pipe.hgetall(key)
        pipe.zrange(seen, 0, -1, withscores=True)
        raw_entries, scores = pipe.execute()
        last_seen = {(c.decode() if isinstance(c, bytes) else c): t for c, t in scores}
        now = time.time()
        found, stale = {}, []
        for client, raw in raw_entries.items():
            name = client.decode() if isinstance(client, bytes) else client
            t = last_seen.get(name)
            if t is None or now - t > PRESENCE_TTL:
                stale.append(name)
            else:
                found[name] = {**json.loads(raw), "seen": t}
        if stale or len(last_seen) > len(found):
            pipe = self.redis.pipeline(transaction=False)
            if stale:
                pipe.hdel(key, *stale)
            pipe.zremrangebyscore(seen, "-inf", now - PRESENCE_TTL)
            pipe.execute()
        return found

    def _start(self, page_id: int, ch: Channel) -> None:
        thread = threading.Thread(target=self._pump, args=(page_id, ch), daemon=True,
                                  name=f"ww-pump-{page_id}")
        thread.start()

    def _pump(self, page_id: int, ch: Channel) -> None:
        """Copies the page's stream into the channel until nobody has listened for a while."""
        from redis import Redis
        from redis.exceptions import RedisError

        key, presence_key = self.stream_key(page_id), self.presence_stream_key(page_id)
        conn = Redis.from_url(self.url, socket_timeout=10, socket_connect_timeout=2)
        last = None
        failed = False
        while not self._stopped.is_set():
            with self._lock:
                if ch.idle_since is not None and time.monotonic() - ch.idle_since > 60:
                    self._channels.pop(page_id, None)
                    break
            try:
                if last is None:
                    # Backfill the ring from the stream (replay after a reconnect needs it).
                    entries = conn.xrevrange(key, "+", "-", count=RING)
                    for _entry_id, fields in reversed(entries):
                        ch.append(json.loads(fields[b"event"]))
                    last = entries[0][0] if entries else b"0-0"
                    # Presence: only what changes from now on (the streams read the list).
                    newest = conn.xrevrange(presence_key, "+", "-", count=1)
                    last_presence = newest[0][0] if newest else b"0-0"
                    ch.ready.set()
                if failed:
                    failed = False
                    ch.resync()
                reply = conn.xread({key: last, presence_key: last_presence}, block=5000,
                                   count=500)
                for stream, entries in reply or []:
                    if stream in (presence_key, presence_key.encode()):
                        last_presence = entries[-1][0]
                        ch.append({"kind": "presence"})
                        continue
                    for entry_id, fields in entries:
                        last = entry_id
                        ch.append(json.loads(fields[b"event"]))
            except RedisError as exc:
                # Redis restarted or unreachable: streams keep running on heartbeats and the
                # database check; once back, subscribers are told to resync.
                if not failed:
                    log.warning("live updates: Redis unavailable for page %s: %s", page_id, exc)
                failed = True
                ch.ready.set()
                # Stream ids are times, so reading on from ``last`` stays right even when a
                # restarted Redis lost the stream.
                time.sleep(0.5)
        conn.close()

    def close(self) -> None:
        self._stopped.set()
        super().close()


def make_broker(redis_url: str | None) -> Broker:
    return RedisBroker(redis_url) if redis_url else InProcessBroker()
