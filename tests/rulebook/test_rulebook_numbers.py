"""Exact numbers in, plain numbers out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rulebook import RulebookError, format_number
from rulebook.numbers import to_decimal


@pytest.mark.parametrize(
    ("number", "printed"),
    [("10", "10"), ("10.0", "10"), ("12.50", "12.5"), ("1E+2", "100"), ("-0", "0"), ("0.25", "0.25")],
)
def test_format_number(number: str, printed: str) -> None:
    assert format_number(Decimal(number)) == printed


@pytest.mark.parametrize(
    ("value", "number"), [(2.5, "2.5"), (0.1, "0.1"), (" 7 ", "7"), (3, "3"), (Decimal("1.25"), "1.25")]
)
def test_to_decimal(value: object, number: str) -> None:
    assert to_decimal(value, "x") == Decimal(number)


@pytest.mark.parametrize(
    ("value", "problem"),
    [(True, "expected a number"), (None, "expected a number"), ("1,5", "is not a number"), ("inf", "finite")],
)
def test_to_decimal_refuses(value: object, problem: str) -> None:
    with pytest.raises(RulebookError, match=f"hours: .*{problem}"):
        to_decimal(value, "hours")
