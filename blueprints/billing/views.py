"""Billing: the owner's plan, usage and invoices; the admin's invoices, payments and credits.

An invoice is seen by its buyer and by admins only; anyone else (a support agent included)
gets 404, like any object of another tenant.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.auth import role_required
from app.billing import invoices, subscriptions
from app.billing.jobs import render_credit_note_pdf, render_invoice_pdf, run_billing_job
from app.billing.limits import usage
from app.billing.payments import PROVIDERS
from app.billing.pdf import render_credit_html, render_html
from app.billing.plans import LIMIT_LABELS, ORDER, PLANS, storage_text
from app.db import db
from app.domain import Refused
from app.htmx import form_error, redirect_to
from app.jobs import enqueue
from app.models import CreditNote, Invoice, Subscription, User

bp = Blueprint("billing", __name__, url_prefix="/billing", template_folder="templates")


@bp.app_context_processor
def _billing_helpers():
    from app.billing.invoices import status_labels

    return {"invoice_status": lambda status: status_labels()[status]}


def _owner_context(errors: dict | None = None) -> dict:
    state = subscriptions.plan_state(current_user)
    sub = subscriptions.subscription_of(current_user)
    used = {name: usage(current_user, name) for name in ("sites", "storage_bytes")}
    return dict(state=state, plans=[PLANS[c] for c in ORDER], used=used, storage_text=storage_text,
                limit_labels=LIMIT_LABELS, invoices=invoices.invoices_of(current_user),
                details=sub, errors=errors or {})


@bp.get("/")
@login_required
def index():
    return render_template("billing/index.html", **_owner_context())


def _issued(invoice: Invoice | None) -> None:
    """After the commit: the PDF is rendered once, in a job."""
    if invoice is not None:
        enqueue(render_invoice_pdf, invoice.id)


@bp.post("/plan")
@login_required
def change_plan():
    try:
        invoice = subscriptions.change_plan(current_user, request.form.get("plan", ""))
    except Refused as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect_to(url_for("billing.index"))
    db.session.commit()
    _issued(invoice)
    state = subscriptions.plan_state(current_user)
    if invoice is not None:
        flash(_("You are now on the %(plan)s plan. Your receipt %(number)s is ready; please "
                "pay it by bank transfer.", plan=str(state.chosen.name), number=invoice.number),
              "success")
        return redirect_to(url_for("billing.invoice", invoice_id=invoice.id))
    if state.cancel_at_period_end:
        flash(_("Your %(plan)s plan stays until %(day)s, then you move to Free. Nothing is "
                "deleted.", plan=str(state.chosen.name), day=state.period_last_day), "success")
    else:
        flash(_("You are now on the %(plan)s plan.", plan=str(state.chosen.name)), "success")
    return redirect_to(url_for("billing.index"))


def _subscription_action(action, done: str):
    """Cancel at period end, or resume: the refusal or ``done`` as a message, back to billing."""
    try:
        action(current_user)
    except Refused as exc:
        flash(exc.message, "error")
        return redirect_to(url_for("billing.index"))
    db.session.commit()
    flash(done, "success")
    return redirect_to(url_for("billing.index"))


@bp.post("/cancel")
@login_required
def cancel():
    return _subscription_action(subscriptions.cancel, _(
        "Your plan ends at the end of this period. You can keep it until then."))


@bp.post("/resume")
@login_required
def resume():
    return _subscription_action(subscriptions.resume, _("Your plan continues."))


@bp.post("/details")
@login_required
def save_details():
    errors = subscriptions.save_billing_details(current_user, request.form)
    if errors:
        db.session.rollback()
        errors["__all__"] = _("Some details need fixing. Nothing was saved.")
        return form_error("billing/index.html", "billing/_details_form.html",
                          **_owner_context(errors))
    db.session.commit()
    flash(_("Billing details saved. They are printed on your next receipts."), "success")
    return redirect_to(url_for("billing.index"))


def _visible_or_404(invoice_id: int) -> Invoice:
    invoice = invoices.visible_invoice(current_user, invoice_id)
    if invoice is None:
        abort(404)
    return invoice


@bp.get("/invoices/<int:invoice_id>")
@login_required
def invoice(invoice_id: int):
    """The printable receipt (print CSS); the same document the PDF is made from."""
    inv = _visible_or_404(invoice_id)
    back = url_for("billing.admin_invoice", invoice_id=inv.id) \
        if inv.user_id != current_user.id else url_for("billing.index")
    html = render_html(inv, for_pdf=False, back_url=back,
                       pdf_url=url_for("billing.invoice_pdf", invoice_id=inv.id))
    return Response(html, mimetype="text/html")


@bp.get("/invoices/<int:invoice_id>.pdf")
@login_required
def invoice_pdf(invoice_id: int):
    """The stored PDF, byte for byte as rendered at issue."""
    inv = _visible_or_404(invoice_id)
    return _stored_pdf(inv, db.session.scalar(select(Invoice.pdf).where(Invoice.id == inv.id)),
                       render_invoice_pdf,
                       url_for("billing.invoice_pdf", invoice_id=inv.id),
                       url_for("billing.invoice", invoice_id=inv.id))


def _stored_pdf(document, data: bytes | None, render_job, retry_url: str, page_url: str):
    """A receipt's or credit note's stored PDF, byte for byte as rendered at issue; while the
    job that renders it right after issue has not finished (the first seconds), a page that
    says so and retries."""
    if data is None:
        enqueue(render_job, document.id)
        return render_template("billing/pdf_pending.html", retry_url=retry_url,
                               page_url=page_url), 202
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{document.number}.pdf"',
        "ETag": f'"{document.pdf_sha256}"', "Cache-Control": "private, max-age=0"})


def _visible_note_or_404(note_id: int) -> CreditNote:
    note = db.session.get(CreditNote, note_id)
    if note is None or invoices.visible_invoice(current_user, note.invoice_id) is None:
        abort(404)
    return note


@bp.get("/credit-notes/<int:note_id>")
@login_required
def credit_note(note_id: int):
    """The printable credit note; it refers to the receipt it corrects."""
    note = _visible_note_or_404(note_id)
    html = render_credit_html(note, for_pdf=False,
                              back_url=url_for("billing.invoice", invoice_id=note.invoice_id),
                              pdf_url=url_for("billing.credit_note_pdf", note_id=note.id))
    return Response(html, mimetype="text/html")


@bp.get("/credit-notes/<int:note_id>.pdf")
@login_required
def credit_note_pdf(note_id: int):
    note = _visible_note_or_404(note_id)
    return _stored_pdf(note, db.session.scalar(
        select(CreditNote.pdf).where(CreditNote.id == note.id)), render_credit_note_pdf,
        url_for("billing.credit_note_pdf", note_id=note.id),
        url_for("billing.credit_note", note_id=note.id))


# ---------------------------------------------------------------- admin


def _admin_invoice_or_404(invoice_id: int) -> Invoice:
    inv = db.session.get(Invoice, invoice_id)
    if inv is None or inv.status == "draft":
        abort(404)
    return inv


@bp.get("/admin")
@role_required("admin")
def admin():
    status = request.args.get("status", "")
    query = select(Invoice).where(Invoice.status != "draft").order_by(Invoice.id.desc())
    if status in ("issued", "paid", "void", "uncollectible"):
        query = query.where(Invoice.status == status)
    rows = list(db.session.scalars(query.limit(200)))
    users = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_({i.user_id for i in rows})))} if rows else {}
    subs = list(db.session.execute(
        select(Subscription, User).join(User, User.id == Subscription.user_id)
        .order_by(Subscription.id.desc()).limit(200)))
    return render_template("billing/admin.html", invoices=rows, users=users, status=status,
                           subscriptions=subs, plans=[PLANS[c] for c in ORDER],
                           plan_names={c: PLANS[c].name for c in ORDER}, results=None)


@bp.get("/admin/invoices/<int:invoice_id>")
@role_required("admin")
def admin_invoice(invoice_id: int):
    inv = _admin_invoice_or_404(invoice_id)
    return render_template("billing/admin_invoice.html", inv=inv,
                           buyer=db.session.get(User, inv.user_id), errors={},
                           providers=PROVIDERS)


def _admin_action(invoice_id: int, action, done: str):
    inv = _admin_invoice_or_404(invoice_id)
    try:
        action(inv)
    except Refused as exc:
        db.session.rollback()
        inv = _admin_invoice_or_404(invoice_id)
        return render_template("billing/admin_invoice.html", inv=inv,
                               buyer=db.session.get(User, inv.user_id),
                               errors={exc.field or "__all__": exc.message},
                               providers=PROVIDERS), 422
    db.session.commit()
    flash(done, "success")
    return redirect_to(url_for("billing.admin_invoice", invoice_id=invoice_id))


@bp.post("/admin/invoices/<int:invoice_id>/paid")
@role_required("admin")
def admin_mark_paid(invoice_id: int):
    return _admin_action(invoice_id, lambda inv: invoices.mark_paid(
        inv, method=request.form.get("method", "bank_transfer"),
        reference=request.form.get("reference", "")), _("Marked as paid."))


@bp.post("/admin/invoices/<int:invoice_id>/void")
@role_required("admin")
def admin_void(invoice_id: int):
    return _admin_action(invoice_id, invoices.void, _("The invoice is void."))


@bp.post("/admin/invoices/<int:invoice_id>/uncollectible")
@role_required("admin")
def admin_uncollectible(invoice_id: int):
    return _admin_action(invoice_id, invoices.mark_uncollectible,
                         _("Marked as uncollectible."))


@bp.post("/admin/invoices/<int:invoice_id>/credit")
@role_required("admin")
def admin_credit(invoice_id: int):
    issued = []

    def action(inv):
        raw = request.form.get("amount", "").replace(",", "").strip()
        if not raw.isdigit():
            raise Refused(_("Enter the amount in won, digits only."), "amount")
        issued.append(invoices.credit(inv, int(raw), request.form.get("reason", ""),
                                      request.form.get("resolution", ""), current_user))

    response = _admin_action(invoice_id, action, _("Credit note issued."))
    for note in issued:
        if response.status_code == 303 or response.status_code == 204:
            enqueue(render_credit_note_pdf, note.id)  # after the commit
    return response


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.post("/admin/users/<int:user_id>/comp")
@role_required("admin")
def admin_comp(user_id: int):
    user = _user_or_404(user_id)
    try:
        until = date.fromisoformat(request.form.get("until", ""))
    except ValueError:
        flash(_("Enter the last day as YYYY-MM-DD."), "error")
        return redirect_to(url_for("billing.admin"))
    try:
        subscriptions.comp(user, request.form.get("plan", ""), until)
    except Refused as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect_to(url_for("billing.admin"))
    db.session.commit()
    flash(_("%(email)s has the plan free of charge until %(day)s.", email=user.email,
            day=until.isoformat()), "success")
    return redirect_to(url_for("billing.admin"))


@bp.post("/admin/users/<int:user_id>/extend")
@role_required("admin")
def admin_extend(user_id: int):
    user = _user_or_404(user_id)
    days = request.form.get("days", "").strip()
    try:
        subscriptions.extend(user, int(days) if days.isdigit() else 0)
    except Refused as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect_to(url_for("billing.admin"))
    db.session.commit()
    flash(_("Extended by %(n)s days for %(email)s.", n=days, email=user.email), "success")
    return redirect_to(url_for("billing.admin"))


@bp.post("/admin/account")
@role_required("admin")
def admin_account():
    """Comp or extend by email: also for accounts still on the sign-up trial (no row yet)."""
    from app.accounts.operations import find_user_by_email

    user = find_user_by_email(request.form.get("email", "").strip())
    if user is None:
        flash(_("No account has this email address. Check it and try again."), "error")
        return redirect_to(url_for("billing.admin"))
    if request.form.get("action") == "extend":
        return admin_extend(user.id)
    return admin_comp(user.id)


@bp.post("/admin/statement")
@role_required("admin")
def admin_statement():
    results = invoices.import_statement(request.form.get("statement", ""))
    db.session.commit()
    flash(_("%(n)d payment(s) matched.", n=sum(r.outcome == "matched" for r in results)),
          "success")
    rows = list(db.session.scalars(select(Invoice).where(Invoice.status != "draft")
                                   .order_by(Invoice.id.desc()).limit(200)))
    users = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_({i.user_id for i in rows})))} if rows else {}
    return render_template("billing/admin.html", invoices=rows, users=users, status="",
                           subscriptions=[], plans=[PLANS[c] for c in ORDER],
                           plan_names={c: PLANS[c].name for c in ORDER}, results=results)


@bp.post("/admin/run")
@role_required("admin")
def admin_run():
    enqueue(run_billing_job)
    flash(_("The billing run has started."), "success")
    return redirect_to(url_for("billing.admin"))
