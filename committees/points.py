"""Points on a sheet while it is being filled in: plain Python over the rulebook's point tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from rulebook.model import Edition, points_for


@dataclass(frozen=True, slots=True)
class RunningTotals:
    part1: Decimal
    part2: Decimal
    total: Decimal
    chosen: int
    items: int

    @property
    def complete(self) -> bool:
        return self.chosen == self.items


def item_codes(edition: Edition) -> tuple[str, ...]:
    """Every item a sheet scores, in form order: the indicators, then the Part 2 items."""
    return tuple(i.code for i in edition.indicators) + tuple(item.code for item in edition.scoring.part2_items)


def running_totals(levels: Mapping[str, int], edition: Edition) -> RunningTotals:
    """Part 1, Part 2 and total of the levels chosen so far (an item without a level counts nothing)."""
    scoring = edition.scoring
    part1 = sum(
        (points_for(scoring.part1_points, levels[i.code], i.code) for i in edition.indicators if i.code in levels),
        Decimal(0),
    )
    part2 = sum(
        (points_for(item.points, levels[item.code], item.code) for item in scoring.part2_items if item.code in levels),
        Decimal(0),
    )
    codes = item_codes(edition)
    return RunningTotals(
        part1=part1,
        part2=part2,
        total=part1 + part2,
        chosen=sum(1 for code in codes if code in levels),
        items=len(codes),
    )
