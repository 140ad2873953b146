"""Invoice lifecycle: draft → issued → paid | void | uncollectible, credit notes, numbering.

Operations flush and never commit. After committing an issue, the caller enqueues
``app.billing.jobs.render_invoice_pdf`` with the invoice id.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, text

from app.db import db, utcnow
from app.domain import Refused
from app.models import CreditNote, Invoice, InvoiceLine, Subscription, User

from . import dates
from .money import split_vat
from .payments import PROVIDERS
from .plans import PAYMENT_DUE_DAYS

NUMBER_RE = re.compile(r"WW-(\d{4})-(\d{6})")
OPEN_STATES = ("issued", "uncollectible")
RESOLUTIONS = ("refund", "credit", "out_of_band")


def status_labels() -> dict[str, str]:
    """Invoice statuses in words (translated): the owner's and the admin's lists, the admin's
    invoice page and the printed document."""
    return {"draft": _("Draft"), "issued": _("Awaiting payment"), "paid": _("Paid"),
            "void": _("Void"), "uncollectible": _("Uncollectible")}


def invoice_locale(user: User) -> str:
    """Invoices are Korean, or English for a buyer who reads the app in another language."""
    return "ko" if user.locale == "ko" else "en"


def next_number(kind: str, year: int) -> int:
    """The next number of ``kind`` for ``year``, gapless.

    The counter row stays locked until the caller's transaction ends: parallel issues wait in
    line, and a rolled-back issue gives its number back (no gaps, no duplicates)."""
    db.session.execute(
        text("INSERT INTO document_counters (kind, year, last) VALUES (:kind, :year, 0) "
             "ON CONFLICT (kind, year) DO NOTHING"), {"kind": kind, "year": year})
    return db.session.execute(
        text("UPDATE document_counters SET last = last + 1 WHERE kind = :kind AND year = :year "
             "RETURNING last"), {"kind": kind, "year": year}).scalar_one()


def format_number(prefix: str, year: int, n: int) -> str:
    return f"{prefix}-{year}-{n:06d}"


def create_draft(user: User, lines: list[tuple[str, int]], *, subscription: Subscription | None,
                 period: tuple[date, date] | None = None, idempotency_key: str | None = None,
                 payment_method: str = "bank_transfer") -> Invoice:
    """A draft with ``lines`` as (description, VAT-inclusive amount). Totals are computed."""
    if not lines:
        raise Refused(_("An invoice needs at least one line."))
    invoice = Invoice(user_id=user.id, subscription_id=subscription.id if subscription else None,
                      idempotency_key=idempotency_key, status="draft",
                      locale=invoice_locale(user), payment_method=payment_method,
                      period_start=period[0] if period else None,
                      period_end=period[1] if period else None)
    for position, (description, amount) in enumerate(lines):
        invoice.lines.append(InvoiceLine(position=position, description=description[:200],
                                         quantity=1, unit_price_krw=amount, amount_krw=amount))
    total = sum(amount for _d, amount in lines)
    if total < 0:
        raise Refused(_("An invoice cannot add up to less than zero."))
    vat = split_vat(total)
    invoice.total_krw, invoice.supply_krw, invoice.vat_krw = vat.total, vat.supply, vat.vat
    db.session.add(invoice)
    db.session.flush()
    return invoice


def _buyer(invoice: Invoice) -> None:
    user = db.session.get(User, invoice.user_id)
    sub = db.session.scalar(select(Subscription).where(Subscription.user_id == user.id))
    invoice.buyer_name = (sub.buyer_name if sub and sub.buyer_name else
                          user.display_name or user.email)[:100]
    invoice.buyer_business_number = sub.buyer_business_number if sub else ""
    invoice.buyer_address = sub.buyer_address if sub else ""
    invoice.buyer_email = (sub.buyer_email if sub and sub.buyer_email else user.email)[:254]


def issue(invoice: Invoice, on: date | None = None) -> Invoice:
    """Finalises a draft: number, seller and buyer snapshot, issue and due dates. From here
    the database refuses changes to money and party fields."""
    if invoice.status != "draft":
        raise Refused(_("Only a draft can be issued."))
    on = on or dates.today()
    invoice.seller = {k: v for k, v in current_app.config["BILLING"].items()
                      if k.startswith("seller_")}
    _buyer(invoice)
    invoice.number = format_number("WW", on.year, next_number("invoice", on.year))
    invoice.issued_on = on
    invoice.due_on = on + timedelta(days=PAYMENT_DUE_DAYS)
    invoice.issued_at = utcnow()
    invoice.status = "issued"
    if invoice.total_krw == 0:
        # Nothing to pay (covered by account credit): it is settled at once.
        invoice.payment_method = "credit"
        invoice.paid_at = invoice.issued_at
        db.session.flush()
        invoice.status = "paid"
    db.session.flush()
    return invoice


def delete_draft(invoice: Invoice) -> None:
    if invoice.status != "draft":
        raise Refused(_("Only a draft can be deleted. Issued invoices are corrected with a "
                        "credit note."))
    db.session.delete(invoice)
    db.session.flush()


def _lock(invoice: Invoice) -> Invoice:
    # Serialises status changes and credit notes on one invoice.
    return db.session.scalars(select(Invoice).where(Invoice.id == invoice.id)
                              .with_for_update().execution_options(populate_existing=True)).one()


def mark_paid(invoice: Invoice, *, method: str = "bank_transfer", reference: str = "") -> bool:
    """Records the payment. Returns False when it was already paid (idempotent)."""
    invoice = _lock(invoice)
    if invoice.status == "paid":
        return False
    if invoice.status not in OPEN_STATES:
        raise Refused(_("Only an open invoice can be marked paid."))
    if method not in PROVIDERS:
        raise Refused(_("Choose how it was paid."))
    invoice.status = "paid"
    invoice.paid_at = utcnow()
    invoice.payment_method = method
    invoice.payment_reference = reference.strip()[:100]
    db.session.flush()
    from .subscriptions import payment_received

    payment_received(invoice)
    return True


def void(invoice: Invoice) -> None:
    invoice = _lock(invoice)
    if invoice.status not in OPEN_STATES:
        raise Refused(_("Only an open invoice can be voided. A paid one is corrected with a "
                        "credit note."))
    invoice.status = "void"
    invoice.voided_at = utcnow()
    db.session.flush()
    from .subscriptions import payment_received

    payment_received(invoice)  # a voided invoice no longer holds the account past due


def mark_uncollectible(invoice: Invoice) -> None:
    invoice = _lock(invoice)
    if invoice.status != "issued":
        raise Refused(_("Only an issued, unpaid invoice can be marked uncollectible."))
    invoice.status = "uncollectible"
    db.session.flush()


def credit(invoice: Invoice, amount: int, reason: str, resolution: str,
           actor: User | None) -> CreditNote:
    """Issues a credit note against an issued invoice (which itself never changes).

    ``resolution``: refund (paid back out of band by the admin), credit (taken off the
    account's next invoices) or out_of_band."""
    invoice = _lock(invoice)
    if invoice.status not in ("issued", "paid", "uncollectible"):
        raise Refused(_("Only an issued invoice can be credited."))
    reason = " ".join(reason.split())
    if not reason:
        raise Refused(_("Say why the invoice is credited."), "reason")
    if resolution not in RESOLUTIONS:
        raise Refused(_("Choose what happens to the credited amount."), "resolution")
    left = invoice.total_krw - invoice.credited_krw
    if amount < 1 or amount > left:
        raise Refused(_("Enter an amount between 1 and %(left)s won.", left=f"{left:,}"),
                      "amount")
    year = dates.today().year
    vat = split_vat(amount)
    note = CreditNote(number=format_number("WW-CN", year, next_number("credit_note", year)),
                      invoice_id=invoice.id, reason=reason[:200], resolution=resolution,
                      total_krw=vat.total, supply_krw=vat.supply, vat_krw=vat.vat,
                      created_by_id=actor.id if actor else None)
    db.session.add(note)
    if resolution == "credit" and invoice.subscription_id:
        sub = db.session.get(Subscription, invoice.subscription_id)
        sub.credit_krw += amount
    db.session.flush()
    db.session.refresh(invoice, ["credit_notes"])
    return note


def invoices_of(user: User) -> list[Invoice]:
    """The user's invoices, newest first (drafts are internal and not shown)."""
    return list(db.session.scalars(select(Invoice).where(
        Invoice.user_id == user.id, Invoice.status != "draft").order_by(Invoice.id.desc())))


def visible_invoice(user: User, invoice_id: int) -> Invoice | None:
    """The invoice if ``user`` may see it: its buyer, or an admin. Support agents never do."""
    invoice = db.session.get(Invoice, invoice_id)
    if invoice is None or invoice.status == "draft":
        return None
    if invoice.user_id == user.id or "admin" in user.roles:
        return invoice
    return None


@dataclass
class StatementResult:
    line: int
    outcome: str  # matched | already_paid | no_invoice | amount_differs | unreadable
    number: str = ""


def import_statement(data: str) -> list[StatementResult]:
    """Matches bank statement lines (CSV: date, amount, memo) to open invoices.

    A line matches when its memo holds an invoice number and the amount is the invoice total;
    anything else is reported for a person to look at, never guessed."""
    results = []
    for index, row in enumerate(csv.reader(io.StringIO(data)), start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        try:
            day, amount_text, memo = row[0].strip(), row[1], ",".join(row[2:])
            amount = int(amount_text.replace(",", "").replace("원", "").strip())
            date.fromisoformat(day)
        except (IndexError, ValueError):
            if index == 1:
                continue  # a header line
            results.append(StatementResult(index, "unreadable"))
            continue
        match = NUMBER_RE.search(memo.upper())
        invoice = db.session.scalar(select(Invoice).where(Invoice.number == match.group(0))) \
            if match else None
        if invoice is None:
            results.append(StatementResult(index, "no_invoice"))
        elif invoice.status == "paid":
            results.append(StatementResult(index, "already_paid", invoice.number))
        elif invoice.status not in OPEN_STATES or invoice.total_krw != amount:
            results.append(StatementResult(index, "amount_differs", invoice.number))
        else:
            mark_paid(invoice, method="bank_transfer",
                      reference=f"{day} {memo.strip()}")
            results.append(StatementResult(index, "matched", invoice.number))
    return results
