"""The editor shows the truth, in headless Chromium: the footer's business information reads
on the canvas exactly as on the published page, a picture chosen for a text-only hero shows at
once, and a saved version with a picture can be previewed.

Run: .venv/bin/python -m pytest tests/test_editor_fidelity_browser.py -x -q
"""

from __future__ import annotations

import re

import pytest

from tests.browser_support import DESKTOP, PASSWORD, PHONE
from tests.editor.conftest import make_editor
from tests.test_editor_browser import add_block, photo, wait_saved
from tests.test_sites import profile_form

pytestmark = pytest.mark.browser


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(SITES_DIR=str(tmp_path / "sites"), ASSET_DIR=str(tmp_path / "assets"))


def log_in(page, email: str = "owner@example.com") -> None:
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url("**/sites/")


# What a reader sees of the footer's lists: each item with the separator the CSS puts before
# it (computed, as drawn), and whether the first label of the business information is cut off
# by the row's edge (the list is pulled left so that each line's first separator hides).
SEEN_FOOTER = """(footer) => {
  const seen = (list) => [...list.querySelectorAll('.b-footer__item')].map((item) => {
    const before = getComputedStyle(item, '::before').content;
    const sep = before && before !== 'none' && before !== 'normal' ? JSON.parse(before) : '';
    const parts = item.querySelector('dt') ? [...item.children].map((c) => c.innerText)
      : [item.innerText];
    return [sep, ...parts].join(' ').replace(/\\s+/g, ' ').trim();
  });
  const row = footer.querySelector('.b-footer__info').closest('.b-footer__row');
  const label = footer.querySelector('.b-footer__info dt');
  return {
    info: seen(footer.querySelector('.b-footer__info')),
    hours: seen(footer.querySelector('.b-footer__hours')),
    firstLabelCut: label.getBoundingClientRect().left < row.getBoundingClientRect().left - 0.5,
  };
}"""


def test_the_footer_reads_on_the_canvas_exactly_as_published(app, browser_factory, live_server,
                                                               owner):
    port = live_server.rsplit(":", 1)[1]
    app.config["SITES_URL"] = f"http://{{slug}}.sites.localhost:{port}"
    editor = make_editor(owner, app, name="바람길 카페")
    r = owner.post(f"/sites/{editor.site_id}/settings", profile_form())  # a full profile
    assert r.status_code == 303

    b = browser_factory(DESKTOP, "footer-truth")
    page = b.page
    log_in(page)
    page.goto(editor.base)
    page.wait_for_selector("#canvas-root")
    add_block(page, "footer", below=False)
    footer = page.locator("#canvas-root .b-footer")
    in_editor = footer.evaluate(SEEN_FOOTER)
    b.shot("editor")

    page.get_by_test_id("go-publish").click()
    page.get_by_test_id("publish").click()
    page.wait_for_selector("[data-testid=deploy-progress][data-state=live]")
    page.goto(f"http://baramgil-kape.sites.localhost:{port}/")
    published = page.locator(".b-footer").evaluate(SEEN_FOOTER)
    b.shot("published")

    assert published["info"][1].startswith("· 대표자 김행복"), published
    assert in_editor["info"] == published["info"]
    assert in_editor["hours"] == published["hours"]
    assert not in_editor["firstLabelCut"] and not published["firstLabelCut"]
    assert b.errors == [], "\n".join(b.errors)
