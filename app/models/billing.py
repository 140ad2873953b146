"""Billing: an owner's subscription, invoices with their lines, credit notes, number counters.

Money is integer KRW, VAT-inclusive on lines (Korean consumer prices are quoted with VAT).
Issued invoices are immutable in money and party fields; the database enforces it with
triggers created by migration 0005 (see docs/billing.md), not only this code.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, JSONType, UTCDateTime, utcnow

SUBSCRIPTION_STATES = ("trialing", "active", "past_due", "canceled")
INVOICE_STATES = ("draft", "issued", "paid", "void", "uncollectible")


class Subscription(Base):
    """An owner's plan and billing period, plus the buyer details printed on invoices.

    One per user; created the first time the owner changes plan or saves billing details.
    A user without one is on the sign-up trial (see app/billing/subscriptions.py)."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    plan_code: Mapped[str] = mapped_column(String(24), default="free")
    status: Mapped[str] = mapped_column(String(16), default="active")
    trial_ends_on: Mapped[date | None] = mapped_column(Date)
    current_period_start: Mapped[date | None] = mapped_column(Date)
    current_period_end: Mapped[date | None] = mapped_column(Date)
    cancel_at_period_end: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="0"
    )
    # An admin's gift: the plan is free of charge until this day (inclusive).
    comped_until: Mapped[date | None] = mapped_column(Date)
    # Credit from a downgrade's proration, taken off the next invoices (KRW, VAT-inclusive).
    credit_krw: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    past_due_since: Mapped[date | None] = mapped_column(Date)
    canceled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    buyer_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    buyer_business_number: Mapped[str] = mapped_column(String(12), default="", server_default="")
    buyer_address: Mapped[str] = mapped_column(String(200), default="", server_default="")
    buyer_email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Invoice(Base):
    """A receipt (거래명세서) for one charge. draft → issued → paid | void | uncollectible.

    ``number`` (WW-2026-000123) is given only at issue, gapless per year. ``pdf`` is rendered
    once after issue and never changes (``pdf_sha256`` is its hash)."""

    __tablename__ = "invoices"
    __table_args__ = (
        CheckConstraint("supply_krw + vat_krw = total_krw", name="vat_adds_up"),
        CheckConstraint("total_krw >= 0", name="total_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), index=True
    )
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="SET NULL")
    )
    # Makes repeatable work (the monthly run) create each invoice once: "renewal:<sub>:<day>".
    idempotency_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    locale: Mapped[str] = mapped_column(String(8), default="ko")
    seller: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    buyer_name: Mapped[str] = mapped_column(String(100), default="")
    buyer_business_number: Mapped[str] = mapped_column(String(12), default="")
    buyer_address: Mapped[str] = mapped_column(String(200), default="")
    buyer_email: Mapped[str] = mapped_column(String(254), default="")
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    total_krw: Mapped[int] = mapped_column(Integer, default=0)
    supply_krw: Mapped[int] = mapped_column(Integer, default=0)
    vat_krw: Mapped[int] = mapped_column(Integer, default=0)
    payment_method: Mapped[str] = mapped_column(String(24), default="bank_transfer")
    payment_reference: Mapped[str] = mapped_column(String(100), default="", server_default="")
    issued_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="invoice", cascade="all, delete-orphan", order_by="InvoiceLine.position"
    )
    credit_notes: Mapped[list[CreditNote]] = relationship(
        back_populates="invoice", order_by="CreditNote.id"
    )

    @property
    def credited_krw(self) -> int:
        return sum(note.total_krw for note in self.credit_notes)


class InvoiceLine(Base):
    """One line of an invoice: VAT-inclusive KRW (negative for a credit taken off)."""

    __tablename__ = "invoice_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    unit_price_krw: Mapped[int] = mapped_column(Integer)
    amount_krw: Mapped[int] = mapped_column(Integer)

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class CreditNote(Base):
    """A correction of an issued invoice (which itself never changes).

    ``resolution`` says where the money goes: refund, account credit or out of band."""

    __tablename__ = "credit_notes"
    __table_args__ = (
        CheckConstraint("supply_krw + vat_krw = total_krw", name="vat_adds_up"),
        CheckConstraint("total_krw > 0", name="total_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="RESTRICT"), index=True
    )
    reason: Mapped[str] = mapped_column(String(200))
    resolution: Mapped[str] = mapped_column(String(16))
    total_krw: Mapped[int] = mapped_column(Integer)
    supply_krw: Mapped[int] = mapped_column(Integer)
    vat_krw: Mapped[int] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))

    invoice: Mapped[Invoice] = relationship(back_populates="credit_notes")


class DocumentCounter(Base):
    """The last number given per kind (invoice, credit note) and year; its row lock makes
    numbering gapless under concurrency (a rolled-back issue rolls the counter back too)."""

    __tablename__ = "document_counters"
    __table_args__ = (UniqueConstraint("kind", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer, default=0)
