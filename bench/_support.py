"""What the benchmarks share: a migrated app on a scratch database and a signed-in owner."""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "a long bench password"


def bench_app(database_url: str | None):
    """An app on ``database_url`` (schema dropped and migrated) or a temporary SQLite file."""
    from alembic import command

    from app import create_app
    from app.cli import alembic_config
    from tests.conftest import TEST_ENV

    tmp = tempfile.mkdtemp()
    url = database_url or f"sqlite:///{tmp}/bench.db"
    if url.startswith("postgres"):
        from sqlalchemy import create_engine, text

        from app.config import normalise_database_url

        url = normalise_database_url(url)
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    app = create_app({"DATABASE_URL": url, "MAIL_BACKEND": "file", "MAIL_FILE_DIR": tmp,
                      "RATELIMIT_ENABLED": False, "ASSET_DIR": tmp, "SITES_DIR": tmp},
                     environ=TEST_ENV)
    with app.app_context():
        cfg = alembic_config()
        cfg.attributes["skip_logging"] = True
        command.upgrade(cfg, "head")
    return app, url


def owner_with_site(app, email: str, name: str):
    """(web client signed in as a new owner, site id) — the site's home page id is the same."""
    from tests.conftest import Web

    web = Web(app.test_client())
    web.signup(email=email, password=PASSWORD)
    r = web.post("/sites/", {"name": name})
    return web, int(re.search(r"/sites/(\d+)", r.location).group(1))
