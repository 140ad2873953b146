"""Shared machinery for the browser tests: real headless Chromium (Debian's package) driven by
Playwright, and the app served over HTTP from a background thread. Chromium may talk to
nothing but that server."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.signup_mail import SERVED, app_serving, finish_link

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# axe-core (pinned in package.json, installed by scripts/setup) checks pages for accessibility.
AXE_SCRIPT = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0/2.1/2.2 A and AA, plus axe's best practices (landmarks, empty table headers …).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# A phone as a person holds it: touch events, a mobile viewport (pass as ``device=``).
TOUCH_PHONE = {"has_touch": True, "is_mobile": True}

PASSWORD = "correct horse battery"
SITE_NAME = "행복한 빵집"
SITE_SLUG = "haengbokhan-ppangjip"
VALID_BRN = "220-81-62517"
# Check digit should be 1: a wrong last digit is the typo the checksum exists to catch.
# (123-45-67891, the usual "made-up" example, happens to pass the National Tax Service checksum.)
INVALID_BRN = "123-45-67890"


def translated(app, message: str, locale: str, **params) -> str:
    """``message`` as the app shows it in ``locale`` (the msgid itself while a catalog lacks it)."""
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale(locale):
        return gettext(message, **params)


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (WCAG 2 A/AA and best practices), each
    ``{"id", "impact", "help", "nodes": [{"target", "summary"}]}``.

    axe is evaluated through the DevTools protocol, not added as a <script>: the app's CSP
    (nonces) rightly refuses injected scripts, and the page stays exactly as the person sees
    it."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run scripts/setup (npm ci installs axe-core)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT.read_text())
    return page.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                                  resultTypes: ["violations"]});
          return result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({target: n.target.join(" "),
                                        summary: n.failureSummary})),
          }));
        }""",
        AXE_TAGS,
    )


def describe_violations(violations: list[dict]) -> str:
    """One line per violation and element, for an assertion message."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"{v['id']} ({v['impact']}): {node['target']} — {summary}")
    return "\n".join(lines)


def sign_up_through_form(page, email: str, display_name: str) -> None:
    """Signs up through the form (Korean UI), opens the mailed link in the same browser,
    creates the account and lands on the sites dashboard."""
    page.goto("/signup")
    page.fill("input[name=email]", email)
    page.fill("input[name=display_name]", display_name)
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password_confirm]", PASSWORD)
    page.locator("form[action='/signup'] button[type=submit]").click()
    finish_sign_up_from_mail(page, email)


def finish_sign_up_from_mail(page, email: str) -> None:
    """After the sign-up form: the "check your mail" page, then the mailed link → dashboard."""
    page.wait_for_url("**/signup/sent")
    page.goto(finish_link(app_serving(page.url), email))
    page.get_by_test_id("finish-signup").click()
    page.wait_for_url("**/sites/")


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing; the browser tests need Debian's chromium package"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def live_server(app):
    """The app served over real HTTP from a background thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_port}"
    SERVED[base_url] = app  # sign-up links are read from this app's mail folder
    try:
        yield base_url
    finally:
        SERVED.pop(base_url, None)
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


class Browser:
    """One browser context (a person on one device) with local-only networking and a record of
    every script error, so a CSP violation or a broken script fails the test."""

    def __init__(self, chromium, base_url: str, viewport: dict, name: str,
                 device: dict | None = None) -> None:
        self.base_url = base_url
        self.name = name
        self.shots = 0
        self.context = chromium.new_context(
            base_url=base_url,
            viewport=viewport,
            locale="ko-KR",
            timezone_id="Asia/Seoul",
            service_workers="block",
            **(device or {}),
        )
        self.context.set_default_timeout(10_000)
        # Nothing but our own server: abort every other request the page might make.
        # Our server, and the sites it publishes on their own *.sites.localhost origins (which
        # Chromium resolves to this machine).
        port = base_url.rsplit(":", 1)[1]
        local = re.compile(rf"^(?:{re.escape(base_url)}|http://[a-z0-9-]+\.sites\.localhost:"
                           rf"{port})/")
        self.context.route(
            lambda url: not local.match(url), lambda route: route.abort("blockedbyclient")
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", self._console)

    def _console(self, msg) -> None:
        # Expected refusals (422 form errors) are logged by Chromium as failed resources.
        if msg.type == "error" and "status of 422" not in msg.text:
            self.errors.append(f"console error on {self.page.url}: {msg.text}")

    def shot(self, label: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.shots += 1
        path = ARTIFACTS / f"{self.name}-{self.shots:02d}-{label}.png"
        # caret="initial": hiding the caret leaves style="" on every input, which htmx then copies
        # during a swap (attributesToSettle) and the CSP rightly refuses.
        self.page.screenshot(path=str(path), full_page=True, caret="initial")

    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url).split("?")[0]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def browser_factory(chromium, live_server):
    opened: list[Browser] = []

    def _open(viewport: dict, name: str, device: dict | None = None) -> Browser:
        b = Browser(chromium, live_server, viewport, name, device)
        opened.append(b)
        return b

    yield _open
    for b in opened:
        b.close()
