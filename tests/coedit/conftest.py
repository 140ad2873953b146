"""Fixtures for live co-editing: the app served over HTTP with a short heartbeat."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from app.db import db
from app.models import Page
from tests.coedit.live_client import Tab
from tests.signup_mail import SERVED


def serve(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # Sign-up links are read from this app's mail folder (a later server on the same port
    # registers itself again).
    SERVED[f"http://127.0.0.1:{server.server_port}"] = app
    return server, thread


@pytest.fixture
def live_app(make_app):
    return make_app(COEDIT_HEARTBEAT=0.5)


@pytest.fixture
def http_server(live_app):
    server, thread = serve(live_app)
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def home_page_id(app, site_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(Page.id).where(Page.site_id == site_id))


class Editing:
    """An owner with a site, its home page, and URLs of the editor."""

    def __init__(self, app, base: str):
        self.app = app
        self.base = base
        self.owner = Tab(base)
        self.owner.signup("owner@example.com", "사장님")
        self.site_id = self.owner.create_site()
        self.page_id = home_page_id(app, self.site_id)

    @property
    def editor(self) -> str:
        return f"/sites/{self.site_id}/editor/pages/{self.page_id}"

    @property
    def events(self) -> str:
        return f"{self.editor}/events"


@pytest.fixture
def editing(live_app, http_server) -> Editing:
    return Editing(live_app, http_server)
