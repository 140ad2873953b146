"""An approved theme that slipped past the validator cannot act as the owner in the editor.

The theme's block override carries htmx attributes in every spelling (hx-*, data-hx-*, one
assembled at render time, one only in the editor, an out-of-band swap aimed at the editor's own
panel). Its package is written straight into the theme store, as an approved version would be
after a validator miss. The owner opens the editor in real Chromium: the site keeps its name and
no request leaves for the rename endpoint — with the output allowlist on, and (defence in depth)
with the allowlist switched off, where the canvas's hx-disable alone holds.
"""

from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import select

from app.accounts.operations import find_user_by_email, grant_role
from app.db import db
from app.editor import tree as T
from app.models import Page, Site, Theme, ThemeVersion
from app.sites.operations import create_site
from app.theme_store.storage import store_root
from app.theming import THEMES_ROOT
from tests.browser_support import DESKTOP, PASSWORD
from tests.conftest import Web

pytestmark = pytest.mark.browser

SITE_NAME = "행복한 빵집"
# components/heading.html of the hostile theme. "../../name" from /sites/<id>/editor/pages/<id>
# is /sites/<id>/name, the rename endpoint (a same-origin POST with the owner's CSRF header).
HOSTILE_HEADING = """\
<div class="evil-1" hx-post="../../name" hx-vals='{"name": "X1"}' hx-trigger="load"></div>
<div class="evil-2" data-hx-post="../../name" data-hx-vals='{"name": "X2"}'
     data-hx-trigger="load"></div>
<div class="evil-3" h{{ '' }}x-post="../../name" hx-vals='{"name": "X3"}'
     hx-trigger="load delay:10ms"></div>
{% if editing %}<form class="evil-4" hx-post="../../name" hx-trigger="load">
<input name="name" value="X4"></form>{% endif %}
<div id="panel" hx-swap-oob="true" hx-get="../../name" hx-trigger="load">hijacked panel</div>
<h2 class="b-heading hostile-heading" data-inline="text">{{ props.text }}</h2>
"""


def install_approved_theme(app, designer_email: str, slug: str = "hostile") -> tuple[str, str]:
    """Writes a theme package into the store and records it as approved (no validator)."""
    with app.app_context():
        designer = find_user_by_email(designer_email)
        theme = Theme(slug=slug, name="Hostile", designer_id=designer.id)
        db.session.add(theme)
        db.session.flush()
        version = ThemeVersion(designer_id=designer.id, theme_id=theme.id, version="1.0.0",
                               status="approved", filename=f"{slug}.zip")
        db.session.add(version)
        db.session.flush()
        folder = store_root() / "packages" / str(version.id)
        shutil.copytree(THEMES_ROOT / "default", folder)
        manifest = json.loads((folder / "theme.json").read_text(encoding="utf-8"))
        manifest.update(slug=slug, version="1.0.0", name="Hostile")
        (folder / "theme.json").write_text(json.dumps(manifest), encoding="utf-8")
        (folder / "components").mkdir()
        (folder / "components" / "heading.html").write_text(HOSTILE_HEADING, encoding="utf-8")
        version.folder = f"packages/{version.id}"
        db.session.commit()
    return slug, "1.0.0"


def owner_site_with_heading(app, email: str, slug: str, version: str) -> tuple[int, int]:
    with app.app_context():
        site = create_site(find_user_by_email(email), SITE_NAME)
        site.theme_slug, site.theme_version = slug, version
        db.session.flush()
        page = db.session.scalar(select(Page).where(Page.site_id == site.id))
        tree = T.empty_tree()
        tree["slots"][T.ROOT_SLOT] = [T.make_node("heading", {"text": "어서 오세요"})]
        page.draft_tree = tree
        db.session.commit()
        return site.id, page.id


def site_name(app, site_id: int) -> str:
    with app.app_context():
        db.session.expire_all()
        return db.session.get(Site, site_id).name


@pytest.fixture
def hostile_site(app):
    Web(app.test_client()).signup(email="designer@example.com", password=PASSWORD)
    Web(app.test_client()).signup(email="owner@example.com", password=PASSWORD)
    with app.app_context():
        grant_role(find_user_by_email("designer@example.com"), "designer")
        db.session.commit()
    slug, version = install_approved_theme(app, "designer@example.com")
    return owner_site_with_heading(app, "owner@example.com", slug, version)


def open_editor(browser_factory, site_id: int, page_id: int, name: str):
    b = browser_factory(DESKTOP, name)
    page = b.page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(f"{r.method} {r.url}"))
    page.goto("/login")
    page.fill("input[name=email]", "owner@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/sites/")
    page.goto(f"/sites/{site_id}/editor/pages/{page_id}")
    page.wait_for_selector("#canvas-root .ed-block[data-type=heading]")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # htmx's "load" triggers fire right after processing
    return b, requests


def test_a_hostile_approved_theme_cannot_rename_the_site_from_the_editor(
        app, live_server, browser_factory, hostile_site):
    from playwright.sync_api import expect

    site_id, page_id = hostile_site
    b, requests = open_editor(browser_factory, site_id, page_id, "hostile-theme")
    page = b.page
    # The theme's own markup is there (its override is used), its attributes are not.
    expect(page.locator("#canvas .hostile-heading")).to_have_text("어서 오세요")
    for selector in ("[hx-post]", "[data-hx-post]", "[hx-get]", "[hx-trigger]", "[hx-vals]",
                     "[hx-swap-oob]", "#canvas [id=panel]"):
        assert page.locator(f"#canvas {selector}").count() == 0, selector
    assert page.locator("#panel").count() == 1
    expect(page.locator("#panel")).not_to_contain_text("hijacked panel")
    b.shot("hostile-theme-editor")
    assert not [r for r in requests if r.endswith(f"/sites/{site_id}/name")], requests
    assert site_name(app, site_id) == SITE_NAME
    # Editing still works in that theme: select the block and change its text.
    page.locator("#canvas .ed-block[data-type=heading]").click()
    field = page.locator("#panel form[data-prop=text] input[name=value]")
    field.fill("새 제목")
    expect(page.locator("#canvas .hostile-heading")).to_have_text("새 제목")
    page.wait_for_selector("#save-state[data-state=saved]")
    assert page.locator("#canvas [hx-post], #canvas [data-hx-post]").count() == 0
    assert site_name(app, site_id) == SITE_NAME
    assert b.errors == []


def test_with_the_allowlist_switched_off_the_canvas_is_still_inert_to_htmx(
        app, live_server, browser_factory, hostile_site, monkeypatch):
    """Defence in depth: even if the sanitiser missed everything, htmx does not process the
    canvas (hx-disable), so the theme's attributes stay inert."""
    from markupsafe import Markup

    def no_allowlist(raw, values, *, form_action=""):
        for key, html in values.items():
            raw = raw.replace(f"<ww-slot data-n={key}></ww-slot>", html)
        return Markup(raw)  # noqa: S704 - the point of this test

    monkeypatch.setattr("app.theme_packages.output.finish_block", no_allowlist)
    site_id, page_id = hostile_site
    b, requests = open_editor(browser_factory, site_id, page_id, "hostile-theme-no-allowlist")
    page = b.page
    # The hostile attributes did reach the page this time ...
    assert page.locator("#canvas [hx-post]").count() >= 2
    assert page.locator("#canvas [data-hx-post]").count() == 1
    # ... and still nothing was sent, not even after the owner clicks around the block. (The
    # theme's id="panel" does confuse the editor here, which is why the allowlist also keeps
    # ids in a block's view to ww-….)
    page.locator("#canvas .ed-block[data-type=heading]").click()
    page.locator("#canvas .hostile-heading").click()
    page.wait_for_load_state("networkidle")
    b.shot("hostile-theme-no-allowlist")
    assert not [r for r in requests if r.endswith(f"/sites/{site_id}/name")], requests
    assert site_name(app, site_id) == SITE_NAME
