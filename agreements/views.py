"""The teacher's agreement pages and the director's review: parse, fetch through access helpers, call a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from agreements import content as agreement_content
from agreements.access import agreement_for, may
from agreements.diff import version_changes
from agreements.forms import base_revision, body_from_post
from agreements.messages import anchor_of, field_label, problem_lines, section_label, step_of
from agreements.models import Agreement, AgreementSection
from agreements.services import (
    IncompleteAgreementError,
    InvalidSectionError,
    StaleSectionError,
    agreement_amend,
    agreement_decide,
    agreement_start,
    agreement_submit,
    section_save,
)
from org.access import own_person, person_for, school_for
from org.http import AuthenticatedRequest
from org.models import Person, Role, School
from org.scope import scope_of
from rounds.queries import current_fiscal_year
from rulebook import DEFAULT_EDITION, challenge_sentence, load_edition, semesters_of_fiscal_year
from thaitext import thai_sorted

STEPS = (
    (1, "classroom", gettext_noop("ประเภทห้องเรียน")),
    (2, "workload", gettext_noop("ภาระงาน")),
    (3, "part1", gettext_noop("ส่วนที่ 1 งานตามมาตรฐานตำแหน่ง")),
    (4, "challenge", gettext_noop("ส่วนที่ 2 ประเด็นท้าทาย")),
)


NOT_STARTED = "not_started"


@login_required
def teacher_home(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if Role.TEACHER not in scope.roles:
        return redirect("home")
    person = own_person(request.user)
    schools = School.objects.filter(pk__in=scope.teacher_school_ids).select_related("area_office")
    fiscal_year = current_fiscal_year(timezone.localdate())
    edition = fiscal_year.edition if fiscal_year else load_edition(DEFAULT_EDITION)
    standing = edition.standing(person.standing) if person.standing else None
    agreements = Agreement.objects.filter(teacher=person).select_related("fiscal_year").order_by("-fiscal_year__year")
    current = next((a for a in agreements if fiscal_year and a.fiscal_year_id == fiscal_year.pk), None)
    context = {
        "person": person,
        "schools": schools,
        "fiscal_year": fiscal_year,
        "standing": standing,
        "agreement": current,
        "past_agreements": [a for a in agreements if a is not current],
    }
    return render(request, "agreements/teacher_home.html", context)


@login_required
@require_POST
def agreement_start_view(request: AuthenticatedRequest) -> HttpResponse:
    fiscal_year = current_fiscal_year(timezone.localdate())
    if fiscal_year is None:
        messages.error(request, _("ยังไม่เปิดปีงบประมาณนี้ในระบบ กรุณาติดต่อสำนักงานเขตพื้นที่"))
        return redirect("teacher_home")
    try:
        agreement = agreement_start(actor=request.user, teacher=own_person(request.user), fiscal_year=fiscal_year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("teacher_home")
    return redirect("agreement_step", pk=agreement.pk, step=1)


def _sections(agreement: Agreement) -> dict[str, AgreementSection]:
    return {section.key: section for section in agreement.sections.select_related("updated_by")}


def _step_context(request: AuthenticatedRequest, agreement: Agreement, step: int) -> dict[str, Any]:
    edition = agreement.fiscal_year.edition
    sections = _sections(agreement)
    workload = sections.get("workload")
    standing_code = agreement.snapshot.get("standing") or agreement.teacher.standing
    standing = edition.standing(standing_code) if standing_code else None
    return {
        "agreement": agreement,
        "edition": edition,
        "standing": standing,
        "step": step,
        "steps": STEPS,
        "sections": sections,
        "editable": may(request.user, agreement, "edit"),
        "may_amend": may(request.user, agreement, "amend"),
        "workload_check": agreement_content.check_workload(workload.content if workload else {}, edition),
        "workload_rows": _workload_rows(workload.content if workload else {}, edition),
        "decision": _last_decision(agreement),
        "indicator_groups": _indicator_groups(edition, sections, standing, agreement.fiscal_year.year),
        "classroom": sections.get("classroom"),
        "challenge": sections.get("challenge"),
        "challenge_sentence": challenge_sentence(standing.code, edition) if standing and standing.makes_pa else "",
    }


def _indicator_groups(
    edition: Any, sections: dict[str, AgreementSection], standing: Any, year: int
) -> list[dict[str, Any]]:
    """Part 1 by domain: each indicator with its saved plan (whole year or per semester) and the expected level."""
    terms = semesters_of_fiscal_year(year)
    groups = []
    for domain in edition.domains:
        rows = []
        for indicator in domain.indicators:
            key = f"indicator:{indicator.code}"
            section = sections.get(key)
            rows.append(
                {
                    "indicator": indicator,
                    "key": key,
                    "anchor": anchor_of(key),
                    "section": section,
                    "body": (body := section.content if section else agreement_content.empty_section(key)),
                    "semesters": [
                        (index, label, body.get("semesters", {}).get(label, {})) for index, label in enumerate(terms)
                    ],
                    "practice": edition.expected_practice(indicator.code, standing.code) if standing else None,
                }
            )
        groups.append({"domain": domain, "rows": rows})
    return groups


def _workload_rows(body: dict[str, Any], edition: Any) -> list[dict[str, Any]]:
    """Each category with its items and two spare lines to type into."""
    items = body.get("items", [])
    blank = {"code": "", "name": "", "hours": ""}
    return [
        {
            "category": category,
            "items": [*(item for item in items if item.get("category") == category.code), blank, blank],
        }
        for category in edition.workload.categories
    ]


def _last_decision(agreement: Agreement) -> Any:
    if agreement.submitted_at is None:
        return None  # never submitted: no version, no decision
    version = agreement.versions.select_related("decision").order_by("-number").first()
    return getattr(version, "decision", None) if version else None


@login_required
def agreement_step(request: AuthenticatedRequest, pk: int, step: int) -> HttpResponse:
    agreement = agreement_for(request.user, pk)
    if step not in {number for number, _key, _label in STEPS}:
        return redirect("agreement_step", pk=pk, step=1)
    return render(request, "agreements/agreement_step.html", _step_context(request, agreement, step))


@login_required
@require_POST
def section_save_view(request: AuthenticatedRequest, pk: int, key: str) -> HttpResponse:
    """Autosave (htmx) or a plain form post of one section."""
    agreement = agreement_for(request.user, pk, need="edit")
    body = body_from_post(key, request.POST, semesters_of_fiscal_year(agreement.fiscal_year.year))
    context: dict[str, Any] = {"agreement": agreement, "key": key, "anchor": anchor_of(key)}
    try:
        section = section_save(
            actor=request.user, agreement=agreement, key=key, body=body, base_revision=base_revision(request.POST)
        )
    except StaleSectionError as stale:
        context.update(conflict=stale, revision=base_revision(request.POST))
        return _saved_response(request, context, status=409)
    except InvalidSectionError as invalid:
        context.update(problems=problem_lines(invalid.problems, agreement.fiscal_year.edition))
        context["revision"] = base_revision(request.POST)
        return _saved_response(request, context, status=422)
    context.update(revision=section.revision, saved_at=section.updated_at)
    if body.get("by_semester") and request.POST.get("terms_shown") != "1":
        # The box was just ticked: send the two semesters' fields once, to appear under it.
        terms = semesters_of_fiscal_year(agreement.fiscal_year.year)
        context["terms"] = [(index, label, body["semesters"].get(label, {})) for index, label in enumerate(terms)]
        context["editable"] = True
    if key == "workload":
        context["workload_check"] = agreement_content.check_workload(body, agreement.fiscal_year.edition)
    return _saved_response(request, context)


def _saved_response(request: AuthenticatedRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    if request.htmx:
        return render(request, "agreements/_save_status.html", context, status=status)
    if status == 200:
        messages.success(request, _("บันทึกแล้ว"))
    else:
        messages.error(request, _("ยังไม่ได้บันทึก: มีการแก้ไขจากที่อื่นหรือข้อมูลไม่ถูกต้อง กรุณาตรวจสอบ"))
    step = step_of(context["key"])
    return redirect("agreement_step", pk=context["agreement"].pk, step=step)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_submit_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = agreement_for(request.user, pk, need="edit")
    edition = agreement.fiscal_year.edition
    sections = {key: s.content for key, s in _sections(agreement).items()}
    problems = agreement_content.check_complete(sections, edition, agreement.fiscal_year.year)
    if request.method == "POST":
        try:
            agreement_submit(actor=request.user, agreement=agreement, requested_at=request.arrived_at)
        except IncompleteAgreementError as incomplete:
            problems = incomplete.problems
        else:
            messages.success(request, _("ส่งข้อตกลงให้ผู้อำนวยการพิจารณาแล้ว"))
            return redirect("agreement_step", pk=pk, step=1)
    context = {
        "agreement": agreement,
        "problems": problem_lines(problems, edition),
        "workload_check": agreement_content.check_workload(sections.get("workload", {}), edition),
    }
    return render(
        request,
        "agreements/agreement_submit.html",
        context,
        status=422 if problems and request.method == "POST" else 200,
    )


@login_required
def school_agreements(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = school_for(request.user, pk)
    fiscal_year = current_fiscal_year(timezone.localdate())
    state = request.GET.get("state", "")
    agreements = (
        Agreement.objects.visible_to(request.user).filter(school=school).select_related("teacher", "fiscal_year")
    )
    if fiscal_year:
        agreements = agreements.filter(fiscal_year=fiscal_year)
    if state in Agreement.State.values:
        agreements = agreements.filter(state=state)
    elif state == NOT_STARTED:
        agreements = agreements.none()
    scope = scope_of(request.user)
    context = {
        "school": school,
        "fiscal_year": fiscal_year,
        "without_agreement": _teachers_without_agreement(school, fiscal_year) if state in ("", NOT_STARTED) else [],
        "can_start_for_others": school.pk in scope.managed_school_ids,
        "agreements": agreements.order_by("state", "teacher__first_name")[:500],
        "states": [(NOT_STARTED, _("ยังไม่เริ่มจัดทำ")), *Agreement.State.choices],
        "state": state,
        "is_director": school.pk in scope.directed_school_ids,
    }
    return render(request, "agreements/school_agreements.html", context)


def _teachers_without_agreement(school: School, fiscal_year: Any) -> list[Any]:
    """The school's teachers who make a PA and have not started this year's agreement."""
    if fiscal_year is None:
        return []
    makes_pa = [s.code for s in fiscal_year.edition.standings if s.makes_pa]
    people = (
        Person.objects.filter(
            user__memberships__school=school,
            user__memberships__role=Role.TEACHER,
            user__memberships__is_active=True,
            standing__in=makes_pa,
        )
        .exclude(agreements__fiscal_year=fiscal_year)
        .distinct()
    )
    return thai_sorted(people[:500], key=lambda p: f"{p.first_name} {p.last_name}")


@login_required
@require_http_methods(["GET", "POST"])
def agreement_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = agreement_for(request.user, pk, need="review")
    error = ""
    if request.method == "POST":
        approve = request.POST.get("decision") == "approve"
        comments = {
            key.removeprefix("comment_"): request.POST.get(key, "")
            for key in request.POST
            if key.startswith("comment_") and key != "comment_"
        }
        try:
            agreement_decide(
                director=request.user,
                agreement=agreement,
                approve=approve,
                comment=request.POST.get("comment", ""),
                section_comments=comments,
            )
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            messages.success(request, _("เห็นชอบข้อตกลงแล้ว") if approve else _("ส่งข้อตกลงกลับให้ครูแก้ไขแล้ว"))
            return redirect("school_agreements", pk=agreement.school_id)
    context = _step_context(request, agreement, 0)
    context.update(error=error, versions=agreement.versions.order_by("number"))
    return render(request, "agreements/agreement_review.html", context, status=422 if error else 200)


@login_required
def agreement_versions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Each submitted version beside the one before it: what the teacher changed after the director's comments."""
    agreement = agreement_for(request.user, pk)
    edition = agreement.fiscal_year.edition
    versions = list(agreement.versions.select_related("decision").order_by("number"))
    order = agreement_content.section_keys(edition)
    comparisons = [
        {
            "version": current,
            "previous": previous,
            "changes": [
                {
                    "section": section_label(change.section, edition),
                    "field": field_label(change.field),
                    "pieces": change.pieces,
                }
                for change in version_changes(previous.sections, current.sections, order)
            ],
        }
        for previous, current in zip(versions, versions[1:], strict=False)
    ]
    context = {"agreement": agreement, "versions": versions, "comparisons": list(reversed(comparisons))}
    return render(request, "agreements/agreement_versions.html", context)


@login_required
@require_POST
def agreement_start_for_teacher(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The school admin account (or director) opens a teacher's agreement to type it on their behalf."""
    school = school_for(request.user, pk, need="manage")
    fiscal_year = current_fiscal_year(timezone.localdate())
    teacher = person_for(request.user, request.POST.get("teacher", ""))
    if fiscal_year is None:
        messages.error(request, _("ยังไม่เปิดปีงบประมาณนี้ในระบบ กรุณาติดต่อสำนักงานเขตพื้นที่"))
        return redirect("school_agreements", pk=school.pk)
    try:
        agreement = agreement_start(actor=request.user, teacher=teacher, fiscal_year=fiscal_year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("school_agreements", pk=school.pk)
    return redirect("agreement_step", pk=agreement.pk, step=1)


@login_required
@require_POST
def agreement_amend_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    agreement = agreement_for(request.user, pk)
    try:
        agreement_amend(actor=request.user, agreement=agreement, reason=request.POST.get("reason", ""))
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
    else:
        messages.success(request, _("เปิดให้แก้ไขแล้ว เมื่อแก้ไขเสร็จให้ส่งอีกครั้งเพื่อให้ผู้อำนวยการเห็นชอบ"))
    return redirect("agreement_step", pk=pk, step=1)
