"""Accessibility in headless Chromium: axe-core finds nothing to report (WCAG 2 A/AA and its best
practices) on the pages an owner goes through — sign-up, the sites dashboard, a site's page, its
business details, the editor (with the block panel, the palette, the Design panel and a help
code open) and the publish page with its history — on a laptop and on a phone.

Run: .venv/bin/python -m pytest tests/test_accessibility_browser.py -x -q
"""

from __future__ import annotations

import re

import pytest

from tests.browser_support import (
    DESKTOP,
    PASSWORD,
    PHONE,
    TOUCH_PHONE,
    axe_violations,
    describe_violations,
)
from tests.signup_mail import app_serving, finish_link

pytestmark = pytest.mark.browser


def _check(b, label: str, found: dict) -> None:
    """Runs axe on the page as it is now; screenshots it for a human to look at."""
    b.page.wait_for_load_state("load")
    violations = axe_violations(b.page)
    b.shot(label)
    if violations:
        found[label] = describe_violations(violations)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_page_an_owner_walks_through_has_no_axe_violations(app, browser_factory,
                                                                 live_server, size):
    from playwright.sync_api import expect

    port = live_server.rsplit(":", 1)[1]
    app.config["SITES_URL"] = f"http://{{slug}}.sites.localhost:{port}"
    if size == "phone":
        b = browser_factory(PHONE, "a11y-phone", TOUCH_PHONE)
    else:
        b = browser_factory(DESKTOP, "a11y-desktop")
    page = b.page
    found: dict[str, str] = {}

    page.goto("/signup")
    _check(b, "signup", found)
    page.fill("input[name=email]", f"a11y-{size}@example.com")
    page.fill("input[name=display_name]", "접근성 사장님")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password_confirm]", PASSWORD)
    page.locator("form[action='/signup'] button[type=submit]").click()
    page.wait_for_url("**/signup/sent")
    _check(b, "signup-sent", found)
    page.goto(finish_link(app_serving(page.url), f"a11y-{size}@example.com"))
    _check(b, "signup-finish", found)
    page.get_by_test_id("finish-signup").click()
    page.wait_for_url("**/sites/")
    _check(b, "dashboard-empty", found)

    page.locator("form#create-site input[name=name]").fill("모두의 카페")
    page.locator("form#create-site input[name=starter][value=blank]").check(force=True)
    page.locator("form#create-site button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sites/\d+$"))
    site_url = b.path()
    _check(b, "site", found)

    page.goto("/sites/")
    _check(b, "dashboard", found)

    page.goto(f"{site_url}/settings")
    _check(b, "business-details", found)

    # --- the editor: the empty panel, a block's panel, the palette, the Design panel ----------
    page.goto(site_url)
    page.get_by_test_id("open-editor").click()
    page.wait_for_selector("#canvas-root")
    _check(b, "editor", found)
    page.get_by_test_id("add-block").click()
    page.wait_for_selector("#drawer[open] [data-testid=palette-hero]")
    _check(b, "editor-palette", found)
    page.get_by_test_id("palette-hero").click()
    page.wait_for_selector(".ed-block.is-selected[data-type=hero]")
    expect(page.locator("#panel.is-open")).to_be_visible()
    page.wait_for_selector("#save-state[data-state=saved]")
    _check(b, "editor-panel", found)
    page.get_by_test_id("design-button").click()
    expect(page.locator("#design-panel")).to_be_visible()
    page.wait_for_selector("#design-panel h2")
    _check(b, "editor-design", found)
    page.get_by_test_id("design-button").click()  # closes it again
    page.get_by_test_id("get-help").click()
    expect(page.get_by_test_id("support-code")).to_be_visible()
    _check(b, "editor-help-code", found)

    # --- publish, then the publish page with its history --------------------------------------
    page.goto(f"{site_url}/publish")
    page.get_by_test_id("publish").click()
    expect(page.locator("[data-testid=deploy-progress][data-state=live]")).to_be_visible()
    page.reload()
    page.wait_for_selector("table")
    _check(b, "publish", found)

    assert not found, "axe-core violations:\n" + "\n".join(
        f"[{label}]\n{text}" for label, text in found.items())
    assert b.errors == [], "\n".join(b.errors)
