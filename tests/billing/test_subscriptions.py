"""Subscriptions: the sign-up trial, upgrades and downgrades with proration, cancel at period
end, overdue accounts, an admin's comp and extension, and the idempotent monthly run."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import date, timedelta

import pytest
from redis import Redis
from sqlalchemy import func, select

from app.billing import dates, invoices, subscriptions
from app.billing.jobs import run_billing, run_billing_job
from app.db import db
from app.domain import Refused
from app.models import Invoice, Subscription, User
from tests.conftest import ROOT, TEST_ENV, TEST_REDIS_URL, require_service


def _user(uid: int) -> User:
    return db.session.get(User, uid)


def _invoice_count() -> int:
    return db.session.scalar(select(func.count(Invoice.id)))


def test_a_new_account_tries_pro_then_falls_back_to_free(app, make_user):
    fresh, old = make_user("new@example.com"), make_user("old@example.com", days_old=20)
    with app.app_context():
        trial = subscriptions.plan_state(_user(fresh))
        assert (trial.status, trial.plan.code, trial.chosen.code) == ("trialing", "pro", "free")
        assert trial.trial_ends_on == dates.today() + timedelta(days=14)
        after = subscriptions.plan_state(_user(old))
        assert (after.status, after.plan.code) == ("active", "free")
        assert db.session.scalar(select(func.count(Subscription.id))) == 0  # reading writes nothing


def test_choosing_a_paid_plan_starts_a_month_and_invoices_it(app, make_user):
    uid = make_user()
    with app.app_context():
        invoice = subscriptions.change_plan(_user(uid), "starter", date(2026, 1, 31))
        db.session.commit()
        sub = subscriptions.subscription_of(_user(uid))
        assert (sub.status, sub.plan_code) == ("active", "starter")
        assert (sub.current_period_start, sub.current_period_end) == (date(2026, 1, 31),
                                                                     date(2026, 2, 28))
        assert invoice.status == "issued" and invoice.total_krw == 9_900
        assert [line.description for line in invoice.lines] == [
            "WindWalker 스타터 요금제, 2026-01-31 – 2026-02-27"]
        with pytest.raises(Refused):
            subscriptions.change_plan(_user(uid), "starter", date(2026, 2, 1))


def test_upgrade_is_prorated_and_downgrade_becomes_credit_for_the_next_invoice(app, make_user):
    uid = make_user()
    with app.app_context():
        user = _user(uid)
        first = subscriptions.change_plan(user, "starter", date(2026, 11, 1))  # → Dec 1: 30 days
        invoices.mark_paid(first)
        up = subscriptions.change_plan(user, "pro", date(2026, 11, 16))  # 15 of 30 days left
        assert up.total_krw == 9_550  # (29,000 − 9,900) × 15 / 30
        assert "15" in up.lines[0].description and "30" in up.lines[0].description
        invoices.mark_paid(up)
        assert subscriptions.change_plan(user, "starter", date(2026, 11, 21)) is None
        sub = subscriptions.subscription_of(user)
        assert sub.credit_krw == 6_367  # (29,000 − 9,900) × 10 / 30 = 6,366.67 → 6,367
        db.session.commit()

        report = run_billing("2026-12-01")
        [renewal_id] = report.invoices
        renewal = db.session.get(Invoice, renewal_id)
        assert [line.amount_krw for line in renewal.lines] == [9_900, -6_367]
        assert renewal.total_krw == 3_533
        assert renewal.supply_krw + renewal.vat_krw == 3_533
        assert subscriptions.subscription_of(_user(uid)).credit_krw == 0


def test_moving_to_free_cancels_at_the_end_of_the_period(app, make_user):
    uid = make_user()
    with app.app_context():
        invoices.mark_paid(subscriptions.change_plan(_user(uid), "pro", date(2026, 3, 10)))
        subscriptions.change_plan(_user(uid), "free", date(2026, 3, 20))
        db.session.commit()
        state = subscriptions.plan_state(_user(uid), date(2026, 3, 20))
        assert state.plan.code == "pro" and state.cancel_at_period_end  # kept until the end
        run_billing("2026-04-10")
        sub = subscriptions.subscription_of(_user(uid))
        assert (sub.status, sub.plan_code) == ("canceled", "free")
        assert _invoice_count() == 1  # no renewal for a canceled plan
        assert subscriptions.plan_state(_user(uid)).plan.code == "free"


def test_cancel_and_resume(app, make_user):
    uid = make_user()
    with app.app_context():
        with pytest.raises(Refused):
            subscriptions.cancel(_user(uid))
        subscriptions.change_plan(_user(uid), "starter")
        subscriptions.cancel(_user(uid))
        subscriptions.resume(_user(uid))
        db.session.commit()
        assert not subscriptions.subscription_of(_user(uid)).cancel_at_period_end
        with pytest.raises(Refused):
            subscriptions.resume(_user(uid))


def test_an_unpaid_invoice_makes_the_account_past_due_then_canceled(app, make_user):
    uid = make_user()
    with app.app_context():
        invoice = subscriptions.change_plan(_user(uid), "pro", date(2026, 5, 1))
        db.session.commit()
        run_billing("2026-05-09")  # due May 8
        sub = subscriptions.subscription_of(_user(uid))
        assert (sub.status, sub.past_due_since) == ("past_due", date(2026, 5, 8))
        with pytest.raises(Refused):
            subscriptions.change_plan(_user(uid), "business", date(2026, 5, 9))
        run_billing("2026-05-22")  # 14 days after the due date
        sub = subscriptions.subscription_of(_user(uid))
        assert (sub.status, sub.plan_code) == ("canceled", "free")
        invoice = db.session.get(Invoice, invoice.id)
        assert invoice.status == "issued"  # the debt stays open for the admin


def test_paying_an_overdue_invoice_makes_the_account_active_again(app, make_user):
    uid = make_user()
    with app.app_context():
        invoice = subscriptions.change_plan(_user(uid), "pro", date(2026, 5, 1))
        db.session.commit()
        run_billing("2026-05-10")
        invoices.mark_paid(db.session.get(Invoice, invoice.id), reference="입금")
        db.session.commit()
        sub = subscriptions.subscription_of(_user(uid))
        assert (sub.status, sub.past_due_since) == ("active", None)


def test_a_comped_plan_renews_without_invoices(app, make_user):
    uid = make_user()
    with app.app_context():
        subscriptions.comp(_user(uid), "business", dates.today() + timedelta(days=60))
        db.session.commit()
        assert subscriptions.plan_state(_user(uid)).plan.code == "business"
        run_billing((dates.today() + timedelta(days=45)).isoformat())
        assert _invoice_count() == 0
        with pytest.raises(Refused):
            subscriptions.comp(_user(uid), "free", dates.today())
        with pytest.raises(Refused):
            subscriptions.comp(_user(uid), "pro", dates.today() - timedelta(days=1))


def test_an_admin_extends_a_trial(app, make_user):
    uid = make_user(days_old=20)
    with app.app_context():
        assert subscriptions.plan_state(_user(uid)).plan.code == "free"
        subscriptions.extend(_user(uid), 7)
        db.session.commit()
        state = subscriptions.plan_state(_user(uid))
        assert (state.status, state.plan.code) == ("trialing", "pro")
        assert state.trial_ends_on == dates.today() + timedelta(days=7)
        run_billing((dates.today() + timedelta(days=8)).isoformat())
        assert subscriptions.plan_state(_user(uid)).plan.code == "free"
        with pytest.raises(Refused):
            subscriptions.extend(_user(uid), 0)


def test_the_monthly_run_twice_creates_nothing_twice(app, make_user):
    a, b = make_user("a@example.com"), make_user("b@example.com")
    with app.app_context():
        subscriptions.change_plan(_user(a), "pro", date(2026, 1, 15))
        subscriptions.change_plan(_user(b), "starter", date(2026, 1, 31))
        db.session.commit()
        first = run_billing("2026-03-31")  # two renewals each (Feb and Mar)
        assert len(first.invoices) == 4
        again = run_billing("2026-03-31")
        assert again.invoices == [] and again.renewed == 0
        assert _invoice_count() == 6
        periods = sorted(db.session.scalars(select(Invoice.period_start)
                                            .where(Invoice.user_id == b)))
        # Jan 31 → Feb 28 → Mar 31: the anchor day is kept through short months.
        assert periods == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]


def test_the_cli_runs_billing_for_a_date_idempotently(app, make_user):
    uid = make_user()
    with app.app_context():
        subscriptions.change_plan(_user(uid), "pro", date(2026, 1, 10))
        db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["billing", "run", "--date", "2026-02-10"])
    assert first.exit_code == 0, first.output
    assert "1 invoice(s)" in first.output
    second = runner.invoke(args=["billing", "run", "--date", "2026-02-10"])
    assert "0 invoice(s)" in second.output
    bad = runner.invoke(args=["billing", "run", "--date", "10/02/2026"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output
    with app.app_context():
        assert _invoice_count() == 2
        # The in-process job runner rendered every PDF.
        assert db.session.scalar(select(func.count(Invoice.id))
                                 .where(Invoice.pdf_sha256.is_(None))) == 0


@pytest.mark.redis
def test_the_run_as_an_rq_job_on_a_real_worker_renders_the_pdfs(make_app, migrated, tmp_path,
                                                                make_user):
    redis_url = require_service("TEST_REDIS_URL", TEST_REDIS_URL)
    app = make_app(REDIS_URL=redis_url)
    uid = make_user()
    queue_name = f"test-billing-{uuid.uuid4().hex[:8]}"
    with app.app_context():
        from rq import Queue

        from app.jobs import enqueue

        app.extensions["rq_queue"] = Queue(queue_name, connection=Redis.from_url(redis_url))
        subscriptions.change_plan(_user(uid), "pro", date(2026, 1, 10))
        db.session.commit()
        job = enqueue(run_billing_job, "2026-02-10")
    env = {**os.environ, **TEST_ENV, "DATABASE_URL": migrated, "REDIS_URL": redis_url}
    done = subprocess.run([sys.executable, "worker.py", "--burst", queue_name], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    job.refresh()
    assert job.get_status() == "finished", done.stderr
    assert job.return_value()["invoices"] == 1
    with app.app_context():
        rows = db.session.execute(select(Invoice.number, Invoice.pdf_sha256)
                                  .order_by(Invoice.id)).all()
        assert [n for n, _h in rows] == ["WW-2026-000001", "WW-2026-000002"]
        assert all(h for _n, h in rows), "the worker rendered both PDFs"
