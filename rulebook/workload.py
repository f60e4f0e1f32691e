"""Weekly workload (ภาระงาน) against the edition's minimums."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from rulebook.errors import RulebookError
from rulebook.loader import load_edition
from rulebook.model import DEFAULT_PROFILE, Edition, WorkloadMinimum
from rulebook.numbers import Number, format_number, to_decimal


@dataclass(frozen=True, slots=True)
class WorkloadFailure:
    """A minimum not met; `category` is set when the minimum covers a single category."""

    code: str
    category: str | None
    actual: Decimal
    minimum: Decimal
    message: str


@dataclass(frozen=True, slots=True)
class WorkloadCheck:
    ok: bool
    totals: Mapping[str, Decimal]
    total: Decimal
    failures: tuple[WorkloadFailure, ...]


def workload_check(
    hours: Mapping[str, Number],
    edition: Edition,
    *,
    profile: str = DEFAULT_PROFILE,
) -> WorkloadCheck:
    """Hours per week by category code checked against a profile; a missing category counts as 0."""
    rules = edition.workload
    floors = rules.profile(profile)
    totals = _category_totals(hours, edition)
    failures = tuple(
        failure
        for minimum in rules.minimums
        if (failure := _failure(minimum, totals, floors.minimum_for(minimum.code))) is not None
    )
    return WorkloadCheck(
        ok=not failures,
        totals=MappingProxyType(totals),
        total=sum(totals.values(), Decimal(0)),
        failures=failures,
    )


def _category_totals(hours: Mapping[str, Number], edition: Edition) -> dict[str, Decimal]:
    for code in hours:
        edition.workload.category(code)
    codes = [category.code for category in edition.workload.categories]
    totals = {code: to_decimal(hours.get(code, 0), code) for code in codes}
    negative = [code for code, value in totals.items() if value < 0]
    if negative:
        raise RulebookError(f"hours cannot be negative: {', '.join(negative)}")
    return totals


def _failure(
    minimum: WorkloadMinimum,
    totals: Mapping[str, Decimal],
    floor: Decimal,
) -> WorkloadFailure | None:
    actual = sum((totals[code] for code in minimum.categories), Decimal(0))
    if actual >= floor:
        return None
    message = minimum.message.format(actual=format_number(actual), minimum=format_number(floor))
    single = minimum.categories[0] if len(minimum.categories) == 1 else None
    return WorkloadFailure(minimum.code, single, actual, floor, message)


def periods_to_hours(
    periods: Number, hours_per_period: Number | None = None, edition: Edition | None = None
) -> Decimal:
    """Timetable periods as hours; one period is the edition's default length unless the school sets one."""
    count = to_decimal(periods, "periods")
    if hours_per_period is None:
        length = (edition or load_edition()).workload.hours_per_period_default
    else:
        length = to_decimal(hours_per_period, "hours per period")
    if count < 0 or length <= 0:
        raise RulebookError(f"periods must be ≥ 0 and hours per period > 0, got {count} × {length}")
    return count * length
