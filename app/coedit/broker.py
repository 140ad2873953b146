"""The page event broker: every applied op (and presence, chat, support notices) reaches every
editor of the page, in every app process.

Each process keeps one :class:`Channel` per page with subscribers: a ring of recent events and
a condition its SSE streams wait on. What feeds the ring differs:

* :class:`InProcessBroker` (embedded default, no Redis): ``publish`` appends directly;
* :class:`RedisBroker` (production): ``publish`` is an ``XADD`` to the page's Redis Stream
  (``MAXLEN ~ 1000``), and one pump thread per page and process reads it with ``XREAD BLOCK``
  and appends to the ring — so 500 streams on one page cost one Redis read, and every host
  sees every op (no sticky sessions).

Events are small dicts: ``k`` kind (op, presence, chat, support), ``s`` page seq (ops only),
``c`` the browser tab that caused it, ``x`` the support session it concerns, ``d`` data.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from typing import Any

log = logging.getLogger(__name__)

RING = 1000  # events kept per page (in the ring and, approximately, in the Redis Stream)
PRESENCE_TTL = 30  # seconds a presence entry lives without a refresh


class Channel:
    """One page's recent events in this process, and the condition streams wait on."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.events: deque[dict[str, Any]] = deque(maxlen=RING)
        self.total = 0  # events ever appended: a stream's cursor
        self.subscribers = 0
        self.resyncs = 0  # bumped when the feed was interrupted (events may have been missed)
        self.ready = threading.Event()
        self.idle_since: float | None = None
        self.presence_cache: tuple[float, dict] | None = None

    def append(self, event: dict[str, Any]) -> None:
        with self.cond:
            self.events.append(event)
            self.total += 1
            self.cond.notify_all()

    def resync(self) -> None:
        with self.cond:
            self.resyncs += 1
            self.cond.notify_all()

    def read(self, cursor: int) -> tuple[list[dict[str, Any]], int]:
        """Events appended after ``cursor`` (those still in the ring) and the new cursor."""
        with self.cond:
            new = min(self.total - cursor, len(self.events))
            if new <= 0:
                return [], self.total
            # Usually one or two events: index from the right end (no copy of the ring).
            size = len(self.events)
            return [self.events[i] for i in range(size - new, size)], self.total

    def wait(self, cursor: int, resyncs: int, timeout: float) -> None:
        with self.cond:
            self.cond.wait_for(lambda: self.total > cursor or self.resyncs != resyncs, timeout)

    def snapshot(self) -> tuple[list[dict[str, Any]], int]:
        with self.cond:
            return list(self.events), self.total


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

    @abstractmethod
    def presence_remove(self, page_id: int, client: str) -> None: ...

    @abstractmethod
    def presence(self, page_id: int) -> dict[str, dict[str, Any]]: ...

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
        with self._lock:
            entries = self._presence.setdefault(page_id, {})
            entries[client] = {**entries.get(client, {}), **info, "t": time.time()}

    def presence_remove(self, page_id: int, client: str) -> None:
        with self._lock:
            self._presence.get(page_id, {}).pop(client, None)

    def presence(self, page_id: int) -> dict[str, dict[str, Any]]:
        now = time.time()
        with self._lock:
            entries = self._presence.get(page_id, {})
            for client in [c for c, v in entries.items() if now - v["t"] > PRESENCE_TTL]:
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
    def presence_key(page_id: int) -> str:
        return f"presence:page:{page_id}"

    def publish(self, page_id: int, event: dict[str, Any]) -> None:
        self.redis.xadd(self.stream_key(page_id), {"e": json.dumps(event, ensure_ascii=False)},
                        maxlen=RING, approximate=True)

    def presence_set(self, page_id: int, client: str, info: dict[str, Any]) -> None:
        key = self.presence_key(page_id)
        old = self.redis.hget(key, client)
        merged = {**(json.loads(old) if old else {}), **info, "t": time.time()}
        pipe = self.redis.pipeline(transaction=False)
        pipe.hset(key, client, json.dumps(merged, ensure_ascii=False))
        pipe.expire(key, PRESENCE_TTL * 4)
        pipe.execute()

    def presence_remove(self, page_id: int, client: str) -> None:
        self.redis.hdel(self.presence_key(page_id), client)

    def presence(self, page_id: int) -> dict[str, dict[str, Any]]:
        now = time.time()
        found, stale = {}, []
        for client, raw in self.redis.hgetall(self.presence_key(page_id)).items():
            info = json.loads(raw)
            name = client.decode() if isinstance(client, bytes) else client
            if now - info.get("t", 0) > PRESENCE_TTL:
                stale.append(name)
            else:
                found[name] = info
        if stale:
            self.redis.hdel(self.presence_key(page_id), *stale)
        return found

    def _start(self, page_id: int, ch: Channel) -> None:
        thread = threading.Thread(target=self._pump, args=(page_id, ch), daemon=True,
                                  name=f"ww-pump-{page_id}")
        thread.start()

    def _pump(self, page_id: int, ch: Channel) -> None:
        """Copies the page's stream into the channel until nobody has listened for a while."""
        from redis import Redis
        from redis.exceptions import RedisError

        key = self.stream_key(page_id)
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
                        ch.append(json.loads(fields[b"e"]))
                    last = entries[0][0] if entries else b"0-0"
                    ch.ready.set()
                if failed:
                    failed = False
                    ch.resync()
                reply = conn.xread({key: last}, block=5000, count=500)
                for _stream, entries in reply or []:
                    for entry_id, fields in entries:
                        last = entry_id
                        ch.append(json.loads(fields[b"e"]))
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
