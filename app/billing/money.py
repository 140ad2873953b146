"""Money arithmetic in integer KRW: the VAT split and proration, with documented rounding."""

from __future__ import annotations

from dataclasses import dataclass

VAT_RATE_PERCENT = 10


@dataclass(frozen=True)
class VatSplit:
    supply: int  # 공급가액
    vat: int  # 부가세
    total: int  # 합계


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest integer, halves away from zero.

    Integer-only, so no float error ever reaches an invoice."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    sign = -1 if numerator < 0 else 1
    return sign * ((2 * abs(numerator) + denominator) // (2 * denominator))


def split_vat(total: int) -> VatSplit:
    """Splits a VAT-inclusive total: 공급가액 = round(total / 1.1), 세액 = total − 공급가액.

    The supply amount is rounded half up to the won and the VAT takes the rest, so
    supply + VAT = total always (the database checks this too)."""
    if total < 0:
        raise ValueError("a total cannot be negative")
    supply = round_half_up(total * 100, 100 + VAT_RATE_PERCENT)
    return VatSplit(supply=supply, vat=total - supply, total=total)


def prorate(amount: int, remaining_days: int, period_days: int) -> int:
    """The share of ``amount`` (a monthly price difference, may be negative) for the days left
    in the period, rounded half away from zero to the won."""
    if period_days <= 0 or not 0 <= remaining_days <= period_days:
        raise ValueError("remaining days must lie within the period")
    return round_half_up(amount * remaining_days, period_days)
