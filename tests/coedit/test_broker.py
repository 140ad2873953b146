"""The page channel and the brokers: what a page's streams in one process share (a database
seq read, a reload's canvas, presence wake-ups), and presence kept in Redis."""

from __future__ import annotations

import time
import uuid

import pytest

from app.coedit.broker import Channel, RedisBroker
from tests.conftest import TEST_REDIS_URL, require_service


def test_ops_enter_the_ring_and_presence_changes_only_bump_a_version():
    ch = Channel()
    ch.append({"kind": "op", "seq": 1, "client": "", "html": "<p>"})
    for _ in range(50):  # a join storm
        ch.append({"kind": "presence"})
    events, total = ch.snapshot()
    assert total == 1 and [e["kind"] for e in events] == ["op"]
    assert ch.presence_version == 50
    # A stream that has seen neither the op nor the presence change does not wait.
    ch.wait(0, ch.resyncs, 0, timeout=5)
    ch.wait(1, ch.resyncs, 0, timeout=5)


def test_a_resync_makes_streams_read_presence_again():
    ch = Channel()
    before = ch.presence_version
    ch.resync()
    assert ch.resyncs == 1 and ch.presence_version == before + 1


def test_the_database_seq_is_read_once_for_the_streams_that_check_together():
    ch = Channel()
    reads = []

    def fetch() -> int:
        reads.append(1)
        return 7

    start = time.monotonic()
    assert [ch.db_seq(fetch, not_before=start) for _ in range(5)] == [7] * 5
    assert len(reads) == 1
    # A check that needs a value read after a later moment reads again.
    assert ch.db_seq(fetch, not_before=time.monotonic()) == 7
    assert len(reads) == 2


def test_a_reload_is_rendered_once_for_the_streams_it_covers():
    ch = Channel()
    renders = []

    def fetch() -> tuple[int, str]:
        renders.append(1)
        return 4 + len(renders), f"canvas {len(renders)}"

    assert ch.reload(fetch, at_least=5) == (5, "canvas 1")
    assert ch.reload(fetch, at_least=3) == (5, "canvas 1")
    assert len(renders) == 1
    # A stream that must show seq 6 gets a fresh canvas.
    assert ch.reload(fetch, at_least=6) == (6, "canvas 2")


def test_only_one_stream_refreshes_the_page_presence_at_a_time():
    ch = Channel()
    ch.presence_refreshed -= 60
    assert [ch.refresh_due(10) for _ in range(3)] == [True, False, False]


@pytest.fixture
def redis_broker():
    url = require_service("TEST_REDIS_URL", TEST_REDIS_URL)
    broker = RedisBroker(url)
    page_id = 10_000_000 + uuid.uuid4().int % 1_000_000
    yield broker, page_id
    broker.close()
    broker.redis.delete(broker.stream_key(page_id), broker.presence_stream_key(page_id),
                        broker.presence_key(page_id), broker.seen_key(page_id))


def test_redis_presence_refresh_keeps_the_block_and_brings_back_a_lost_entry(redis_broker):
    broker, page_id = redis_broker
    me = {"user": 1, "name": "사장님", "agent": False}
    broker.presence_set(page_id, "tab-aaaaaaaa", me)
    broker.presence_set(page_id, "tab-aaaaaaaa", {**me, "block": "b1"})
    broker.presence_set(page_id, "tab-bbbbbbbb", {"user": 2, "name": "상담원", "agent": True})
    joined = broker.presence(page_id)["tab-aaaaaaaa"]["joined"]
    broker.redis.hdel(broker.presence_key(page_id), "tab-bbbbbbbb")  # e.g. pruned as stale
    broker.presence_refresh(page_id, {"tab-aaaaaaaa": me,
                                      "tab-bbbbbbbb": {"user": 2, "name": "상담원",
                                                       "agent": True}})
    found = broker.presence(page_id)
    assert set(found) == {"tab-aaaaaaaa", "tab-bbbbbbbb"}
    assert found["tab-aaaaaaaa"]["block"] == "b1" and found["tab-aaaaaaaa"]["joined"] == joined
    assert found["tab-bbbbbbbb"]["agent"] is True
    broker.presence_remove(page_id, "tab-bbbbbbbb")
    assert set(broker.presence(page_id)) == {"tab-aaaaaaaa"}


def test_redis_presence_drops_entries_not_seen_for_a_while(redis_broker):
    broker, page_id = redis_broker
    broker.presence_set(page_id, "tab-aaaaaaaa", {"user": 1, "name": "a"})
    broker.presence_set(page_id, "tab-bbbbbbbb", {"user": 2, "name": "b"})
    broker.redis.zadd(broker.seen_key(page_id), {"tab-bbbbbbbb": time.time() - 3600})
    assert set(broker.presence(page_id)) == {"tab-aaaaaaaa"}
    assert broker.redis.hget(broker.presence_key(page_id), "tab-bbbbbbbb") is None
    assert broker.redis.zscore(broker.seen_key(page_id), "tab-bbbbbbbb") is None


def test_redis_presence_changes_never_push_ops_out_of_the_events_stream(redis_broker):
    broker, page_id = redis_broker
    broker.publish(page_id, {"kind": "op", "seq": 1, "client": "", "html": "<p>"})
    for _ in range(20):
        broker.publish(page_id, {"kind": "presence"})
    assert broker.redis.xlen(broker.stream_key(page_id)) == 1
    assert broker.redis.xlen(broker.presence_stream_key(page_id)) == 20
    # The pump reads both: the op lands in the ring, presence changes bump the version.
    ch = broker.subscribe(page_id)
    try:
        assert [e["seq"] for e in ch.snapshot()[0]] == [1]
        version = ch.presence_version
        broker.publish(page_id, {"kind": "presence"})
        deadline = time.monotonic() + 10
        while ch.presence_version == version:
            assert time.monotonic() < deadline, "the presence change never arrived"
            ch.wait(ch.total, ch.resyncs, version, timeout=1)
    finally:
        broker.unsubscribe(page_id, ch)
