"""End to end in a real headless Chromium (Playwright, sync API).

The app runs in a background thread on 127.0.0.1 (a random free port) on the test database;
Chromium may talk to nothing else. Screenshots of every step land in test-artifacts/ (gitignored)
so a human can review the screens the test walked through.

Run: .venv/bin/python -m pytest tests/test_browser.py -x -q
"""

from __future__ import annotations

import re

import pytest

from app.sites.profile import business_number_is_valid
from tests.browser_support import (
    DESKTOP,
    INVALID_BRN,
    PASSWORD,
    PHONE,
    SITE_NAME,
    SITE_SLUG,
    VALID_BRN,
    Browser,
    translated,
)
from tests.signup_mail import finish_link

pytestmark = pytest.mark.browser


def test_owner_signs_up_creates_korean_site_and_fills_business_details(app, browser_factory):
    from playwright.sync_api import expect

    assert business_number_is_valid(VALID_BRN)
    assert not business_number_is_valid(INVALID_BRN)

    b = browser_factory(PHONE, "phone")
    page = b.page

    # --- sign up -----------------------------------------------------------------------------
    page.goto("/signup")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    b.shot("signup")
    page.fill("input[name=email]", "baker@example.com")
    page.fill("input[name=display_name]", "김사장")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password_confirm]", PASSWORD)
    page.locator("form[action='/signup'] button[type=submit]").click()
    expect(page.get_by_test_id("signup-sent")).to_contain_text("baker@example.com")
    b.shot("signup-sent")
    page.goto(finish_link(app, "baker@example.com"))  # the link in the mail, same browser
    expect(page.get_by_test_id("finish-signup")).to_be_visible()
    assert page.locator("input[name=password]").count() == 0
    b.shot("signup-finish")
    page.get_by_test_id("finish-signup").click()
    page.wait_for_url("**/sites/")
    expect(page.locator("#alerts .alert-success")).to_be_visible()
    hello = translated(app, "Hello, %(name)s.", "ko", name="김사장")
    expect(page.locator("main")).to_contain_text(hello)
    b.shot("dashboard-empty")

    # --- create a site with a Korean name from the dashboard (htmx form) -----------------------
    form = page.locator("form#create-site")
    expect(form).to_have_attribute("hx-post", "/sites/")
    form.locator("input[name=name]").fill(SITE_NAME)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sites/\d+$"))
    site_url = b.path()
    expect(page.locator("#site-title h1")).to_have_text(SITE_NAME)
    expect(page.locator("main")).to_contain_text(SITE_SLUG)
    expect(page.locator("#alerts .alert-success")).to_contain_text(SITE_NAME)
    expect(page).to_have_title(re.compile(re.escape(SITE_NAME)))
    b.shot("site")

    # --- business details ----------------------------------------------------------------------
    page.get_by_test_id("site-settings").click()
    page.wait_for_url(f"**{site_url}/settings")
    profile = page.locator("form#profile-form")
    # A new site starts with its own name as the business name.
    expect(profile.locator("input[name=business_name]")).to_have_value(SITE_NAME)
    b.shot("settings-empty")

    details = {
        "business_name": "행복한 빵집 합정점",
        "representative": "김행복",
        "business_number": VALID_BRN,
        "phone": "02-336-1234",
        "address": "서울특별시 마포구 양화로 45",
    }
    for name, value in details.items():
        profile.locator(f"input[name={name}]").fill(value)
    profile.locator("input[name=hours_mon_open]").fill("09:00")
    profile.locator("input[name=hours_mon_close]").fill("21:00")
    profile.locator("input[name=hours_mon_break_start]").fill("15:00")
    profile.locator("input[name=hours_mon_break_end]").fill("16:30")
    profile.locator("input[name=hours_sun_closed]").check()
    b.shot("settings-filled")
    profile.locator("button[type=submit]").click()

    saved = translated(app, "Business details saved.", "ko")
    expect(page.locator("form#profile-form .alert-success")).to_have_text(saved)
    assert b.path() == f"{site_url}/settings"  # swapped in place, no navigation
    b.shot("settings-saved")

    def expect_saved_details() -> None:
        form = page.locator("form#profile-form")
        for name, value in details.items():
            expect(form.locator(f"input[name={name}]")).to_have_value(value)
        expect(form.locator("input[name=hours_mon_open]")).to_have_value("09:00")
        expect(form.locator("input[name=hours_mon_close]")).to_have_value("21:00")
        expect(form.locator("input[name=hours_mon_break_start]")).to_have_value("15:00")
        expect(form.locator("input[name=hours_mon_break_end]")).to_have_value("16:30")
        expect(form.locator("input[name=hours_sun_closed]")).to_be_checked()
        expect(form.locator("input[name=hours_tue_closed]")).not_to_be_checked()

    page.reload()
    expect_saved_details()

    # --- an invalid business registration number is refused, nothing is saved ------------------
    brn = page.locator("form#profile-form input[name=business_number]")
    brn.fill(INVALID_BRN)
    page.locator("form#profile-form button[type=submit]").click()
    error = page.locator("form#profile-form #e-business_number")
    expect(error).to_be_visible()
    expect(error).to_contain_text(
        translated(
            app,
            "This business registration number is not valid. Check the 10 digits "
            "(e.g. 123-45-67890) on your registration certificate.",
            "ko",
        )
    )
    invalid_input = page.locator("form#profile-form input[name=business_number]")
    expect(invalid_input).to_have_attribute("aria-invalid", "true")
    expect(invalid_input).to_have_value(INVALID_BRN)  # what was typed is kept for correcting
    expect(page.locator("form#profile-form .alert-success")).to_have_count(0)
    assert b.path() == f"{site_url}/settings"
    b.shot("settings-invalid-brn")

    page.reload()
    expect_saved_details()  # the valid number (and everything else) is still stored

    # --- switch the UI to English with the footer language switcher ----------------------------
    my_sites_ko = translated(app, "My sites", "ko")
    assert my_sites_ko != "My sites", "no Korean catalog: compile them with scripts/setup"
    nav = page.locator("nav.mainnav")
    expect(nav.get_by_role("link", name=my_sites_ko)).to_be_visible()
    expect(nav.get_by_role("link", name="My sites")).to_have_count(0)
    switch = page.locator("form.langswitch button[name=locale][value=en]")
    switch.scroll_into_view_if_needed()
    switch.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert b.path() == f"{site_url}/settings"  # back on the same page
    expect(nav.get_by_role("link", name="My sites")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Business details")
    expect(page.locator("form.langswitch button[value=en]")).to_have_attribute(
        "aria-pressed", "true"
    )
    b.shot("settings-english")
    page.goto(site_url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("site-settings")).to_have_text("Edit business details")

    # --- log out -------------------------------------------------------------------------------
    page.get_by_test_id("logout").click()
    page.wait_for_url("**/login")
    expect(page.locator("input[name=email]")).to_be_visible()
    expect(page.locator("input[name=password]")).to_be_visible()
    expect(page.get_by_test_id("logout")).to_have_count(0)
    b.shot("logged-out")

    # Logged out for real: the site page now asks to log in.
    page.goto(site_url)
    page.wait_for_url(re.compile(r"/login\?next="))

    assert b.errors == [], "\n".join(b.errors)


def log_in_new_user(app, b: Browser, email: str = "owner@example.com") -> None:
    """Creates an account (Korean UI) directly in the database and logs in through /login."""
    from app.accounts import operations as accounts
    from app.db import db

    with app.app_context():
        accounts.sign_up(email, PASSWORD, "이사장", "ko")
        db.session.commit()
    b.page.goto("/login")
    b.page.fill("input[name=email]", email)
    b.page.fill("input[name=password]", PASSWORD)
    b.page.locator("main form button[type=submit]").click()
    b.page.wait_for_url("**/sites/")


def test_create_site_form_shows_translated_error_inline(app, browser_factory):
    from playwright.sync_api import expect

    b = browser_factory(DESKTOP, "desktop")
    page = b.page
    log_in_new_user(app, b)
    expect(page.locator("html")).to_have_attribute("lang", "ko")

    def submit_empty_name(locale: str) -> None:
        # htmx must have set up the form (after a navigation its script may still be loading).
        page.wait_for_function("() => { const f = document.querySelector('form#create-site');"
                               " return !!(f && f['htmx-internal-data']); }")
        # A marker on window survives only if the page is not reloaded or navigated.
        page.evaluate("window.__sameDocument = true")
        form = page.locator("form#create-site")
        form.locator("input[name=name]").fill("   ")
        with page.expect_response(
            lambda r: r.url.endswith("/sites/") and r.request.method == "POST"
        ) as info:
            form.locator("button[type=submit]").click()
        response = info.value
        assert response.status == 422
        assert response.request.headers.get("hx-request") == "true"

        form = page.locator("form#create-site")  # the swapped-in fragment
        error = form.locator("#e-name")
        expect(error).to_be_visible()
        expect(error).to_have_text(translated(app, "Give your site a name.", locale))
        name = form.locator("input[name=name]")
        expect(name).to_have_attribute("aria-invalid", "true")
        expect(page.locator("form#create-site")).to_have_count(1)  # replaced, not nested
        assert page.evaluate("window.__sameDocument") is True
        assert b.path() == "/sites/"

    assert translated(app, "Give your site a name.", "ko") != "Give your site a name."
    submit_empty_name("ko")
    b.shot("create-site-error-ko")

    page.locator("form.langswitch button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    submit_empty_name("en")
    b.shot("create-site-error-en")

    # The error goes away once the form is filled in correctly, and the site is created.
    page.locator("form#create-site input[name=name]").fill("Haengbok Bakery")
    page.locator("form#create-site button[type=submit]").click()
    page.wait_for_url(re.compile(r"/sites/\d+$"))
    expect(page.locator("#site-title h1")).to_have_text("Haengbok Bakery")
    expect(page.locator("main")).to_contain_text("haengbok-bakery")

    assert b.errors == [], "\n".join(b.errors)


def test_form_error_moves_focus_to_the_invalid_field(app, browser_factory):
    from playwright.sync_api import expect

    b = browser_factory(PHONE, "focus")
    log_in_new_user(app, b)
    b.page.locator("form#create-site button[type=submit]").click()
    name = b.page.locator("form#create-site input[name=name]")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_be_focused(timeout=2_000)
