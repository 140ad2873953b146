"""The published starter site meets the bar: valid HTML (W3C Nu HTML Checker), no JavaScript,
home page HTML + CSS ≤ 14 KB gzipped, images sized, a favicon, lang set."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess

import pytest
from sqlalchemy import select

from app.db import db
from app.models import Site
from app.publishing.compiler import compile_site, write_folder
from app.publishing.snapshot import read_asset, snapshot_site
from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def starter(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        site = db.session.scalar(select(Site).where(Site.slug == "demo"))
        return compile_site(snapshot_site(site), read_asset)


def test_starter_has_no_javascript_and_fits_the_first_flight(starter):
    for path, data in starter.files.items():
        if path.endswith(".html"):
            html = data.decode()
            scripts = re.findall(r"<script(?![^>]*application/ld\+json)", html)
            assert scripts == [], path
            assert '<html lang="ko">' in html
            assert re.search(r'<img(?![^>]*\bwidth=)', html) is None, path
    home = starter.files["index.html"]
    assert len(gzip.compress(home, 9)) <= 14 * 1024, len(gzip.compress(home, 9))
    assert "favicon.svg" in starter.files


def test_starter_html_is_valid_for_the_w3c_checker(starter, tmp_path):
    java = shutil.which("java")
    if not java or not VNU.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("java and node_modules/vnu-jar are needed for the HTML check")
        pytest.skip("java or vnu-jar missing")
    write_folder(starter, tmp_path / "site")
    pages = sorted(str(p) for p in (tmp_path / "site").rglob("*.html"))
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').rsplit('/', 2)[-2:]}: {m.get('message')}" for m in messages
              if m.get("type") == "error"]
    assert errors == [], "\n".join(errors)
