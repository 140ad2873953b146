"""Retries with exponential backoff and full jitter, honouring Retry-After.

Both CDN adapters use this one helper (and turn their SDK's own retries off), so a publish has a
single, testable retry policy.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import TypeVar

from app.publishing.base import PublishError

T = TypeVar("T")


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        from datetime import UTC, datetime

        when = parsedate_to_datetime(value)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


def with_retries(fn: Callable[[], T], *, attempts: int = 5, base: float = 0.5, cap: float = 30.0,
                 max_retry_after: float = 120.0,
                 sleep: Callable[[float], None] = time.sleep,
                 on_retry: Callable[[PublishError, int, float], None] | None = None) -> T:
    """Calls ``fn``; on a retryable PublishError waits (Retry-After, else 2^n·base with full
    jitter, at most ``cap``) and tries again, ``attempts`` times in all."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except PublishError as exc:
            if not exc.retryable or attempt == attempts:
                raise
            if exc.retry_after is not None:
                # The provider said when: wait that long (within reason), not our own guess.
                delay = min(exc.retry_after, max_retry_after)
            else:
                delay = random.uniform(0, min(cap, base * 2 ** (attempt - 1)))
            if on_retry:
                on_retry(exc, attempt, delay)
            sleep(delay)
    raise AssertionError("unreachable")
