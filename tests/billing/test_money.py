"""VAT split and proration: integer KRW, documented rounding, properties that always hold."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from app.billing.money import prorate, round_half_up, split_vat


@given(st.integers(min_value=0, max_value=10**12))
def test_supply_plus_vat_is_always_the_total(total):
    split = split_vat(total)
    assert split.supply + split.vat == split.total == total
    assert 0 <= split.vat <= split.supply or total == 0


@given(st.integers(min_value=0, max_value=10**12))
def test_supply_is_the_total_over_1_1_rounded_to_the_nearest_won(total):
    exact = Fraction(total * 10, 11)
    supply = split_vat(total).supply
    assert abs(supply - exact) <= Fraction(1, 2)
    if exact - int(exact) == Fraction(1, 2):
        assert supply == int(exact) + 1  # halves go up


def test_known_prices_split_as_documented():
    assert (split_vat(29_000).supply, split_vat(29_000).vat) == (26_364, 2_636)
    assert (split_vat(9_900).supply, split_vat(9_900).vat) == (9_000, 900)
    assert (split_vat(11).supply, split_vat(11).vat) == (10, 1)
    assert (split_vat(1).supply, split_vat(1).vat) == (1, 0)
    assert (split_vat(0).supply, split_vat(0).vat) == (0, 0)


def test_a_negative_total_is_refused():
    with pytest.raises(ValueError):
        split_vat(-1)


@given(st.integers(-10**9, 10**9), st.integers(1, 10**6))
def test_round_half_up_is_within_half_and_symmetric(numerator, denominator):
    value = round_half_up(numerator, denominator)
    assert abs(value - Fraction(numerator, denominator)) <= Fraction(1, 2)
    assert round_half_up(-numerator, denominator) == -value


@given(st.integers(-200_000, 200_000), st.integers(28, 31), st.data())
def test_proration_is_the_share_of_days_left(amount, period, data):
    remaining = data.draw(st.integers(0, period))
    value = prorate(amount, remaining, period)
    assert abs(value - Fraction(amount * remaining, period)) <= Fraction(1, 2)
    assert prorate(amount, period, period) == amount
    assert prorate(amount, 0, period) == 0


def test_proration_examples():
    # Starter (9,900) → Pro (29,000) with 15 of 30 days left: half the difference.
    assert prorate(29_000 - 9_900, 15, 30) == 9_550
    # Pro → Starter with 10 of 31 days left: a credit of 6,161.29… → 6,161.
    assert prorate(9_900 - 29_000, 10, 31) == -6_161


def test_proration_outside_the_period_is_refused():
    with pytest.raises(ValueError):
        prorate(100, 31, 30)
