"""Exact numbers for points and hours, and how they print in messages."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from rulebook.errors import RulebookError

Number = Decimal | int | float | str


def to_decimal(value: object, what: str) -> Decimal:
    """Turn an int, float, str or Decimal into a finite Decimal; refuse anything else."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise RulebookError(f"{what}: expected a number, got {value!r}")
    try:
        # str() first so that 2.5 stays 2.5 and 0.1 does not become 0.1000000000000000055…
        number = Decimal(value) if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        raise RulebookError(f"{what}: {value!r} is not a number") from None
    if not number.is_finite():
        raise RulebookError(f"{what}: {value!r} is not a finite number")
    return number


def format_number(number: Decimal) -> str:
    """Print a number the way a person writes it: 10, 12.5, never 10.0 or 1E+1."""
    normal = (number + 0).normalize()  # + 0 turns a negative zero into 0
    if normal == normal.to_integral_value():
        return str(normal.quantize(Decimal(1)))
    return format(normal, "f")
