"""Who sees which dashboard, and the summary rows each may add up.

- a school's dashboard: its director and school admin account, staff of its area office, the inspectors of
  its province, system admins (not its teachers: the page lists every colleague's progress);
- an area office's: its staff, the inspectors of its province, system admins;
- a province's: its inspectors, system admins; the national one: system admins.
Every helper answers the same 404 for "missing" and "not yours"; every queryset of figures starts from the
dashboard's own unit, so a filter can only narrow it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dashboards.models import AreaSummary, GroupSummary
from org.access import fetch_or_404, not_found
from org.models import AreaOffice, Province, School
from org.scope import scope_of


def school_dashboard_for(user: Any, pk: int | str) -> School:
    scope = scope_of(user)
    if scope.is_system_admin:
        allowed = Q()
    else:
        allowed = (
            Q(pk__in=scope.managed_school_ids)
            | Q(area_office_id__in=scope.area_office_ids)
            | Q(area_office__province_id__in=scope.province_ids)
        )
    return fetch_or_404(School.objects.select_related("area_office__province").filter(allowed), pk)


def area_dashboard_for(user: Any, pk: int | str) -> AreaOffice:
    return fetch_or_404(AreaOffice.objects.select_related("province").filter(scope_of(user).area_office_filter()), pk)


def province_dashboard_for(user: Any, pk: int | str) -> Province:
    return fetch_or_404(Province.objects.filter(scope_of(user).province_filter()), pk)


def require_national(user: Any) -> None:
    if not scope_of(user).is_system_admin:
        raise not_found()


def may_read_results(user: Any, school: School) -> bool:
    """Individual teachers' scores above the school: only the area office staff who check them before DPA."""
    scope = scope_of(user)
    return scope.is_system_admin or school.area_office_id in scope.area_office_ids


def rows_of(unit: School | AreaOffice | Province | None, fiscal_year_id: int) -> QuerySet[GroupSummary]:
    """The summary rows of one unit (None: the whole country) for a fiscal year."""
    rows = GroupSummary.objects.filter(fiscal_year_id=fiscal_year_id)
    if isinstance(unit, School):
        return rows.filter(school=unit)
    if isinstance(unit, AreaOffice):
        return rows.filter(area_office=unit)
    if isinstance(unit, Province):
        return rows.filter(province=unit)
    return rows


def area_rows_of(unit: Province | None, fiscal_year_id: int) -> QuerySet[AreaSummary]:
    """The per-area-office summary rows of a province (None: the country), for the pages above the area."""
    rows = AreaSummary.objects.filter(fiscal_year_id=fiscal_year_id)
    return rows if unit is None else rows.filter(province=unit)
