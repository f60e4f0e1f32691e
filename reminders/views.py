"""Calendars (an area office's, a school's) and the next-steps card. Parse, fetch, call one service, respond."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from org.access import not_found
from org.http import AuthenticatedRequest
from reminders.access import area_calendar_for, school_calendar_for
from reminders.calendar import area_dates, deadlines_for, default_dates, own_dates
from reminders.forms import CalendarForm
from reminders.models import Step
from reminders.next_steps import next_steps_for
from reminders.rules import edits_area_calendar, edits_school_calendar
from reminders.services import calendar_save
from rounds.models import FiscalYear
from rulebook import fiscal_year_of
from thaitext import be_date


def _fiscal_year(year: int) -> FiscalYear:
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if fiscal_year is None:
        raise not_found()
    return fiscal_year


def _current_year() -> int:
    """This fiscal year if it is open, else the latest one that is."""
    today_year = fiscal_year_of(timezone.localdate())
    years = list(FiscalYear.objects.filter(year__lte=today_year).order_by("-year").values_list("year", flat=True)[:1])
    if not years:
        raise not_found()
    return years[0]


def _date(day: date) -> str:
    return be_date(day, language=get_language() or "th")


def _with_saved(hints: dict[str, str], own: dict[str, date]) -> dict[str, str]:
    """Each field's help: the limit it must respect, and the date saved in Buddhist-era form (a browser's date
    picker shows the Gregorian calendar)."""
    saved = {step: _("บันทึกไว้: %(date)s") % {"date": _date(due_on)} for step, due_on in own.items()}
    return {step: " · ".join(part for part in (saved.get(step), hints.get(step)) if part) for step in Step.values}


def _posted(request: AuthenticatedRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _refused(form: CalendarForm, error: ValidationError) -> None:
    for step, problems in error.message_dict.items():
        form.add_error(step if step in form.fields else None, problems)


@login_required
@require_GET
def area_calendar_current(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    area_calendar_for(request.user, pk)
    return redirect("area_calendar", pk=pk, year=_current_year())


@login_required
@require_GET
def school_calendar_current(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school_calendar_for(request.user, pk)
    return redirect("school_calendar", pk=pk, year=_current_year())


@login_required
@require_http_methods(["GET", "POST"])
def area_calendar(request: AuthenticatedRequest, pk: int, year: int) -> HttpResponse:
    """An area office's dates per step, which its schools inherit; its staff change them."""
    area_office = area_calendar_for(request.user, pk, need="edit" if request.method == "POST" else "view")
    fiscal_year = _fiscal_year(year)
    limits = default_dates(fiscal_year)
    own = own_dates(fiscal_year, area_office_id=area_office.pk)
    rule = {step: _("ตามหลักเกณฑ์: ไม่เกิน %(date)s") % {"date": _date(due_on)} for step, due_on in limits.items()}
    hints = _with_saved(rule, own)
    form = CalendarForm(_posted(request), fiscal_year=fiscal_year, own=own, limits=limits, hints=hints)
    if request.method == "POST" and form.is_valid():
        try:
            changed = calendar_save(
                actor=request.user, fiscal_year=fiscal_year, dates=form.dates(), area_office=area_office
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("บันทึกปฏิทินงานแล้ว (%(n)s ขั้นตอนที่เปลี่ยน)") % {"n": len(changed)})
            return redirect("area_calendar", pk=area_office.pk, year=fiscal_year.year)
    inherited = area_dates(area_office.pk, fiscal_year)
    rows = [
        {"step": step, "label": label, "field": form[step], "date": inherited.get(step), "default": limits.get(step)}
        for step, label in Step.choices
    ]
    context = {
        "area_office": area_office,
        "fiscal_year": fiscal_year,
        "form": form,
        "rows": rows,
        "can_edit": edits_area_calendar(request.user, area_office),
    }
    return render(request, "reminders/area_calendar.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def school_calendar(request: AuthenticatedRequest, pk: int, year: int) -> HttpResponse:
    """A school's dates: the area office's, and the earlier dates the school set for itself."""
    school = school_calendar_for(request.user, pk, need="edit" if request.method == "POST" else "view")
    fiscal_year = _fiscal_year(year)
    inherited = area_dates(school.area_office_id, fiscal_year)
    own = own_dates(fiscal_year, school_id=school.pk)
    area = {
        step: _("สำนักงานเขตพื้นที่กำหนด %(date)s: โรงเรียนกำหนดได้ไม่เกินวันนี้") % {"date": _date(due_on)}
        for step, due_on in inherited.items()
    }
    hints = _with_saved(area, own)
    form = CalendarForm(_posted(request), fiscal_year=fiscal_year, own=own, limits=inherited, hints=hints)
    if request.method == "POST" and form.is_valid():
        try:
            changed = calendar_save(actor=request.user, fiscal_year=fiscal_year, dates=form.dates(), school=school)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("บันทึกปฏิทินงานแล้ว (%(n)s ขั้นตอนที่เปลี่ยน)") % {"n": len(changed)})
            return redirect("school_calendar", pk=school.pk, year=fiscal_year.year)
    effective = deadlines_for(school, fiscal_year)
    rows = [
        {
            "step": step,
            "label": label,
            "field": form[step],
            "area": inherited.get(step),
            "own": own.get(step),
            "date": effective.get(step),
        }
        for step, label in Step.choices
    ]
    context = {
        "school": school,
        "fiscal_year": fiscal_year,
        "form": form,
        "rows": rows,
        "can_edit": edits_school_calendar(request.user, school),
    }
    return render(request, "reminders/school_calendar.html", context, status=422 if form.errors else 200)


@require_GET
def next_steps(request: AuthenticatedRequest) -> HttpResponse:
    """The signed-in user's next steps: a page, or (for htmx) the card or list a home page asked for."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204) if request.htmx else redirect_to_login(request.get_full_path())
    part = {"card": "#card", "list": "#list"}.get(request.GET.get("part", "")) if request.htmx else None
    items = next_steps_for(request.user, timezone.localdate())
    return render(request, "reminders/next_steps.html" + (part or ""), {"items": items})
