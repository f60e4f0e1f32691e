"""Changing a calendar: an area office's dates, or a school bringing them forward. Atomic and audited."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from audit.services import audit_record
from org.models import AreaOffice, School, User
from reminders.calendar import Dates, area_dates, default_dates
from reminders.models import Deadline, Step
from reminders.rules import edits_area_calendar, edits_school_calendar
from rounds.models import FiscalYear
from thaitext import be_date


def _date(day: date) -> str:
    return be_date(day, language=get_language() or "th")


def _limits(fiscal_year: FiscalYear, area_office: AreaOffice | None, school: School | None) -> tuple[Dates, str]:
    """The latest date each step may take here, and the Thai sentence that refuses a later one."""
    if school is not None:
        message = _("โรงเรียนกำหนดได้เฉพาะวันที่ก่อนหรือตรงกับกำหนดของสำนักงานเขตพื้นที่ (%(date)s)")
        return area_dates(school.area_office_id, fiscal_year), message
    return default_dates(fiscal_year), _("ต้องไม่เกินกำหนดตามหลักเกณฑ์ (%(date)s)")


def _problems(fiscal_year: FiscalYear, dates: Mapping[str, date | None], limits: Dates, message: str) -> dict[str, str]:
    problems = {}
    start, end = fiscal_year.starts_on, fiscal_year.ends_on
    for step, due_on in dates.items():
        if due_on is None:
            continue
        if not start <= due_on <= end:
            problems[step] = _("วันที่ต้องอยู่ในปีงบประมาณ พ.ศ. %(year)s (%(start)s ถึง %(end)s)") % {
                "year": fiscal_year.year,
                "start": _date(start),
                "end": _date(end),
            }
        elif step in limits and due_on > limits[step]:
            problems[step] = message % {"date": _date(limits[step])}
    return problems


@transaction.atomic
def calendar_save(
    *,
    actor: User,
    fiscal_year: FiscalYear,
    dates: Mapping[str, date | None],
    area_office: AreaOffice | None = None,
    school: School | None = None,
) -> list[str]:
    """Set (a date) or clear (None: inherit again) each step given, for one area office or one school.

    Every date is checked before anything is written: inside the fiscal year, not after the area office's
    date (a school) or the rulebook's (an area office). Returns the steps that changed, each audited.
    """
    if (area_office is None) == (school is None):
        raise ValueError("a calendar belongs to an area office or a school")
    allowed = edits_school_calendar(actor, school) if school is not None else edits_area_calendar(actor, area_office)
    if not allowed:
        raise PermissionDenied("calendar")
    unknown = set(dates) - set(Step.values)
    if unknown:
        raise ValidationError(_("ไม่รู้จักขั้นตอน %(steps)s") % {"steps": ", ".join(sorted(unknown))})
    problems = _problems(fiscal_year, dates, *_limits(fiscal_year, area_office, school))
    if problems:
        raise ValidationError(problems)
    unit = {"area_office": area_office, "school": school}
    existing = {row.step: row for row in Deadline.objects.select_for_update().filter(fiscal_year=fiscal_year, **unit)}
    changed = []
    for step in Step.values:
        if step not in dates or (existing[step].due_on if step in existing else None) == dates[step]:
            continue
        _apply(actor, fiscal_year, unit, step, existing.get(step), dates[step])
        changed.append(step)
    return changed


def _apply(
    actor: User,
    fiscal_year: FiscalYear,
    unit: dict[str, AreaOffice | School | None],
    step: str,
    row: Deadline | None,
    due_on: date | None,
) -> None:
    previous = row.due_on.isoformat() if row is not None else None
    if due_on is None:
        assert row is not None  # only a stored date can be cleared
        audit_record(actor, "deadline.cleared", row, step=step, fiscal_year=fiscal_year.year, previous=previous)
        row.delete()
        return
    if row is None:
        row = Deadline.objects.create(fiscal_year=fiscal_year, step=step, due_on=due_on, updated_by=actor, **unit)
    else:
        row.due_on, row.updated_by = due_on, actor
        row.save(update_fields=["due_on", "updated_by", "updated_at"])
    audit_record(
        actor,
        "deadline.set",
        row,
        step=step,
        fiscal_year=fiscal_year.year,
        due_on=due_on.isoformat(),
        previous=previous,
    )
