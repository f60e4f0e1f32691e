"""Thai 13-digit national ID: check digit, normal form, masked form and keyed digest.

The full number is never stored: a keyed digest (HMAC-SHA256) serves login and duplicate checks, and
a masked form ("1-xxxx-xxxxx-xx-1") is what people see.
"""

from __future__ import annotations

import hashlib
import hmac
import re

_SEPARATORS = re.compile(r"[\s\-]")


def normalise(value: str) -> str:
    """Drop the spaces and dashes people type inside a national ID."""
    return _SEPARATORS.sub("", value or "")


def check_digit(first_twelve: str) -> int:
    """The 13th digit: 11 minus the weighted sum (weights 13…2) mod 11, mod 10."""
    total = sum(int(digit) * weight for digit, weight in zip(first_twelve, range(13, 1, -1), strict=True))
    return (11 - total % 11) % 10


def is_valid(value: str) -> bool:
    number = normalise(value)
    return len(number) == 13 and number.isascii() and number.isdigit() and check_digit(number[:12]) == int(number[12])


def masked(value: str) -> str:
    """Show the first and last digits only, in the usual 1-2345-67890-12-3 grouping: 1-xxxx-xxxxx-xx-3."""
    number = normalise(value)
    return f"{number[0]}-xxxx-xxxxx-xx-{number[12]}"


def digest(value: str, key: str) -> str:
    return hmac.new(key.encode(), normalise(value).encode(), hashlib.sha256).hexdigest()
