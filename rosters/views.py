"""Import pages: upload, the check's progress and preview, confirm, retry, cancel, and the password sheet (once)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from org.access import not_found
from org.http import AuthenticatedRequest
from org.scope import scope_of
from rosters.access import import_area_for, import_job_for, import_school_for, jobs_visible_to, password_sheet_for
from rosters.blank_forms import blank_csv, blank_xlsx
from rosters.forms import UploadForm
from rosters.models import ImportJob
from rosters.services import (
    SheetGoneError,
    may_retry,
    password_sheet_take,
    roster_import_cancel,
    roster_import_confirm,
    roster_import_retry,
    roster_import_start,
)

RECENT_JOBS = 20
PER_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Kind = ImportJob.Kind


def _file(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response


def _forms(request: AuthenticatedRequest, kinds: tuple[str, ...]) -> dict[str, UploadForm]:
    """One upload form per kind of file; only the one that was sent is bound."""
    sent = request.POST.get("kind") if request.method == "POST" else None
    return {
        kind: UploadForm(request.POST, request.FILES, prefix=kind) if kind == sent else UploadForm(prefix=kind)
        for kind in kinds
    }


@login_required
@require_http_methods(["GET", "POST"])
def school_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = import_school_for(request.user, pk)
    forms = _forms(request, (Kind.PEOPLE,))
    form = forms[Kind.PEOPLE]
    if form.is_bound and form.is_valid():
        job = roster_import_start(actor=request.user, kind=Kind.PEOPLE, upload=form.cleaned_data["file"], school=school)
        return redirect("roster_job", pk=job.pk)
    jobs = jobs_visible_to(request.user).filter(school=school)[:RECENT_JOBS]
    context = {"school": school, "scope_name": school.name, "forms": forms, "jobs": jobs}
    return render(request, "rosters/import_page.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def area_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    area_office = import_area_for(request.user, pk)
    forms = _forms(request, (Kind.SCHOOLS, Kind.PEOPLE))
    for kind, form in forms.items():
        if form.is_bound and form.is_valid():
            upload = form.cleaned_data["file"]
            job = roster_import_start(actor=request.user, kind=kind, upload=upload, area_office=area_office)
            return redirect("roster_job", pk=job.pk)
    jobs = jobs_visible_to(request.user).filter(area_office=area_office)[:RECENT_JOBS]
    context = {"area_office": area_office, "scope_name": area_office.name, "forms": forms, "jobs": jobs}
    return render(request, "rosters/import_page.html", context)


@login_required
def blank_form(request: AuthenticatedRequest, kind: str, fmt: str) -> HttpResponse:
    scope = scope_of(request.user)
    allowed = bool(scope.area_office_ids) or (kind == Kind.PEOPLE and bool(scope.managed_school_ids))
    if not allowed or kind not in Kind.values or fmt not in ("xlsx", "csv"):
        raise not_found()
    name = _("แบบฟอร์มนำเข้ารายชื่อครู") if kind == Kind.PEOPLE else _("แบบฟอร์มนำเข้ารายชื่อโรงเรียน")
    if fmt == "csv":
        return _file(blank_csv(kind), "text/csv; charset=utf-8", f"{name}.csv")
    return _file(blank_xlsx(kind), XLSX, f"{name}.xlsx")


def _page(items: Any, number: str | None) -> Any:
    return Paginator(items, PER_PAGE).get_page(number)


@login_required
def job_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = import_job_for(request.user, pk)
    if request.htmx:
        # Polled while it runs; once it stops, the whole page shows what happened.
        return (
            render(request, "rosters/job_detail.html#progress", {"job": job})
            if job.is_running
            else HttpResponseClientRefresh()
        )
    context: dict[str, Any] = {"job": job, "may_retry": may_retry(job, timezone.now())}
    if job.problems:
        context["problems"] = _page(job.problems, request.GET.get("page"))
    if job.state == ImportJob.State.DONE:
        context["sheets"] = _page(job.sheets.all(), request.GET.get("sheets"))  # an area import: a sheet a school
        context["now"] = timezone.now()
    return render(request, "rosters/job_detail.html", context)


@login_required
@require_POST
def job_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = import_job_for(request.user, pk)
    if not roster_import_confirm(job, actor=request.user):
        messages.error(request, _("การนำเข้านี้ไม่ได้รอการยืนยันแล้ว"))
    return redirect("roster_job", pk=job.pk)


@login_required
@require_POST
def job_retry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = import_job_for(request.user, pk)
    if not roster_import_retry(job, actor=request.user):
        messages.error(request, _("การนำเข้านี้ยังทำงานอยู่หรือเสร็จแล้ว จึงไม่ต้องลองใหม่"))
    return redirect("roster_job", pk=job.pk)


@login_required
@require_POST
def job_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = import_job_for(request.user, pk)
    if roster_import_cancel(job, actor=request.user):
        messages.success(request, _("ยกเลิกการนำเข้าและลบไฟล์แล้ว"))
    else:
        messages.error(request, _("ยกเลิกการนำเข้านี้ไม่ได้แล้ว"))
    return redirect("roster_job", pk=job.pk)


@login_required
@require_POST
def sheet_download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A POST, so that a link preview or a prefetch cannot spend the one download."""
    sheet = password_sheet_for(request.user, pk)
    try:
        data = password_sheet_take(sheet, actor=request.user)
    except SheetGoneError:
        messages.error(request, _("ใบรหัสผ่านนี้ถูกดาวน์โหลดไปแล้วหรือหมดเวลาเก็บแล้ว ระบบลบรหัสผ่านครั้งแรกออกแล้ว"))
        return redirect("roster_job", pk=sheet.job_id)
    return _file(data, "application/pdf", _("รหัสผ่านครั้งแรก %(name)s.pdf") % {"name": sheet.title})
