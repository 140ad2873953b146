"""The billing pages over HTTP: the owner's page, receipts seen only by their buyer or an
admin (never a support agent), admin actions, and refused input that loses nothing."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.accounts.operations import find_user_by_email, grant_role
from app.billing.jobs import render_invoice_pdf
from app.db import db
from app.jobs import wait_for_jobs
from app.models import CreditNote, Invoice, Subscription
from tests.conftest import Web, text_of


def _upgrade(app, web, plan="pro") -> int:
    r = web.post("/billing/plan", {"plan": plan})
    assert r.status_code == 303, text_of(r)
    invoice_id = int(re.search(r"/billing/invoices/(\d+)", r.location).group(1))
    with app.app_context():
        wait_for_jobs()  # the PDF job (in-process here)
    return invoice_id


def _person(app, email, role=None) -> Web:
    web = Web(app.test_client())
    web.signup(email=email)
    if role:
        with app.app_context():
            grant_role(find_user_by_email(email), role)
            db.session.commit()
    return web


def test_the_billing_page_shows_plan_usage_and_plans(owner):
    body = text_of(owner.get("/billing/"))
    assert "무료 체험" in body and "프로" in body and "사용량" in body
    assert "29,000원" in body and "9,900원" in body
    assert 'data-testid="choose-starter"' in body


def test_upgrading_issues_a_receipt_the_owner_can_open_and_download(app, owner):
    invoice_id = _upgrade(app, owner)
    page = owner.get(f"/billing/invoices/{invoice_id}")
    assert page.status_code == 200
    html = text_of(page)
    assert "WW-20" in html and "거래명세서" in html and "세금계산서가 아닙니다" in html
    assert "29,000원" in html and "000-000000-00-000" in html  # the account to pay into
    first = owner.get(f"/billing/invoices/{invoice_id}.pdf")
    second = owner.get(f"/billing/invoices/{invoice_id}.pdf")
    assert first.status_code == 200 and first.mimetype == "application/pdf"
    assert first.data == second.data
    with app.app_context():
        stored = db.session.get(Invoice, invoice_id)
        assert hashlib.sha256(first.data).hexdigest() == stored.pdf_sha256
    assert "WW-20" in text_of(owner.get("/billing/"))  # listed among the receipts

    # The buyer got one mail, in Korean, with how to pay and the link (sent once, at render).
    with app.app_context():
        render_invoice_pdf(invoice_id)
    sent = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in Path(app.config["MAIL_FILE_DIR"]).glob("*.eml")]
    # (The other mail is the owner's sign-up link: the fixture signed up by mail.)
    [mail] = [m for m in sent if "/signup/finish/" not in m.get_content()]
    body = mail.get_content()
    assert mail["To"] == "owner@example.com" and stored.number in mail["Subject"]
    assert f"http://localhost/billing/invoices/{invoice_id}" in body
    assert "000-000000-00-000" in body and "29,000원" in body and "세금계산서가 아닙니다" in body


def test_a_pdf_not_rendered_yet_says_so_and_is_rendered(app, owner):
    from app.billing import subscriptions
    from app.models import User

    with app.app_context():
        user = db.session.scalar(select(User))
        invoice = subscriptions.change_plan(user, "starter")  # no job enqueued
        db.session.commit()
        invoice_id = invoice.id
    r = owner.get(f"/billing/invoices/{invoice_id}.pdf")
    assert r.status_code == 202 and "PDF를 준비하고 있습니다" in text_of(r)
    with app.app_context():
        wait_for_jobs()
    assert owner.get(f"/billing/invoices/{invoice_id}.pdf").mimetype == "application/pdf"


@pytest.mark.parametrize("role", [None, "support", "designer"])
def test_only_the_buyer_or_an_admin_sees_a_receipt(app, owner, role):
    invoice_id = _upgrade(app, owner)
    stranger = _person(app, f"someone-{role}@example.com", role)
    for url in (f"/billing/invoices/{invoice_id}", f"/billing/invoices/{invoice_id}.pdf",
                f"/billing/admin/invoices/{invoice_id}", "/billing/admin"):
        assert stranger.get(url).status_code == 404, url
    assert stranger.post(f"/billing/admin/invoices/{invoice_id}/void").status_code == 404
    admin = _person(app, "admin@example.com", "admin")
    assert admin.get(f"/billing/invoices/{invoice_id}").status_code == 200
    assert admin.get(f"/billing/invoices/{invoice_id}.pdf").status_code == 200
    assert "WW-20" in text_of(admin.get("/billing/admin"))
    with app.app_context():
        assert db.session.get(Invoice, invoice_id).status == "issued"


def test_an_admin_marks_paid_credits_and_the_receipt_itself_never_changes(app, owner):
    invoice_id = _upgrade(app, owner)
    admin = _person(app, "admin@example.com", "admin")
    base = f"/billing/admin/invoices/{invoice_id}"
    assert admin.get(base).status_code == 200
    r = admin.post(f"{base}/paid", {"method": "bank_transfer", "reference": "국민 11/27 입금"})
    assert r.status_code == 303
    r = admin.post(f"{base}/credit", {"amount": "삼만", "reason": "장애", "resolution": "refund"})
    assert r.status_code == 422 and "숫자로만" in text_of(r)
    r = admin.post(f"{base}/credit", {"amount": "30000", "reason": "장애", "resolution": "refund"})
    assert r.status_code == 422 and "29,000원" in text_of(r)
    r = admin.post(f"{base}/credit", {"amount": "5,000", "reason": "장애 보상",
                                      "resolution": "credit"})
    assert r.status_code == 303
    r = admin.post(f"{base}/void")
    assert r.status_code == 422  # paid: corrected by credit notes, never voided
    with app.app_context():
        invoice = db.session.get(Invoice, invoice_id)
        assert invoice.status == "paid" and invoice.total_krw == 29_000
        [note] = db.session.scalars(select(CreditNote)).all()
        assert note.total_krw == 5_000
        assert db.session.scalar(select(Subscription.credit_krw)) == 5_000
        pdf_before = invoice.pdf_sha256
        assert render_invoice_pdf(invoice_id) == pdf_before  # rendered once, never again
    assert "공제 명세서" in text_of(admin.get(base))
    with app.app_context():
        wait_for_jobs()  # the credit note's PDF job
        note_id = db.session.scalar(select(CreditNote.id))
    page = owner.get(f"/billing/credit-notes/{note_id}")
    assert page.status_code == 200 and "WW-CN-" in text_of(page) and "장애 보상" in text_of(page)
    pdf = owner.get(f"/billing/credit-notes/{note_id}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    receipt = text_of(owner.get(f"/billing/invoices/{invoice_id}"))
    assert f"/billing/credit-notes/{note_id}" in receipt
    support = _person(app, "agent@example.com", "support")
    assert support.get(f"/billing/credit-notes/{note_id}").status_code == 404
    assert support.get(f"/billing/credit-notes/{note_id}.pdf").status_code == 404


def test_admin_voids_and_matches_a_statement(app, owner, other_web):
    first = _upgrade(app, owner, "starter")
    admin = _person(app, "admin@example.com", "admin")
    assert admin.post(f"/billing/admin/invoices/{first}/uncollectible").status_code == 303
    assert admin.post(f"/billing/admin/invoices/{first}/void").status_code == 303
    other_web.signup(email="second@example.com")
    second = _upgrade(app, other_web, "pro")
    with app.app_context():
        number = db.session.get(Invoice, second).number
    r = admin.post("/billing/admin/statement",
                   {"statement": f"2026-11-27,29000,{number}\n2026-11-27,1,모름"})
    assert r.status_code == 200
    assert "입금 1건을 확인했습니다" in text_of(r) and "영수증 번호 없음" in text_of(r)
    with app.app_context():
        assert db.session.get(Invoice, first).status == "void"
        assert db.session.get(Invoice, second).status == "paid"


def test_admin_comps_and_extends(app, owner):
    admin = _person(app, "admin@example.com", "admin")
    with app.app_context():
        user_id = find_user_by_email("owner@example.com").id
    r = admin.post(f"/billing/admin/users/{user_id}/comp", {"plan": "business",
                                                            "until": "not a day"})
    assert r.status_code == 303
    assert "YYYY-MM-DD" in text_of(admin.get("/billing/admin"))
    r = admin.post(f"/billing/admin/users/{user_id}/comp", {"plan": "business",
                                                            "until": "2099-12-31"})
    assert r.status_code == 303
    assert "비즈니스" in text_of(owner.get("/billing/"))
    assert admin.post(f"/billing/admin/users/{user_id}/extend", {"days": "30"}).status_code == 303
    assert admin.post("/billing/admin/users/999999/comp", {"plan": "pro"}).status_code == 404


def test_admin_extends_a_sign_up_trial_by_email(app, owner):
    admin = _person(app, "admin@example.com", "admin")
    r = admin.post("/billing/admin/account", {"email": "nobody@example.com", "action": "extend",
                                              "days": "7"})
    assert r.status_code == 303
    assert "이 이메일 주소의 계정이 없습니다" in text_of(admin.get("/billing/admin"))
    r = admin.post("/billing/admin/account", {"email": "OWNER@example.com", "action": "extend",
                                              "days": "30"})
    assert r.status_code == 303
    with app.app_context():
        sub = db.session.scalar(select(Subscription))
        assert sub.status == "trialing" and sub.trial_ends_on is not None
    r = admin.post("/billing/admin/account", {"email": "owner@example.com", "action": "comp",
                                              "plan": "pro", "until": "2099-01-01"})
    assert r.status_code == 303
    assert "프로" in text_of(owner.get("/billing/"))
    with app.app_context():
        sub = db.session.scalar(select(Subscription))
        assert (sub.plan_code, sub.status) == ("pro", "active")


def test_billing_details_are_checked_and_nothing_is_saved_on_error(app, owner):
    r = owner.post("/billing/details", {"buyer_name": "바람길 카페",
                                        "buyer_business_number": "123-45-67890",
                                        "buyer_address": "", "buyer_email": "no-at-sign"},
                   htmx=True)
    assert r.status_code == 422
    body = text_of(r)
    assert "올바른 사업자등록번호가 아닙니다" in body and "이메일 주소를 입력하세요" in body
    assert "<html" not in body  # a fragment for htmx
    with app.app_context():
        assert db.session.scalar(select(Subscription)) is None
    r = owner.post("/billing/details", {"buyer_name": "바람길 카페",
                                        "buyer_business_number": "2208162517",
                                        "buyer_address": "서울 마포구", "buyer_email": ""})
    assert r.status_code == 303
    with app.app_context():
        sub = db.session.scalar(select(Subscription))
        assert (sub.buyer_name, sub.buyer_business_number) == ("바람길 카페", "220-81-62517")


def test_plan_changes_with_bad_input_are_refused_clearly(app, owner):
    r = owner.post("/billing/plan", {"plan": "platinum"})
    assert r.status_code == 303
    assert "요금제 중 하나를 고르세요" in text_of(owner.get("/billing/"))
    r = owner.post("/billing/cancel")
    assert "해지할 유료 요금제가 없습니다" in text_of(owner.get("/billing/"))
    with app.app_context():
        assert db.session.scalar(select(Invoice)) is None


def test_moving_to_free_keeps_the_plan_until_the_period_ends(app, owner):
    _upgrade(app, owner, "starter")
    r = owner.post("/billing/plan", {"plan": "free"})
    assert r.status_code == 303
    body = text_of(owner.get("/billing/"))
    assert "무료 요금제로 바뀝니다" in body and "요금제 유지하기" in body
    assert owner.post("/billing/resume").status_code == 303
    assert 'data-testid="cancel-plan"' in text_of(owner.get("/billing/"))


def test_pages_need_a_login(web):
    for url in ("/billing/", "/billing/invoices/1", "/billing/admin"):
        r = web.get(url)
        assert r.status_code in (302, 404) and (r.status_code == 404 or "/login" in r.location)
