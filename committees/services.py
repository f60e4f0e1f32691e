"""Changes to committees, seats, evaluations and sheets. Atomic, audited, and checked against the policy table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement
from audit.services import audit_record
from committees import policy
from committees.access import (
    SHEET_ACCESS,
    allowed_on_committee,
    allowed_on_seat,
    allowed_on_sheet,
    held_seats,
    own_seat,
)
from committees.messages import refusal_messages
from committees.models import CHAIR_SEAT, Committee, Evaluation, ScoreSheet, Seat
from committees.notify import notify_appointment, notify_published, notify_reopened
from committees.points import item_codes
from org.models import Membership, Person, Position, Role, School, User
from org.scope import scope_of
from rounds.models import FiscalYear
from rulebook import RulebookError, member_score, pa3_result
from rulebook.committee import Candidate, Refusal, member_refusals


class RefusedError(ValidationError):
    """An appointment or assignment the rules refuse; `messages` are the Thai reasons, one per line."""


# --- committees -----------------------------------------------------------------------------------------


@transaction.atomic
def committee_create(
    *, actor: User, school: School, fiscal_year: FiscalYear, name: str, learning_area: str = ""
) -> Committee:
    """A new committee; the school's director takes the chair (seat 1) at once."""
    scope = scope_of(actor)
    if school.pk not in scope.directed_school_ids and not scope.is_system_admin:
        raise PermissionDenied("create committee")
    name = name.strip()
    if not name:
        raise ValidationError(_("กรุณาตั้งชื่อคณะกรรมการ"))
    if Committee.objects.filter(school=school, fiscal_year=fiscal_year, name=name).exists():
        raise ValidationError(_("มีคณะกรรมการชื่อนี้ในปีงบประมาณนี้แล้ว"))
    committee = Committee.objects.create(
        school=school, fiscal_year=fiscal_year, name=name, learning_area=learning_area, created_by=actor
    )
    audit_record(actor, "committee.created", committee, name=name, learning_area=learning_area)
    if scope.person_id and school.pk in scope.directed_school_ids:
        seat = Seat.objects.create(
            committee=committee,
            number=CHAIR_SEAT,
            person_id=scope.person_id,
            kind=Seat.Kind.CHAIR,
            status=Seat.Status.ACCEPTED,
            appointed_by=actor,
            responded_at=timezone.now(),
        )
        audit_record(actor, "seat.appointed", seat, committee=committee.pk, number=CHAIR_SEAT, kind=seat.kind)
    return committee


def _school_ids_of(person: Person) -> set[int]:
    if person.user_id is None:
        return set()
    return set(
        Membership.objects.active()
        .filter(user_id=person.user_id, role__in=[Role.TEACHER, Role.DIRECTOR])
        .values_list("school_id", flat=True)
    )


def _evaluator_kinds(person: Person) -> set[str]:
    if person.user_id is None:
        return set()
    return set(
        Membership.objects.active()
        .filter(user_id=person.user_id, role=Role.EXTERNAL_EVALUATOR)
        .values_list("evaluator_kind", flat=True)
    )


def suggested_qualification(person: Person) -> str:
    """The qualification a person most likely sits under, for the appointment form's default."""
    kinds = _evaluator_kinds(person)
    if kinds:
        return sorted(kinds)[0]
    if person.position in (Position.SUPERVISOR, Position.FORMER_SUPERVISOR):
        return "supervisor"
    if person.position == Position.LECTURER:
        return "lecturer"
    if person.position in (Position.TEACHER, Position.DEPUTY_DIRECTOR, Position.DIRECTOR):
        return "other_school_teacher"
    return "expert"


def _kind_matches(person: Person, qualification: str, school_ids: set[int]) -> bool:
    """The person holds the kind of post the qualification names (the rulebook checks standing and rank)."""
    if qualification in _evaluator_kinds(person):
        return True
    if qualification == "supervisor":
        return person.position in (Position.SUPERVISOR, Position.FORMER_SUPERVISOR)
    if qualification == "lecturer":
        return person.position == Position.LECTURER
    if qualification == "other_school_teacher":
        return bool(school_ids)
    return True  # an outside expert is anyone with a recorded reason


def member_check(
    committee: Committee, person: Person, qualification: str, reason: str, *, evaluatees: Iterable[Person] = ()
) -> list[str]:
    """Every Thai reason this person may not sit as a member of this committee; empty when they may."""
    edition = committee.fiscal_year.edition
    school_ids = _school_ids_of(person)
    school_id = committee.school_id if committee.school_id in school_ids else next(iter(sorted(school_ids)), None)
    candidate = Candidate(
        person_id=person.pk,
        qualification=qualification,
        standing=person.standing or None,
        academic_rank=person.academic_rank or None,
        school_id=school_id,
        reason=reason,
    )
    refusals: list[Refusal] = []
    teachers = list(evaluatees)
    # With no teacher assigned yet the seat is still checked against the school (person id 0 is nobody).
    for teacher_id in [t.pk for t in teachers] or [0]:
        found = member_refusals(
            candidate,
            evaluatee_person_id=teacher_id,
            evaluatee_school_id=committee.school_id,
            edition=edition,
        )
        refusals.extend(refusal for refusal in found if refusal not in refusals)
    try:
        kind_name = edition.committee.qualification(qualification).name
    except RulebookError:
        kind_name = ""
    if kind_name and not _kind_matches(person, qualification, school_ids):
        refusals.append(Refusal("kind_mismatch", {"kind": kind_name}))
    teacher_name = next((t.full_name for t in teachers if t.pk == person.pk), "")
    return refusal_messages(refusals, person=person.full_name, teacher=teacher_name)


def _evaluatees(committee: Committee) -> list[Person]:
    return list(Person.objects.filter(agreements__evaluation__committee=committee))


def _respond_by(now: datetime) -> datetime:
    return now + timedelta(days=settings.COMMITTEE_ACCEPT_DAYS)


@transaction.atomic
def seat_appoint(
    *,
    actor: User,
    committee: Committee,
    number: int,
    person: Person,
    qualification: str = "",
    reason: str = "",
) -> Seat:
    """Offer seat `number` to `person`. Seat 1 (the chair) takes the school's director, or a director of another
    school of the same area office appointed by area staff; seats 2–3 take qualified members."""
    committee = (
        Committee.objects.select_for_update(of=("self",)).select_related("school", "fiscal_year").get(pk=committee.pk)
    )
    if number not in (1, 2, 3):
        raise ValidationError(_("ลำดับที่นั่งต้องเป็น 1 ถึง 3"))
    allowed = allowed_on_committee(actor, committee)
    allowed.require(policy.appoint_action(number))
    if Seat.objects.filter(committee=committee, number=number, status__in=Seat.HELD).exists():
        raise ValidationError(_("ที่นั่งนี้มีผู้ดำรงอยู่แล้ว ต้องเปลี่ยนตัวก่อนแต่งตั้งคนใหม่"))
    if Seat.objects.filter(committee=committee, person=person, status__in=Seat.HELD).exists():
        raise RefusedError([_("%(person)s อยู่ในคณะกรรมการชุดนี้แล้ว") % {"person": person.full_name}])
    now = timezone.now()
    if number == CHAIR_SEAT:
        kind, status, respond_by, messages = _chair_check(actor, committee, person, allowed.roles)
    else:
        kind, status, respond_by = Seat.Kind.MEMBER, Seat.Status.PENDING, _respond_by(now)
        messages = member_check(committee, person, qualification, reason, evaluatees=_evaluatees(committee))
    if messages:
        raise RefusedError(messages)
    try:
        with transaction.atomic():
            seat = Seat.objects.create(
                committee=committee,
                number=number,
                person=person,
                kind=kind,
                qualification=qualification if kind == Seat.Kind.MEMBER else "",
                reason=reason.strip(),
                status=status,
                appointed_by=actor,
                respond_by=respond_by,
                responded_at=now if status == Seat.Status.ACCEPTED else None,
            )
    except IntegrityError as error:  # a concurrent appointment took the seat first
        raise ValidationError(_("ที่นั่งนี้เพิ่งมีผู้แต่งตั้งไปแล้ว กรุณาโหลดหน้าใหม่")) from error
    audit_record(
        actor,
        "seat.appointed",
        seat,
        committee=committee.pk,
        number=number,
        person=person.pk,
        kind=kind,
        qualification=seat.qualification,
        reason=seat.reason,
    )
    if status == Seat.Status.PENDING:
        notify_appointment(seat.pk)  # stored with the seat; email and LINE go out after commit
    return seat


def _chair_check(
    actor: User, committee: Committee, person: Person, roles: frozenset[str]
) -> tuple[str, str, datetime | None, list[str]]:
    directors = Membership.objects.active().filter(user__person=person, role=Role.DIRECTOR)
    if directors.filter(school_id=committee.school_id).exists():
        if policy.DIRECTOR not in roles or person.pk != scope_of(actor).person_id:
            raise PermissionDenied("only the director takes the chair of their own school")
        return Seat.Kind.CHAIR, Seat.Status.ACCEPTED, None, []
    if policy.AREA_STAFF not in roles and not scope_of(actor).is_system_admin:
        raise PermissionDenied("a substitute chair is appointed by the area office")
    if not directors.filter(school__area_office_id=committee.school.area_office_id).exists():
        message = _("%(person)s ไม่ใช่ผู้อำนวยการสถานศึกษาในสังกัดเขตพื้นที่เดียวกัน จึงเป็นประธานกรรมการแทนไม่ได้")
        return "", "", None, [message % {"person": person.full_name}]
    return Seat.Kind.SUBSTITUTE_CHAIR, Seat.Status.PENDING, _respond_by(timezone.now()), []


def seat_respond(*, actor: User, seat: Seat, accept: bool, note: str = "") -> Seat:
    """Accept or decline an offered seat. One answered too late has expired (and stays expired: refused)."""
    seats_expire(seat_pk=seat.pk)
    with transaction.atomic():
        return _seat_respond(actor, seat, accept, note)


def _seat_respond(actor: User, seat: Seat, accept: bool, note: str) -> Seat:
    locked = Seat.objects.select_for_update(of=("self",)).select_related("committee__school").get(pk=seat.pk)
    allowed_on_seat(actor, locked).require(policy.ACCEPT if accept else policy.DECLINE)
    if not accept and not note.strip():
        raise ValidationError(_("กรุณาระบุเหตุผลที่ไม่สามารถรับการแต่งตั้ง เพื่อให้ผู้อำนวยการแต่งตั้งผู้อื่นแทน"))
    locked.status = Seat.Status.ACCEPTED if accept else Seat.Status.DECLINED
    locked.responded_at = timezone.now()
    locked.response_note = note.strip()
    locked.save(update_fields=["status", "responded_at", "response_note"])
    audit_record(actor, "seat.accepted" if accept else "seat.declined", locked, note=locked.response_note)
    return locked


@transaction.atomic
def seat_remove(*, actor: User, seat: Seat, reason: str) -> Seat:
    """Take a person off a seat (the director), with a reason; results already computed are cleared."""
    locked = Seat.objects.select_for_update(of=("self",)).select_related("committee__school").get(pk=seat.pk)
    allowed_on_seat(actor, locked).require(policy.REMOVE)
    if not reason.strip():
        raise ValidationError(_("กรุณาระบุเหตุผลที่เปลี่ยนตัวกรรมการ"))
    locked.status = Seat.Status.REMOVED
    locked.response_note = reason.strip()
    locked.save(update_fields=["status", "response_note"])
    Evaluation.objects.filter(committee_id=locked.committee_id, published_at__isnull=True).update(
        result_passed=None, result_reasons=[], result_computed_at=None
    )
    audit_record(actor, "seat.removed", locked, reason=locked.response_note)
    return locked


def _expire(seat: Seat) -> None:
    seat.status = Seat.Status.EXPIRED
    seat.save(update_fields=["status"])
    audit_record(None, "seat.expired", seat, respond_by=seat.respond_by.isoformat() if seat.respond_by else "")


def seats_expire(now: datetime | None = None, *, committee: Committee | None = None, seat_pk: int | None = None) -> int:
    """Seats not answered in time go back to the director to fill; returns how many expired.

    Run by the `expire_seats` task and, lazily, whenever a committee page or an answer touches them.
    """
    now = now or timezone.now()
    overdue = Seat.objects.filter(status=Seat.Status.PENDING, respond_by__lt=now)
    if committee is not None:
        overdue = overdue.filter(committee=committee)
    if seat_pk is not None:
        overdue = overdue.filter(pk=seat_pk)
    count = 0
    for pk in list(overdue.values_list("pk", flat=True)):
        with transaction.atomic():
            seat = Seat.objects.select_for_update().filter(pk=pk, status=Seat.Status.PENDING).first()
            if seat is not None:
                _expire(seat)
                count += 1
    return count


# --- teachers on a committee ---------------------------------------------------------------------------


def assignable_agreements(committee: Committee) -> QuerySet[Agreement]:
    """The school's agreements of the year that no committee evaluates yet."""
    return Agreement.objects.filter(
        school_id=committee.school_id, fiscal_year_id=committee.fiscal_year_id, evaluation__isnull=True
    ).select_related("teacher")


@transaction.atomic
def evaluations_assign(*, actor: User, committee: Committee, agreements: Iterable[Agreement]) -> list[Evaluation]:
    """Put teachers (their agreements) on a committee: one, or a whole learning area at once."""
    committee = (
        Committee.objects.select_for_update(of=("self",)).select_related("school", "fiscal_year").get(pk=committee.pk)
    )
    allowed_on_committee(actor, committee).require(policy.ASSIGN)
    chosen = list(agreements)
    problems = []
    seats = held_seats(committee)
    for agreement in chosen:
        if agreement.school_id != committee.school_id or agreement.fiscal_year_id != committee.fiscal_year_id:
            problems.append(_("%(teacher)s ไม่ได้อยู่ในโรงเรียนและปีงบประมาณของคณะกรรมการนี้") % _teacher(agreement))
        for seat in seats:
            if seat.person_id == agreement.teacher_id:
                problems.append(_("%(teacher)s เป็นกรรมการในคณะนี้ จึงประเมินตนเองไม่ได้") % _teacher(agreement))
    taken = set(Evaluation.objects.filter(agreement__in=[a.pk for a in chosen]).values_list("agreement_id", flat=True))
    problems += [_("%(teacher)s มีคณะกรรมการประเมินแล้ว") % _teacher(a) for a in chosen if a.pk in taken]
    if problems:
        raise RefusedError(problems)
    created = Evaluation.objects.bulk_create(
        [Evaluation(agreement=agreement, committee=committee, assigned_by=actor) for agreement in chosen]
    )
    for evaluation in Evaluation.objects.filter(agreement__in=[a.pk for a in chosen]):
        audit_record(
            actor, "evaluation.assigned", evaluation, committee=committee.pk, agreement=evaluation.agreement_id
        )
    return created


def _teacher(agreement: Agreement) -> dict[str, str]:
    return {"teacher": agreement.teacher.full_name}


@transaction.atomic
def evaluation_unassign(*, actor: User, evaluation: Evaluation) -> None:
    """Take a teacher off a committee, while no member has submitted a sheet for them."""
    locked = (
        Evaluation.objects.select_for_update(of=("self",)).select_related("committee__school").get(pk=evaluation.pk)
    )
    allowed_on_committee(actor, locked.committee).require(policy.ASSIGN)
    if locked.sheets.filter(state=ScoreSheet.State.SUBMITTED).exists():
        raise ValidationError(_("กรรมการส่งผลการประเมินครูคนนี้แล้ว จึงย้ายออกจากคณะกรรมการไม่ได้"))
    audit_record(actor, "evaluation.unassigned", locked, committee=locked.committee_id, agreement=locked.agreement_id)
    locked.sheets.all().delete()
    locked.delete()


# --- sheets ----------------------------------------------------------------------------------------------


def sheet_open(*, actor: User, evaluation: Evaluation, seats: list[Seat] | None = None) -> ScoreSheet:
    """The member's own sheet for this teacher, made on first open while scoring is allowed.

    `seats`: the committee's held seats, when the caller has just read them (`access.evaluation_with_seats`).
    """
    if seats is None:
        seats = held_seats(evaluation.committee)
    seat = own_seat(actor, seats)
    if seat is None:
        raise PermissionDenied("not a member")
    try:
        existing: ScoreSheet | None = ScoreSheet.objects.get(evaluation=evaluation, seat=seat)  # one per seat
    except ScoreSheet.DoesNotExist:
        existing = None
    allowed = allowed_on_sheet(actor, evaluation, existing, seats, own=True)
    if existing is not None:
        return existing
    allowed.require(policy.SCORE)
    sheet, _created = ScoreSheet.objects.get_or_create(evaluation=evaluation, seat=seat)
    return sheet


class SheetLockedError(Exception):
    """The sheet is submitted (or scoring is closed): nothing was changed.

    `sheet` is the sheet as it stands and `actions` what the member may still do with it (VIEW_OWN_SHEET
    once submitted; nothing while the committee is forming), for the answer to say so.
    """

    def __init__(self, state: str, sheet: ScoreSheet | None = None, actions: frozenset[str] = frozenset()) -> None:
        super().__init__(state)
        self.state = state
        self.sheet = sheet
        self.actions = actions


def _locked_sheet(actor: User, sheet: ScoreSheet | int, action: str) -> tuple[ScoreSheet, Evaluation]:
    """The sheet's row locked (`FOR UPDATE OF` that row alone, never the school or fiscal year it joins) and
    the action checked against its state as now committed.

    Scoring locks the sheet only, and only the actor's own: what a save may change is on that row, and the
    evaluation's state can only move past draft (scored, published) once this very sheet is submitted, which
    takes this lock. Submitting and reopening lock the evaluation first, then the sheet, so the last of three
    submissions sees the other two and computes the result once; a save waits for no second lock, so the
    orders cannot deadlock.
    """
    if action == policy.SCORE:
        # Only the member of the sheet's seat ever scores it: someone else's sheet is not even locked.
        pk = sheet if isinstance(sheet, int) else sheet.pk
        person_id = scope_of(actor).person_id
        if person_id is None:
            raise PermissionDenied(action)
        try:
            locked = (
                ScoreSheet.objects.select_for_update(of=("self",))
                .select_related(*SHEET_ACCESS)
                .get(pk=pk, seat__person_id=person_id)
            )
        except ScoreSheet.DoesNotExist as error:
            raise PermissionDenied(action) from error
        evaluation = locked.evaluation
    else:
        if isinstance(sheet, int):
            sheet = ScoreSheet.objects.get(pk=sheet)
        evaluation = (
            Evaluation.objects.select_for_update(of=("self",))
            .select_related("agreement__fiscal_year", "committee__school")
            .get(pk=sheet.evaluation_id)
        )
        locked = ScoreSheet.objects.select_for_update(of=("self",)).select_related("seat").get(pk=sheet.pk)
    seats = held_seats(evaluation.committee, people=False)
    own = locked.seat.person_id == scope_of(actor).person_id and locked.seat.status == Seat.Status.ACCEPTED
    allowed = allowed_on_sheet(actor, evaluation, locked, seats, own=own)
    if action not in allowed.actions:
        if own and action in (policy.SCORE, policy.SUBMIT) and allowed.state != policy.DRAFT:
            raise SheetLockedError(allowed.state, locked, allowed.actions)
        raise PermissionDenied(action)
    return locked, evaluation


@transaction.atomic
def sheet_save(
    *,
    actor: User,
    sheet: ScoreSheet | int,
    code: str,
    level: int | None = None,
    comment: str | None = None,
) -> ScoreSheet:
    """Save one item's level and/or comment (code "overall" for the overall comment).

    The sheet row is locked while the item is merged in, so two members, or two tabs of one member, saving
    different items at once never overwrite each other; the same item from two tabs keeps the later choice.
    `sheet` may be just its id: the locked read fetches what the checks need, so an autosave reads the
    sheet once. Raises PermissionDenied for anyone's sheet but the actor's own (or no such sheet), and
    SheetLockedError when the own sheet may not be scored now.
    """
    locked, evaluation = _locked_sheet(actor, sheet, policy.SCORE)
    edition = evaluation.agreement.fiscal_year.edition
    max_chars = settings.COMMITTEE_COMMENT_MAX_CHARS
    if comment is not None:  # a browser counts a line break as one character, as the stored text will
        comment = comment.replace("\r\n", "\n")
    if code == "overall":
        if comment is None:
            raise ValidationError(_("ไม่มีข้อความให้บันทึก"))
        if len(comment) > max_chars:
            raise ValidationError(_("ความเห็นยาวเกิน %(max)s ตัวอักษร") % {"max": max_chars})
        locked.overall_comment = comment
    else:
        if code not in item_codes(edition):
            raise ValidationError(_("ไม่พบตัวชี้วัดหรือรายการ “%(code)s”") % {"code": code})
        if level is not None:
            if level not in edition.level_values:
                raise ValidationError(_("ระดับคุณภาพต้องเป็น 1 ถึง 4"))
            locked.levels = {**locked.levels, code: level}
        if comment is not None:
            if len(comment) > max_chars:
                raise ValidationError(_("ความเห็นยาวเกิน %(max)s ตัวอักษร") % {"max": max_chars})
            comments = {**locked.comments, code: comment}
            if not comment:
                comments.pop(code)
            locked.comments = comments
    locked.revision += 1
    locked.updated_by = actor
    locked.save(update_fields=["levels", "comments", "overall_comment", "revision", "updated_by", "updated_at"])
    return locked


@transaction.atomic
def sheet_submit(*, actor: User, sheet: ScoreSheet) -> ScoreSheet:
    """Lock the sheet with its points; the third submission computes the PA 3 result."""
    locked, evaluation = _locked_sheet(actor, sheet, policy.SUBMIT)
    agreement = evaluation.agreement
    edition = agreement.fiscal_year.edition
    missing = [code for code in item_codes(edition) if code not in locked.levels]
    if missing:
        raise ValidationError(
            _("ยังไม่ได้เลือกระดับคุณภาพของรายการ %(codes)s") % {"codes": ", ".join(_labels(missing, edition))},
            code="incomplete",
            params={"missing": missing},
        )
    part1_levels, part2_levels = _split(locked.levels, edition)
    score = member_score(part1_levels, part2_levels, edition)
    locked.part1, locked.part2, locked.total = score.part1, score.part2, score.total
    locked.state = ScoreSheet.State.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.revision += 1
    locked.save(update_fields=["part1", "part2", "total", "state", "submitted_at", "revision", "updated_at"])
    audit_record(actor, "sheet.submitted", locked, total=str(score.total), evaluation=evaluation.pk)
    _compute_result(evaluation, agreement)
    return locked


def _labels(codes: list[str], edition: Any) -> list[str]:
    return [edition.part2_item(code).number if code in _part2_codes(edition) else code for code in codes]


def _part2_codes(edition: Any) -> set[str]:
    return {item.code for item in edition.scoring.part2_items}


def _split(levels: Mapping[str, int], edition: Any) -> tuple[dict[str, int], dict[str, int]]:
    part2 = _part2_codes(edition)
    return (
        {code: level for code, level in levels.items() if code not in part2},
        {code: level for code, level in levels.items() if code in part2},
    )


def _compute_result(evaluation: Evaluation, agreement: Agreement) -> None:
    """PA 3 from the three held seats' submitted sheets, in seat order; nothing while one is missing."""
    seats = held_seats(evaluation.committee)
    sheets = {
        sheet.seat_id: sheet
        for sheet in ScoreSheet.objects.filter(evaluation=evaluation, state=ScoreSheet.State.SUBMITTED)
    }
    accepted = [seat for seat in seats if seat.status == Seat.Status.ACCEPTED]
    if len(accepted) != 3 or any(seat.pk not in sheets for seat in accepted):
        return
    totals = [Decimal(sheets[seat.pk].total or 0) for seat in accepted]
    result = pa3_result(totals, workload_ok=bool(agreement.workload_ok), edition=agreement.fiscal_year.edition)
    evaluation.result_passed = result.passed
    evaluation.result_reasons = list(result.reasons) + list(agreement.workload_failures or [])
    evaluation.result_computed_at = timezone.now()
    evaluation.save(update_fields=["result_passed", "result_reasons", "result_computed_at"])
    audit_record(None, "evaluation.scored", evaluation, passed=result.passed, totals=[str(t) for t in totals])


@transaction.atomic
def sheet_reopen(*, actor: User, sheet: ScoreSheet, reason: str) -> ScoreSheet:
    """Unlock a submitted sheet (the director), with a written reason kept in the audit trail."""
    if not reason.strip():
        raise ValidationError(_("กรุณาระบุเหตุผลที่เปิดแบบประเมินให้แก้ไข"))
    locked, evaluation = _locked_sheet(actor, sheet, policy.REOPEN)
    locked.state = ScoreSheet.State.DRAFT
    locked.part1 = locked.part2 = locked.total = None
    locked.submitted_at = None
    locked.revision += 1
    locked.save(update_fields=["state", "part1", "part2", "total", "submitted_at", "revision", "updated_at"])
    evaluation.result_passed = None
    evaluation.result_reasons = []
    evaluation.result_computed_at = None
    evaluation.save(update_fields=["result_passed", "result_reasons", "result_computed_at"])
    audit_record(actor, "sheet.reopened", locked, reason=reason.strip(), evaluation=evaluation.pk)
    notify_reopened(locked.pk, reason.strip())
    return locked


@transaction.atomic
def results_publish(*, actor: User, evaluations: Iterable[Evaluation]) -> int:
    """Publish scored results (the director): the teachers then see them. Returns how many were published."""
    count = 0
    now = timezone.now()
    for evaluation in evaluations:
        locked = (
            Evaluation.objects.select_for_update(of=("self",))
            .select_related("committee__school", "agreement")
            .get(pk=evaluation.pk)
        )
        seats = held_seats(locked.committee)
        allowed = allowed_on_sheet(actor, locked, None, seats, own=False)
        allowed.require(policy.PUBLISH)
        locked.published_at = now
        locked.published_by = actor
        locked.save(update_fields=["published_at", "published_by"])
        audit_record(actor, "evaluation.published", locked, passed=locked.result_passed)
        notify_published(locked.pk)
        count += 1
    return count
