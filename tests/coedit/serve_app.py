"""The app as a separate gunicorn process sees it in the multi-process tests: configuration
from the environment (as in production) plus test-only overrides (no rate limits, a short
heartbeat). Run: ``gunicorn -k gevent tests.coedit.serve_app:app``."""

from __future__ import annotations

import os

from app import create_app

app = create_app({
    "RATELIMIT_ENABLED": False,
    "COEDIT_HEARTBEAT": float(os.environ.get("COEDIT_HEARTBEAT", "1")),
})
