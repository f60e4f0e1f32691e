"""The rulebook edition as frozen values; every rule value comes from the edition's YAML file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from rulebook.errors import RulebookError

# The workload profile used when a school sets none; every edition must define it.
DEFAULT_PROFILE = "default"

# (level, points) pairs, in level order: tuples keep every value hashable and immutable.
PointTable = tuple[tuple[int, Decimal], ...]


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


def find_by_code[T: _Coded](items: Sequence[T], code: str, what: str) -> T:
    """The item with this code, or a RulebookError listing the codes that exist."""
    for item in items:
        if item.code == code:
            return item
    known = ", ".join(item.code for item in items)
    raise RulebookError(f"unknown {what} {code!r} (known: {known})")


def points_for(table: PointTable, level: int, what: str) -> Decimal:
    """Points a level earns in a point table."""
    for table_level, points in table:
        if table_level == level:
            return points
    raise RulebookError(f"{what}: level {level!r} is not one of {[lv for lv, _ in table]}")


@dataclass(frozen=True, slots=True)
class Level:
    value: int
    label: str


@dataclass(frozen=True, slots=True)
class Standing:
    """A position/standing on the teacher ladder (วิทยฐานะ), ranked from the bottom."""

    code: str
    rank: int
    name: str
    title: str
    position_label: str
    keyword: str
    makes_pa: bool
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name: str
    domain_code: str


@dataclass(frozen=True, slots=True)
class Domain:
    code: str
    name: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True, slots=True)
class ExpectedPractice:
    """PA 2's "level 3" anchor paragraph for one indicator at one standing."""

    indicator_code: str
    standing_code: str
    text: str


@dataclass(frozen=True, slots=True)
class Part2Item:
    code: str
    number: str
    name: str
    points: PointTable

    @property
    def max_points(self) -> Decimal:
        return max(points for _, points in self.points)


@dataclass(frozen=True, slots=True)
class ScoringRules:
    part1_name: str
    part1_points: PointTable
    part1_max: Decimal
    part2_name: str
    part2_items: tuple[Part2Item, ...]
    part2_max: Decimal
    total_max: Decimal
    pass_threshold_per_member: Decimal
    committee_size: int
    passed_label: str
    failed_label: str
    workload_not_met_reason: str
    member_below_threshold_reason: str


@dataclass(frozen=True, slots=True)
class WorkloadCategory:
    code: str
    number: str
    name: str
    hours_required: bool


@dataclass(frozen=True, slots=True)
class WorkloadMinimum:
    """A floor on the summed hours of some categories; the hours themselves come from a profile."""

    code: str
    categories: tuple[str, ...]
    message: str


@dataclass(frozen=True, slots=True)
class WorkloadProfile:
    code: str
    name: str
    minimums: tuple[tuple[str, Decimal], ...]

    def minimum_for(self, minimum_code: str) -> Decimal:
        return dict(self.minimums)[minimum_code]


@dataclass(frozen=True, slots=True)
class WorkloadRules:
    categories: tuple[WorkloadCategory, ...]
    minimums: tuple[WorkloadMinimum, ...]
    profiles: tuple[WorkloadProfile, ...]
    hours_per_period_default: Decimal

    def category(self, code: str) -> WorkloadCategory:
        return find_by_code(self.categories, code, "workload category")

    def profile(self, code: str) -> WorkloadProfile:
        return find_by_code(self.profiles, code, "workload profile")


@dataclass(frozen=True, slots=True)
class ClassroomType:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class MonthDay:
    month: int
    day: int


@dataclass(frozen=True, slots=True)
class SalaryRoundRule:
    number: int
    start: MonthDay
    end: MonthDay


@dataclass(frozen=True, slots=True)
class SemesterRule:
    """A semester inside the fiscal year; its academic year is the fiscal year plus the offset."""

    semester: int
    academic_year_offset: int


@dataclass(frozen=True, slots=True)
class CalendarRules:
    buddhist_era_offset: int
    fiscal_year_start: MonthDay
    salary_rounds: tuple[SalaryRoundRule, ...]
    semesters: tuple[SemesterRule, ...]
    semester_label: str
    dpa_entry_deadline: MonthDay

    def be_year(self, ce_year: int) -> int:
        return ce_year + self.buddhist_era_offset

    def ce_year(self, be_year: int) -> int:
        return be_year - self.buddhist_era_offset

    def _ends_next_year(self) -> int:
        # A fiscal year is named by the year it ends in; only one starting on 1 Jan ends in its own year.
        start = self.fiscal_year_start
        return int((start.month, start.day) != (1, 1))

    def fiscal_year_of(self, day: date) -> int:
        """The fiscal year (BE) a CE date falls in."""
        start = self.fiscal_year_start
        start_year = day.year - int((day.month, day.day) < (start.month, start.day))
        return self.be_year(start_year + self._ends_next_year())

    def fiscal_year_bounds(self, year_be: int) -> tuple[date, date]:
        """First and last CE dates of a fiscal year given in BE."""
        start_year = self.ce_year(year_be) - self._ends_next_year()
        first = date(start_year, self.fiscal_year_start.month, self.fiscal_year_start.day)
        following = date(start_year + 1, self.fiscal_year_start.month, self.fiscal_year_start.day)
        return first, following - timedelta(days=1)

    def date_in_fiscal_year(self, month_day: MonthDay, year_be: int) -> date:
        """The one date with this month and day inside the fiscal year."""
        first, _ = self.fiscal_year_bounds(year_be)
        candidate = date(first.year, month_day.month, month_day.day)
        if candidate < first:
            candidate = date(first.year + 1, month_day.month, month_day.day)
        return candidate


@dataclass(frozen=True, slots=True)
class AcademicRank:
    code: str
    name: str
    rank: int


@dataclass(frozen=True, slots=True)
class MemberQualification:
    """One way a committee member (not the chair) can qualify."""

    code: str
    name: str
    min_standing: str | None
    min_academic_rank: str | None
    includes_former: bool
    other_school_only: bool
    requires_reason: bool


@dataclass(frozen=True, slots=True)
class CommitteeRules:
    member_qualifications: tuple[MemberQualification, ...]
    academic_ranks: tuple[AcademicRank, ...]
    extra_conflict_rules: tuple[str, ...]

    def qualification(self, code: str) -> MemberQualification:
        return find_by_code(self.member_qualifications, code, "member qualification")

    def academic_rank(self, code: str) -> AcademicRank:
        return find_by_code(self.academic_ranks, code, "academic rank")

    def academic_rank_at_least(self, code: str, minimum: str) -> bool:
        return self.academic_rank(code).rank >= self.academic_rank(minimum).rank


@dataclass(frozen=True, slots=True)
class SentenceTemplates:
    expected_level: str
    challenge: str


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition of the rules (one circular), as loaded from its YAML file."""

    code: str
    title: str
    circular: str
    effective_from: date
    levels: tuple[Level, ...]
    standings: tuple[Standing, ...]
    domains: tuple[Domain, ...]
    expected_practices: tuple[ExpectedPractice, ...]
    scoring: ScoringRules
    workload: WorkloadRules
    classroom_types: tuple[ClassroomType, ...]
    calendar: CalendarRules
    committee: CommitteeRules
    sentences: SentenceTemplates

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """All indicators of Part 1, in order."""
        return tuple(indicator for domain in self.domains for indicator in domain.indicators)

    @property
    def level_values(self) -> tuple[int, ...]:
        return tuple(level.value for level in self.levels)

    @property
    def pa_standings(self) -> tuple[Standing, ...]:
        """The standings that make a PA, lowest first."""
        return tuple(standing for standing in self.standings if standing.makes_pa)

    def standing(self, code: str) -> Standing:
        return find_by_code(self.standings, code, "standing")

    def standing_at_least(self, code: str, minimum: str) -> bool:
        return self.standing(code).rank >= self.standing(minimum).rank

    def indicator(self, code: str) -> Indicator:
        return find_by_code(self.indicators, code, "indicator")

    def domain(self, code: str) -> Domain:
        return find_by_code(self.domains, code, "domain")

    def part2_item(self, code: str) -> Part2Item:
        return find_by_code(self.scoring.part2_items, code, "part 2 item")

    def classroom_type(self, code: str) -> ClassroomType:
        return find_by_code(self.classroom_types, code, "classroom type")

    def level_label(self, level: int) -> str:
        for known in self.levels:
            if known.value == level:
                return known.label
        raise RulebookError(f"unknown level {level!r} (known: {list(self.level_values)})")

    def expected_practice(self, indicator_code: str, standing_code: str) -> str | None:
        """PA 2's anchor paragraph, or None while the edition has no text for this pair yet."""
        self.indicator(indicator_code)
        self.standing(standing_code)
        for practice in self.expected_practices:
            if (practice.indicator_code, practice.standing_code) == (indicator_code, standing_code):
                return practice.text
        return None
