"""Build an Edition from the parsed YAML tree, checking every rule value and cross-reference."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from rulebook._parse import Section, fail, template, unique
from rulebook.model import (
    DEFAULT_PROFILE,
    AcademicRank,
    CalendarRules,
    ClassroomType,
    CommitteeRules,
    Domain,
    Edition,
    ExpectedPractice,
    Indicator,
    Level,
    MemberQualification,
    Part2Item,
    PointTable,
    SalaryRoundRule,
    ScoringRules,
    SemesterRule,
    SentenceTemplates,
    Standing,
    WorkloadCategory,
    WorkloadMinimum,
    WorkloadProfile,
    WorkloadRules,
)

STANDING_FIELDS = ("name", "title", "position_label", "keyword")
WORKLOAD_MESSAGE_FIELDS = ("actual", "minimum")
MEMBER_REASON_FIELDS = ("member", "total", "threshold")
SEMESTER_LABEL_FIELDS = ("semester", "year")
# Salary rounds are checked against this many fiscal years, so that a leap day is always among them.
LEAP_CYCLE_YEARS = 4

QUALIFICATION_OPTIONS = (
    "min_standing", "min_academic_rank", "includes_former", "other_school_only", "requires_reason",
)  # fmt: skip
SCORING_KEYS = (
    "part1",
    "part2",
    "total_max",
    "pass_threshold_per_member",
    "committee_size",
    "labels",
    "reasons",
)
EDITION_KEYS = (
    "code", "title", "circular", "effective_from", "levels", "standings", "domains", "expected_practice",
    "scoring", "workload", "classroom_types", "calendar", "committee", "sentences",
)  # fmt: skip


def build_edition(root: Section) -> Edition:
    """The whole edition; raises RulebookError naming the first thing that is wrong."""
    root.keys(*EDITION_KEYS)
    levels = _levels(root)
    standings = _standings(root)
    domains = _domains(root)
    effective_from = root.day("effective_from")
    return Edition(
        code=root.text("code"),
        title=root.text("title"),
        circular=root.text("circular"),
        effective_from=effective_from,
        levels=levels,
        standings=standings,
        domains=domains,
        expected_practices=_expected_practices(root.child("expected_practice"), domains, standings),
        scoring=_scoring(root.child("scoring"), levels, domains),
        workload=_workload(root.child("workload")),
        classroom_types=_classroom_types(root),
        calendar=_calendar(root.child("calendar"), effective_from),
        committee=_committee(root.child("committee"), standings),
        sentences=_sentences(root.child("sentences")),
    )


def _levels(root: Section) -> tuple[Level, ...]:
    levels = []
    for item in root.children("levels"):
        item.keys("level", "label")
        levels.append(Level(item.integer("level"), item.text("label")))
    values = sorted(level.value for level in levels)
    # Levels are multipliers of points, so they must run 1, 2, … without gaps.
    if values != list(range(1, len(values) + 1)):
        raise fail("levels", f"levels must run 1 to {len(values)} once each, got {values}")
    return tuple(levels)


def _standings(root: Section) -> tuple[Standing, ...]:
    standings = tuple(_standing(item) for item in root.children("standings"))
    unique((standing.code for standing in standings), "standings")
    if any(lower.rank >= higher.rank for lower, higher in pairwise(standings)):
        raise fail("standings", "ranks must increase down the list (lowest standing first)")
    if not any(standing.makes_pa for standing in standings):
        raise fail("standings", "no standing makes a PA")
    return standings


def _standing(item: Section) -> Standing:
    item.keys("code", "rank", "makes_pa", *STANDING_FIELDS, optional=("explanation",))
    standing = Standing(
        code=item.text("code"),
        rank=item.integer("rank"),
        name=item.text("name"),
        title=item.text("title"),
        position_label=item.text("position_label"),
        keyword=item.text("keyword"),
        makes_pa=item.flag("makes_pa"),
        explanation=item.optional_text("explanation") or "",
    )
    # People who make no PA must be told why, so the explanation is part of the rule.
    if not standing.makes_pa and not standing.explanation:
        raise fail(item.path, "a standing that makes no PA needs an explanation")
    return standing


def _domains(root: Section) -> tuple[Domain, ...]:
    domains = tuple(_domain(item) for item in root.children("domains"))
    unique((domain.code for domain in domains), "domains")
    unique((indicator.code for domain in domains for indicator in domain.indicators), "domains.indicators")
    return domains


def _domain(item: Section) -> Domain:
    item.keys("code", "name", "indicator_count", "indicators")
    code = item.text("code")
    indicators = []
    for entry in item.children("indicators"):
        entry.keys("code", "name")
        indicators.append(Indicator(entry.text("code"), entry.text("name"), code))
    if len(indicators) != item.integer("indicator_count"):
        raise fail(
            item.at("indicators"),
            f"lists {len(indicators)}, indicator_count says {item.data['indicator_count']}",
        )
    return Domain(code, item.text("name"), tuple(indicators))


def _expected_practices(
    section: Section, domains: tuple[Domain, ...], standings: tuple[Standing, ...]
) -> tuple[ExpectedPractice, ...]:
    indicator_codes = {indicator.code for domain in domains for indicator in domain.indicators}
    pa_standings = {standing.code for standing in standings if standing.makes_pa}
    practices: list[ExpectedPractice] = []
    for indicator_code in section.data:
        if indicator_code not in indicator_codes:
            raise fail(section.at(indicator_code), 'not an indicator code (quote codes like "1.1")')
        by_standing = section.child(str(indicator_code))
        by_standing.keys(optional=pa_standings)
        for standing_code in map(str, by_standing.data):
            text = by_standing.text(standing_code)
            practices.append(ExpectedPractice(str(indicator_code), standing_code, text))
    return tuple(practices)


def _point_table(section: Section, levels: tuple[Level, ...]) -> PointTable:
    values = sorted(level.value for level in levels)
    if set(section.data) != set(values):
        raise fail(section.path, f"needs points for exactly the levels {values}")
    table = tuple((value, section.number(value)) for value in values)
    # A higher level must always earn more: scores may never fall when a level rises.
    if table[0][1] < 0 or any(low >= high for (_, low), (_, high) in pairwise(table)):
        raise fail(section.path, "points must be non-negative and rise with the level")
    return table


def _scoring(section: Section, levels: tuple[Level, ...], domains: tuple[Domain, ...]) -> ScoringRules:
    section.keys(*SCORING_KEYS)
    part1, part2 = section.child("part1"), section.child("part2")
    part1.keys("name", "points", "max")
    part2.keys("name", "max", "items")
    part1_points = _point_table(part1.child("points"), levels)
    items = tuple(_part2_item(item, levels) for item in part2.children("items"))
    unique((item.code for item in items), part2.at("items"))
    indicator_count = sum(len(domain.indicators) for domain in domains)
    top_points = part1_points[-1][1]
    _expect_sum(part1, "max", top_points * indicator_count, "the top level's points × the indicators")
    _expect_sum(part2, "max", sum((item.max_points for item in items), Decimal(0)), "the items' top points")
    _expect_sum(section, "total_max", part1.number("max") + part2.number("max"), "part1.max + part2.max")
    labels, reasons = section.child("labels"), section.child("reasons")
    labels.keys("passed", "failed")
    reasons.keys("workload_not_met", "member_below_threshold")
    return ScoringRules(
        part1_name=part1.text("name"),
        part1_points=part1_points,
        part1_max=part1.number("max"),
        part2_name=part2.text("name"),
        part2_items=items,
        part2_max=part2.number("max"),
        total_max=section.number("total_max"),
        pass_threshold_per_member=_threshold(section),
        committee_size=_positive(section, "committee_size"),
        passed_label=labels.text("passed"),
        failed_label=labels.text("failed"),
        workload_not_met_reason=template(reasons, "workload_not_met", ()),
        member_below_threshold_reason=template(reasons, "member_below_threshold", MEMBER_REASON_FIELDS),
    )


def _part2_item(item: Section, levels: tuple[Level, ...]) -> Part2Item:
    item.keys("code", "number", "name", "points")
    points = _point_table(item.child("points"), levels)
    return Part2Item(item.text("code"), item.text("number"), item.text("name"), points)


def _expect_sum(section: Section, key: str, expected: Decimal, meaning: str) -> None:
    if section.number(key) != expected:
        raise fail(section.at(key), f"is {section.data[key]}, but {meaning} make {expected}")


def _threshold(section: Section) -> Decimal:
    threshold = section.number("pass_threshold_per_member")
    if not 0 < threshold <= section.number("total_max"):
        raise fail(section.at("pass_threshold_per_member"), "must be above 0 and at most total_max")
    return threshold


def _positive(section: Section, key: str) -> int:
    value = section.integer(key)
    if value < 1:
        raise fail(section.at(key), "must be at least 1")
    return value


def _workload(section: Section) -> WorkloadRules:
    section.keys("hours_per_period_default", "categories", "minimums", "profiles")
    categories = tuple(_workload_category(item) for item in section.children("categories"))
    codes = tuple(category.code for category in categories)
    unique(codes, section.at("categories"))
    minimums = tuple(_workload_minimum(item, codes) for item in section.children("minimums"))
    unique((minimum.code for minimum in minimums), section.at("minimums"))
    profiles_section = section.child("profiles")
    profiles = tuple(_workload_profile(profiles_section, name, minimums) for name in profiles_section.data)
    if DEFAULT_PROFILE not in profiles_section.data:
        raise fail(section.at("profiles"), f"needs a {DEFAULT_PROFILE!r} profile")
    per_period = section.number("hours_per_period_default")
    if per_period <= 0:
        raise fail(section.at("hours_per_period_default"), "must be above 0")
    return WorkloadRules(categories, minimums, profiles, per_period)


def _workload_category(item: Section) -> WorkloadCategory:
    item.keys("code", "number", "name", "hours_required")
    return WorkloadCategory(
        code=item.text("code"),
        number=item.text("number"),
        name=item.text("name"),
        hours_required=item.flag("hours_required"),
    )


def _workload_minimum(item: Section, category_codes: tuple[str, ...]) -> WorkloadMinimum:
    item.keys("code", "message", optional=("categories",))
    summed = item.texts("categories") if "categories" in item.data else category_codes
    unknown = set(summed) - set(category_codes)
    if unknown or not summed:
        raise fail(item.at("categories"), f"must list known categories; unknown: {sorted(unknown)}")
    return WorkloadMinimum(item.text("code"), summed, template(item, "message", WORKLOAD_MESSAGE_FIELDS))


def _workload_profile(
    profiles: Section,
    name: object,
    minimums: tuple[WorkloadMinimum, ...],
) -> WorkloadProfile:
    profile = profiles.child(str(name))
    profile.keys("name", "minimums")
    floors = profile.child("minimums")
    floors.keys(*(minimum.code for minimum in minimums))
    hours = tuple((minimum.code, floors.number(minimum.code)) for minimum in minimums)
    if any(value < 0 for _, value in hours):
        raise fail(floors.path, "minimum hours cannot be negative")
    return WorkloadProfile(str(name), profile.text("name"), hours)


def _classroom_types(root: Section) -> tuple[ClassroomType, ...]:
    types = []
    for item in root.children("classroom_types"):
        item.keys("code", "name")
        types.append(ClassroomType(item.text("code"), item.text("name")))
    unique((kind.code for kind in types), "classroom_types")
    return tuple(types)


def _calendar(section: Section, effective_from: date) -> CalendarRules:
    section.keys(
        "buddhist_era_offset", "fiscal_year_start", "salary_rounds", "semesters", "semester_label",
        "dpa_entry_deadline",
    )  # fmt: skip
    rules = CalendarRules(
        buddhist_era_offset=section.integer("buddhist_era_offset"),
        fiscal_year_start=section.month_day("fiscal_year_start"),
        salary_rounds=tuple(_salary_round(item) for item in section.children("salary_rounds")),
        semesters=tuple(_semester(item) for item in section.children("semesters")),
        semester_label=template(section, "semester_label", SEMESTER_LABEL_FIELDS),
        dpa_entry_deadline=section.month_day("dpa_entry_deadline"),
    )
    _check_salary_rounds(rules, rules.fiscal_year_of(effective_from), section.at("salary_rounds"))
    return rules


def _salary_round(item: Section) -> SalaryRoundRule:
    item.keys("number", "start", "end")
    return SalaryRoundRule(item.integer("number"), item.month_day("start"), item.month_day("end"))


def _semester(item: Section) -> SemesterRule:
    item.keys("semester", "academic_year_offset")
    return SemesterRule(item.integer("semester"), item.integer("academic_year_offset"))


def _check_salary_rounds(rules: CalendarRules, first_year: int, path: str) -> None:
    """Rounds are numbered 1, 2, … and cover each fiscal year exactly, without gaps or overlaps."""
    if [rule.number for rule in rules.salary_rounds] != list(range(1, len(rules.salary_rounds) + 1)):
        raise fail(path, "rounds must be numbered 1, 2, … in order")
    for year in range(first_year, first_year + LEAP_CYCLE_YEARS):
        first, last = rules.fiscal_year_bounds(year)
        expected = first
        for rule in rules.salary_rounds:
            start = rules.date_in_fiscal_year(rule.start, year)
            end = rules.date_in_fiscal_year(rule.end, year)
            if start != expected or end < start:
                previous = expected - timedelta(days=1)
                raise fail(path, f"round {rule.number} does not follow on from {previous}")
            expected = end + timedelta(days=1)
        if expected != last + timedelta(days=1):
            raise fail(path, f"the rounds end before the fiscal year's last day {last}")


def _committee(section: Section, standings: tuple[Standing, ...]) -> CommitteeRules:
    section.keys("member_qualifications", "academic_ranks", "extra_conflict_rules")
    ranks = []
    for index, item in enumerate(section.children("academic_ranks")):
        item.keys("code", "name")
        ranks.append(AcademicRank(item.text("code"), item.text("name"), index))
    unique((rank.code for rank in ranks), section.at("academic_ranks"))
    standing_codes = {standing.code for standing in standings}
    rank_codes = {rank.code for rank in ranks}
    qualifications = tuple(
        _qualification(item, standing_codes, rank_codes) for item in section.children("member_qualifications")
    )
    unique((qualification.code for qualification in qualifications), section.at("member_qualifications"))
    return CommitteeRules(qualifications, tuple(ranks), section.texts("extra_conflict_rules"))


def _qualification(item: Section, standing_codes: set[str], rank_codes: set[str]) -> MemberQualification:
    item.keys("code", "name", optional=QUALIFICATION_OPTIONS)
    min_standing = item.optional_text("min_standing")
    min_rank = item.optional_text("min_academic_rank")
    if min_standing is not None and min_standing not in standing_codes:
        raise fail(item.at("min_standing"), f"unknown standing {min_standing!r}")
    if min_rank is not None and min_rank not in rank_codes:
        raise fail(item.at("min_academic_rank"), f"unknown academic rank {min_rank!r}")
    return MemberQualification(
        code=item.text("code"),
        name=item.text("name"),
        min_standing=min_standing,
        min_academic_rank=min_rank,
        includes_former=item.flag("includes_former", default=False),
        other_school_only=item.flag("other_school_only", default=False),
        requires_reason=item.flag("requires_reason", default=False),
    )


def _sentences(section: Section) -> SentenceTemplates:
    section.keys("expected_level", "challenge")
    return SentenceTemplates(
        expected_level=template(section, "expected_level", STANDING_FIELDS),
        challenge=template(section, "challenge", STANDING_FIELDS),
    )
