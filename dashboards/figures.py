"""Adding summary rows up: progress shares, pass rates and the indicator heatmap, per group of any kind.

One query per table: `GroupSummary` rows of the user's scope and filters, summed per school, area office,
province or learning area. Shares are exact fractions of the teachers who make a PA; averages are level sums
over the submitted sheets. Plain arithmetic over the sums, no further queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from dashboards.models import COUNT_FIELDS, ITEM_FIELDS

SUMMED = (*COUNT_FIELDS, *ITEM_FIELDS)
STEPS = (
    "no_agreement",
    "draft",
    "submitted",
    "returned",
    "approved_only",
    "with_committee_only",
    "scored_only",
    "published",
)


def share(part: int, whole: int) -> Decimal | None:
    """part/whole as a percentage with one decimal (33.3), or None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def average(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    """The summed counts of one group (a school, an area office, a learning area, everything)."""

    key: Any
    counts: dict[str, int]
    item_sums: tuple[int, ...]

    def __getattr__(self, name: str) -> int:
        counts = self.__dict__.get("counts", {})
        if name in counts:
            return int(counts[name])
        raise AttributeError(name)

    @property
    def approved_share(self) -> Decimal | None:
        return share(self.counts["approved"], self.counts["teachers"])

    @property
    def committee_share(self) -> Decimal | None:
        return share(self.counts["with_committee"], self.counts["teachers"])

    @property
    def published_share(self) -> Decimal | None:
        return share(self.counts["published"], self.counts["teachers"])

    @property
    def pass_rate(self) -> Decimal | None:
        """Of the teachers whose PA 3 is computed, the share that passed (ว 9/2564: every member ≥ 70)."""
        return share(self.counts["passed"], self.counts["scored"])

    @property
    def progress(self) -> Decimal:
        """One number to sort who is behind: the mean of the approved, committee and published shares."""
        parts = [self.approved_share, self.committee_share, self.published_share]
        return sum((part or Decimal(0) for part in parts), Decimal(0)) / 3

    def item_average(self, index: int) -> Decimal | None:
        return average(self.item_sums[index], self.counts["item_sheets"])

    def steps(self) -> dict[str, int]:
        """Teachers at each step, every teacher counted once, at the furthest step reached (for stacked bars)."""
        c = self.counts
        return {
            "no_agreement": c["no_agreement"],
            "draft": c["draft"],
            "submitted": c["submitted"],
            "returned": c["returned"],
            "approved_only": max(c["approved"] - c["with_committee"], 0),
            "with_committee_only": max(c["with_committee"] - c["scored"], 0),
            "scored_only": max(c["scored"] - c["published"], 0),
            "published": c["published"],
        }


def _figures(key: Any, row: dict[str, Any]) -> Figures:
    counts = {name: int(row.get(name) or 0) for name in COUNT_FIELDS}
    return Figures(key, counts, tuple(int(row.get(name) or 0) for name in ITEM_FIELDS))


def grouped(rows: QuerySet[Any], by: str) -> list[Figures]:
    """Sum the rows per value of `by` (a GroupSummary field: school, area_office, province, learning_area…)."""
    sums = {name: Sum(name) for name in SUMMED}
    return [_figures(row[by], row) for row in rows.values(by).annotate(**sums).order_by(by)]


def total(rows: QuerySet[Any]) -> Figures:
    return _figures(None, rows.aggregate(**{name: Sum(name) for name in SUMMED}))


def combined(parts: Iterable[Figures]) -> Figures:
    """The sum of figures already summed per group: the unit's total without another pass over its rows."""
    counts = dict.fromkeys(COUNT_FIELDS, 0)
    items = [0] * len(ITEM_FIELDS)
    for part in parts:
        for name, value in part.counts.items():
            counts[name] += value
        items = [a + b for a, b in zip(items, part.item_sums, strict=True)]
    return Figures(None, counts, tuple(items))


@dataclass(frozen=True)
class Weak:
    code: str
    name: str
    average: Decimal


def weakest(figures: Figures, items: Sequence[tuple[str, str]], *, count: int = 3) -> list[Weak]:
    """The indicators with the lowest average level (Part 1 only), lowest first."""
    scored = [
        Weak(code, name, value)
        for index, (code, name) in enumerate(items)
        if (value := figures.item_average(index)) is not None
    ]
    return sorted(scored, key=lambda weak: (weak.average, weak.code))[:count]


def heat_class(value: Decimal | None) -> str:
    """A CSS class per quarter level: heat-1 (≤ 1.75, weakest) … heat-8 (> 3.5); heat-none without data."""
    if value is None:
        return "heat-none"
    bucket = int((value - Decimal(1)) / Decimal("0.375")) + 1
    return f"heat-{min(max(bucket, 1), 8)}"


def keys(figures: Iterable[Figures]) -> list[Any]:
    return [figure.key for figure in figures]
