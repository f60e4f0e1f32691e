"""Who still has what to do in a fiscal year, for many schools at once: a fixed number of grouped queries
whatever the number of schools, used by the home pages' next steps, the dashboards and the reminder run.

`overdue_schools(area_office_id, fiscal_year, today)` is what the area dashboard flags.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from agreements.models import Agreement
from committees.models import Evaluation, ScoreSheet, Seat
from org.models import Membership, Role, School
from reminders.calendar import Dates, deadlines_for_schools
from reminders.models import Step
from rounds.models import FiscalYear

# An agreement the teacher has sent: it waits for review, or was approved (an amendment keeps that).
SENT_STATES = (Agreement.State.SUBMITTED, Agreement.State.APPROVED, Agreement.State.AMENDING)
APPROVED_STATES = (Agreement.State.APPROVED, Agreement.State.AMENDING)


@dataclass(frozen=True)
class Progress:
    """One school's unfinished work in a fiscal year, counted per step."""

    unsubmitted: int = 0  # teachers who make a PA and have not sent this year's agreement
    awaiting_review: int = 0  # agreements sent, not yet approved or returned
    without_committee: int = 0  # approved agreements no committee evaluates yet
    unscored: int = 0  # teachers on a committee whose three sheets are not all submitted
    scored_unpublished: int = 0  # results computed, waiting for the director to publish
    unpublished: int = 0  # agreements of the year without a published result
    agreements: int = 0
    published: int = 0

    def pending(self, step: str) -> int:
        """How much of `step` is still undone (DPA entry happens outside the system: never known)."""
        undone: dict[str, int] = {
            Step.AGREEMENT_SUBMISSION: self.unsubmitted,
            Step.DIRECTOR_APPROVAL: self.awaiting_review,
            Step.COMMITTEE_APPOINTMENT: self.without_committee,
            Step.SCORING: self.unscored,
            Step.PUBLISHING: self.unpublished,
        }
        return undone.get(step, 0)


def pa_standings(fiscal_year: FiscalYear) -> list[str]:
    return [standing.code for standing in fiscal_year.edition.pa_standings]


def _teachers(fiscal_year: FiscalYear, school_ids: Collection[int]) -> QuerySet[Membership]:
    sent = Agreement.objects.filter(
        teacher_id=OuterRef("user__person__id"), fiscal_year=fiscal_year, state__in=SENT_STATES
    )
    return (
        Membership.objects.active()
        .filter(role=Role.TEACHER, school_id__in=list(school_ids), user__is_active=True)
        .filter(user__person__standing__in=pa_standings(fiscal_year))
        .annotate(sent=Exists(sent))
        .filter(sent=False)
    )


def school_progress(fiscal_year: FiscalYear, school_ids: Collection[int]) -> dict[int, Progress]:
    """Every listed school's progress (schools with nothing to count get an empty Progress). Two queries."""
    counts: dict[int, dict[str, int]] = {pk: {} for pk in school_ids}
    teachers = _teachers(fiscal_year, school_ids)
    for row in teachers.values("school_id").annotate(n=Count("pk")):
        counts[row["school_id"]]["unsubmitted"] = row["n"]
    unpublished = Q(evaluation__published_at__isnull=True)
    rows = (
        Agreement.objects.filter(fiscal_year=fiscal_year, school_id__in=list(school_ids))
        .values("school_id")
        .annotate(
            agreements=Count("pk"),
            awaiting_review=Count("pk", filter=Q(state=Agreement.State.SUBMITTED)),
            without_committee=Count("pk", filter=Q(state__in=APPROVED_STATES, evaluation__isnull=True)),
            unscored=Count(
                "pk", filter=Q(evaluation__isnull=False, evaluation__result_computed_at__isnull=True) & unpublished
            ),
            scored_unpublished=Count("pk", filter=Q(evaluation__result_computed_at__isnull=False) & unpublished),
            unpublished=Count("pk", filter=unpublished),
            published=Count("pk", filter=Q(evaluation__published_at__isnull=False)),
        )
    )
    for values in rows:
        counted: dict[str, Any] = dict(values)
        counts.setdefault(counted.pop("school_id"), {}).update(counted)
    return {school_id: Progress(**values) for school_id, values in counts.items()}


def pending_teachers(fiscal_year: FiscalYear, school_ids: Collection[int]) -> dict[int, list[int]]:
    """School id → the user ids of its teachers who have not sent this year's agreement. One query."""
    found: dict[int, list[int]] = {}
    rows = _teachers(fiscal_year, school_ids).values_list("school_id", "user_id")
    for school_id, user_id in rows.order_by("school_id", "user_id"):
        found.setdefault(school_id, []).append(user_id)
    return found


def directors_of(school_ids: Collection[int]) -> dict[int, list[int]]:
    """School id → the user ids of its directors (active accounts). One query."""
    found: dict[int, list[int]] = {}
    rows = (
        Membership.objects.active()
        .filter(role=Role.DIRECTOR, school_id__in=list(school_ids), user__is_active=True)
        .order_by("school_id", "user_id")
        .values_list("school_id", "user_id")
    )
    for school_id, user_id in rows:
        found.setdefault(int(school_id or 0), []).append(user_id)
    return found


def pending_sheets(
    fiscal_year: FiscalYear, *, school_ids: Collection[int] | None = None, person_id: int | None = None
) -> dict[tuple[int, int], int]:
    """(user id, school id) → teachers whose sheet this member has not submitted, on committees where the
    member's seat is accepted and the result is not published. One query."""
    open_evaluations = (
        Evaluation.objects.filter(committee=OuterRef("committee"), published_at__isnull=True)
        .order_by()
        .values("committee")
        .annotate(n=Count("pk"))
        .values("n")
    )
    submitted = (
        ScoreSheet.objects.filter(
            seat=OuterRef("pk"), state=ScoreSheet.State.SUBMITTED, evaluation__published_at__isnull=True
        )
        .order_by()
        .values("seat")
        .annotate(n=Count("pk"))
        .values("n")
    )
    seats = Seat.objects.filter(
        status=Seat.Status.ACCEPTED, committee__fiscal_year=fiscal_year, person__user__is_active=True
    )
    if school_ids is not None:
        seats = seats.filter(committee__school_id__in=list(school_ids))
    if person_id is not None:
        seats = seats.filter(person_id=person_id)
    rows = seats.annotate(
        open=Coalesce(Subquery(open_evaluations, output_field=IntegerField()), 0),
        done=Coalesce(Subquery(submitted, output_field=IntegerField()), 0),
    ).values_list("person__user_id", "committee__school_id", "open", "done")
    found: dict[tuple[int, int], int] = {}
    for user_id, school_id, open_count, done in rows:
        if open_count > done:
            found[(user_id, school_id)] = found.get((user_id, school_id), 0) + open_count - done
    return found


def overdue_steps(progress: Progress, dates: Dates, today: date) -> list[str]:
    """The steps whose date has passed while some of their work is undone, in the cycle's order."""
    return [step for step in Step.values if step in dates and dates[step] < today and progress.pending(step) > 0]


def overdue_in(
    school_places: dict[int, int], fiscal_year: FiscalYear, today: date
) -> tuple[dict[int, list[str]], dict[int, Dates]]:
    """For these schools (id → area office id): each one's overdue steps (only schools with some), and every
    school's dates. Two queries, or four when some date has passed."""
    dates = deadlines_for_schools(school_places, fiscal_year)
    passed = [school_id for school_id, steps in dates.items() if any(due_on < today for due_on in steps.values())]
    if not passed:
        return {}, dates
    progress = school_progress(fiscal_year, passed)
    late = {school_id: overdue_steps(progress[school_id], dates[school_id], today) for school_id in passed}
    return {school_id: steps for school_id, steps in late.items() if steps}, dates


def overdue_schools(area_office_id: int, fiscal_year: FiscalYear, today: date) -> dict[int, list[str]]:
    """School id → its overdue steps, for the schools of one area office that are behind a deadline."""
    places = dict(School.objects.filter(area_office_id=area_office_id).values_list("pk", "area_office_id"))
    return overdue_in(places, fiscal_year, today)[0]
