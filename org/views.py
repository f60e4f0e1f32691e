"""Home pages per role, organisation pages, people: parse, fetch through an access helper, respond."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeView, PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from org.access import area_office_for, person_for, province_for, school_for
from org.forms import PersonForm, PreferencesForm
from org.http import AuthenticatedRequest
from org.models import AreaOffice, Membership, Person, Role, School
from org.scope import Scope, scope_of
from org.services import password_changed, person_register
from rounds.queries import current_fiscal_year
from thaitext import thai_sorted

# Where each role lands after login, in the order the chooser lists them.
ROLE_ORDER = [
    Role.TEACHER,
    Role.DIRECTOR,
    Role.SCHOOL_ADMIN,
    Role.EXTERNAL_EVALUATOR,
    Role.AREA_STAFF,
    Role.PROVINCE_INSPECTOR,
    Role.SYSTEM_ADMIN,
]


def role_home_url(role: str, scope_id: int | None) -> str:
    match role:
        case Role.TEACHER:
            return reverse("teacher_home")
        case Role.DIRECTOR | Role.SCHOOL_ADMIN:
            return reverse("school_detail", args=[scope_id])
        case Role.AREA_STAFF:
            return reverse("area_office_detail", args=[scope_id])
        case Role.PROVINCE_INSPECTOR:
            return reverse("province_detail", args=[scope_id])
        case Role.EXTERNAL_EVALUATOR:
            return reverse("evaluator_home")
        case _:
            return reverse("system_home")


def role_links(scope: Scope) -> list[dict[str, object]]:
    memberships = sorted(scope.memberships, key=lambda m: ROLE_ORDER.index(Role(m.role)))
    return [
        {
            "role": m.get_role_display(),
            "scope_id": m.school_id or m.area_office_id or m.province_id,
            "url": role_home_url(m.role, m.school_id or m.area_office_id or m.province_id),
            "membership": m,
        }
        for m in memberships
    ]


def _posted(request: AuthenticatedRequest) -> QueryDict | None:
    """The submitted data of a POST, even an empty one (an unticked checkbox sends nothing); None for GET."""
    return request.POST if request.method == "POST" else None


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_of(request.user)
    links = role_links(scope)
    if scope.is_system_admin and not links:
        return redirect("system_home")
    if len(links) == 1:
        return redirect(str(links[0]["url"]))
    return render(request, "org/home_choose.html", {"links": links})


@login_required
def school_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = school_for(request.user, pk)
    memberships = (
        Membership.objects.active()
        .filter(school=school, role__in=[Role.DIRECTOR, Role.TEACHER], user__person__isnull=False)
        .select_related("user__person")
    )
    # Directors first, then everyone in Thai dictionary order of first and last name.
    staff = sorted(
        thai_sorted(memberships, key=lambda m: f"{m.user.person.first_name} {m.user.person.last_name}"),
        key=lambda m: m.role != Role.DIRECTOR,
    )
    scope = scope_of(request.user)
    return render(
        request,
        "org/school_detail.html",
        {
            "school": school,
            "staff": staff,
            "is_director": school.pk in scope.directed_school_ids,
            "fiscal_year": current_fiscal_year(timezone.localdate()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_person_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = school_for(request.user, pk, need="manage")
    form = PersonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        national_id_value, email = data.pop("national_id"), data.pop("email")
        role = Role.DIRECTOR if data["position"] == "director" else Role.TEACHER
        try:
            account = person_register(
                actor=request.user,
                national_id_value=national_id_value,
                fields=data,
                school=school,
                role=role,
                email=email,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "org/person_created.html", {"school": school, "account": account})
    return render(request, "org/person_form.html", {"school": school, "form": form})


@login_required
def area_office_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    area_office = area_office_for(request.user, pk)
    schools = (
        School.objects.filter(area_office=area_office)
        .annotate(
            teacher_count=Count(
                "memberships", filter=Q(memberships__role=Role.TEACHER, memberships__is_active=True), distinct=True
            )
        )
        .order_by("code")
    )
    return render(request, "org/area_office_detail.html", {"area_office": area_office, "schools": schools})


@login_required
def province_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    province = province_for(request.user, pk)
    area_offices = (
        AreaOffice.objects.filter(province=province)
        .annotate(
            school_count=Count("schools", distinct=True),
            teacher_count=Count(
                "schools__memberships",
                filter=Q(schools__memberships__role=Role.TEACHER, schools__memberships__is_active=True),
                distinct=True,
            ),
        )
        .order_by("code")
    )
    return render(request, "org/province_detail.html", {"province": province, "area_offices": area_offices})


@login_required
def system_home(request: AuthenticatedRequest) -> HttpResponse:
    if not scope_of(request.user).is_system_admin:
        return redirect("home")
    counts = {
        "schools": School.objects.count(),
        "people": Person.objects.count(),
        "area_offices": AreaOffice.objects.count(),
    }
    return render(request, "org/system_home.html", {"counts": counts})


@login_required
def person_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = person_for(request.user, pk)
    rows = (
        Membership.objects.active().filter(user_id=person.user_id).select_related("school", "area_office", "province")
        if person.user_id
        else []
    )
    # The database returns memberships in no set order; list them as the role switcher does.
    memberships = sorted(rows, key=lambda m: ROLE_ORDER.index(Role(m.role)))
    return render(request, "org/person_detail.html", {"person": person, "memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def me(request: AuthenticatedRequest) -> HttpResponse:
    form = PreferencesForm(_posted(request), initial={"thai_digits": request.user.thai_digits})
    if request.method == "POST" and form.is_valid():
        request.user.thai_digits = form.cleaned_data["thai_digits"]
        request.user.save(update_fields=["thai_digits"])
        messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
        return redirect("me")
    person = Person.objects.filter(user=request.user).first()
    return render(request, "org/me.html", {"person": person, "form": form, "links": role_links(scope_of(request.user))})


class ForcedPasswordChangeView(PasswordChangeView):
    """Django's password change, which also clears the forced-change flag."""

    success_url = reverse_lazy("home")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        password_changed(user=form.user)
        messages.success(self.request, _("เปลี่ยนรหัสผ่านเรียบร้อยแล้ว"))
        return response


class ResetPasswordConfirmView(PasswordResetConfirmView):
    """Setting a password through an emailed link is the owner choosing it: the forced change is done."""

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        password_changed(user=form.user)
        return response
