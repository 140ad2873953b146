"""Invoices: numbers only at issue, gapless per year and under concurrency; issued invoices
immutable in the database itself; the status flow; credit notes; bank statement matching."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.billing import invoices
from app.db import db
from app.domain import Refused
from app.models import CreditNote, Invoice, User
from tests.billing.conftest import postgres_only


def _draft(user_id: int, amount: int = 29_000) -> Invoice:
    user = db.session.get(User, user_id)
    return invoices.create_draft(user, [("WindWalker 프로 요금제", amount)], subscription=None)


def test_a_draft_has_no_number_and_issue_gives_the_next_one_of_the_year(app, make_user):
    uid = make_user()
    with app.app_context():
        first = _draft(uid)
        assert first.number is None
        invoices.issue(first, date(2026, 11, 26))
        second = invoices.issue(_draft(uid), date(2026, 11, 27))
        next_year = invoices.issue(_draft(uid), date(2027, 1, 2))
        db.session.commit()
        assert (first.number, second.number, next_year.number) == (
            "WW-2026-000001", "WW-2026-000002", "WW-2027-000001")
        assert (first.supply_krw, first.vat_krw, first.total_krw) == (26_364, 2_636, 29_000)
        assert first.seller["seller_business_number"]  # the seller block is copied at issue
        assert first.buyer_name == "김사장" and first.due_on == date(2026, 12, 3)


def test_deleted_drafts_leave_no_gap(app, make_user):
    uid = make_user()
    with app.app_context():
        invoices.issue(_draft(uid), date(2026, 5, 1))
        throwaway = _draft(uid)
        invoices.delete_draft(throwaway)
        kept = invoices.issue(_draft(uid), date(2026, 5, 2))
        db.session.commit()
        assert kept.number == "WW-2026-000002"
        with pytest.raises(Refused):
            invoices.delete_draft(kept)


def test_a_rolled_back_issue_gives_its_number_back(app, make_user):
    uid = make_user()
    with app.app_context():
        ids = [_draft(uid).id for _ in range(2)]
        db.session.commit()
        invoices.issue(db.session.get(Invoice, ids[0]), date(2026, 6, 1))
        db.session.rollback()
        issued = invoices.issue(db.session.get(Invoice, ids[1]), date(2026, 6, 1))
        db.session.commit()
        assert issued.number == "WW-2026-000001"


def test_parallel_issues_get_distinct_gapless_numbers(app, make_user):
    postgres_only(app)
    uid = make_user()
    workers = 8
    with app.app_context():
        ids = [_draft(uid, 1_000 + i).id for i in range(workers)]
        db.session.commit()
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def issue_one(invoice_id: int, fail: bool) -> None:
        with app.app_context():
            try:
                invoice = db.session.get(Invoice, invoice_id)
                barrier.wait(timeout=30)
                invoices.issue(invoice, date(2026, 11, 26))
                if fail:
                    db.session.rollback()  # a request that failed after issuing
                else:
                    db.session.commit()
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=issue_one, args=(i, n == 3)) for n, i in enumerate(ids)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    with app.app_context():
        numbers = sorted(db.session.scalars(select(Invoice.number)
                                            .where(Invoice.number.is_not(None))))
        assert numbers == [f"WW-2026-{n:06d}" for n in range(1, workers)]
        [left] = db.session.scalars(select(Invoice).where(Invoice.status == "draft"))
        assert left.id == ids[3]


def _issued(uid: int) -> int:
    invoice = invoices.issue(_draft(uid), date(2026, 11, 26))
    db.session.commit()
    return invoice.id


@pytest.mark.parametrize("statement", [
    "UPDATE invoices SET total_krw = 1, supply_krw = 1, vat_krw = 0 WHERE id = :id",
    "UPDATE invoices SET buyer_name = 'someone else' WHERE id = :id",
    "UPDATE invoices SET seller = '{}' WHERE id = :id",
    "UPDATE invoices SET number = 'WW-2026-999999' WHERE id = :id",
    "UPDATE invoices SET issued_on = '2020-01-01' WHERE id = :id",
    "UPDATE invoices SET status = 'draft' WHERE id = :id",
    "DELETE FROM invoices WHERE id = :id",
    "UPDATE invoice_lines SET amount_krw = 1 WHERE invoice_id = :id",
    "DELETE FROM invoice_lines WHERE invoice_id = :id",
    "INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price_krw,"
    " amount_krw) VALUES (:id, 9, 'extra', 1, 100, 100)",
])
def test_the_database_refuses_to_change_an_issued_invoice(app, make_user, statement):
    postgres_only(app)
    uid = make_user()
    with app.app_context():
        invoice_id = _issued(uid)
        with pytest.raises(DBAPIError):
            db.session.execute(text(statement), {"id": invoice_id})
        db.session.rollback()
        invoice = db.session.get(Invoice, invoice_id)
        assert invoice.total_krw == 29_000 and invoice.status == "issued"
        assert [line.amount_krw for line in invoice.lines] == [29_000]


def test_the_database_allows_the_status_flow_and_a_draft_to_change(app, make_user):
    postgres_only(app)
    uid = make_user()
    with app.app_context():
        draft = _draft(uid)
        db.session.commit()
        db.session.execute(text("UPDATE invoices SET buyer_name = 'x' WHERE id = :id"),
                           {"id": draft.id})
        invoice_id = _issued(uid)
        db.session.execute(text("UPDATE invoices SET status = 'uncollectible' WHERE id = :id"),
                           {"id": invoice_id})
        db.session.execute(text("UPDATE invoices SET status = 'paid' WHERE id = :id"),
                           {"id": invoice_id})
        db.session.commit()
        with pytest.raises(DBAPIError):  # paid is final
            db.session.execute(text("UPDATE invoices SET status = 'void' WHERE id = :id"),
                               {"id": invoice_id})
        db.session.rollback()
        db.session.execute(text("DELETE FROM invoices WHERE id = :id"), {"id": draft.id})
        db.session.commit()


def test_a_stored_pdf_cannot_be_replaced(app, make_user):
    postgres_only(app)
    uid = make_user()
    with app.app_context():
        invoice_id = _issued(uid)
        db.session.execute(text("UPDATE invoices SET pdf = :b, pdf_sha256 = 'a' WHERE id = :id"),
                           {"b": b"%PDF-1", "id": invoice_id})
        db.session.commit()
        with pytest.raises(DBAPIError):
            db.session.execute(text("UPDATE invoices SET pdf = :b WHERE id = :id"),
                               {"b": b"%PDF-2", "id": invoice_id})
        db.session.rollback()


def test_sqlite_triggers_guard_the_embedded_default_too(make_app, tmp_path):
    from alembic import command

    from app.cli import alembic_config

    url = f"sqlite:///{tmp_path / 'embedded.db'}"
    app = make_app(DATABASE_URL=url)
    with app.app_context():
        cfg = alembic_config()
        cfg.attributes["skip_logging"] = True
        command.upgrade(cfg, "head")
        from app.accounts.operations import sign_up

        user = sign_up("lite@example.com", "correct horse battery", display_name="라이트")
        db.session.commit()
        invoice_id = _issued(user.id)
        with pytest.raises(DBAPIError, match="cannot change"):
            db.session.execute(text("UPDATE invoices SET total_krw = 5, supply_krw = 5, "
                                    "vat_krw = 0 WHERE id = :id"), {"id": invoice_id})
        db.session.rollback()
        with pytest.raises(DBAPIError):
            db.session.execute(text("UPDATE invoices SET status = 'draft' WHERE id = :id"),
                               {"id": invoice_id})
        db.session.rollback()
        db.session.execute(text("UPDATE invoices SET status = 'paid' WHERE id = :id"),
                           {"id": invoice_id})
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def test_status_operations_follow_the_lifecycle(app, make_user):
    uid = make_user()
    with app.app_context():
        invoice = db.session.get(Invoice, _issued(uid))
        assert invoices.mark_paid(invoice, reference="국민 11/27") is True
        assert invoices.mark_paid(invoice) is False  # already paid: nothing happens twice
        with pytest.raises(Refused):
            invoices.void(invoice)
        other = db.session.get(Invoice, _issued(uid))
        invoices.mark_uncollectible(other)
        invoices.void(other)
        db.session.commit()
        assert (invoice.status, other.status) == ("paid", "void")
        assert other.voided_at is not None


def test_credit_notes_reference_the_invoice_and_never_exceed_it(app, make_user):
    uid = make_user()
    admin_id = make_user("admin@example.com", roles=("admin",))
    with app.app_context():
        invoice = db.session.get(Invoice, _issued(uid))
        admin = db.session.get(User, admin_id)
        note = invoices.credit(invoice, 10_000, "장애 보상", "refund", admin)
        db.session.commit()
        assert note.number == f"WW-CN-{date.today().year}-000001"
        assert (note.supply_krw, note.vat_krw) == (9_091, 909)
        with pytest.raises(Refused) as exc:
            invoices.credit(invoice, 19_001, "too much", "refund", admin)
        assert exc.value.field == "amount"
        with pytest.raises(Refused):
            invoices.credit(invoice, 100, "   ", "refund", admin)
        invoices.credit(invoice, 19_000, "전액 환불", "out_of_band", admin)
        db.session.commit()
        assert invoice.credited_krw == 29_000
        assert invoice.total_krw == 29_000  # the invoice itself never changed
        assert len(db.session.scalars(select(CreditNote)).all()) == 2


def test_the_database_keeps_credit_notes_within_the_invoice_and_unchangeable(app, make_user):
    postgres_only(app)
    uid = make_user()
    with app.app_context():
        invoice_id = _issued(uid)
        insert = text("INSERT INTO credit_notes (number, invoice_id, reason, resolution, "
                      "total_krw, supply_krw, vat_krw, issued_at) VALUES (:n, :id, 'r', "
                      "'refund', :t, :t, 0, now())")
        with pytest.raises(DBAPIError):
            db.session.execute(insert, {"n": "X-1", "id": invoice_id, "t": 29_001})
        db.session.rollback()
        db.session.execute(insert, {"n": "X-2", "id": invoice_id, "t": 100})
        db.session.commit()
        with pytest.raises(DBAPIError):
            db.session.execute(text("UPDATE credit_notes SET total_krw = 5"))
        db.session.rollback()
        with pytest.raises(DBAPIError):
            db.session.execute(text("DELETE FROM credit_notes"))
        db.session.rollback()
        # Its PDF is stored once, and never replaced.
        db.session.execute(text("UPDATE credit_notes SET pdf = 'x', pdf_sha256 = 'a'"))
        db.session.commit()
        with pytest.raises(DBAPIError):
            db.session.execute(text("UPDATE credit_notes SET pdf = 'y', pdf_sha256 = 'b'"))
        db.session.rollback()


def test_statement_lines_match_open_invoices_by_number_and_amount(app, make_user):
    uid = make_user()
    with app.app_context():
        a = db.session.get(Invoice, _issued(uid))
        b = db.session.get(Invoice, _issued(uid))
        statement = (
            "date,amount,memo\n"
            f"2026-11-27,29000,{a.number.lower()}\n"
            f"2026-11-27,\"28,000\",{b.number}\n"
            "2026-11-28,5000,김사장\n"
            "yesterday,5000,???\n"
            f"2026-11-29,29000,{a.number}\n"
        )
        results = invoices.import_statement(statement)
        db.session.commit()
        assert [(r.line, r.outcome) for r in results] == [
            (2, "matched"), (3, "amount_differs"), (4, "no_invoice"), (5, "unreadable"),
            (6, "already_paid")]
        assert (a.status, b.status) == ("paid", "issued")
        assert a.payment_reference.startswith("2026-11-27")
