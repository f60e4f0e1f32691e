"""Who may see committees, seats, evaluations and sheets; the one way views fetch them.

Visibility (what exists for you at all):
- a committee: the director and school admin account of its school, staff of its area office, anyone
  holding or offered one of its seats, system admins;
- an evaluation: those who see its committee, and its teacher once the result is published;
- a sheet: only through `sheet_for`, which applies the policy table (its member; the others only after all
  three are submitted; the director and area staff likewise).

What you may do with a visible record comes from `committees.policy.allowed(roles_of(...), state)`.
Every helper raises the same 404 for "missing" and "not yours".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from agreements.models import Agreement
from committees import policy
from committees.models import Committee, Evaluation, ScoreSheet, Seat
from org.access import fetch_or_404, not_found
from org.scope import scope_of


def committee_filter(user: Any) -> Q:
    scope = scope_of(user)
    if scope.is_system_admin:
        return Q()
    seated = (
        Q(pk__in=Seat.objects.filter(person_id=scope.person_id, status__in=Seat.HELD).values("committee_id"))
        if scope.person_id
        else Q(pk__in=[])
    )
    return Q(school_id__in=scope.managed_school_ids) | Q(school__area_office_id__in=scope.area_office_ids) | seated


def evaluation_filter(user: Any) -> Q:
    scope = scope_of(user)
    if scope.is_system_admin:
        return Q()
    own_published = (
        Q(agreement__teacher_id=scope.person_id, published_at__isnull=False) if scope.person_id else Q(pk__in=[])
    )
    return Q(committee__in=Committee.objects.filter(committee_filter(user))) | own_published


def roles_of(user: Any, committee: Committee, seats: list[Seat] | None = None) -> frozenset[str]:
    """The user's roles towards a committee; `seats` are its held seats when the caller has them already."""
    scope = scope_of(user)
    roles = set()
    if committee.school_id in scope.directed_school_ids:
        roles.add(policy.DIRECTOR)
    if scope.area_office_ids and committee.school.area_office_id in scope.area_office_ids:
        roles.add(policy.AREA_STAFF)
    if scope.person_id:
        held = seats if seats is not None else held_seats(committee)
        for seat in held:
            if seat.person_id == scope.person_id:
                roles.add(policy.MEMBER if seat.status == Seat.Status.ACCEPTED else policy.APPOINTEE)
    return frozenset(roles)


def held_seats(committee: Committee, *, people: bool = True) -> list[Seat]:
    """Seats 1–3 as currently held (pending or accepted), in seat order; `people=False` for the access rules
    alone (they read only who holds a seat, never the person's record): no join."""
    seats = Seat.objects.filter(committee=committee, status__in=Seat.HELD).order_by("number")
    return list(seats.select_related("person") if people else seats)


def committee_state(committee: Committee) -> str:
    """Closed once every teacher on it has a published result; until then seats and teachers may change."""
    evaluations = Evaluation.objects.filter(committee=committee)
    finished = evaluations.exists() and not evaluations.filter(published_at__isnull=True).exists()
    return policy.COMMITTEE_CLOSED if finished else policy.COMMITTEE_OPEN


def seat_state(seat: Seat) -> str:
    if seat.status == Seat.Status.PENDING:
        return policy.SEAT_PENDING
    if seat.status == Seat.Status.ACCEPTED:
        return policy.SEAT_ACCEPTED
    return policy.SEAT_VACANT


def is_ready(evaluation: Evaluation, seats: list[Seat]) -> bool:
    """Scoring may start: the agreement is approved and all three seats are accepted."""
    accepted = {seat.number for seat in seats if seat.status == Seat.Status.ACCEPTED}
    return evaluation.agreement.state == Agreement.State.APPROVED and accepted == {1, 2, 3}


def sheet_state(evaluation: Evaluation, sheet: ScoreSheet | None, seats: list[Seat]) -> str:
    """The state of one member's sheet for one teacher (see `committees.policy`)."""
    if evaluation.published_at is not None:
        return policy.PUBLISHED
    if evaluation.result_computed_at is not None:
        return policy.SCORED
    if sheet is not None and sheet.is_submitted:
        return policy.SUBMITTED
    if not is_ready(evaluation, seats):
        return policy.FORMING
    return policy.DRAFT


@dataclass(frozen=True)
class Allowed:
    """A record with the viewer's roles and the actions the policy table gives them in its state."""

    roles: frozenset[str]
    state: str
    actions: frozenset[str]

    def require(self, action: str) -> None:
        if action not in self.actions:
            raise PermissionDenied(action)


def allowed_on_committee(user: Any, committee: Committee, seats: list[Seat] | None = None) -> Allowed:
    roles = roles_of(user, committee, seats)
    state = committee_state(committee)
    return Allowed(roles, state, policy.allowed(roles, state))


def allowed_on_seat(user: Any, seat: Seat) -> Allowed:
    roles = set(roles_of(user, seat.committee, [seat] if seat.is_held else []))
    if seat.person_id == scope_of(user).person_id and seat.status == Seat.Status.PENDING:
        roles.add(policy.APPOINTEE)
    state = seat_state(seat)
    actions = policy.allowed(roles, state)
    changes = {policy.APPOINT_MEMBER, policy.APPOINT_CHAIR, policy.REMOVE}
    # A seat changes only while its committee is open: asked of the database only when it matters.
    if actions & changes and committee_state(seat.committee) == policy.COMMITTEE_CLOSED:
        actions -= changes
    return Allowed(frozenset(roles), state, actions)


def allowed_on_sheet(
    user: Any, evaluation: Evaluation, sheet: ScoreSheet | None, seats: list[Seat], *, own: bool
) -> Allowed:
    """Actions on a sheet. `own`: the sheet is (or would be) the user's own; on anyone else's a member may at
    most view, and only once all three are in (VIEW_SHEETS)."""
    roles = set(roles_of(user, evaluation.committee, seats))
    if evaluation.agreement.teacher_id == scope_of(user).person_id:
        roles.add(policy.TEACHER)
    state = sheet_state(evaluation, sheet, seats)
    actions = policy.allowed(roles, state)
    if not own:
        actions -= {policy.SCORE, policy.SUBMIT, policy.VIEW_OWN_SHEET}
    return Allowed(frozenset(roles), state, actions)


def committee_for(user: Any, pk: int | str) -> Committee:
    return fetch_or_404(
        Committee.objects.select_related("school__area_office", "fiscal_year").filter(committee_filter(user)), pk
    )


def seat_for(user: Any, pk: int | str) -> Seat:
    """A seat on a committee the user may see, or the seat they were offered."""
    scope = scope_of(user)
    own = Q(person_id=scope.person_id) if scope.person_id else Q(pk__in=[])
    visible = Q(committee__in=Committee.objects.filter(committee_filter(user))) | own
    return fetch_or_404(
        Seat.objects.select_related("committee__school__area_office", "committee__fiscal_year", "person").filter(
            visible
        ),
        pk,
    )


def evaluation_for(user: Any, pk: int | str) -> Evaluation:
    return fetch_or_404(
        Evaluation.objects.select_related(
            "agreement__teacher", "agreement__school", "agreement__fiscal_year", "committee__school__area_office"
        ).filter(evaluation_filter(user)),
        pk,
    )


def evaluation_visible(user: Any, evaluation: Evaluation, seats: list[Seat]) -> bool:
    """`evaluation_filter` for one evaluation already fetched with its committee and agreement, given the
    committee's held seats (the committee's school is read only for area office staff).

    The same rule in Python, for the pages that need the seats anyway: no subquery for the database to plan.
    A test holds it to `evaluation_filter` for every role.
    """
    scope = scope_of(user)
    if scope.is_system_admin:
        return True
    committee = evaluation.committee
    if committee.school_id in scope.managed_school_ids:
        return True
    if scope.area_office_ids and committee.school.area_office_id in scope.area_office_ids:
        return True
    if scope.person_id is None:
        return False
    if any(seat.person_id == scope.person_id for seat in seats):
        return True
    return evaluation.agreement.teacher_id == scope.person_id and evaluation.published_at is not None


def evaluation_with_seats(user: Any, pk: int | str) -> tuple[Evaluation, list[Seat]]:
    """An evaluation the user may see (as `evaluation_for`) and its committee's held seats: two plain queries.

    The committee's school is not joined: only area office staff need it (its area office), and they read it
    on demand. Every table joined costs PostgreSQL planning time on every page.
    """
    evaluation = fetch_or_404(
        Evaluation.objects.select_related(
            "agreement__teacher", "agreement__school", "agreement__fiscal_year", "committee"
        ),
        pk,
    )
    seats = held_seats(evaluation.committee)
    if not evaluation_visible(user, evaluation, seats):
        raise not_found()
    return evaluation, seats


def own_seat(user: Any, seats: list[Seat]) -> Seat | None:
    person_id = scope_of(user).person_id
    for seat in seats:
        if person_id is not None and seat.person_id == person_id and seat.status == Seat.Status.ACCEPTED:
            return seat
    return None


# What a sheet is fetched with: everything its page shows, or (`full=False`) what the access rules and an
# autosave's answer read: the seat's holder, the agreement's teacher and state, the edition, the committee
# (its school is read only for area office staff). Every table joined costs PostgreSQL planning time.
_SHEET_PAGE = (
    "seat__person",
    "evaluation__agreement__teacher",
    "evaluation__agreement__school",
    "evaluation__agreement__fiscal_year",
    "evaluation__committee__school__area_office",
)
SHEET_ACCESS = ("seat", "evaluation__agreement__fiscal_year", "evaluation__committee")


def sheet_for(user: Any, pk: int | str, *, full: bool = True) -> tuple[ScoreSheet, Allowed]:
    """A sheet by id: its own member always; others only where the policy gives VIEW_SHEETS (all three in).

    Two queries: the sheet with its evaluation, and the committee's held seats, which decide both who sees
    the evaluation (`evaluation_visible`) and what they may do.
    """
    sheet = fetch_or_404(ScoreSheet.objects.select_related(*(_SHEET_PAGE if full else SHEET_ACCESS)), pk)
    evaluation = sheet.evaluation
    seats = held_seats(evaluation.committee)
    if not evaluation_visible(user, evaluation, seats):
        raise not_found()
    own = sheet.seat.person_id == scope_of(user).person_id and sheet.seat.status == Seat.Status.ACCEPTED
    allowed = allowed_on_sheet(user, evaluation, sheet, seats, own=own)
    visible = policy.VIEW_OWN_SHEET if own else policy.VIEW_SHEETS
    if visible not in allowed.actions and not (own and policy.SCORE in allowed.actions):
        raise not_found()
    return sheet, allowed
