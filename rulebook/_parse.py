"""Typed, strict reading of the YAML tree: every error names the place in the file."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rulebook.errors import RulebookError
from rulebook.model import MonthDay
from rulebook.numbers import to_decimal


def fail(path: str, problem: str) -> RulebookError:
    return RulebookError(f"{path or '<root>'}: {problem}")


def as_section(value: object, path: str) -> Section:
    if not isinstance(value, Mapping):
        raise fail(path, f"expected a mapping, got {type(value).__name__}")
    return Section(value, path)


@dataclass(frozen=True, slots=True)
class Section:
    """A YAML mapping and where it sits in the file."""

    data: Mapping[object, object]
    path: str

    def at(self, key: object) -> str:
        return f"{self.path}.{key}" if self.path else str(key)

    def keys(self, *required: str, optional: Iterable[str] = ()) -> None:
        """Refuse missing and unknown keys, so a typo cannot silently drop a rule."""
        missing = [key for key in required if key not in self.data]
        if missing:
            raise fail(self.path, f"missing {', '.join(missing)}")
        unknown = set(self.data) - set(required) - set(optional)
        if unknown:
            raise fail(self.path, f"unknown keys {sorted(map(str, unknown))}")

    def text(self, key: str) -> str:
        value = self.data[key]
        if not isinstance(value, str) or not value.strip():
            raise fail(self.at(key), f"expected non-empty text, got {value!r}")
        return value

    def optional_text(self, key: str) -> str | None:
        return None if self.data.get(key) is None else self.text(key)

    def integer(self, key: str) -> int:
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(self.at(key), f"expected a whole number, got {value!r}")
        return value

    def number(self, key: object) -> Decimal:
        return to_decimal(self.data[key], self.at(key))

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise fail(self.at(key), f"expected true or false, got {value!r}")
        return value

    def day(self, key: str) -> date:
        value = self.data[key]
        if not isinstance(value, date):
            raise fail(self.at(key), f"expected a date YYYY-MM-DD, got {value!r}")
        return value

    def month_day(self, key: str) -> MonthDay:
        value = self.text(key)
        try:
            month, day = (int(part) for part in value.split("-"))
            date(2001, month, day)  # a non-leap year: 29 Feb would not exist every year
        except ValueError:
            raise fail(self.at(key), f'expected a month-day "MM-DD", got {value!r}') from None
        return MonthDay(month, day)

    def child(self, key: str) -> Section:
        return as_section(self.data[key], self.at(key))

    def children(self, key: str, *, allow_empty: bool = False) -> tuple[Section, ...]:
        value = self.data[key]
        if not isinstance(value, list) or not (value or allow_empty):
            raise fail(self.at(key), f"expected a non-empty list, got {value!r}")
        return tuple(as_section(item, f"{self.at(key)}[{index}]") for index, item in enumerate(value))

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data[key]
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            raise fail(self.at(key), f"expected a list of text, got {value!r}")
        return tuple(value)


def template(section: Section, key: str, fields: Iterable[str]) -> str:
    """Read a str.format template and refuse fields the code will not supply."""
    text = section.text(key)
    allowed = set(fields)
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        unknown = used - allowed
        if not unknown:
            text.format(**dict.fromkeys(allowed, "x"))
    except ValueError as error:
        raise fail(section.at(key), f"malformed template: {error}") from None
    if unknown:
        raise fail(section.at(key), f"unknown fields {sorted(unknown)}; allowed: {sorted(allowed)}")
    return text


def unique(codes: Iterable[str], path: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise fail(path, f"duplicate code {code!r}")
        seen.add(code)
