"""The peer network: find a mentor (own area first), the mentor's profile, shared examples, share and copy."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agreements.models import Agreement
from agreements.services import InvalidSectionError
from helpcentre.access import places_of
from org.http import AuthenticatedRequest
from org.models import LearningArea, standing_choices
from org.scope import scope_of
from peers import services
from peers.access import example_for, may_withdraw, mentor_for, shareable_agreement_for
from peers.forms import MentorForm, ShareForm
from peers.models import Mentor, SharedExample
from rulebook import RulebookError, load_edition

PAGE_SIZE = 30


def _filters(request: AuthenticatedRequest) -> dict[str, Any]:
    learning_area = request.GET.get("learning_area", "")
    standing = request.GET.get("standing", "")
    standings = standing_choices()
    return {
        "learning_area": learning_area if learning_area in LearningArea.values else "",
        "standing": standing if standing in {code for code, _name in standings} else "",
        "learning_areas": LearningArea.choices,
        "standings": standings,
    }


@login_required
@require_GET
def mentor_list(request: AuthenticatedRequest) -> HttpResponse:
    """Active mentors by learning area and standing, those of the teacher's own area office first."""
    filters = _filters(request)
    own_areas = places_of(request.user).area_office_ids
    mentors = (
        Mentor.objects.visible_to(request.user)
        .filter(is_active=True)
        .select_related("person", "area_office")
        .prefetch_related("learning_areas")
        .annotate(
            elsewhere=Case(
                When(area_office_id__in=own_areas, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("elsewhere", "person__first_name", "person__last_name", "pk")
    )
    if filters["learning_area"]:
        mentors = mentors.filter(learning_areas__learning_area=filters["learning_area"])
    if filters["standing"]:
        mentors = mentors.filter(standing=filters["standing"])
    page_obj = Paginator(mentors, PAGE_SIZE).get_page(request.GET.get("page"))
    person_id = scope_of(request.user).person_id
    mine = Mentor.objects.filter(person_id=person_id).first() if person_id else None
    return render(request, "peers/mentor_list.html", {**filters, "page_obj": page_obj, "own_mentor": mine})


@login_required
@require_GET
def mentor_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    mentor = mentor_for(request.user, pk)
    is_self = mentor.person_id == scope_of(request.user).person_id
    return render(request, "peers/mentor_detail.html", {"mentor": mentor, "is_self": is_self})


@login_required
@require_http_methods(["GET", "POST"])
def mentor_profile(request: AuthenticatedRequest) -> HttpResponse:
    """Register as a volunteer mentor, or change the profile."""
    person_id = scope_of(request.user).person_id
    current = (
        Mentor.objects.filter(person_id=person_id).prefetch_related("learning_areas").first() if person_id else None
    )
    initial: dict[str, Any] = {"is_active": True}
    if current is not None:
        initial = {
            "learning_areas": [area.learning_area for area in current.learning_areas.all()],
            "bio": current.bio,
            "contact_preference": current.contact_preference,
            "contact_detail": current.contact_detail,
            "is_active": current.is_active,
        }
    form = MentorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            mentor = services.mentor_save(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("บันทึกข้อมูลครูพี่เลี้ยงแล้ว ขอบคุณที่ช่วยเพื่อนครู"))
            return redirect("mentor_detail", pk=mentor.pk)
    return render(request, "peers/mentor_profile.html", {"form": form, "current": current})


@login_required
@require_GET
def example_list(request: AuthenticatedRequest) -> HttpResponse:
    filters = _filters(request)
    examples = SharedExample.objects.visible_to(request.user).filter(is_active=True).order_by("-created_at", "-pk")
    if filters["learning_area"]:
        examples = examples.filter(learning_area=filters["learning_area"])
    if filters["standing"]:
        examples = examples.filter(standing=filters["standing"])
    page_obj = Paginator(examples.defer("sections"), PAGE_SIZE).get_page(request.GET.get("page"))
    shareable = Agreement.objects.filter(
        teacher_id=scope_of(request.user).person_id, state=Agreement.State.APPROVED
    ).select_related("fiscal_year")
    context = {**filters, "page_obj": page_obj, "shareable": list(shareable[:10])}
    return render(request, "peers/example_list.html", context)


def _section_rows(sections: dict[str, Any], edition_code: str) -> list[dict[str, Any]]:
    """The example's sections in form order, each with its label."""
    try:
        edition = load_edition(edition_code)
    except RulebookError:
        return [{"key": key, "label": key, "body": body} for key, body in sections.items()]
    rows = []
    for indicator in edition.indicators:
        body = sections.get(f"indicator:{indicator.code}")
        if body:
            rows.append(
                {"key": f"indicator:{indicator.code}", "label": f"{indicator.code} {indicator.name}", "body": body}
            )
    return rows


@login_required
@require_GET
def example_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    example = example_for(request.user, pk)
    context = {
        "example": example,
        "rows": _section_rows(example.sections, example.edition_code),
        "challenge": example.sections.get("challenge") or {},
        "may_withdraw": may_withdraw(request.user, example),
    }
    return render(request, "peers/example_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def example_share(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Share one's approved agreement: the names-removed text is shown for checking before it is shared."""
    agreement = shareable_agreement_for(request.user, pk)
    initial = {"learning_area": agreement.teacher.learning_area or None}
    form = ShareForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            example = services.example_share(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("แบ่งปันตัวอย่างแล้ว ขอบคุณที่ช่วยเพื่อนครู"))
            return redirect("example_detail", pk=example.pk)
    sections, replaced = services.example_preview(agreement)
    context = {
        "agreement": agreement,
        "form": form,
        "rows": _section_rows(sections, agreement.fiscal_year.edition_code),
        "challenge": sections.get("challenge") or {},
        "replaced": replaced,
    }
    return render(request, "peers/example_share.html", context)


@login_required
@require_POST
def example_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    example = example_for(request.user, pk)
    services.example_withdraw(actor=request.user, example=example)
    messages.success(request, _("ถอนตัวอย่างแล้ว ผู้อื่นจะไม่เห็นอีก"))
    return redirect("example_list")


@login_required
@require_POST
def example_copy(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    example = example_for(request.user, pk)
    try:
        agreement = services.example_copy(actor=request.user, example=example)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("example_detail", pk=example.pk)
    except InvalidSectionError:
        messages.error(request, _("ตัวอย่างนี้ใช้เกณฑ์คนละฉบับกับปีนี้ คัดลอกเป็นจุดเริ่มต้นไม่ได้ กรุณาเลือกตัวอย่างอื่น"))
        return redirect("example_detail", pk=example.pk)
    messages.success(request, _("เริ่มข้อตกลงจากตัวอย่างแล้ว แก้ไขให้ตรงกับห้องเรียนและผู้เรียนของคุณก่อนส่ง"))
    return redirect("agreement_step", pk=agreement.pk, step=3)
