"""Disagreement flags between the three members' sheets, as plain Python.

A flag asks the committee to talk before publishing; it changes no score. Thresholds come from settings
(COMMITTEE_FLAG_LEVEL_GAP, COMMITTEE_FLAG_TOTAL_GAP) through the caller.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class ItemFlag:
    """Two members' levels on one item differ by at least the gap; levels are per seat, in seat order."""

    code: str
    levels: tuple[int | None, ...]
    gap: int


@dataclass(frozen=True, slots=True)
class TotalFlag:
    totals: tuple[Decimal, ...]
    gap: Decimal


@dataclass(frozen=True, slots=True)
class Disagreements:
    items: tuple[ItemFlag, ...]
    total: TotalFlag | None

    def __bool__(self) -> bool:
        return bool(self.items) or self.total is not None

    @property
    def count(self) -> int:
        return len(self.items) + (self.total is not None)


def disagreements(
    levels_by_seat: Sequence[Mapping[str, int]],
    totals_by_seat: Sequence[Decimal],
    *,
    item_codes: Sequence[str],
    level_gap: int,
    total_gap: Decimal,
) -> Disagreements:
    """Items where the highest and lowest level given differ by `level_gap` or more, and the totals' spread."""
    items = []
    for code in item_codes:
        levels = tuple(sheet.get(code) for sheet in levels_by_seat)
        given = [level for level in levels if level is not None]
        if len(given) >= 2 and max(given) - min(given) >= level_gap:
            items.append(ItemFlag(code=code, levels=levels, gap=max(given) - min(given)))
    total = None
    if len(totals_by_seat) >= 2:
        spread = max(totals_by_seat) - min(totals_by_seat)
        if spread >= total_gap:
            total = TotalFlag(totals=tuple(totals_by_seat), gap=spread)
    return Disagreements(items=tuple(items), total=total)
