"""Rounding-aware comparison, including the half-unit edges."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.base import intervals as iv


def test_stated_value_covers_half_a_unit_either_side():
    i = iv.stated("28.6")
    assert i.contains(Fraction("28.55"))  # lower edge: included
    assert not i.contains(Fraction("28.65"))  # upper edge: excluded (round half up)
    assert i.contains(Fraction("28.649999"))
    assert not i.contains(Fraction("28.549999"))


def test_integer_percent_and_tera_yuan():
    assert iv.stated("78").contains(Fraction("77.5")) and not iv.stated("78").contains(Fraction("78.5"))
    assert iv.stated("2.1").contains(Fraction("2.05")) and not iv.stated("2.1").contains(Fraction("2.15"))


def test_restatements_at_the_boundary():
    assert not iv.stated("28.6").overlaps(iv.stated("28.7"))  # [28.55,28.65) vs [28.65,28.75)
    assert iv.stated("28.6").overlaps(iv.stated("28.65"))  # 28.645 .. 28.65 shared
    assert iv.stated("28").overlaps(iv.stated("28.4"))


def test_two_lower_bounds_are_compatible():
    assert iv.stated("300", ">").overlaps(iv.stated("400", ">"))  # 超300万 and 突破400万


def test_upper_and_lower_bound_conflict():
    assert not iv.stated("5", "<").overlaps(iv.stated("6", ">"))  # below 5.5 vs above 5.5
    assert iv.stated("5", "<").overlaps(iv.stated("5", ">"))


def test_about_is_wider_than_equal():
    assert iv.stated("100", "~").contains(104) and not iv.stated("100").contains(104)
    assert not iv.stated("100", "~").contains(106)


def test_implied_base_example():
    # 13.8万亿元 at 28.6% implies a total of about 48.3万亿元
    total = iv.div(iv.stated("13.8"), iv.scale(iv.stated("28.6"), Fraction(1, 100)))
    assert total.contains(Fraction("48.3"))
    assert not total.contains(Fraction("50"))


def test_unknown_bound_raises():
    with pytest.raises(ValueError):
        iv.stated("1", "≈")


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_a_value_is_inside_its_own_rounding(x):
    text = f"{x:.2f}"
    i = iv.stated(text)
    assert i.contains(Fraction(text))
    assert i.hi - i.lo == Fraction(1, 100)


@given(st.fractions(min_value=1, max_value=1000), st.fractions(min_value=1, max_value=1000))
def test_quotient_contains_the_quotient_of_points(a, b):
    q = iv.div(iv.point(a), iv.point(b))
    assert q.contains(a / b)
