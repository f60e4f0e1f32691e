"""PA 2 (one committee member's score) and PA 3 (the round's result), as pure functions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rulebook.errors import RulebookError
from rulebook.model import Edition, PointTable, points_for
from rulebook.numbers import format_number, to_decimal


@dataclass(frozen=True, slots=True)
class MemberScore:
    """One member's PA 2 sheet in points; exact, never rounded."""

    part1: Decimal
    part2: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class Pa3Result:
    passed: bool
    members_reaching_threshold: tuple[bool, ...]
    reasons: tuple[str, ...]


def member_score(
    part1_levels: Mapping[str, int],
    part2_levels: Mapping[str, int],
    edition: Edition,
) -> MemberScore:
    """Points of one sheet: a level for every indicator (Part 1) and every Part 2 item is required."""
    scoring = edition.scoring
    indicator_codes = tuple(indicator.code for indicator in edition.indicators)
    item_tables = {item.code: item.points for item in scoring.part2_items}
    part1 = _points(part1_levels, dict.fromkeys(indicator_codes, scoring.part1_points), "indicator")
    part2 = _points(part2_levels, item_tables, "part 2 item")
    return MemberScore(part1=part1, part2=part2, total=part1 + part2)


def _points(levels: Mapping[str, int], tables: Mapping[str, PointTable], what: str) -> Decimal:
    unknown = sorted(set(levels) - set(tables))
    if unknown:
        raise RulebookError(f"unknown {what} codes: {', '.join(map(str, unknown))}")
    missing = [code for code in tables if code not in levels]
    if missing:
        raise RulebookError(f"no level given for {what} {', '.join(missing)}")
    return sum((_level_points(tables[code], levels[code], f"{what} {code}") for code in tables), Decimal(0))


def _level_points(table: PointTable, level: object, what: str) -> Decimal:
    if isinstance(level, bool) or not isinstance(level, int):
        raise RulebookError(f"{what}: level must be a whole number, got {level!r}")
    return points_for(table, level, what)


def pa3_result(member_totals: Sequence[Decimal], *, workload_ok: bool, edition: Edition) -> Pa3Result:
    """The round's result from each member's total and the workload check."""
    scoring = edition.scoring
    if len(member_totals) != scoring.committee_size:
        raise RulebookError(f"expected {scoring.committee_size} member totals, got {len(member_totals)}")
    totals = tuple(_member_total(total, seat, edition) for seat, total in enumerate(member_totals, start=1))
    # ว 9/2564: every member must reach the threshold; the mean is not used. Compared exactly, unrounded.
    reaching = tuple(total >= scoring.pass_threshold_per_member for total in totals)
    reasons = [] if workload_ok else [scoring.workload_not_met_reason]
    reasons.extend(
        scoring.member_below_threshold_reason.format(
            member=seat,
            total=format_number(total),
            threshold=format_number(scoring.pass_threshold_per_member),
        )
        for seat, (total, reached) in enumerate(zip(totals, reaching, strict=True), start=1)
        if not reached
    )
    return Pa3Result(
        passed=workload_ok and all(reaching),
        members_reaching_threshold=reaching,
        reasons=tuple(reasons),
    )


def _member_total(total: object, seat: int, edition: Edition) -> Decimal:
    value = to_decimal(total, f"member {seat} total")
    if not 0 <= value <= edition.scoring.total_max:
        raise RulebookError(f"member {seat} total {value} is outside 0–{edition.scoring.total_max}")
    return value
