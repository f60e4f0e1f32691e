"""Who may do what, in which state: one table that views enforce and templates read.

Plain Python (no Django). A user's roles towards a record come from `committees.access.roles_of`; the
record's state from `committees.states`. A view refuses any action not in `allowed(roles, state)`, and a
template shows a button only for an action in the same set, so the two cannot disagree.

Roles:
  director    director of the committee's school (appoints members, assigns teachers, reopens, publishes)
  area_staff  staff of the school's area office (appoints a substitute chair; checks results before DPA)
  member      holds a seat on the committee (the chair included): scores their own sheet
  appointee   has a seat offered and not yet answered
  teacher     the teacher being evaluated

States (disjoint names across the kinds of record):
  committee   committee_open, committee_closed (every teacher on it has a published result)
  seat        seat_pending, seat_accepted, seat_vacant (declined, expired or removed: to be filled)
  sheet       forming (committee incomplete or agreement not approved), draft, submitted (this sheet; not
              all three yet), scored (all three submitted, not published), published
"""

from __future__ import annotations

from collections.abc import Iterable

DIRECTOR = "director"
AREA_STAFF = "area_staff"
MEMBER = "member"
APPOINTEE = "appointee"
TEACHER = "teacher"
ROLES = (DIRECTOR, AREA_STAFF, MEMBER, APPOINTEE, TEACHER)

COMMITTEE_OPEN = "committee_open"
COMMITTEE_CLOSED = "committee_closed"
SEAT_PENDING = "seat_pending"
SEAT_ACCEPTED = "seat_accepted"
SEAT_VACANT = "seat_vacant"
FORMING = "forming"
DRAFT = "draft"
SUBMITTED = "submitted"
SCORED = "scored"
PUBLISHED = "published"
STATES = (
    COMMITTEE_OPEN,
    COMMITTEE_CLOSED,
    SEAT_PENDING,
    SEAT_ACCEPTED,
    SEAT_VACANT,
    FORMING,
    DRAFT,
    SUBMITTED,
    SCORED,
    PUBLISHED,
)

# Actions
VIEW = "view"  # see the record at all
APPOINT_MEMBER = "appoint_member"  # offer seat 2 or 3 to a qualified member (the director)
APPOINT_CHAIR = "appoint_chair"  # seat 1: the director themself, or a substitute chair named by the area office
REMOVE = "remove"  # take a person off a seat (with a reason)
ASSIGN = "assign"  # add or remove teachers
ACCEPT = "accept"
DECLINE = "decline"
SCORE = "score"  # choose levels, write comments (autosave)
SUBMIT = "submit"
REOPEN = "reopen"  # unlock a submitted sheet, with a written reason
VIEW_OWN_SHEET = "view_own_sheet"
VIEW_SHEETS = "view_sheets"  # every member's sheet and the disagreement flags
PUBLISH = "publish"
VIEW_RESULT = "view_result"
ACTIONS = (
    VIEW,
    APPOINT_MEMBER,
    APPOINT_CHAIR,
    REMOVE,
    ASSIGN,
    ACCEPT,
    DECLINE,
    SCORE,
    SUBMIT,
    REOPEN,
    VIEW_OWN_SHEET,
    VIEW_SHEETS,
    PUBLISH,
    VIEW_RESULT,
)

_TABLE: dict[tuple[str, str], frozenset[str]] = {
    # The committee as a whole.
    (DIRECTOR, COMMITTEE_OPEN): frozenset({VIEW, APPOINT_MEMBER, APPOINT_CHAIR, REMOVE, ASSIGN, PUBLISH}),
    (DIRECTOR, COMMITTEE_CLOSED): frozenset({VIEW}),
    (AREA_STAFF, COMMITTEE_OPEN): frozenset({VIEW, APPOINT_CHAIR}),
    (AREA_STAFF, COMMITTEE_CLOSED): frozenset({VIEW}),
    (MEMBER, COMMITTEE_OPEN): frozenset({VIEW}),
    (MEMBER, COMMITTEE_CLOSED): frozenset({VIEW}),
    (APPOINTEE, COMMITTEE_OPEN): frozenset({VIEW}),
    # A seat.
    (APPOINTEE, SEAT_PENDING): frozenset({ACCEPT, DECLINE}),
    (MEMBER, SEAT_ACCEPTED): frozenset({VIEW}),
    (DIRECTOR, SEAT_PENDING): frozenset({REMOVE}),
    (DIRECTOR, SEAT_ACCEPTED): frozenset({REMOVE}),
    (DIRECTOR, SEAT_VACANT): frozenset({APPOINT_MEMBER, APPOINT_CHAIR}),
    (AREA_STAFF, SEAT_VACANT): frozenset({APPOINT_CHAIR}),
    # One member's sheet for one teacher. Nobody sees another member's sheet before all three are in.
    (MEMBER, FORMING): frozenset(),
    (MEMBER, DRAFT): frozenset({VIEW_OWN_SHEET, SCORE, SUBMIT}),
    (MEMBER, SUBMITTED): frozenset({VIEW_OWN_SHEET}),
    (MEMBER, SCORED): frozenset({VIEW_OWN_SHEET, VIEW_SHEETS}),
    (MEMBER, PUBLISHED): frozenset({VIEW_OWN_SHEET, VIEW_SHEETS, VIEW_RESULT}),
    (DIRECTOR, SUBMITTED): frozenset({REOPEN}),
    (DIRECTOR, SCORED): frozenset({REOPEN, VIEW_SHEETS, PUBLISH}),
    (DIRECTOR, PUBLISHED): frozenset({VIEW_SHEETS, VIEW_RESULT}),
    (AREA_STAFF, SCORED): frozenset({VIEW_SHEETS}),
    (AREA_STAFF, PUBLISHED): frozenset({VIEW_SHEETS, VIEW_RESULT}),
    (TEACHER, PUBLISHED): frozenset({VIEW_RESULT}),
}


def allowed(roles: Iterable[str], state: str) -> frozenset[str]:
    """Every action any of these roles may take on a record in this state."""
    if state not in STATES:
        raise ValueError(f"unknown state {state!r}")
    result: frozenset[str] = frozenset()
    for role in roles:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        result |= _TABLE.get((role, state), frozenset())
    return result


def appoint_action(number: int) -> str:
    """The action that fills seat `number`: seat 1 is the chair, seats 2 and 3 are members."""
    return APPOINT_CHAIR if number == 1 else APPOINT_MEMBER


def table() -> dict[tuple[str, str], frozenset[str]]:
    """The whole table, for the help page and tests."""
    return dict(_TABLE)
