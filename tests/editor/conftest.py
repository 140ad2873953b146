"""Fixtures for editor tests: a signed-in owner with a site and its home page."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from app.db import db
from app.models import Page, Site
from tests.conftest import Web


@dataclass
class EditorClient:
    web: Web
    app: object
    site_id: int
    page_id: int

    @property
    def base(self) -> str:
        return f"/sites/{self.site_id}/editor/pages/{self.page_id}"

    def page(self) -> Page:
        with self.app.app_context():
            page = db.session.get(Page, self.page_id)
            db.session.expunge(page)
            return page

    def tree(self) -> dict:
        return self.page().draft_tree

    def blocks(self) -> list[dict]:
        return self.tree()["slots"]["children"]

    def op(self, key: str | None = None, **fields):
        data = {k: str(v) for k, v in fields.items()}
        if key:
            data["op_key"] = key
        return self.web.post(f"{self.base}/ops", data, htmx=True)

    def insert(self, type_name: str, **fields):
        r = self.op(kind="insert", type=type_name, **fields)
        assert r.status_code == 200, r.get_data(as_text=True)[:500]
        return self.blocks()

    def set_prop(self, block_id: str, prop: str, data: dict, key: str | None = None):
        if key:
            data = {**data, "op_key": key}
        return self.web.post(f"{self.base}/blocks/{block_id}/props/{prop}", data, htmx=True)


def make_editor(web: Web, app, name: str = "행복한 빵집") -> EditorClient:
    r = web.post("/sites/", {"name": name})
    site_id = int(re.search(r"/sites/(\d+)", r.location).group(1))
    with app.app_context():
        site = db.session.get(Site, site_id)
        page_id = db.session.scalar(select(Page.id).where(Page.site_id == site.id))
    return EditorClient(web, app, site_id, page_id)


@pytest.fixture
def editor(owner, app) -> EditorClient:
    return make_editor(owner, app)
