"""Dashboard pages for schools, area offices, provinces and the country, with their Excel and CSV exports.

Each view fetches its unit through `dashboards.access`, parses the filters against that unit, brings the
summaries up to date with the audit trail, and renders the page or one of its tables as a file.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from audit.services import audit_record
from committees.models import Evaluation, ScoreSheet
from dashboards import access, html
from dashboards.exports import csv_bytes, xlsx
from dashboards.filters import Filters, parse
from dashboards.pages import (
    SORTS,
    Page,
    area_page,
    indicator_items,
    national_page,
    province_page,
    sort_labels,
    step_labels,
)
from dashboards.refresh import as_of, keep_fresh
from dashboards.report import inspection_report
from dashboards.school import state_counts, teacher_rows, teacher_table
from dashboards.tables import Table
from documents.word import render_docx
from org.access import not_found
from org.http import AuthenticatedRequest
from org.models import LearningArea, School
from org.scope import scope_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response


def _export(request: AuthenticatedRequest, page: Page, stem: str) -> HttpResponse | None:
    """The table `?table=` of the page as `?export=xlsx|csv`, or None when no export is asked for."""
    if not request.GET.get("export", ""):
        return None
    try:
        table = page.table(request.GET.get("table", ""))
    except KeyError as missing:
        raise not_found() from missing
    return _export_table(request, table, stem, page.filters.fiscal_year.year)


def _export_table(request: AuthenticatedRequest, table: Table, stem: str, year: int) -> HttpResponse | None:
    kind = request.GET.get("export", "")
    if not kind:
        return None
    name = f"{stem}_{table.name}_{year}"
    if kind == "xlsx":
        note = _("ปีงบประมาณ พ.ศ. %(year)s · ข้อมูล ณ %(when)s") % {"year": year, "when": as_of()}
        return _attachment(xlsx(table, note=note), XLSX, f"{name}.xlsx")
    if kind == "csv":
        return _attachment(csv_bytes(table), "text/csv; charset=utf-8", f"{name}.csv")
    raise not_found()


def _context(request: AuthenticatedRequest, page: Page, **extra: object) -> dict[str, object]:
    edition = page.filters.fiscal_year.edition
    items = indicator_items(edition)
    thai = bool(request.user.thai_digits)
    query = page.filters.query()
    tables = [
        html.heatmap(table, query, items, thai=thai)
        if table.name.startswith("heatmap")
        else html.figures_table(table, query, thai=thai)
        for table in page.tables
    ]
    return {
        "page": page,
        "tables": tables,
        "bars": html.bars(page.bars, thai=thai),
        "filters": page.filters,
        "items": items,
        "step_labels": step_labels(),
        "learning_areas": LearningArea.choices,
        "standings": [(standing.code, standing.name) for standing in edition.pa_standings],
        "as_of": as_of(),
        **extra,
    }


@login_required
def dashboard_home(request: AuthenticatedRequest) -> HttpResponse:
    """The widest dashboard the user's roles reach."""
    scope = scope_of(request.user)
    if scope.is_system_admin:
        return redirect("national_dashboard")
    if scope.province_ids:
        return redirect("province_dashboard", pk=min(scope.province_ids))
    if scope.area_office_ids:
        return redirect("area_dashboard", pk=min(scope.area_office_ids))
    if scope.managed_school_ids:
        return redirect("school_dashboard", pk=min(scope.managed_school_ids))
    raise not_found()


@login_required
def national_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    access.require_national(request.user)
    keep_fresh()
    filters = parse(request.GET)
    page = national_page(filters, access.area_rows_of(None, filters.fiscal_year.pk))
    return _export(request, page, "national") or render(request, "dashboards/national.html", _context(request, page))


@login_required
def province_dashboard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    province = access.province_dashboard_for(request.user, pk)
    keep_fresh()
    filters = parse(request.GET, areas=province.area_offices.all())
    page = province_page(province, filters, access.area_rows_of(province, filters.fiscal_year.pk))
    if request.GET.get("export") == "docx":
        document = inspection_report(province, page)
        return _attachment(
            render_docx(document), DOCX, f"รายงานผลการตรวจราชการ_{province.name}_{filters.fiscal_year.year}.docx"
        )
    return _export(request, page, f"province_{province.code}") or render(
        request,
        "dashboards/province.html",
        _context(request, page, province=province, areas=province.area_offices.all()),
    )


@login_required
def area_dashboard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    area = access.area_dashboard_for(request.user, pk)
    keep_fresh()
    filters = parse(request.GET, schools=School.objects.filter(area_office=area))
    sort = request.GET.get("sort", "progress")
    page = area_page(area, filters, access.rows_of(area, filters.fiscal_year.pk), sort=sort if sort in SORTS else "")
    schools = School.objects.filter(area_office=area).order_by("name").only("pk", "name")
    return _export(request, page, f"area_{area.code}") or render(
        request,
        "dashboards/area.html",
        _context(request, page, area=area, schools=schools, sort=sort, sorts=sort_labels()),
    )


@login_required
def school_dashboard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = access.school_dashboard_for(request.user, pk)
    filters = parse(request.GET)
    rows = teacher_rows(school, filters.fiscal_year)
    scope = scope_of(request.user)
    is_director = school.pk in scope.directed_school_ids
    table = teacher_table(rows, with_results=is_director)
    exported = _export_table(request, table, f"school_{school.code}", filters.fiscal_year.year)
    if exported is not None:
        return exported
    context = {
        "school": school,
        "filters": filters,
        "rows": rows,
        "counts": state_counts(rows),
        "is_director": is_director,
        "may_read_results": access.may_read_results(request.user, school),
        "passed": sum(1 for row in rows if row.passed is True),
        "scored": sum(1 for row in rows if row.passed is not None),
    }
    return render(request, "dashboards/school.html", context)


@login_required
def school_results(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Each teacher's three totals and result, for the area staff who check them before DPA; every read logged."""
    school = access.school_dashboard_for(request.user, pk)
    if not access.may_read_results(request.user, school):
        raise not_found()
    filters: Filters = parse(request.GET)
    evaluations = list(
        Evaluation.objects.filter(
            agreement__school=school, agreement__fiscal_year=filters.fiscal_year, result_computed_at__isnull=False
        )
        .select_related("agreement__teacher")
        .order_by("agreement__teacher__first_name", "agreement__teacher__last_name")
    )
    sheets: dict[int, list[ScoreSheet]] = {}
    for sheet in ScoreSheet.objects.filter(evaluation__in=evaluations).select_related("seat").order_by("seat__number"):
        sheets.setdefault(sheet.evaluation_id, []).append(sheet)
    audit_record(
        request.user,
        "results.read",
        school,
        fiscal_year=filters.fiscal_year.year,
        evaluations=[evaluation.pk for evaluation in evaluations],
    )
    rows = [(evaluation, sheets.get(evaluation.pk, [])) for evaluation in evaluations]
    return render(request, "dashboards/school_results.html", {"school": school, "filters": filters, "rows": rows})
