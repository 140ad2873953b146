"""How customers pay: providers behind one small interface.

An invoice only stores the provider's code (``payment_method``) and a reference; what the
invoice prints about paying comes from ``instructions()``. A card provider is another class
registered in PROVIDERS whose webhook calls ``invoices.mark_paid`` — invoices stay untouched.
"""

from __future__ import annotations

from typing import Protocol

from flask import current_app
from flask_babel import lazy_gettext as _l


class PaymentProvider(Protocol):
    code: str
    label: object

    def instructions(self) -> dict[str, str]:
        """What the invoice prints so the customer can pay (empty when nothing is needed)."""
        ...


class BankTransfer:
    """The default: the customer transfers to our account with the invoice number as the
    depositor name; an admin marks it paid, or a bank statement line is matched."""

    code = "bank_transfer"
    label = _l("Bank transfer")

    def instructions(self) -> dict[str, str]:
        billing = current_app.config["BILLING"]
        return {"bank_name": billing["bank_name"], "bank_account": billing["bank_account"],
                "bank_holder": billing["bank_holder"]}


class AccountCredit:
    """An invoice fully covered by the account's credit (e.g. after a downgrade)."""

    code = "credit"
    label = _l("Account credit")

    def instructions(self) -> dict[str, str]:
        return {}


class Manual:
    """Paid some other way an admin recorded (cash, a correction)."""

    code = "manual"
    label = _l("Recorded by WindWalker")

    def instructions(self) -> dict[str, str]:
        return {}


PROVIDERS: dict[str, PaymentProvider] = {
    p.code: p for p in (BankTransfer(), AccountCredit(), Manual())
}
DEFAULT_PROVIDER = "bank_transfer"


def provider(code: str) -> PaymentProvider:
    return PROVIDERS.get(code) or PROVIDERS[DEFAULT_PROVIDER]
