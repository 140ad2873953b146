"""Running slow work: RQ on Redis when REDIS_URL is set, a background thread otherwise.

Job functions take ids (never ORM objects), are idempotent and commit themselves. Call
``enqueue(func, *args)`` from a view after it committed; the same function runs either way.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import wraps
from typing import Any

from flask import Flask, current_app

log = logging.getLogger(__name__)


class InProcessRunner:
    """The embedded default: one worker thread in the app process, each job in an app context."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ww-job")
        self._pending: set[Future] = set()
        self._lock = threading.Lock()

    def submit(self, func: Callable, *args: Any, **kwargs: Any) -> Future:
        future = self.executor.submit(self._run, func, args, kwargs)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)
        return future

    def _forget(self, future: Future) -> None:
        with self._lock:
            self._pending.discard(future)

    def _run(self, func: Callable, args: tuple, kwargs: dict) -> Any:
        with self.app.app_context():
            try:
                return func(*args, **kwargs)
            except Exception:
                log.exception("job %s failed", func.__name__)
                raise

    def wait(self, timeout: float = 30) -> None:
        """Blocks until every submitted job has finished (tests, CLI)."""
        with self._lock:
            pending = list(self._pending)
        for future in pending:
            future.exception(timeout=timeout)


def get_queue():
    """The RQ queue for this app (only when REDIS_URL is set)."""
    from redis import Redis
    from rq import Queue

    ext = current_app.extensions
    if "rq_queue" not in ext:
        ext["rq_queue"] = Queue(
            "default", connection=Redis.from_url(current_app.config["REDIS_URL"])
        )
    return ext["rq_queue"]


def enqueue(func: Callable, *args: Any, **kwargs: Any):
    """Runs ``func(*args)`` in the background: an RQ job or a thread. Returns the handle."""
    if current_app.config.get("REDIS_URL"):
        return get_queue().enqueue(func, *args, **kwargs)
    return current_app.extensions["job_runner"].submit(func, *args, **kwargs)


def wait_for_jobs(timeout: float = 30) -> None:
    """Waits for in-process jobs (a no-op with RQ)."""
    runner = current_app.extensions.get("job_runner")
    if runner is not None:
        runner.wait(timeout)


def job(func: Callable) -> Callable:
    """Marks a job function: commits on success, rolls back on failure."""
    from app.db import db

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            result = func(*args, **kwargs)
            db.session.commit()
            return result
        except Exception:
            db.session.rollback()
            raise
        finally:
            db.session.remove()

    return wrapper


def init_app(app: Flask) -> None:
    app.extensions["job_runner"] = InProcessRunner(app)
