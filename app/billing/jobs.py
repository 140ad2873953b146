"""Billing jobs: render an issued invoice's PDF once; the idempotent monthly billing run."""

from __future__ import annotations

import hashlib
import logging
from datetime import date

from sqlalchemy import select

from app.db import db
from app.jobs import enqueue, job
from app.models import CreditNote, Invoice, Subscription

from . import dates
from .subscriptions import RunReport, due_subscription_ids, run_subscription

log = logging.getLogger(__name__)


@job
def render_invoice_pdf(invoice_id: int) -> str | None:
    """Renders and stores the PDF of an issued invoice, once. Returns its SHA-256.

    Run again it does nothing: the stored bytes are what every download serves."""
    from .pdf import render_invoice

    invoice = db.session.get(Invoice, invoice_id)
    if invoice is None or invoice.status == "draft":
        return None
    if invoice.pdf_sha256:
        return invoice.pdf_sha256
    stored, sha256 = _store_once(Invoice, invoice_id, render_invoice(invoice))
    if stored:
        db.session.commit()
        # Only the run that stored the PDF mails the buyer, so a receipt is sent once.
        _mail_receipt(db.session.get(Invoice, invoice_id))
    return sha256


@job
def render_credit_note_pdf(note_id: int) -> str | None:
    """Renders and stores a credit note's PDF, once (like a receipt's)."""
    from .pdf import render_credit_note

    note = db.session.get(CreditNote, note_id)
    if note is None:
        return None
    if note.pdf_sha256:
        return note.pdf_sha256
    return _store_once(CreditNote, note_id, render_credit_note(note))[1]


def _store_once(model, row_id: int, pdf: bytes) -> tuple[bool, str]:
    """Stores a rendered PDF and its SHA-256 on the row unless another run already did (the
    row is locked, so two workers rendering at once store one result). (stored now?, hash)"""
    locked = db.session.scalars(select(model).where(model.id == row_id).with_for_update()
                                .execution_options(populate_existing=True)).one()
    if locked.pdf_sha256:
        return False, locked.pdf_sha256
    locked.pdf = pdf
    locked.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    return True, locked.pdf_sha256


def _mail_receipt(invoice: Invoice) -> None:
    """Tells the buyer the receipt is ready, with how to pay and the link to it."""
    from flask import current_app, render_template, url_for
    from flask_babel import force_locale, gettext as _

    from app.mail import send_mail

    from .pdf import document

    if not invoice.buyer_email:
        return
    base_url = current_app.config["PUBLIC_URL"]  # never a request's Host header
    with current_app.test_request_context(base_url=base_url), force_locale(invoice.locale):
        link = url_for("billing.invoice", invoice_id=invoice.id, _external=True)
        doc = document(invoice)
        send_mail(to=invoice.buyer_email,
                  subject=_("Your WindWalker receipt %(number)s", number=invoice.number),
                  body=render_template("billing/mail/receipt.txt", doc=doc, link=link))


def run_billing(on: str | None = None) -> RunReport:
    """The monthly billing run for day ``on`` (ISO date; default today in Seoul).

    Each subscription is brought up to date and committed on its own, so one failure does not
    hold back the others; running it twice creates nothing twice. New invoices' PDFs are
    rendered by their own jobs."""
    day = date.fromisoformat(on) if on else dates.today()
    report = RunReport(invoices=[])
    try:
        for sub_id in due_subscription_ids(day):
            sub = db.session.scalars(select(Subscription).where(Subscription.id == sub_id)
                                     .with_for_update()).one()
            before = len(report.invoices)
            try:
                run_subscription(sub, day, report)
                db.session.commit()
            except Exception:
                db.session.rollback()
                del report.invoices[before:]
                log.exception("billing run failed for subscription %s", sub_id)
        # Issued invoices still without their PDF (new ones, or a render that failed).
        missing = list(db.session.scalars(select(Invoice.id).where(
            Invoice.status != "draft", Invoice.pdf_sha256.is_(None))))
        missing_notes = list(db.session.scalars(select(CreditNote.id).where(
            CreditNote.pdf_sha256.is_(None))))
    finally:
        db.session.remove()
    for invoice_id in missing:
        _follow_up(render_invoice_pdf, invoice_id)
    for note_id in missing_notes:
        _follow_up(render_credit_note_pdf, note_id)
    return report


def _follow_up(func, *args):
    """Enqueues follow-up work on the queue this RQ job came from (else the app's default)."""
    from rq import get_current_job

    current = get_current_job()
    if current is None:
        return enqueue(func, *args)
    from rq import Queue

    return Queue(current.origin, connection=current.connection).enqueue(func, *args)


@job
def run_billing_job(on: str | None = None) -> dict:
    """The RQ (or in-process) entry of the billing run; returns its counts."""
    report = run_billing(on)
    return {"invoices": len(report.invoices), "renewed": report.renewed,
            "trials_ended": report.trials_ended, "past_due": report.past_due,
            "canceled": report.canceled}
