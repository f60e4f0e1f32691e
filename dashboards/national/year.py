"""The rows of a planned fiscal year, table by table: agreements and their review, committees, sheets, results.

The sheets — the big table — are made while they are written and never held; each evaluation's PA 3
result is computed from its three sheets as they are made, and written with the evaluations after them.

Agreements carry the snapshot `agreements.services` writes at submission, one version per submission
and the director's decision, but of PA 1's text only the challenge title: the dashboards do not read it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from django.db.models import Model
from django.utils import translation

from agreements.content import CHALLENGE_FIELDS
from agreements.models import Agreement, AgreementSection, AgreementVersion, ReviewDecision
from committees.models import Committee, Evaluation, ScoreSheet, Seat
from dashboards.national import names, shares
from dashboards.national.directory import SchoolEntry, TeacherEntry
from dashboards.national.plan import DAY, AgreementPlan, EvaluationPlan, SchoolYear, YearPlan
from dashboards.national.tables import Row
from org.models import Position

encode = json.JSONEncoder(ensure_ascii=False).encode
Table = tuple[type[Model], tuple[str, ...], Callable[[], Iterator[Row]]]
SEAT_ANSWER_DAYS = 7  # the appointment's answer-by date; every seeded member has accepted


def stamp(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def maybe_stamp(seconds: float | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


class YearRows:
    def __init__(self, plan: YearPlan) -> None:
        self.plan = plan
        self.edition = plan.edition
        with translation.override("th"):  # the snapshot prints on PA 1: Thai labels
            positions = {code: str(label) for code, label in Position.choices}
        self.role_parts: dict[tuple[str, str], str] = {
            (position, standing.code): (
                f'"position": {encode(positions[position])}, "standing": {encode(standing.code)}, '
                f'"standing_name": {encode(standing.name)}'
            )
            for position in positions
            for standing in self.edition.standings
        }
        self.school_parts: dict[int, str] = {}
        self.challenge_template = (
            "{" + ", ".join('"title": %s' if name == "title" else f'"{name}": ""' for name in CHALLENGE_FIELDS) + "}"
        )

    def tables(self) -> list[Table]:
        return [
            (Agreement, AGREEMENT_COLUMNS, self.agreements),
            (AgreementSection, SECTION_COLUMNS, self.sections),
            (AgreementVersion, VERSION_COLUMNS, self.versions),
            (ReviewDecision, DECISION_COLUMNS, self.decisions),
            (Committee, COMMITTEE_COLUMNS, self.committees),
            (Seat, SEAT_COLUMNS, self.seats),
            # Sheets before evaluations: each evaluation's result comes from its sheets as they are made.
            (ScoreSheet, SHEET_COLUMNS, self.sheets),
            (Evaluation, EVALUATION_COLUMNS, self.evaluations),
        ]

    def _each_agreement(self) -> Iterator[tuple[SchoolYear, AgreementPlan]]:
        for year in self.plan.years:
            for agreement in year.agreements:
                yield year, agreement

    def snapshot(self, school: SchoolEntry, teacher: TeacherEntry) -> str:
        """The snapshot as agreements.services._snapshot writes it at submission, as JSON."""
        school_part = self.school_parts.get(school.id)
        if school_part is None:
            school_part = self.school_parts[school.id] = (
                f'"school": {encode(school.name)}, "school_code": {encode(school.code)}, '
                f'"area_office": {encode(school.area_name)}'
            )
        salary = str(teacher.salary) if teacher.salary is not None else ""
        return (
            f'{{"name": {encode(teacher.name)}, {self.role_parts[teacher.position, teacher.standing]}, {school_part}, '
            f'"salary_grade": {encode(teacher.salary_grade)}, "salary": {encode(salary)}}}'
        )

    def challenge(self, agreement: AgreementPlan) -> str:
        return self.challenge_template % encode(agreement.title)

    def agreements(self) -> Iterator[Row]:
        fiscal_year, failures = self.plan.fiscal_year.pk, self.plan.failures
        for year, agreement in self._each_agreement():
            teacher, submitted = agreement.teacher, agreement.submitted_at
            decided = agreement.decided_at
            yield (
                agreement.id,
                teacher.person_id,
                year.school.id,
                fiscal_year,
                agreement.state,
                self.snapshot(year.school, teacher) if submitted is not None else "{}",
                (agreement.shortfall is None) if submitted is not None else None,
                encode(failures[agreement.shortfall]) if agreement.shortfall is not None else "[]",
                maybe_stamp(submitted),
                stamp(decided) if decided is not None and agreement.state == Agreement.State.APPROVED else None,
                teacher.user_id,
                stamp(agreement.created_at),
                stamp(decided or submitted or agreement.created_at),
            )

    def sections(self) -> Iterator[Row]:
        for index, (_year, agreement) in enumerate(self._each_agreement(), start=self.plan.first_section):
            content = self.challenge(agreement)
            yield (index, agreement.id, "challenge", content, 1, agreement.teacher.user_id, stamp(agreement.created_at))

    def versions(self) -> Iterator[Row]:
        for year, agreement in self._each_agreement():
            if agreement.submitted_at is None:
                continue
            yield (
                agreement.version_id,
                agreement.id,
                1,
                f'{{"challenge": {self.challenge(agreement)}}}',
                self.snapshot(year.school, agreement.teacher),
                agreement.teacher.user_id,
                stamp(agreement.submitted_at),
            )

    def decisions(self) -> Iterator[Row]:
        number, rng = self.plan.first_decision, self.plan.rng
        for year, agreement in self._each_agreement():
            if agreement.decided_at is None:
                continue
            approved = agreement.state == Agreement.State.APPROVED
            outcome = ReviewDecision.Outcome.APPROVED if approved else ReviewDecision.Outcome.RETURNED
            comment = "" if approved else rng.choice(names.RETURN_COMMENTS)
            director = year.school.director_user
            yield (number, agreement.version_id, outcome, comment, "{}", director, stamp(agreement.decided_at))
            number += 1

    def committees(self) -> Iterator[Row]:
        fiscal_year = self.plan.fiscal_year.pk
        for year in self.plan.years:
            director = year.school.director_user
            for committee in year.committees:
                at = stamp(committee.created_at)
                yield (committee.id, year.school.id, fiscal_year, committee.name, committee.learning_area, director, at)

    def seats(self) -> Iterator[Row]:
        timeline = self.plan.timeline
        for year in self.plan.years:
            director = year.school.director_user
            for committee in year.committees:
                appointed = committee.created_at
                for seat in committee.seats:
                    responded = appointed if seat.number == 1 else timeline.after(appointed, 0.1, 3)
                    yield (
                        seat.id,
                        committee.id,
                        seat.number,
                        seat.person_id,
                        seat.kind,
                        seat.qualification,
                        Seat.Status.ACCEPTED,
                        director,
                        stamp(appointed),
                        stamp(appointed + SEAT_ANSWER_DAYS * DAY),
                        stamp(responded),
                    )

    def sheets(self) -> Iterator[Row]:
        number = self.plan.first_sheet
        for year in self.plan.years:
            for evaluation in year.evaluations:
                rows = self._sheets_of(year, evaluation, number)
                number += len(rows)
                yield from rows

    def _sheets_of(self, year: SchoolYear, evaluation: EvaluationPlan, number: int) -> list[Row]:
        """The evaluation's sheets (a submitted or draft one per seat, or none yet), and its result once all are in."""
        plan = self.plan
        levels, rng, timeline = plan.levels, plan.rng, plan.timeline
        truth = levels.truth(evaluation.tier, year.drops)
        sheets = [levels.member(truth), levels.member(truth), levels.member(truth)]
        if len(evaluation.submitted) == 3 and rng.random() < shares.DISAGREEMENT_SHARE:
            levels.disagree(truth, sheets)
        earliest, end, items = evaluation.assigned_at + DAY, timeline.end, len(levels.codes)
        rows: list[Row] = []
        totals = []
        for position, seat in enumerate(evaluation.committee.seats):
            if position in evaluation.submitted:
                score = levels.score(sheets[position])
                totals.append(score.total)
                at = min(end, max(earliest, timeline.at(0.6, 0.97)))
                evaluation.computed_at = max(evaluation.computed_at or at, at)
                when, json_levels = stamp(at), levels.levels_json(sheets[position])
                # One save per item, then the submission: the revision a real sheet would have.
                row = (number + len(rows), evaluation.id, seat.id, json_levels, ScoreSheet.State.SUBMITTED, items + 1)
                rows.append((*row, score.part1, score.part2, score.total, when, seat.user_id, when))
            elif position in evaluation.drafts:
                filled = rng.randint(1, items - 1)
                when = stamp(min(end, max(evaluation.assigned_at, timeline.at(0.5, 0.97))))
                json_levels = levels.levels_json(sheets[position], filled)
                row = (number + len(rows), evaluation.id, seat.id, json_levels, ScoreSheet.State.DRAFT, filled)
                rows.append((*row, None, None, None, None, seat.user_id, when))
        if len(totals) == 3:
            shortfall = evaluation.agreement.shortfall
            failures = plan.failures[shortfall] if shortfall is not None else ()
            evaluation.passed, evaluation.reasons = levels.result(totals, shortfall is None, failures)
        return rows

    def evaluations(self) -> Iterator[Row]:
        timeline = self.plan.timeline
        for year in self.plan.years:
            director = year.school.director_user
            for evaluation in year.evaluations:
                computed = evaluation.computed_at if evaluation.passed is not None else None
                published = timeline.after(computed, 0.5, 10) if evaluation.publish and computed else None
                yield (
                    evaluation.id,
                    evaluation.agreement.id,
                    evaluation.committee.id,
                    director,
                    stamp(evaluation.assigned_at),
                    evaluation.passed,
                    evaluation.reasons,
                    maybe_stamp(computed),
                    maybe_stamp(published),
                    director if published else None,
                )


AGREEMENT_COLUMNS = (
    "id",
    "teacher_id",
    "school_id",
    "fiscal_year_id",
    "state",
    "snapshot",
    "workload_ok",
    "workload_failures",
    "submitted_at",
    "approved_at",
    "created_by_id",
    "created_at",
    "updated_at",
)
SECTION_COLUMNS = ("id", "agreement_id", "key", "content", "revision", "updated_by_id", "updated_at")
VERSION_COLUMNS = ("id", "agreement_id", "number", "sections", "snapshot", "submitted_by_id", "submitted_at")
DECISION_COLUMNS = ("id", "version_id", "outcome", "comment", "section_comments", "decided_by_id", "decided_at")
COMMITTEE_COLUMNS = ("id", "school_id", "fiscal_year_id", "name", "learning_area", "created_by_id", "created_at")
SEAT_COLUMNS = (
    "id",
    "committee_id",
    "number",
    "person_id",
    "kind",
    "qualification",
    "status",
    "appointed_by_id",
    "appointed_at",
    "respond_by",
    "responded_at",
)
SHEET_COLUMNS = (
    "id",
    "evaluation_id",
    "seat_id",
    "levels",
    "state",
    "revision",
    "part1",
    "part2",
    "total",
    "submitted_at",
    "updated_by_id",
    "updated_at",
)
EVALUATION_COLUMNS = (
    "id",
    "agreement_id",
    "committee_id",
    "assigned_by_id",
    "assigned_at",
    "result_passed",
    "result_reasons",
    "result_computed_at",
    "published_at",
    "published_by_id",
)
