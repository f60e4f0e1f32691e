"""A fiscal year planned school by school: one small record per agreement, committee, seat and evaluation.

What is planned here is drawn in the proportions of `shares` for the moment of seeding; the PA 2 levels
are not planned but made while the sheets are written (`dashboards.national.year`). Moments are seconds
since the epoch while planning (much cheaper than datetimes); the rows turn them into datetimes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time
from itertools import product
from zoneinfo import ZoneInfo

from django.db.models import Model

from agreements.models import Agreement, AgreementSection, AgreementVersion, ReviewDecision
from committees.models import Committee, Evaluation, ScoreSheet, Seat
from dashboards.national import names, shares
from dashboards.national.directory import AreaEntry, Directory, SchoolEntry, TeacherEntry
from dashboards.national.levels import LevelMaker, drops_for
from dashboards.national.org import Draw
from dashboards.national.tables import reserve_ids
from org.models import LearningArea
from rounds.models import FiscalYear
from rulebook import workload_check

BANGKOK = ZoneInfo("Asia/Bangkok")
DAY = 86_400.0
LEARNING_AREA_ORDER = {code: index for index, code in enumerate(LearningArea.values)}
COMMITTEE_NAME = "คณะกรรมการประเมินข้อตกลงในการพัฒนางาน"


class Timeline:
    """Moments of the year so far: from 1 October to now (or the year's end, for a past year)."""

    def __init__(self, fiscal_year: FiscalYear, now: datetime, rng: random.Random) -> None:
        self.start = datetime.combine(fiscal_year.starts_on, time(8), tzinfo=BANGKOK).timestamp()
        year_end = datetime.combine(fiscal_year.ends_on, time(17), tzinfo=BANGKOK).timestamp()
        # A year that has barely begun (or not yet) still gets a month for its events.
        self.end = max(min(now.timestamp(), year_end), self.start + 30 * DAY)
        self.span = self.end - self.start
        self.uniform = rng.uniform

    def at(self, low: float, high: float) -> float:
        """A moment between two fractions of the year so far."""
        return self.start + self.span * self.uniform(low, high)

    def after(self, moment: float, low_days: float, high_days: float) -> float:
        later = moment + DAY * self.uniform(low_days, high_days)
        return later if later < self.end else self.end


@dataclass(slots=True)
class AgreementPlan:
    teacher: TeacherEntry
    state: str
    shortfall: int | None  # None: meets the rules (or not checked, on a draft); else an index of WORKLOAD_SHORTFALLS
    title: str
    created_at: float
    submitted_at: float | None
    decided_at: float | None
    id: int = 0
    version_id: int = 0


@dataclass(slots=True)
class SeatPlan:
    number: int
    person_id: int
    user_id: int
    kind: str
    qualification: str
    id: int = 0


@dataclass(slots=True)
class CommitteePlan:
    name: str
    learning_area: str
    created_at: float
    seats: list[SeatPlan]
    id: int = 0


@dataclass(slots=True)
class EvaluationPlan:
    agreement: AgreementPlan
    committee: CommitteePlan
    tier: str
    submitted: tuple[int, ...]  # seat positions (0–2) whose sheet is submitted
    drafts: tuple[int, ...]  # seat positions with a draft sheet
    publish: bool
    assigned_at: float
    id: int = 0
    passed: bool | None = None
    reasons: str = "[]"
    computed_at: float | None = None


@dataclass(slots=True)
class SchoolYear:
    school: SchoolEntry
    agreements: list[AgreementPlan] = field(default_factory=list)
    committees: list[CommitteePlan] = field(default_factory=list)
    evaluations: list[EvaluationPlan] = field(default_factory=list)
    drops: tuple[tuple[int, float], ...] = ()


def _titles(grades: tuple[str, ...]) -> list[str]:
    return [
        f"การพัฒนา{skill}ของนักเรียนชั้น{grade} ด้วย{method}"
        for skill, grade, method in product(names.CHALLENGE_SKILLS, grades, names.CHALLENGE_METHODS)
    ]


class YearPlan:
    """The year's rows to write, planned school by school; `plan()` draws them and reserves their ids."""

    def __init__(
        self, fiscal_year: FiscalYear, people: Directory, moment: shares.Moment, rng: random.Random, now: datetime
    ) -> None:
        self.fiscal_year = fiscal_year
        self.edition = fiscal_year.edition
        self.people = people
        self.moment = moment
        self.rng = rng
        self.timeline = Timeline(fiscal_year, now, rng)
        self.levels = LevelMaker(self.edition, rng)
        self.makes_pa = {standing.code for standing in self.edition.standings if standing.makes_pa}
        self.state_of = Draw(moment.agreement_states)
        self.submitted_of = Draw(moment.sheets_submitted)
        self.failures = tuple(
            tuple(failure.message for failure in workload_check(hours, self.edition).failures)
            for hours in shares.WORKLOAD_SHORTFALLS
        )
        assert all(self.failures), "every workload shortfall fails the rulebook's check"
        self.titles = {
            "primary": _titles(names.CHALLENGE_GRADES[:7]),
            "secondary": _titles(names.CHALLENGE_GRADES[7:]),
        }
        self.area_drops = {
            area: self._weak(shares.WEAK_AREA_SHARE, (1, 1), shares.WEAK_AREA_DROP) for area in people.areas
        }
        self.years: list[SchoolYear] = []
        self.sheet_count = self.first_section = self.first_decision = self.first_sheet = 0

    def plan(self) -> None:
        self.years = [self._school_year(school) for school in self.people.schools]
        self._number()

    def _weak(self, share: float, count: tuple[int, int], chance: float) -> dict[str, float]:
        if self.rng.random() >= share:
            return {}
        return dict.fromkeys(self.rng.sample(self.levels.part1, self.rng.randint(*count)), chance)

    def _school_year(self, school: SchoolEntry) -> SchoolYear:
        rng, moment = self.rng, self.moment
        year = SchoolYear(school)
        year.drops = drops_for(
            self.levels,
            self._weak(shares.WEAK_SCHOOL_SHARE, shares.WEAK_SCHOOL_INDICATORS, shares.WEAK_SCHOOL_DROP),
            self.area_drops[school.area_id],
        )
        teachers = [teacher for teacher in school.teachers if teacher.standing in self.makes_pa]
        titles = self.titles.get(school.kind, self.titles["primary"])
        year.agreements = [plan for teacher in teachers if (plan := self._agreement(teacher, titles)) is not None]
        if not teachers or rng.random() >= moment.committees_appointed:
            return year
        committee_of = self._committees(year, teachers)
        for agreement in year.agreements:
            if agreement.state == Agreement.State.APPROVED and committee_of and rng.random() < moment.assigned:
                year.evaluations.append(self._evaluation(agreement, committee_of[agreement.teacher.person_id]))
        return year

    def _agreement(self, teacher: TeacherEntry, titles: list[str]) -> AgreementPlan | None:
        rng, timeline = self.rng, self.timeline
        state = self.state_of(rng)
        if not state:
            return None
        created = timeline.at(0, 0.12)
        submitted = decided = shortfall = None
        if state != Agreement.State.DRAFT:
            submitted = timeline.after(created, 1, 20)
            if rng.random() >= shares.WORKLOAD_OK:
                shortfall = rng.randrange(len(self.failures))
            if state in (Agreement.State.APPROVED, Agreement.State.RETURNED):
                decided = timeline.after(submitted, 1, 14)
        return AgreementPlan(teacher, state, shortfall, rng.choice(titles), created, submitted, decided)

    def _committees(self, year: SchoolYear, teachers: list[TeacherEntry]) -> dict[int, CommitteePlan]:
        """The school's committees, teachers shared out by learning area; {} when no committee can be formed."""
        school = year.school
        area = self.people.areas[school.area_id]
        count = next((n for most, n in shares.COMMITTEES_BY_TEACHERS if len(teachers) <= most), shares.MOST_COMMITTEES)
        ordered = sorted(teachers, key=lambda t: (LEARNING_AREA_ORDER.get(t.learning_area, 99), t.person_id))
        created = self.timeline.at(0.25, 0.4)
        committee_of: dict[int, CommitteePlan] = {}
        for number in range(count):
            group = ordered[number * len(ordered) // count : (number + 1) * len(ordered) // count]
            members = self._members(school, area)
            if school.director is None or members is None:
                year.committees = []
                return {}
            seats = [SeatPlan(1, *school.director, Seat.Kind.CHAIR, "")]
            seats += [
                SeatPlan(seat, person, user, Seat.Kind.MEMBER, qualification)
                for seat, (person, user, qualification) in enumerate(members, 2)
            ]
            learning_areas = {teacher.learning_area for teacher in group}
            committee = CommitteePlan(
                name=COMMITTEE_NAME if count == 1 else f"{COMMITTEE_NAME} ชุดที่ {number + 1}",
                learning_area=learning_areas.pop() if len(learning_areas) == 1 else "",
                created_at=created,
                seats=seats,
            )
            year.committees.append(committee)
            committee_of.update(dict.fromkeys((teacher.person_id for teacher in group), committee))
        return committee_of

    def _members(self, school: SchoolEntry, area: AreaEntry) -> list[tuple[int, int, str]] | None:
        """Seats 2 and 3: a supervisor of the area, then a senior teacher of another school there or a supervisor."""
        rng = self.rng
        if not area.supervisors:
            return None
        first = (*rng.choice(area.supervisors), "supervisor")
        if area.senior_teachers and rng.random() < shares.OTHER_SCHOOL_TEACHER_SHARE:
            for _attempt in range(8):
                person, user, school_id = rng.choice(area.senior_teachers)
                if school_id != school.id:
                    return [first, (person, user, "other_school_teacher")]
        others = [supervisor for supervisor in area.supervisors if supervisor[0] != first[0]]
        if others:
            return [first, (*rng.choice(others), "supervisor")]
        teachers = [(person, user) for person, user, school_id in area.senior_teachers if school_id != school.id]
        return [first, (*rng.choice(teachers), "other_school_teacher")] if teachers else None

    def _evaluation(self, agreement: AgreementPlan, committee: CommitteePlan) -> EvaluationPlan:
        rng, moment = self.rng, self.moment
        submitted = tuple(sorted(rng.sample(range(3), self.submitted_of(rng))))
        drafts = tuple(seat for seat in range(3) if seat not in submitted and rng.random() < moment.draft_started)
        assert agreement.decided_at is not None, "only approved agreements are assigned"
        assigned = self.timeline.after(max(committee.created_at, agreement.decided_at), 0.05, 3)
        publish = len(submitted) == 3 and rng.random() < moment.published
        return EvaluationPlan(agreement, committee, self.levels.tier(), submitted, drafts, publish, assigned)

    def _number(self) -> None:
        """Give every planned row its id from ranges reserved now: rows are made while a COPY holds the connection."""
        agreements = [plan for year in self.years for plan in year.agreements]
        versioned = [plan for plan in agreements if plan.submitted_at is not None]
        committees = [plan for year in self.years for plan in year.committees]
        seats = [seat for committee in committees for seat in committee.seats]
        evaluations = [plan for year in self.years for plan in year.evaluations]
        for plan, number in zip(agreements, _ids(Agreement, len(agreements)), strict=True):
            plan.id = number
        for plan, number in zip(versioned, _ids(AgreementVersion, len(versioned)), strict=True):
            plan.version_id = number
        for committee, number in zip(committees, _ids(Committee, len(committees)), strict=True):
            committee.id = number
        for seat, number in zip(seats, _ids(Seat, len(seats)), strict=True):
            seat.id = number
        for evaluation, number in zip(evaluations, _ids(Evaluation, len(evaluations)), strict=True):
            evaluation.id = number
        self.sheet_count = sum(len(plan.submitted) + len(plan.drafts) for plan in evaluations)
        self.first_section = reserve_ids(AgreementSection, len(agreements))
        self.first_decision = reserve_ids(ReviewDecision, sum(1 for plan in agreements if plan.decided_at is not None))
        self.first_sheet = reserve_ids(ScoreSheet, self.sheet_count)


def _ids(model: type[Model], count: int) -> range:
    first = reserve_ids(model, count)
    return range(first, first + count)
