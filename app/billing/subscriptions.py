"""Subscriptions: trial → active → past_due → canceled, plan changes with proration,
cancel at period end, an admin's comp or extension, and the monthly billing run.

A user without a Subscription row is on the sign-up trial (TRIAL_PLAN for TRIAL_DAYS from
sign-up), then on Free: reading a plan never writes. The row is created the first time the owner
changes plan or saves billing details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import force_locale, gettext as _
from sqlalchemy import select

from app.db import db, utcnow
from app.domain import Refused
from app.models import Invoice, Subscription, User
from app.sites.profile import business_number_is_valid, format_business_number

from . import dates, invoices
from .money import prorate
from .plans import PAST_DUE_GRACE_DAYS, PLANS, TRIAL_DAYS, TRIAL_PLAN, Plan, get_plan


@dataclass(frozen=True)
class PlanState:
    """What an owner has now: ``plan`` sets the limits; ``chosen`` is the plan they pay for."""

    plan: Plan
    chosen: Plan
    status: str
    trial_ends_on: date | None
    period_start: date | None
    period_end: date | None
    cancel_at_period_end: bool
    comped_until: date | None
    credit_krw: int

    @property
    def trialing(self) -> bool:
        return self.status == "trialing"

    @property
    def period_last_day(self) -> date | None:
        """The period's last day (periods are stored end-exclusive)."""
        return self.period_end - timedelta(days=1) if self.period_end else None


def subscription_of(user: User) -> Subscription | None:
    return db.session.scalar(select(Subscription).where(Subscription.user_id == user.id))


def _sign_up_trial_end(user: User) -> date:
    return dates.local_day(user.created_at) + timedelta(days=TRIAL_DAYS)


def plan_state(user: User, on: date | None = None) -> PlanState:
    on = on or dates.today()
    sub = subscription_of(user)
    free = PLANS["free"]
    if sub is None:
        trial_end = _sign_up_trial_end(user)
        if on < trial_end:
            return PlanState(PLANS[TRIAL_PLAN], free, "trialing", trial_end, None, None,
                             False, None, 0)
        return PlanState(free, free, "active", None, None, None, False, None, 0)
    chosen = get_plan(sub.plan_code)
    status = sub.status
    if status == "trialing" and sub.trial_ends_on and on < sub.trial_ends_on:
        plan = PLANS[TRIAL_PLAN] if chosen.is_free else chosen
    elif status == "trialing" or status == "canceled":
        plan = free
        status = "active" if status == "trialing" else status
    else:
        plan = chosen  # active or past_due: content and limits are kept while unpaid
    return PlanState(plan, chosen, status, sub.trial_ends_on, sub.current_period_start,
                     sub.current_period_end, sub.cancel_at_period_end, sub.comped_until,
                     sub.credit_krw)


def ensure_subscription(user: User) -> Subscription:
    """The user's row, created from the implicit state (sign-up trial or Free) if missing."""
    sub = subscription_of(user)
    if sub is not None:
        return sub
    trial_end = _sign_up_trial_end(user)
    trialing = dates.today() < trial_end
    sub = Subscription(user_id=user.id, plan_code="free",
                       status="trialing" if trialing else "active",
                       trial_ends_on=trial_end if trialing else None, credit_krw=0,
                       cancel_at_period_end=False)
    db.session.add(sub)
    db.session.flush()
    return sub


def _plan_line(user: User, plan: Plan, start: date, end: date) -> str:
    with force_locale(invoices.invoice_locale(user)):
        return _("WindWalker %(plan)s plan, %(start)s – %(end)s", plan=str(plan.name),
                 start=start.isoformat(), end=(end - timedelta(days=1)).isoformat())


def _take_credit(sub: Subscription, user: User, lines: list[tuple[str, int]]) -> None:
    """Takes the account's credit off ``lines`` (never below zero)."""
    due = sum(amount for _d, amount in lines)
    used = min(sub.credit_krw, due)
    if used > 0:
        with force_locale(invoices.invoice_locale(user)):
            lines.append((_("Account credit applied"), -used))
        sub.credit_krw -= used


def _charge(sub: Subscription, user: User, lines: list[tuple[str, int]],
            period: tuple[date, date], key: str | None, on: date) -> Invoice:
    _take_credit(sub, user, lines)
    draft = invoices.create_draft(user, lines, subscription=sub, period=period,
                                  idempotency_key=key)
    return invoices.issue(draft, on)


def change_plan(user: User, code: str, on: date | None = None) -> Invoice | None:
    """Moves the owner to plan ``code``. Returns the invoice issued for it, if any.

    - from a trial, Free or a canceled plan to a paid plan: a new monthly period starts today
      and its first month is invoiced;
    - between paid plans: the change is immediate and prorated for the days left in the period
      (an upgrade is invoiced now, a downgrade becomes account credit for the next invoices);
    - to Free: the paid plan is canceled at the end of the period (nothing is lost)."""
    on = on or dates.today()
    if code not in PLANS:
        raise Refused(_("Choose one of the plans."), "plan")
    new = PLANS[code]
    sub = ensure_subscription(user)
    state = plan_state(user, on)
    paying = sub.status in ("active", "past_due") and not state.chosen.is_free
    if sub.status == "past_due" and not new.is_free:
        raise Refused(_("Please pay the open invoice first; then you can change your plan."))
    if paying and code == sub.plan_code:
        if sub.cancel_at_period_end:
            sub.cancel_at_period_end = False  # choosing it again keeps it
            db.session.flush()
            return None
        raise Refused(_("You are already on this plan."), "plan")
    if new.is_free:
        if not paying:
            raise Refused(_("You are already on the Free plan."), "plan")
        sub.cancel_at_period_end = True
        db.session.flush()
        return None
    if not paying:
        end = dates.add_month(on)
        sub.plan_code, sub.status = code, "active"
        sub.current_period_start, sub.current_period_end = on, end
        sub.cancel_at_period_end, sub.canceled_at, sub.past_due_since = False, None, None
        db.session.flush()
        if sub.comped_until and sub.comped_until >= on:
            return None
        return _charge(sub, user, [(_plan_line(user, new, on, end), new.price_krw)],
                       (on, end), None, on)
    old = state.chosen
    start, end = sub.current_period_start, sub.current_period_end
    amount = prorate(new.price_krw - old.price_krw, (end - on).days, (end - start).days)
    sub.plan_code, sub.cancel_at_period_end = code, False
    db.session.flush()
    if sub.comped_until and sub.comped_until >= on:
        return None
    if amount < 0:
        sub.credit_krw += -amount
        db.session.flush()
        return None
    if amount == 0:
        return None
    with force_locale(invoices.invoice_locale(user)):
        line = _("Plan change %(old)s → %(new)s for %(days)d of %(total)d days left, "
                 "%(start)s – %(end)s", old=str(old.name), new=str(new.name),
                 days=(end - on).days, total=(end - start).days, start=on.isoformat(),
                 end=(end - timedelta(days=1)).isoformat())
    return _charge(sub, user, [(line, amount)], (on, end), None, on)


def cancel(user: User) -> None:
    sub = subscription_of(user)
    if sub is None or sub.status not in ("active", "past_due") or get_plan(sub.plan_code).is_free:
        raise Refused(_("There is no paid plan to cancel."))
    sub.cancel_at_period_end = True
    db.session.flush()


def resume(user: User) -> None:
    sub = subscription_of(user)
    if sub is None or not sub.cancel_at_period_end:
        raise Refused(_("Your plan is not set to end."))
    sub.cancel_at_period_end = False
    db.session.flush()


def comp(user: User, code: str, until: date) -> None:
    """An admin gives ``code`` free of charge until ``until`` (inclusive)."""
    if code not in PLANS:
        raise Refused(_("Choose one of the plans."), "plan")
    if until < dates.today():
        raise Refused(_("Choose a day from today on."), "until")
    if get_plan(code).is_free:
        raise Refused(_("Choose a paid plan to give."), "plan")
    sub = ensure_subscription(user)
    sub.comped_until = until
    if sub.status not in ("active", "past_due") or sub.plan_code != code:
        start = dates.today()
        sub.plan_code, sub.status = code, "active"
        sub.current_period_start, sub.current_period_end = start, dates.add_month(start)
    sub.cancel_at_period_end = False
    sub.past_due_since = None
    db.session.flush()


def extend(user: User, days: int) -> None:
    """An admin extends the trial (while trialing) or the current period by ``days``."""
    if not 1 <= days <= 366:
        raise Refused(_("Enter a number of days between 1 and 366."), "days")
    sub = ensure_subscription(user)
    if sub.status == "trialing" or (sub.status == "active" and get_plan(sub.plan_code).is_free):
        base = max(sub.trial_ends_on or dates.today(), dates.today())
        sub.status, sub.trial_ends_on = "trialing", base + timedelta(days=days)
    elif sub.current_period_end:
        sub.current_period_end += timedelta(days=days)
    else:
        raise Refused(_("There is nothing to extend."))
    db.session.flush()


def save_billing_details(user: User, form: dict[str, str]) -> dict[str, str]:
    """Validates and stores the buyer details printed on future invoices (issued ones keep
    what they printed). Returns field errors; nothing is saved when there are any."""
    name = " ".join(form.get("buyer_name", "").split())
    number = form.get("buyer_business_number", "").strip()
    address = " ".join(form.get("buyer_address", "").split())
    email = form.get("buyer_email", "").strip()
    errors = {}
    if len(name) > 100:
        errors["buyer_name"] = _("Use at most %(n)d characters.", n=100)
    if number and not business_number_is_valid(number):
        errors["buyer_business_number"] = _(
            "This is not a valid business registration number (10 digits, e.g. 220-81-62517).")
    if len(address) > 200:
        errors["buyer_address"] = _("Use at most %(n)d characters.", n=200)
    if email and ("@" not in email or len(email) > 254 or any(c.isspace() for c in email)):
        errors["buyer_email"] = _("Enter an email address like name@example.com.")
    if errors:
        return errors
    sub = ensure_subscription(user)
    sub.buyer_name = name
    sub.buyer_business_number = format_business_number(number) if number else ""
    sub.buyer_address = address
    sub.buyer_email = email
    db.session.flush()
    return {}


def payment_received(invoice: Invoice) -> None:
    """A past-due account becomes active again once nothing overdue is left."""
    if invoice.subscription_id is None:
        return
    sub = db.session.get(Subscription, invoice.subscription_id)
    if sub.status == "past_due" and not _overdue(sub, dates.today()):
        sub.status, sub.past_due_since = "active", None
        db.session.flush()


def _overdue(sub: Subscription, on: date) -> list[Invoice]:
    return list(db.session.scalars(select(Invoice).where(
        Invoice.subscription_id == sub.id, Invoice.status == "issued", Invoice.due_on < on)))


@dataclass
class RunReport:
    invoices: list[int]
    trials_ended: int = 0
    renewed: int = 0
    past_due: int = 0
    canceled: int = 0


def run_subscription(sub: Subscription, on: date, report: RunReport) -> None:
    """Brings one subscription up to ``on``. Safe to repeat: each renewal invoice has an
    idempotency key, and a period already advanced is not advanced again."""
    user = db.session.get(User, sub.user_id)
    if sub.status == "trialing" and sub.trial_ends_on and sub.trial_ends_on <= on:
        sub.status, sub.plan_code = "active", "free"  # the trial is over: Free limits
        report.trials_ended += 1
    if sub.status in ("active", "past_due") and not get_plan(sub.plan_code).is_free:
        while sub.current_period_end and sub.current_period_end <= on:
            if sub.cancel_at_period_end:
                sub.status, sub.plan_code, sub.canceled_at = "canceled", "free", utcnow()
                sub.cancel_at_period_end = False
                report.canceled += 1
                break
            start = sub.current_period_end
            end = dates.add_month(start, anchor_day=_anchor(sub))
            sub.current_period_start, sub.current_period_end = start, end
            report.renewed += 1
            key = f"renewal:{sub.id}:{start.isoformat()}"
            if sub.comped_until and sub.comped_until >= start:
                continue
            if db.session.scalar(select(Invoice.id).where(Invoice.idempotency_key == key)):
                continue
            plan = get_plan(sub.plan_code)
            invoice = _charge(sub, user, [(_plan_line(user, plan, start, end), plan.price_krw)],
                              (start, end), key, start)
            report.invoices.append(invoice.id)
    if sub.status == "active":
        overdue = _overdue(sub, on)
        if overdue:
            sub.status = "past_due"
            sub.past_due_since = min(i.due_on for i in overdue)
            report.past_due += 1
    if sub.status == "past_due" and sub.past_due_since and \
            sub.past_due_since + timedelta(days=PAST_DUE_GRACE_DAYS) <= on:
        # Unpaid too long: back to Free limits (content is kept; invoices stay open).
        sub.status, sub.plan_code, sub.canceled_at = "canceled", "free", utcnow()
        report.canceled += 1
    db.session.flush()


def _anchor(sub: Subscription) -> int:
    """The day of month periods renew on (the first period's start day)."""
    first = db.session.scalar(select(Invoice.period_start).where(
        Invoice.subscription_id == sub.id, Invoice.period_start.is_not(None))
        .order_by(Invoice.id).limit(1))
    return (first or sub.current_period_start).day


def due_subscription_ids(on: date) -> list[int]:
    """Subscriptions the run may have work for on ``on``."""
    return list(db.session.scalars(select(Subscription.id).where(
        Subscription.status.in_(("trialing", "active", "past_due"))).order_by(Subscription.id)))
