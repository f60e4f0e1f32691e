"""Resolving the calendar: a school's date, else its area office's, else the rulebook's default.

A school only ever tightens: where both are set the earlier date applies (an area office that moves its
date before a school's own wins), so no school can end up later than its area.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db.models import Q

from org.models import School
from reminders.models import Deadline, Step
from rounds.models import FiscalYear
from rulebook import dpa_entry_deadline

Dates = dict[str, date]


def default_dates(fiscal_year: FiscalYear) -> Dates:
    """What the rulebook sets by itself: the last day to enter results into DPA."""
    return {Step.DPA_ENTRY: dpa_entry_deadline(fiscal_year.year, fiscal_year.edition)}


def merged(defaults: Mapping[str, date], area: Mapping[str, date], school: Mapping[str, date]) -> Dates:
    """Area dates over the defaults, then the school's where earlier (or where the area set none)."""
    dates = {**defaults, **area}
    for step, due_on in school.items():
        dates[step] = min(due_on, dates[step]) if step in dates else due_on
    return {step: dates[step] for step in Step.values if step in dates}


def area_dates(area_office_id: int, fiscal_year: FiscalYear) -> Dates:
    """The area office's calendar as its schools inherit it."""
    rows = Deadline.objects.filter(fiscal_year=fiscal_year, area_office_id=area_office_id).values_list("step", "due_on")
    return merged(default_dates(fiscal_year), dict(rows), {})


def own_dates(fiscal_year: FiscalYear, *, area_office_id: int | None = None, school_id: int | None = None) -> Dates:
    """Only the dates this unit set itself (for its form)."""
    unit = Q(school_id=school_id) if school_id is not None else Q(area_office_id=area_office_id, school__isnull=True)
    rows = Deadline.objects.filter(unit, fiscal_year=fiscal_year)
    return dict(rows.values_list("step", "due_on"))


def deadlines_for(school: School, fiscal_year: FiscalYear) -> Dates:
    """Every step's date for this school: its own, its area office's, the rulebook's (one query)."""
    return deadlines_for_schools({school.pk: school.area_office_id}, fiscal_year)[school.pk]


def deadlines_for_schools(places: Mapping[int, int], fiscal_year: FiscalYear) -> dict[int, Dates]:
    """`places`: school id → its area office id. One query for any number of schools."""
    by_area: dict[int, Dates] = {}
    by_school: dict[int, Dates] = {}
    rows = Deadline.objects.filter(fiscal_year=fiscal_year).filter(
        Q(school_id__in=list(places)) | Q(area_office_id__in=set(places.values()))
    )
    for area_office_id, school_id, step, due_on in rows.values_list("area_office_id", "school_id", "step", "due_on"):
        if school_id is not None:
            by_school.setdefault(school_id, {})[step] = due_on
        else:
            by_area.setdefault(area_office_id, {})[step] = due_on
    defaults = default_dates(fiscal_year)
    return {
        school_id: merged(defaults, by_area.get(area_office_id, {}), by_school.get(school_id, {}))
        for school_id, area_office_id in places.items()
    }
