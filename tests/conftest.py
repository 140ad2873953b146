"""Shared fixtures.

Database tests run on PostgreSQL when TEST_DATABASE_URL is set (CI always sets it) and on a
temporary SQLite file otherwise. Each test gets a fresh app; all rows are removed after it, so
nothing leaks between tests (and the RQ worker process sees committed data, which a
rollback-per-test scheme could not give it).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from app import create_app
from app.cli import alembic_config
from app.db import Base, db
from tests.browser_support import browser_factory, chromium, live_server  # noqa: F401 - fixtures
from tests.fakes.cloudflare import fake_cloudflare  # noqa: F401 - fixture
from tests.fakes.vercel import fake_vercel  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")

# Fixed test secrets: nothing is written into instance/.
TEST_ENV = {
    "WINDWALKER_ENV": "testing",
    "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
    "ENCRYPTION_KEY": "sXz4mz3w3M8yTz2r2vQ0Yl8v2k8ZJ5m0m1bWb7Kp0fI=",
    "PUBLIC_URL": "http://localhost",
}


def require_service(name: str, value: str | None) -> str:
    """Returns the service URL; skips locally without it, fails in CI (no silent skips)."""
    if value:
        return value
    if IN_CI:
        pytest.fail(f"{name} must be set in CI")
    pytest.skip(f"{name} is not set")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    if TEST_DATABASE_URL:
        from app.config import normalise_database_url

        url = normalise_database_url(TEST_DATABASE_URL)
        engine = create_engine(url)
        with engine.begin() as conn:  # start from an empty schema every run
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        return url
    if IN_CI:
        pytest.fail("TEST_DATABASE_URL must be set in CI")
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def migrated(database_url) -> str:
    app = create_app({"DATABASE_URL": database_url}, environ=TEST_ENV)
    with app.app_context():
        cfg = alembic_config()
        cfg.attributes["skip_logging"] = True
        command.upgrade(cfg, "head")
    return database_url


def _wipe(engine) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture
def make_app(migrated, tmp_path):
    """Factory: an app on the test database with extra config (e.g. REDIS_URL)."""
    from app.extensions import limiter

    made = []

    def _make(**overrides):
        config = {
            "DATABASE_URL": migrated,
            "TESTING": True,
            "MAIL_BACKEND": "file",
            "MAIL_FILE_DIR": str(tmp_path / "mail"),
            "REDIS_URL": None,
            "RATELIMIT_STORAGE_URI": "memory://",
            # Never the developer's instance/ folder.
            "ASSET_DIR": str(tmp_path / "assets"),
            "SITES_DIR": str(tmp_path / "sites"),
        }
        config.update(overrides)
        app = create_app(config, environ=TEST_ENV)
        limiter.reset()
        made.append(app)
        return app

    yield _make
    # Background jobs still running (e.g. a mail after a form) must not race the wipe, and
    # this test's live-update streams end before the tables are wiped.
    for made_app in made:
        runner = made_app.extensions.get("job_runner")
        if runner is not None:
            runner.wait(timeout=60)
        made_app.extensions["coedit_broker"].close()
    for made_app in made:
        state = db.of(made_app)
        state.session.remove()
    if made:
        _wipe(db.of(made[0]).engine)
    for made_app in made:
        db.of(made_app).engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def clock():
    """The app's clock (``app.db.clock``), moved by the test and put back after it."""
    from app.db import clock as app_clock

    app_clock.reset()
    yield app_clock
    app_clock.reset()


class Web:
    """A test client that behaves like a browser: carries the CSRF token it was last given."""

    TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')

    def __init__(self, client):
        self.client = client
        self.token: str | None = None

    def _remember_token(self, response):
        if response.mimetype == "text/html":
            match = self.TOKEN_RE.search(response.get_data(as_text=True))
            if match:
                self.token = match.group(1)
        return response

    def get(self, url, htmx=False, **kw):
        headers = kw.pop("headers", {})
        if htmx:
            headers["HX-Request"] = "true"
        return self._remember_token(self.client.get(url, headers=headers, **kw))

    def post(self, url, data=None, htmx=False, csrf=True, **kw):
        data = dict(data or {})
        headers = kw.pop("headers", {})
        if csrf:
            if self.token is None:
                self.get("/login")
            if htmx:
                headers["X-CSRFToken"] = self.token  # the way htmx sends it (hx-headers)
            else:
                data.setdefault("csrf_token", self.token)
        if htmx:
            headers["HX-Request"] = "true"
        return self._remember_token(self.client.post(url, data=data, headers=headers, **kw))

    def signup(self, email="owner@example.com", password="correct horse battery", name="사장님"):
        """Signs up and finishes with the mailed link, in this browser; returns the answer of
        the final step (303 to the sites dashboard)."""
        from tests.signup_mail import finish_link

        r = self.post(
            "/signup",
            {
                "email": email,
                "display_name": name,
                "password": password,
                "password_confirm": password,
            },
        )
        assert r.status_code == 303 and r.location.endswith("/signup/sent"), \
            r.get_data(as_text=True)
        link = finish_link(self.client.application, email.strip().lower())
        self.get(link)
        r = self.post(link)
        assert r.status_code == 303 and r.location.endswith("/sites/"), r.get_data(as_text=True)
        self.get("/sites/")
        return r

    def login(self, email="owner@example.com", password="correct horse battery"):
        self.get("/login")  # a fresh form, as a person would open it
        r = self.post("/login", {"email": email, "password": password})
        self.get("/sites/")
        return r

    def logout(self):
        r = self.post("/logout")
        self.get("/login")  # the session (and its CSRF token) was cleared: take a new form
        return r


@pytest.fixture
def web(app):
    return Web(app.test_client())


@pytest.fixture
def other_web(app):
    """A second browser (another person, or the same person on another device)."""
    return Web(app.test_client())


@pytest.fixture
def owner(web):
    """A signed-up, logged-in owner; returns the web client."""
    web.signup()
    return web


def text_of(response) -> str:
    return response.get_data(as_text=True)
