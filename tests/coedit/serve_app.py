"""The app as a separate gunicorn process sees it in the multi-process tests: configuration
from the environment (as in production) plus test-only overrides (no rate limits, a short
heartbeat). Run: ``gunicorn -k gevent tests.coedit.serve_app:app``."""

from __future__ import annotations

import os

from app import create_app

app = create_app({
    "RATELIMIT_ENABLED": False,
    "COEDIT_HEARTBEAT": float(os.environ.get("COEDIT_HEARTBEAT", "1")),
    # The editor's save queue retries quickly (a restart takes seconds, not minutes).
    "EDITOR_RETRY_MAX_MS": int(os.environ.get("EDITOR_RETRY_MAX_MS", "15000")),
})
