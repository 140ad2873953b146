"""In headless Chromium: an owner upgrades, receives the receipt, opens the printable page and
downloads the PDF — the same bytes the server stored at issue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import db
from app.jobs import wait_for_jobs
from app.models import Invoice
from tests.browser_support import DESKTOP, PASSWORD, PHONE, sign_up_through_form

pytestmark = pytest.mark.browser


def test_owner_upgrades_opens_the_receipt_and_downloads_the_pdf(app, browser_factory):
    from playwright.sync_api import expect

    b = browser_factory(DESKTOP, "billing")
    page = b.page
    sign_up_through_form(page, "pay@example.com", "결제 사장님")
    page.get_by_role("link", name="결제").click()
    page.wait_for_url("**/billing/")
    expect(page.get_by_test_id("current-plan")).to_contain_text("무료 체험")

    page.get_by_test_id("save-details").scroll_into_view_if_needed()
    page.fill("input[name=buyer_name]", "바람길 카페")
    page.fill("input[name=buyer_business_number]", "12345")
    page.get_by_test_id("save-details").click()
    expect(page.locator("#details .error").first).to_contain_text("사업자등록번호")
    expect(page.locator("input[name=buyer_name]")).to_have_value("바람길 카페")  # kept
    page.fill("input[name=buyer_business_number]", "220-81-62517")
    page.get_by_test_id("save-details").click()
    expect(page.locator(".alert-success")).to_contain_text("영수증 정보를 저장했습니다")
    b.shot("billing-page")

    page.get_by_test_id("choose-pro").click()
    page.wait_for_url(re.compile(r"/billing/invoices/\d+$"))
    doc = page.get_by_test_id("invoice-document")
    expect(doc).to_contain_text("거래명세서")
    expect(doc).to_contain_text("세금계산서가 아닙니다")
    expect(page.get_by_test_id("total")).to_have_text("29,000원")
    expect(page.get_by_test_id("buyer-name")).to_have_text("바람길 카페")
    number = page.get_by_test_id("invoice-number").inner_text()
    assert re.fullmatch(r"WW-\d{4}-\d{6}", number)
    b.shot("receipt")

    with app.app_context():
        wait_for_jobs()  # the render job started at issue
    with page.expect_download() as info:
        page.get_by_test_id("download-pdf").click()
    download = info.value
    assert download.suggested_filename == f"{number}.pdf"
    data = Path(download.path()).read_bytes()
    with app.app_context():
        stored = db.session.scalar(select(Invoice).where(Invoice.number == number))
        assert data == stored.pdf
    assert not b.errors, b.errors

    page.goto("/billing/")
    expect(page.get_by_test_id("current-plan")).to_contain_text("프로")
    expect(page.get_by_test_id("invoices")).to_contain_text(number)
    assert not b.errors, b.errors


def test_the_billing_page_works_on_a_phone(app, browser_factory):
    from playwright.sync_api import expect

    b = browser_factory(PHONE, "billing-phone")
    page = b.page
    sign_up_through_form(page, "phone@example.com", "결제 사장님")
    page.goto("/billing/")
    expect(page.get_by_test_id("plan-starter")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    b.shot("billing-phone")
    assert not b.errors, b.errors


def test_admin_finds_the_receipt_and_marks_it_paid(app, browser_factory):
    from playwright.sync_api import expect

    from app.accounts.operations import grant_role, sign_up
    from app.billing import subscriptions

    with app.app_context():
        owner = sign_up("cafe@example.com", PASSWORD, display_name="카페 사장님")
        invoice = subscriptions.change_plan(owner, "starter")
        admin = sign_up("admin@example.com", PASSWORD, display_name="관리자")
        grant_role(admin, "admin")
        db.session.commit()
        number = invoice.number
    b = browser_factory(DESKTOP, "billing-admin")
    page = b.page
    page.goto("/login")
    page.fill("input[name=email]", "admin@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url("**/sites/")
    page.goto("/billing/admin")
    page.get_by_role("link", name=number).click()
    page.fill("input[name=reference]", "국민은행 11/27 카페 사장님")
    page.get_by_test_id("mark-paid").click()
    expect(page.get_by_test_id("admin-status")).to_have_text("입금 완료")
    b.shot("admin-invoice")
    page.goto("/billing/admin")
    b.shot("admin")
    assert not b.errors, b.errors
