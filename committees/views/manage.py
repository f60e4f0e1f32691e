"""Forming committees: the director's and the area office's pages for seats, teachers, reopening and publishing.

Every button follows the policy table: the page shows an action only when it is in the viewer's allowed
set, and each POST asks the same set (`.require`) before calling the service, which checks once more.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agreements.models import Agreement
from committees import policy
from committees.access import (
    Allowed,
    allowed_on_committee,
    allowed_on_seat,
    allowed_on_sheet,
    committee_for,
    held_seats,
    own_seat,
    seat_for,
)
from committees.forms import (
    AppointForm,
    CommitteeForm,
    EvaluatorForm,
    ReasonForm,
    candidate_queryset,
    search_candidates,
)
from committees.models import CHAIR_SEAT, SEAT_NUMBERS, Committee, Evaluation, ScoreSheet, Seat
from committees.services import (
    RefusedError,
    assignable_agreements,
    committee_create,
    evaluation_unassign,
    evaluations_assign,
    results_publish,
    seat_appoint,
    seat_remove,
    seats_expire,
    sheet_reopen,
    suggested_qualification,
)
from org.access import fetch_or_404, not_found, school_for
from org.http import AuthenticatedRequest
from org.models import LearningArea, Person, Role, School, User
from org.scope import scope_of
from org.services import NewAccount, membership_grant, national_id_digest, person_exists, person_register
from rounds.models import FiscalYear
from rounds.queries import current_fiscal_year
from thaitext import thai_sorted

LIST_TEMPLATE = "committees/manage/school_committees.html"
DETAIL_TEMPLATE = "committees/manage/committee_detail.html"
ROW_LIMIT = 500
# Roles that follow a teacher's scoring on the result page (who has submitted) before the sheets are open.
FOLLOWERS = frozenset({policy.DIRECTOR, policy.AREA_STAFF, policy.MEMBER})


def seat_role(number: int) -> str:
    return _("ประธานกรรมการ") if number == CHAIR_SEAT else _("กรรมการ")


BADGES: dict[str, str] = {Seat.Status.ACCEPTED: "state-approved", Seat.Status.PENDING: "state-submitted"}


# --- the school's committees ---------------------------------------------------------------------------


def _fiscal_year(request: AuthenticatedRequest) -> FiscalYear | None:
    """This fiscal year, or the one named by `?year=`; a year that was never opened is a 404."""
    asked = request.GET.get("year", "")
    if not asked:
        return current_fiscal_year(timezone.localdate())
    year = FiscalYear.objects.filter(year=int(asked)).first() if asked.isdigit() and len(asked) == 4 else None
    if year is None:
        raise not_found()
    return year


@login_required
@require_GET
def school_committees(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = school_for(request.user, pk)
    fiscal_year = _fiscal_year(request)
    return render(request, LIST_TEMPLATE, _school_context(request, school, fiscal_year, CommitteeForm()))


@login_required
@require_POST
def committee_create_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = school_for(request.user, pk)
    fiscal_year = _fiscal_year(request)
    if fiscal_year is None:
        messages.error(request, _("ยังไม่เปิดปีงบประมาณนี้ในระบบ กรุณาติดต่อสำนักงานเขตพื้นที่"))
        return redirect("school_committees", pk=school.pk)
    form = CommitteeForm(request.POST)
    if form.is_valid():
        try:
            committee = committee_create(
                actor=request.user,
                school=school,
                fiscal_year=fiscal_year,
                name=form.cleaned_data["name"],
                learning_area=form.cleaned_data["learning_area"],
            )
        except ValidationError as invalid:
            form.add_error("name", invalid.messages)
        else:
            messages.success(
                request, _("ตั้งคณะกรรมการ “%(name)s” แล้ว ขั้นต่อไป: แต่งตั้งกรรมการอีก 2 คน") % {"name": committee.name}
            )
            return redirect("committee_detail", pk=committee.pk)
    return render(request, LIST_TEMPLATE, _school_context(request, school, fiscal_year, form), status=422)


def _school_context(
    request: AuthenticatedRequest, school: School, fiscal_year: FiscalYear | None, form: CommitteeForm
) -> dict[str, Any]:
    scope = scope_of(request.user)
    oversees = (
        scope.is_system_admin or school.pk in scope.managed_school_ids or school.area_office_id in scope.area_office_ids
    )
    context: dict[str, Any] = {
        "school": school,
        "fiscal_year": fiscal_year,
        "years": list(FiscalYear.objects.order_by("-year").values_list("year", flat=True)[:10]),
        "form": form,
        "may_create": fiscal_year is not None and school.pk in scope.directed_school_ids,
        "oversees": oversees,
        "committees": [],
        "without_committee": 0,
    }
    if fiscal_year is None:
        return context
    committees = (
        Committee.objects.visible_to(request.user)
        .filter(school=school, fiscal_year=fiscal_year)
        .annotate(
            teacher_count=Count("evaluations"),
            scored_count=Count("evaluations", filter=Q(evaluations__result_computed_at__isnull=False)),
            published_count=Count("evaluations", filter=Q(evaluations__published_at__isnull=False)),
        )
        .prefetch_related(_held_prefetch())
        .order_by("pk")
    )
    context["committees"] = [{"committee": c, "seats": _slots(c.held)} for c in committees[:ROW_LIMIT]]  # type: ignore[attr-defined]
    if oversees:
        context["without_committee"] = Agreement.objects.filter(
            school=school, fiscal_year=fiscal_year, evaluation__isnull=True
        ).count()
    return context


def _held_prefetch() -> Prefetch[Any]:
    held = Seat.objects.filter(status__in=Seat.HELD).select_related("person").order_by("number")
    return Prefetch("seats", queryset=held, to_attr="held")


def _slots(seats: list[Seat]) -> list[dict[str, Any]]:
    by_number = {seat.number: seat for seat in seats}
    return [
        {
            "number": number,
            "role": seat_role(number),
            "seat": by_number.get(number),
            "badge": BADGES.get(by_number[number].status, "") if number in by_number else "",
        }
        for number in SEAT_NUMBERS
    ]


# --- one committee --------------------------------------------------------------------------------------


@login_required
@require_GET
def committee_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    committee = committee_for(request.user, pk)
    seats_expire(committee=committee)  # lazily: seats not answered in time go back to the director
    return render(request, DETAIL_TEMPLATE, _detail_context(request, committee))


def _detail_response(
    request: AuthenticatedRequest,
    committee: Committee,
    *,
    errors: dict[str, list[str]] | None = None,
    bound: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    """The committee page again with a form's problems shown beside it; nothing was saved."""
    context = _detail_context(request, committee, errors=errors or {}, bound=bound or {})
    return render(request, DETAIL_TEMPLATE, context, status=422)


def _detail_context(
    request: AuthenticatedRequest,
    committee: Committee,
    *,
    errors: dict[str, list[str]] | None = None,
    bound: dict[str, forms.Form] | None = None,
) -> dict[str, Any]:
    errors, bound = errors or {}, bound or {}
    seats = held_seats(committee)
    allowed = allowed_on_committee(request.user, committee, seats)
    history: dict[int, list[Seat]] = {}
    for old in Seat.objects.filter(committee=committee).exclude(status__in=Seat.HELD).select_related("person"):
        history.setdefault(old.number, []).append(old)
    slots = [_seat_slot(request, committee, seats, number, errors, bound) for number in SEAT_NUMBERS]
    for slot in slots:
        slot["history"] = history.get(slot["number"], [])
    rows = _evaluation_rows(request.user, committee, seats, allowed, errors)
    return {
        "committee": committee,
        "school": committee.school,
        "allowed": allowed,
        "actions": allowed.actions,
        "slots": slots,
        "rows": rows,
        "publishable": [row for row in rows if row["may_publish"]],
        "scoring": committee.fiscal_year.edition.scoring,
        "assign": _assign_context(committee, allowed, errors) if policy.ASSIGN in allowed.actions else None,
    }


def _virtual_vacancy(committee: Committee, number: int) -> Seat:
    """An unsaved vacant seat, so a never-filled number is asked about like a declined one."""
    return Seat(committee=committee, number=number, status=Seat.Status.EXPIRED)


def _seat_allowed(user: User, committee: Committee, seats: list[Seat], number: int) -> tuple[Seat | None, Allowed]:
    if number not in SEAT_NUMBERS:
        raise not_found()
    held = next((seat for seat in seats if seat.number == number), None)
    return held, allowed_on_seat(user, held or _virtual_vacancy(committee, number))


def _may_appoint(seat_allowed: Allowed, number: int) -> bool:
    """The table's action for this seat: APPOINT_CHAIR for seat 1, APPOINT_MEMBER for seats 2–3."""
    return policy.appoint_action(number) in seat_allowed.actions


def _require_appoint(seat_allowed: Allowed, number: int) -> None:
    if not _may_appoint(seat_allowed, number):
        raise PermissionDenied(policy.appoint_action(number))


def _seat_slot(
    request: AuthenticatedRequest,
    committee: Committee,
    seats: list[Seat],
    number: int,
    errors: dict[str, list[str]],
    bound: dict[str, forms.Form],
) -> dict[str, Any]:
    held, seat_allowed = _seat_allowed(request.user, committee, seats, number)
    may_appoint = _may_appoint(seat_allowed, number)
    slot: dict[str, Any] = {
        "number": number,
        "role": seat_role(number),
        "seat": held,
        "badge": BADGES.get(held.status, "") if held else "",
        "qualification": _qualification_name(committee, held.qualification) if held else "",
        "actions": seat_allowed.actions,
        "may_appoint": may_appoint,
        "may_register": may_appoint and number != CHAIR_SEAT,
        "may_remove": held is not None and policy.REMOVE in seat_allowed.actions,
        "appoint_errors": errors.get(f"appoint-{number}", []),
        "register_errors": errors.get(f"register-{number}", []),
        "remove_errors": errors.get(f"remove-{number}", []),
    }
    if may_appoint:
        searching = request.GET.get("seat") == str(number)
        query = request.GET.get("q", "") if searching else ""
        form = bound.get(f"appoint-{number}") or _appoint_form(request.user, committee, number, seat_allowed)
        slot.update(
            form=form,
            query=query,
            candidates=search_candidates(
                candidate_queryset(request.user, committee, number, seat_allowed.roles), query
            ),
            selected=str(form["person"].value() or ""),
        )
    if slot["may_register"]:
        slot["register_form"] = bound.get(f"register-{number}") or EvaluatorForm(
            edition=committee.fiscal_year.edition, auto_id=f"register{number}_%s"
        )
    return slot


def _qualification_name(committee: Committee, code: str) -> str:
    if not code:
        return ""
    codes = {rule.code: rule.name for rule in committee.fiscal_year.edition.committee.member_qualifications}
    return codes.get(code, code)


def _appoint_form(
    user: User, committee: Committee, number: int, seat_allowed: Allowed, data: Any = None
) -> AppointForm:
    return AppointForm(
        data,
        candidates=candidate_queryset(user, committee, number, seat_allowed.roles),
        edition=committee.fiscal_year.edition,
        auto_id=f"seat{number}_%s",
    )


@login_required
@require_GET
def committee_candidates(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The candidate list for one seat (htmx fragment), filtered by the name typed."""
    committee = committee_for(request.user, pk)
    number = request.GET.get("seat", "")
    if not number.isdigit():
        raise not_found()
    seats_expire(committee=committee)
    _held, seat_allowed = _seat_allowed(request.user, committee, held_seats(committee), int(number))
    _require_appoint(seat_allowed, int(number))
    query = request.GET.get("q", "")
    people = search_candidates(candidate_queryset(request.user, committee, int(number), seat_allowed.roles), query)
    context = {"candidates": people, "number": int(number), "query": query, "selected": ""}
    return render(request, "committees/manage/_candidates.html", context)


# --- appointing and removing ----------------------------------------------------------------------------


@login_required
@require_POST
def seat_appoint_view(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    committee = committee_for(request.user, pk)
    seats_expire(committee=committee)
    _held, seat_allowed = _seat_allowed(request.user, committee, held_seats(committee), number)
    _require_appoint(seat_allowed, number)
    form = _appoint_form(request.user, committee, number, seat_allowed, request.POST)
    key = f"appoint-{number}"
    if not form.is_valid():
        return _detail_response(request, committee, bound={key: form})
    person: Person = form.cleaned_data["person"]
    qualification = (
        "" if number == CHAIR_SEAT else form.cleaned_data["qualification"] or suggested_qualification(person)
    )
    try:
        seat = seat_appoint(
            actor=request.user,
            committee=committee,
            number=number,
            person=person,
            qualification=qualification,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as refused:  # RefusedError among them: the rules' Thai reasons
        return _detail_response(request, committee, errors={key: refused.messages}, bound={key: form})
    messages.success(request, _appointed_message(seat))
    return redirect("committee_detail", pk=committee.pk)


def _appointed_message(seat: Seat) -> str:
    if seat.status == Seat.Status.ACCEPTED:
        return _("%(person)s เป็น%(role)sแล้ว") % {"person": seat.person.full_name, "role": seat_role(seat.number)}
    return _("แต่งตั้ง %(person)s เป็น%(role)s (ลำดับที่ %(number)s) แล้ว รอการตอบรับ") % {
        "person": seat.person.full_name,
        "role": seat_role(seat.number),
        "number": seat.number,
    }


@login_required
@require_POST
def evaluator_register_view(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    """Register an outside evaluator and offer them the seat, all or nothing."""
    committee = committee_for(request.user, pk)
    seats_expire(committee=committee)
    _held, seat_allowed = _seat_allowed(request.user, committee, held_seats(committee), number)
    _require_appoint(seat_allowed, number)
    if number == CHAIR_SEAT:
        raise PermissionDenied(policy.APPOINT_CHAIR)  # a chair is a director already in the system
    form = EvaluatorForm(request.POST, edition=committee.fiscal_year.edition, auto_id=f"register{number}_%s")
    key = f"register-{number}"
    if not form.is_valid():
        return _detail_response(request, committee, bound={key: form})
    try:
        with transaction.atomic():  # a refused appointment takes the new person and their role back with it
            person, account = _evaluator(request.user, form)
            seat = seat_appoint(
                actor=request.user,
                committee=committee,
                number=number,
                person=person,
                qualification=form.cleaned_data["qualification"],
                reason=form.cleaned_data["reason"],
            )
    except RefusedError as refused:
        return _detail_response(request, committee, errors={key: refused.messages}, bound={key: form})
    except ValidationError as invalid:
        _add_errors(form, invalid)
        return _detail_response(request, committee, bound={key: form})
    if account is None:
        messages.success(request, _appointed_message(seat))
        return redirect("committee_detail", pk=committee.pk)
    # A one-time password is shown once, here, and never stored in a message or session.
    context = {"committee": committee, "seat": seat, "account": account, "role": seat_role(number)}
    return render(request, "committees/manage/evaluator_created.html", context)


def _evaluator(actor: User, form: EvaluatorForm) -> tuple[Person, NewAccount | None]:
    """The person the form names: a new outside evaluator, or (when the form says so) the one already registered."""
    data = form.cleaned_data
    if person_exists(data["national_id"]):
        if not data["use_existing"]:
            raise ValidationError(
                {
                    "national_id": _(
                        "มีบุคคลที่ใช้เลขประจำตัวประชาชนนี้ในระบบแล้ว หากเป็นบุคคลเดียวกัน ให้เลือก “ใช้ข้อมูลบุคคลเดิม” แล้วบันทึกอีกครั้ง"
                    )
                }
            )
        return Person.objects.get(national_id_digest=national_id_digest(data["national_id"])), None
    account = person_register(
        actor=actor,
        national_id_value=data["national_id"],
        fields=form.person_fields(),
        school=None,
        role="",
        email=data["email"],
    )
    membership_grant(actor=actor, user=account.user, role=Role.EXTERNAL_EVALUATOR, evaluator_kind=data["qualification"])
    return account.person, account


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's errors beside the form's boxes; ones about fields the form lacks go on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.error_dict.items():
        form.add_error(name if name in form.fields else None, problems)


@login_required
@require_POST
def seat_remove_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    seat = seat_for(request.user, pk)
    allowed_on_seat(request.user, seat).require(policy.REMOVE)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        problems = [_("กรุณาระบุเหตุผลที่เปลี่ยนตัวกรรมการ")]
        return _detail_response(request, seat.committee, errors={f"remove-{seat.number}": problems})
    seat_remove(actor=request.user, seat=seat, reason=form.cleaned_data["reason"])
    messages.success(
        request,
        _("ถอน %(person)s ออกจากที่นั่งลำดับที่ %(number)s แล้ว แต่งตั้งผู้อื่นแทนได้")
        % {"person": seat.person.full_name, "number": seat.number},
    )
    return redirect("committee_detail", pk=seat.committee_id)


# --- teachers on the committee --------------------------------------------------------------------------


def _assign_context(committee: Committee, allowed: Allowed, errors: dict[str, list[str]]) -> dict[str, Any]:
    agreements = assignable_agreements(committee).order_by("pk")[:ROW_LIMIT]
    return {
        "agreements": thai_sorted(agreements, key=lambda a: f"{a.teacher.first_name} {a.teacher.last_name}"),
        "learning_areas": LearningArea.choices,
        "learning_area": committee.learning_area,
        "errors": errors.get("assign", []),
    }


@login_required
@require_POST
def committee_assign_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Put teachers on the committee: the ones ticked, or every unassigned teacher of one learning area."""
    committee = committee_for(request.user, pk)
    allowed_on_committee(request.user, committee).require(policy.ASSIGN)
    learning_area = request.POST.get("learning_area", "")
    if "bulk" in request.POST:
        if learning_area not in LearningArea.values:
            return _detail_response(request, committee, errors={"assign": [_("กรุณาเลือกกลุ่มสาระการเรียนรู้")]})
        chosen = list(assignable_agreements(committee).filter(teacher__learning_area=learning_area))
        empty = _("ไม่มีครูกลุ่มสาระ%(area)sที่ยังไม่มีคณะกรรมการ") % {"area": LearningArea(learning_area).label}
    else:
        ids = [int(value) for value in request.POST.getlist("agreement") if value.isdigit() and len(value) < 12]
        chosen = list(Agreement.objects.visible_to(request.user).filter(pk__in=ids).select_related("teacher"))
        empty = _("กรุณาเลือกครูอย่างน้อย 1 คน")
    if not chosen:
        return _detail_response(request, committee, errors={"assign": [empty]})
    try:
        created = evaluations_assign(actor=request.user, committee=committee, agreements=chosen)
    except ValidationError as refused:
        return _detail_response(request, committee, errors={"assign": refused.messages})
    messages.success(request, _("เพิ่มครู %(count)s คนเข้าคณะกรรมการแล้ว") % {"count": len(created)})
    return redirect("committee_detail", pk=committee.pk)


def _evaluation_of(user: User, committee: Committee, pk: int) -> Evaluation:
    evaluation = fetch_or_404(
        Evaluation.objects.visible_to(user).filter(committee=committee).select_related("agreement__teacher"), pk
    )
    evaluation.committee = committee
    return evaluation


@login_required
@require_POST
def committee_unassign_view(request: AuthenticatedRequest, pk: int, evaluation_pk: int) -> HttpResponse:
    committee = committee_for(request.user, pk)
    evaluation = _evaluation_of(request.user, committee, evaluation_pk)
    allowed_on_committee(request.user, committee).require(policy.ASSIGN)
    try:
        evaluation_unassign(actor=request.user, evaluation=evaluation)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        teacher = evaluation.agreement.teacher.full_name
        messages.success(request, _("ย้าย %(teacher)s ออกจากคณะกรรมการแล้ว") % {"teacher": teacher})
    return redirect("committee_detail", pk=committee.pk)


def _evaluation_rows(
    user: User, committee: Committee, seats: list[Seat], committee_allowed: Allowed, errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """Each teacher with how many sheets are in (a count only: no levels or totals before all three)."""
    mine = own_seat(user, seats)
    evaluations = (
        Evaluation.objects.visible_to(user)
        .filter(committee=committee)
        .select_related("agreement__teacher")
        .prefetch_related(
            Prefetch("sheets", queryset=ScoreSheet.objects.only("pk", "evaluation_id", "seat_id", "state"))
        )
        .order_by("pk")[:ROW_LIMIT]
    )
    rows = []
    for evaluation in evaluations:
        evaluation.committee = committee
        rows.append(_evaluation_row(user, evaluation, seats, mine, committee_allowed, errors))
    return thai_sorted(rows, key=lambda row: row["teacher"].first_name + " " + row["teacher"].last_name)


def _evaluation_row(
    user: User,
    evaluation: Evaluation,
    seats: list[Seat],
    mine: Seat | None,
    committee_allowed: Allowed,
    errors: dict[str, list[str]],
) -> dict[str, Any]:
    sheets = {sheet.seat_id: sheet for sheet in evaluation.sheets.all()}
    members = []
    for seat in seats:
        sheet = sheets.get(seat.pk)
        submitted = sheet is not None and sheet.is_submitted
        actions = allowed_on_sheet(user, evaluation, sheet, seats, own=False).actions if submitted else frozenset()
        members.append(
            {
                "seat": seat,
                "submitted": submitted,
                "may_reopen": policy.REOPEN in actions,
                "errors": errors.get(f"reopen-{evaluation.pk}-{seat.number}", []),
            }
        )
    row_allowed = allowed_on_sheet(user, evaluation, None, seats, own=False)
    own_actions = allowed_on_sheet(user, evaluation, sheets.get(mine.pk), seats, own=True).actions if mine else set()
    return {
        "evaluation": evaluation,
        "teacher": evaluation.agreement.teacher,
        "agreement": evaluation.agreement,
        "members": members,
        "submitted": sum(1 for member in members if member["submitted"]),
        "result": _result_label(evaluation),
        "may_publish": policy.PUBLISH in row_allowed.actions,
        "may_see_result": bool(row_allowed.roles & FOLLOWERS) or policy.VIEW_RESULT in row_allowed.actions,
        "may_open_sheet": bool({policy.SCORE, policy.VIEW_OWN_SHEET} & own_actions),
        "may_unassign": policy.ASSIGN in committee_allowed.actions and not any(s.is_submitted for s in sheets.values()),
    }


def _result_label(evaluation: Evaluation) -> dict[str, Any]:
    """The result's stage; pass or fail appear only once all three sheets are in."""
    if evaluation.result_computed_at is None:
        return {"stage": _("รอประเมิน"), "passed": None}
    stage = _("ประกาศผลแล้ว") if evaluation.published_at else _("ประเมินครบ รอประกาศผล")
    return {"stage": stage, "passed": evaluation.result_passed}


# --- reopening and publishing ---------------------------------------------------------------------------


@login_required
@require_POST
def sheet_reopen_view(request: AuthenticatedRequest, pk: int, evaluation_pk: int, number: int) -> HttpResponse:
    """Unlock one member's submitted sheet for a teacher (the director), with a written reason."""
    committee = committee_for(request.user, pk)
    evaluation = _evaluation_of(request.user, committee, evaluation_pk)
    seats = held_seats(committee)
    seat = next((seat for seat in seats if seat.number == number), None)
    sheet = ScoreSheet.objects.filter(evaluation=evaluation, seat=seat).first() if seat else None
    if sheet is None:
        raise not_found()
    allowed_on_sheet(request.user, evaluation, sheet, seats, own=False).require(policy.REOPEN)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        problems = [_("กรุณาระบุเหตุผลที่เปิดแบบประเมินให้แก้ไข")]
        return _detail_response(request, committee, errors={f"reopen-{evaluation.pk}-{number}": problems})
    sheet_reopen(actor=request.user, sheet=sheet, reason=form.cleaned_data["reason"])
    messages.success(
        request,
        _("เปิดแบบประเมินของกรรมการลำดับที่ %(number)s สำหรับ %(teacher)s ให้แก้ไขแล้ว")
        % {"number": number, "teacher": evaluation.agreement.teacher.full_name},
    )
    return redirect("committee_detail", pk=committee.pk)


@login_required
@require_POST
def committee_publish_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Publish the selected (or every) result whose three sheets are all in."""
    committee = committee_for(request.user, pk)
    allowed_on_committee(request.user, committee).require(policy.PUBLISH)
    seats = held_seats(committee)
    chosen = (
        Evaluation.objects.visible_to(request.user)
        .filter(committee=committee, result_computed_at__isnull=False, published_at__isnull=True)
        .select_related("agreement__teacher")
    )
    if "all" not in request.POST:
        ids = [int(value) for value in request.POST.getlist("evaluation") if value.isdigit() and len(value) < 12]
        chosen = chosen.filter(pk__in=ids)
    evaluations = list(chosen)
    for evaluation in evaluations:
        evaluation.committee = committee
        allowed_on_sheet(request.user, evaluation, None, seats, own=False).require(policy.PUBLISH)
    if not evaluations:
        messages.error(request, _("ยังไม่มีผลการประเมินที่กรรมการส่งครบทั้งสามคนให้ประกาศ"))
        return redirect("committee_detail", pk=committee.pk)
    count = results_publish(actor=request.user, evaluations=evaluations)
    messages.success(request, _("ประกาศผลการประเมินแล้ว %(count)s คน ครูจะเห็นผลในระบบ") % {"count": count})
    return redirect("committee_detail", pk=committee.pk)
