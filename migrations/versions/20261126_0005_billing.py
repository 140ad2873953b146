"""billing: subscriptions, invoices, lines, credit notes, counters; immutability triggers

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 09:31:15.623290
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.db import JSONType, UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Issued invoices are immutable in money and party fields, move only along
# issued → paid | void | uncollectible and uncollectible → paid | void, and only drafts are
# deleted; their lines and credit notes freeze with them. Enforced here so that no code path
# (a buggy operation, a console session) can rewrite a document a customer already received.
GUARDED = (
    "number",
    "user_id",
    "idempotency_key",
    "locale",
    "seller",
    "buyer_name",
    "buyer_business_number",
    "buyer_address",
    "buyer_email",
    "period_start",
    "period_end",
    "total_krw",
    "supply_krw",
    "vat_krw",
    "issued_on",
    "due_on",
    "issued_at",
)
_new = ", ".join(f"NEW.{c}" for c in GUARDED)
_old = ", ".join(f"OLD.{c}" for c in GUARDED)

PG_TRIGGERS = (
    f"""
CREATE FUNCTION ww_invoices_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'invoice % is %: only drafts can be deleted', OLD.number, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'draft' THEN
    IF NEW.status NOT IN ('draft', 'issued') THEN
      RAISE EXCEPTION 'a draft invoice can only be issued' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.status = 'issued' AND NEW.number IS NULL THEN
      RAISE EXCEPTION 'an issued invoice needs a number' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF ROW({_new}) IS DISTINCT FROM ROW({_old}) THEN
    RAISE EXCEPTION 'invoice % is issued: its money and party fields cannot change', OLD.number
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.pdf_sha256 IS NOT NULL AND (NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256
                                     OR NEW.pdf IS DISTINCT FROM OLD.pdf) THEN
    RAISE EXCEPTION 'invoice % already has its PDF', OLD.number
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'issued' AND NEW.status IN ('paid', 'void', 'uncollectible'))
    OR (OLD.status = 'uncollectible' AND NEW.status IN ('paid', 'void'))) THEN
    RAISE EXCEPTION 'invoice % cannot go from % to %', OLD.number, OLD.status, NEW.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$
""",
    """
CREATE TRIGGER ww_invoices_guard BEFORE UPDATE OR DELETE ON invoices
FOR EACH ROW EXECUTE FUNCTION ww_invoices_guard()
""",
    """
CREATE FUNCTION ww_invoice_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_status text;
BEGIN
  SELECT status INTO parent_status FROM invoices
   WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.invoice_id ELSE NEW.invoice_id END);
  IF parent_status IS NOT NULL AND parent_status <> 'draft' THEN
    RAISE EXCEPTION 'the lines of an issued invoice cannot change'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.invoice_id <> OLD.invoice_id THEN
    RAISE EXCEPTION 'a line cannot move to another invoice'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$
""",
    """
CREATE TRIGGER ww_invoice_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
FOR EACH ROW EXECUTE FUNCTION ww_invoice_lines_guard()
""",
    """
CREATE FUNCTION ww_credit_notes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  inv invoices%ROWTYPE;
  credited integer;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.pdf_sha256 IS NULL
     AND ROW(NEW.number, NEW.invoice_id, NEW.reason, NEW.resolution, NEW.total_krw,
             NEW.supply_krw, NEW.vat_krw, NEW.issued_at)
         IS NOT DISTINCT FROM ROW(OLD.number, OLD.invoice_id, OLD.reason, OLD.resolution,
             OLD.total_krw, OLD.supply_krw, OLD.vat_krw, OLD.issued_at) THEN
    RETURN NEW;  -- its PDF, stored once (or its author's account removed)
  END IF;
  IF TG_OP = 'UPDATE' AND ROW(NEW.number, NEW.invoice_id, NEW.reason, NEW.resolution,
             NEW.total_krw, NEW.supply_krw, NEW.vat_krw, NEW.issued_at, NEW.pdf,
             NEW.pdf_sha256)
         IS NOT DISTINCT FROM ROW(OLD.number, OLD.invoice_id, OLD.reason, OLD.resolution,
             OLD.total_krw, OLD.supply_krw, OLD.vat_krw, OLD.issued_at, OLD.pdf,
             OLD.pdf_sha256) THEN
    RETURN NEW;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'credit notes are never changed or deleted'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  SELECT * INTO inv FROM invoices WHERE id = NEW.invoice_id FOR UPDATE;
  IF inv.status NOT IN ('issued', 'paid', 'uncollectible') THEN
    RAISE EXCEPTION 'only an issued invoice can be credited'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  SELECT COALESCE(SUM(total_krw), 0) INTO credited FROM credit_notes
   WHERE invoice_id = NEW.invoice_id;
  IF credited + NEW.total_krw > inv.total_krw THEN
    RAISE EXCEPTION 'credit notes cannot exceed the invoice total'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$
""",
    """
CREATE TRIGGER ww_credit_notes_guard BEFORE INSERT OR UPDATE OR DELETE ON credit_notes
FOR EACH ROW EXECUTE FUNCTION ww_credit_notes_guard()
""",
)
PG_DROP = (
    "DROP TRIGGER IF EXISTS ww_credit_notes_guard ON credit_notes",
    "DROP TRIGGER IF EXISTS ww_invoice_lines_guard ON invoice_lines",
    "DROP TRIGGER IF EXISTS ww_invoices_guard ON invoices",
    "DROP FUNCTION IF EXISTS ww_credit_notes_guard()",
    "DROP FUNCTION IF EXISTS ww_invoice_lines_guard()",
    "DROP FUNCTION IF EXISTS ww_invoices_guard()",
)

# SQLite (the embedded default) gets the same update rules. Deletes are left to the code there:
# the test suite's SQLite clean-up deletes rows table by table, which a delete trigger would stop.
_changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in GUARDED)
SQLITE_TRIGGERS = (
    f"""
CREATE TRIGGER ww_invoices_immutable BEFORE UPDATE ON invoices
WHEN OLD.status <> 'draft' AND ({_changed}
  OR (OLD.pdf_sha256 IS NOT NULL AND (NEW.pdf_sha256 IS NOT OLD.pdf_sha256 OR NEW.pdf IS NOT OLD.pdf)))
BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot change its money and party fields'); END
""",
    """
CREATE TRIGGER ww_invoices_status_flow BEFORE UPDATE OF status ON invoices
WHEN NEW.status IS NOT OLD.status AND NOT (
     (OLD.status = 'draft' AND NEW.status = 'issued' AND NEW.number IS NOT NULL)
  OR (OLD.status = 'issued' AND NEW.status IN ('paid', 'void', 'uncollectible'))
  OR (OLD.status = 'uncollectible' AND NEW.status IN ('paid', 'void')))
BEGIN SELECT RAISE(ABORT, 'this invoice status change is not allowed'); END
""",
    """
CREATE TRIGGER ww_invoice_lines_frozen_insert BEFORE INSERT ON invoice_lines
WHEN (SELECT status FROM invoices WHERE id = NEW.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot change'); END
""",
    """
CREATE TRIGGER ww_invoice_lines_frozen_update BEFORE UPDATE ON invoice_lines
WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot change'); END
""",
    """
CREATE TRIGGER ww_credit_notes_frozen BEFORE UPDATE ON credit_notes
WHEN NEW.number IS NOT OLD.number OR NEW.invoice_id IS NOT OLD.invoice_id
  OR NEW.reason IS NOT OLD.reason OR NEW.resolution IS NOT OLD.resolution
  OR NEW.total_krw IS NOT OLD.total_krw OR NEW.supply_krw IS NOT OLD.supply_krw
  OR NEW.vat_krw IS NOT OLD.vat_krw OR NEW.issued_at IS NOT OLD.issued_at
  OR (OLD.pdf_sha256 IS NOT NULL AND (NEW.pdf IS NOT OLD.pdf OR NEW.pdf_sha256 IS NOT OLD.pdf_sha256))
BEGIN SELECT RAISE(ABORT, 'credit notes are never changed'); END
""",
)
SQLITE_TRIGGER_NAMES = (
    "ww_invoices_immutable",
    "ww_invoices_status_flow",
    "ww_invoice_lines_frozen_insert",
    "ww_invoice_lines_frozen_update",
    "ww_credit_notes_frozen",
)


def upgrade() -> None:
    op.create_table(
        "document_counters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_counters")),
        sa.UniqueConstraint("kind", "year", name=op.f("uq_document_counters_kind_year")),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("plan_code", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("trial_ends_on", sa.Date(), nullable=True),
        sa.Column("current_period_start", sa.Date(), nullable=True),
        sa.Column("current_period_end", sa.Date(), nullable=True),
        sa.Column("cancel_at_period_end", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("comped_until", sa.Date(), nullable=True),
        sa.Column("credit_krw", sa.Integer(), server_default="0", nullable=False),
        sa.Column("past_due_since", sa.Date(), nullable=True),
        sa.Column("canceled_at", UTCDateTime(), nullable=True),
        sa.Column("buyer_name", sa.String(length=100), server_default="", nullable=False),
        sa.Column("buyer_business_number", sa.String(length=12), server_default="", nullable=False),
        sa.Column("buyer_address", sa.String(length=200), server_default="", nullable=False),
        sa.Column("buyer_email", sa.String(length=254), server_default="", nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_subscriptions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriptions")),
        sa.UniqueConstraint("user_id", name=op.f("uq_subscriptions_user_id")),
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=80), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("seller", JSONType, nullable=False),
        sa.Column("buyer_name", sa.String(length=100), nullable=False),
        sa.Column("buyer_business_number", sa.String(length=12), nullable=False),
        sa.Column("buyer_address", sa.String(length=200), nullable=False),
        sa.Column("buyer_email", sa.String(length=254), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("total_krw", sa.Integer(), nullable=False),
        sa.Column("supply_krw", sa.Integer(), nullable=False),
        sa.Column("vat_krw", sa.Integer(), nullable=False),
        sa.Column("payment_method", sa.String(length=24), nullable=False),
        sa.Column("payment_reference", sa.String(length=100), server_default="", nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("issued_at", UTCDateTime(), nullable=True),
        sa.Column("paid_at", UTCDateTime(), nullable=True),
        sa.Column("voided_at", UTCDateTime(), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "supply_krw + vat_krw = total_krw", name=op.f("ck_invoices_vat_adds_up")
        ),
        sa.CheckConstraint("total_krw >= 0", name=op.f("ck_invoices_total_not_negative")),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["subscriptions.id"],
            name=op.f("fk_invoices_subscription_id_subscriptions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_invoices_user_id_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_invoices_idempotency_key")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
    )
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoices_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_user_id"), ["user_id"], unique=False)

    op.create_table(
        "credit_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("resolution", sa.String(length=16), nullable=False),
        sa.Column("total_krw", sa.Integer(), nullable=False),
        sa.Column("supply_krw", sa.Integer(), nullable=False),
        sa.Column("vat_krw", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "supply_krw + vat_krw = total_krw", name=op.f("ck_credit_notes_vat_adds_up")
        ),
        sa.CheckConstraint("total_krw > 0", name=op.f("ck_credit_notes_total_positive")),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_credit_notes_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_credit_notes_invoice_id_invoices"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_notes")),
        sa.UniqueConstraint("number", name=op.f("uq_credit_notes_number")),
    )
    with op.batch_alter_table("credit_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_credit_notes_invoice_id"), ["invoice_id"], unique=False
        )

    op.create_table(
        "invoice_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_krw", sa.Integer(), nullable=False),
        sa.Column("amount_krw", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_invoice_lines_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_lines")),
    )
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_lines_invoice_id"), ["invoice_id"], unique=False
        )

    for statement in PG_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in PG_DROP:
            op.execute(statement)
    else:
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_lines_invoice_id"))

    op.drop_table("invoice_lines")
    with op.batch_alter_table("credit_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_credit_notes_invoice_id"))

    op.drop_table("credit_notes")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoices_user_id"))
        batch_op.drop_index(batch_op.f("ix_invoices_status"))

    op.drop_table("invoices")
    op.drop_table("subscriptions")
    op.drop_table("document_counters")
