"""Committee states for tests, built only through the services (so every test starts from a real path).

`round_for(cast)` gives the teacher an approved agreement, a committee chaired by the director with the
supervisor (seat 2) and the other school's ชำนาญการพิเศษ teacher (seat 3), both accepted, and the teacher
assigned. `score(...)` fills and optionally submits one member's sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from agreements.models import Agreement
from agreements.services import agreement_decide, agreement_start, agreement_submit, section_save
from committees.models import Committee, Evaluation, ScoreSheet, Seat
from committees.points import item_codes
from committees.services import (
    committee_create,
    evaluations_assign,
    seat_appoint,
    seat_respond,
    sheet_open,
    sheet_save,
    sheet_submit,
)
from org.models import Person, User
from rounds.models import FiscalYear
from rounds.services import fiscal_year_open
from tests.agreements.factories import complete_sections
from tests.conftest import Cast

YEAR = 2570


def fiscal_year() -> FiscalYear:
    return fiscal_year_open(actor=None, year=YEAR)


def approved_agreement(cast: Cast, teacher: Person | None = None, *, teaching_hours: str = "14") -> Agreement:
    teacher = teacher or cast.teacher
    assert teacher.user is not None
    year = fiscal_year()
    agreement = agreement_start(actor=teacher.user, teacher=teacher, fiscal_year=year)
    sections = complete_sections(year.edition)
    sections["workload"]["items"][0]["hours"] = teaching_hours
    for key, body in sections.items():
        section_save(actor=teacher.user, agreement=agreement, key=key, body=body, base_revision=0)
    agreement_submit(actor=teacher.user, agreement=agreement, requested_at=timezone.now())
    agreement_decide(director=cast.user("director"), agreement=agreement, approve=True)
    return Agreement.objects.get(pk=agreement.pk)


def new_committee(cast: Cast, name: str = "คณะกรรมการกลุ่มสาระภาษาไทย") -> Committee:
    return committee_create(actor=cast.user("director"), school=cast.school, fiscal_year=fiscal_year(), name=name)


def appoint(cast: Cast, committee: Committee, number: int, person: Person, qualification: str, **kw: Any) -> Seat:
    return seat_appoint(
        actor=cast.user("director"),
        committee=committee,
        number=number,
        person=person,
        qualification=qualification,
        **kw,
    )


def accept(seat: Seat) -> Seat:
    assert seat.person.user is not None
    return seat_respond(actor=User.objects.get(pk=seat.person.user.pk), seat=seat, accept=True)


@dataclass
class Round:
    committee: Committee
    evaluation: Evaluation
    agreement: Agreement

    def seat(self, number: int) -> Seat:
        return Seat.objects.get(committee=self.committee, number=number, status__in=Seat.HELD)


def round_for(cast: Cast, *, teaching_hours: str = "14", accept_members: bool = True) -> Round:
    agreement = approved_agreement(cast, teaching_hours=teaching_hours)
    committee = new_committee(cast)
    seats = [
        appoint(cast, committee, 2, cast.supervisor, "supervisor"),
        appoint(cast, committee, 3, cast.other_school_teacher, "other_school_teacher"),
    ]
    if accept_members:
        for seat in seats:
            accept(seat)
    (evaluation,) = evaluations_assign(actor=cast.user("director"), committee=committee, agreements=[agreement])
    return Round(committee, Evaluation.objects.get(pk=evaluation.pk), agreement)


MEMBERS = {1: "director", 2: "supervisor", 3: "other_school_teacher"}


def member_user(cast: Cast, number: int) -> User:
    return User.objects.get(pk=cast.user(MEMBERS[number]).pk)  # fresh: no cached scope


def score(
    cast: Cast,
    round_: Round,
    number: int,
    levels: dict[str, int] | int = 3,
    *,
    submit: bool = True,
) -> ScoreSheet:
    """Member `number` chooses `levels` (one level for every item, or a level per code) and submits."""
    user = member_user(cast, number)
    evaluation = Evaluation.objects.select_related("committee", "agreement").get(pk=round_.evaluation.pk)
    sheet = sheet_open(actor=user, evaluation=evaluation)
    edition = round_.agreement.fiscal_year.edition
    chosen = levels if isinstance(levels, dict) else dict.fromkeys(item_codes(edition), levels)
    for code, level in chosen.items():
        sheet = sheet_save(actor=user, sheet=sheet, code=code, level=level)
    if submit:
        sheet = sheet_submit(actor=user, sheet=sheet)
    return sheet
