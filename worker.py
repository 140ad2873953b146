"""The RQ worker entry point: ``python worker.py [--burst] [queue ...]``.

Connects to REDIS_URL explicitly and runs every job inside an app context of a fresh app, so
job functions use the same database session and configuration as the web process.
"""

from __future__ import annotations

import argparse
import gc
import sys

from redis import Redis
from rq import Queue, Worker

from app import create_app
from app.db import db


class AppWorker(Worker):
    """An RQ worker whose jobs run inside the Flask app context."""

    def __init__(self, *args, app, **kwargs):
        super().__init__(*args, **kwargs)
        self.app = app

    def perform_job(self, job, queue, execution) -> bool:
        # The work horse is a fork: never reuse the parent's pooled connections.
        db.of(self.app).engine.dispose(close=False)
        with self.app.app_context():
            return super().perform_job(job, queue, execution)


def prepare(app) -> None:
    """Every job runs in a fork of this process, so what is loaded here is loaded for every
    job: the invoice renderer (WeasyPrint, the bundled font, the stylesheets) is warmed once,
    and the warmed heap is frozen so the forks' garbage collection never walks (and copies)
    it."""
    with app.app_context():
        try:
            from app.billing.pdf import warm_up

            warm_up()
        except Exception as exc:  # noqa: BLE001 - e.g. the font is missing: the job says so
            print(f"The invoice renderer could not be warmed: {exc}", file=sys.stderr)
    gc.freeze()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run a WindWalker job worker.")
    parser.add_argument("queues", nargs="*", default=["default"])
    parser.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    args = parser.parse_args(argv)

    app = create_app()
    redis_url = app.config.get("REDIS_URL")
    if not redis_url:
        print("REDIS_URL is not set: without Redis the app runs jobs itself.", file=sys.stderr)
        return 2
    connection = Redis.from_url(redis_url)
    queues = [Queue(name, connection=connection) for name in args.queues]
    worker = AppWorker(queues, connection=connection, app=app)
    prepare(app)
    worker.work(burst=args.burst, with_scheduler=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
