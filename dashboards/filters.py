"""The filters a dashboard takes from its query string, checked against the dashboard's own unit.

A school or area office outside the unit is a 404 like any record that is not yours; an unknown learning
area or standing is refused with a Thai message and the page shows the unit unfiltered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from dashboards.models import Counts
from org.access import not_found
from org.models import AreaOffice, LearningArea, School
from rounds.models import FiscalYear
from rounds.queries import current_fiscal_year


@dataclass(frozen=True)
class Filters:
    fiscal_year: FiscalYear
    school: School | None = None
    area_office: AreaOffice | None = None
    learning_area: str = ""
    standing: str = ""
    problems: tuple[str, ...] = ()

    def apply[M: Counts](self, rows: QuerySet[M]) -> QuerySet[M]:
        if self.school is not None:
            rows = rows.filter(school=self.school)
        if self.area_office is not None:
            rows = rows.filter(area_office=self.area_office)
        if self.learning_area:
            rows = rows.filter(learning_area=self.learning_area)
        if self.standing:
            rows = rows.filter(standing=self.standing)
        return rows

    def query(self, **changes: Any) -> str:
        """This page's query string with some filters changed (for links and exports)."""
        values = {
            "year": str(self.fiscal_year.year),
            "school": str(self.school.pk) if self.school else "",
            "area": str(self.area_office.pk) if self.area_office else "",
            "learning_area": self.learning_area,
            "standing": self.standing,
        }
        values.update({key: str(value) for key, value in changes.items()})
        query = QueryDict(mutable=True)
        query.update({key: value for key, value in values.items() if value})
        return query.urlencode()


def _fiscal_year(raw: str) -> FiscalYear:
    if raw:
        found = FiscalYear.objects.filter(year=int(raw)).first() if raw.isdigit() else None
        if found is None:
            raise not_found()
        return found
    current = current_fiscal_year(timezone.localdate()) or FiscalYear.objects.order_by("-year").first()
    if current is None:
        raise not_found()
    return current


def _within(queryset: QuerySet[Any], raw: str) -> Any:
    if not raw:
        return None
    found = queryset.filter(pk=int(raw)).first() if raw.isdigit() else None
    if found is None:
        raise not_found()  # a school or area outside the dashboard's unit: not yours
    return found


def parse(
    params: QueryDict,
    *,
    schools: QuerySet[School] | None = None,
    areas: QuerySet[AreaOffice] | None = None,
) -> Filters:
    """Filters from `params`; `schools` / `areas` are the ones this dashboard may narrow to (None: not offered)."""
    fiscal_year = _fiscal_year(params.get("year", "").strip())
    problems: list[str] = []
    learning_area = params.get("learning_area", "").strip()
    if learning_area and learning_area not in LearningArea.values:
        problems.append(_("ไม่รู้จักกลุ่มสาระการเรียนรู้ที่เลือก จึงแสดงทุกกลุ่มสาระ"))
        learning_area = ""
    standing = params.get("standing", "").strip()
    if standing and standing not in {s.code for s in fiscal_year.edition.pa_standings}:
        problems.append(_("ไม่รู้จักวิทยฐานะที่เลือก จึงแสดงทุกวิทยฐานะ"))
        standing = ""
    return Filters(
        fiscal_year=fiscal_year,
        school=_within(schools, params.get("school", "").strip()) if schools is not None else None,
        area_office=_within(areas, params.get("area", "").strip()) if areas is not None else None,
        learning_area=learning_area,
        standing=standing,
        problems=tuple(problems),
    )
