"""Who may download which document: exactly those who may read its record, through that record's helper.

Every helper fetches through the record's own access helper (agreements, committees, org), so a document
can never be read by someone the page of its record would refuse; each answers the same 404 for
"missing" and "not yours".
"""

from __future__ import annotations

from typing import Any

from agreements.access import agreement_for
from committees import access as committee_access
from committees import policy
from committees.models import Evaluation, Seat
from documents.models import Bundle, Kind
from documents.sources import Source, agreement_source, evaluation_source, order_source, sheet_source
from org.access import fetch_or_404, not_found, school_for
from org.models import School
from rounds.models import FiscalYear


def pa1_source_for(user: Any, pk: int | str) -> Source:
    """PA 1 of an agreement the user may read (its teacher, the school, the area office, its committee)."""
    return agreement_source(agreement_for(user, pk))


def pa2_source_for(user: Any, pk: int | str) -> Source:
    """PA 2 of a sheet: its own member; the others (and the director) only once all three are in."""
    sheet, _allowed = committee_access.sheet_for(user, pk)
    return sheet_source(sheet)


def pa3_source_for(user: Any, pk: int | str) -> Source:
    """PA 3 once all three sheets are in: those who may see the sheets, and the teacher once published."""
    evaluation, seats = committee_access.evaluation_with_seats(user, pk)
    if not may_read_pa3(user, evaluation, seats):
        raise not_found()
    return evaluation_source(evaluation)


def may_read_pa3(user: Any, evaluation: Evaluation, seats: list[Seat]) -> bool:
    """The result is computed and the user may see it: the sheets (committee, director) or the published result
    (the teacher, the area office). Seeing the evaluation is not enough: a school admin account sees who is
    evaluated, not the scores."""
    allowed = committee_access.allowed_on_sheet(user, evaluation, None, seats, own=False)
    return evaluation.result_computed_at is not None and bool(
        allowed.actions & {policy.VIEW_SHEETS, policy.VIEW_RESULT}
    )


def order_source_for(user: Any, committee_pk: int | str) -> Source:
    """The school's appointment order for the committee's year: anyone who may see the committee."""
    committee = committee_access.committee_for(user, committee_pk)
    return order_source(committee.school, committee.fiscal_year)


def bundle_school_for(user: Any, school_pk: int | str, year: int | str) -> tuple[School, FiscalYear]:
    """A school whose bundles the user may make (its director and school admin account) and a fiscal year."""
    school = school_for(user, school_pk, need="manage")
    fiscal_year = FiscalYear.objects.filter(year=int(year)).first() if str(year).isdigit() else None
    if fiscal_year is None:
        raise not_found()
    return school, fiscal_year


def bundle_for(user: Any, pk: int | str) -> Bundle:
    """A bundle: only the person who asked for it sees its progress and downloads it."""
    return fetch_or_404(
        Bundle.objects.select_related("school", "fiscal_year").filter(requested_by_id=getattr(user, "pk", None)), pk
    )


BUNDLE_KINDS = (Kind.PA1, Kind.PA3)
