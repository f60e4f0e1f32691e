"""What a person must do next, and by when: the "สิ่งที่ต้องทำต่อไป" card on every home page.

One list for all of a person's roles (a director is often a committee chair too), from a fixed number of
queries whatever the number of schools, agreements or sheets: the fiscal year, the own agreement, the
managed schools' progress, the own sheets, the schools' dates, and the area's overdue schools.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.models import Agreement
from org.models import Person, School
from org.scope import Scope, scope_of
from reminders.calendar import Dates, deadlines_for_schools
from reminders.models import Step
from reminders.queries import Progress, overdue_in, pending_sheets, school_progress
from rounds.models import FiscalYear
from rounds.queries import current_fiscal_year


@dataclass(frozen=True)
class NextStep:
    step: str
    text: str
    url: str
    due_on: date | None
    overdue: bool

    @property
    def sort_key(self) -> tuple[bool, date]:
        return (not self.overdue, self.due_on or date.max)


def _item(step: str, text: str, url: str, due_on: date | None, today: date) -> NextStep:
    return NextStep(step, text, url, due_on, due_on is not None and due_on < today)


def reminder_window() -> int:
    """How many days ahead a date counts as coming up (the earliest reminder)."""
    return max(days_before(), default=0)


def days_before() -> tuple[int, ...]:
    """REMINDER_DAYS_BEFORE (the settings read it from the environment as whole numbers), largest first."""
    return tuple(sorted(set(settings.REMINDER_DAYS_BEFORE), reverse=True))


@dataclass
class _Work:
    """What the roles found, before the schools' dates (one query for all of them) are known."""

    teacher: tuple[int, dict[str, Any]] | None = None  # school id, own agreement
    managed: dict[int, Progress] | None = None
    sheets: dict[tuple[int, int], int] | None = None


def next_steps_for(user: Any, today: date) -> list[NextStep]:
    """Everything the user should do next in the current fiscal year, overdue first, then by date."""
    scope = scope_of(user)
    if scope.user_id is None:
        return []
    fiscal_year = current_fiscal_year(today)
    if fiscal_year is None:
        return []
    work = _Work(
        teacher=_own_agreement(scope, fiscal_year),
        managed=school_progress(fiscal_year, scope.managed_school_ids) if scope.managed_school_ids else None,
        sheets=pending_sheets(fiscal_year, person_id=scope.person_id) if scope.person_id else None,
    )
    school_ids = set(scope.managed_school_ids) | {school_id for _user, school_id in (work.sheets or {})}
    if work.teacher:
        school_ids.add(work.teacher[0])
    places = (
        {
            pk: (area, name)
            for pk, area, name in School.objects.filter(pk__in=school_ids).values_list("pk", "area_office_id", "name")
        }
        if school_ids
        else {}
    )
    dates = deadlines_for_schools({pk: area for pk, (area, _name) in places.items()}, fiscal_year) if places else {}
    items = [
        *_teacher_items(work, dates, fiscal_year, today),
        *_managed_items(scope, work, dates, places, today),
        *_member_items(work, dates, places, today),
        *_area_items(scope, fiscal_year, today),
    ]
    return sorted(items, key=lambda item: item.sort_key)


def _own_agreement(scope: Scope, fiscal_year: FiscalYear) -> tuple[int, dict[str, Any]] | None:
    """The teacher's school and this year's agreement (pk, state), if they make a PA. One query."""
    if not scope.teacher_school_ids or scope.person_id is None:
        return None
    mine = Agreement.objects.filter(teacher=OuterRef("pk"), fiscal_year=fiscal_year)
    row = (
        Person.objects.filter(pk=scope.person_id)
        .annotate(agreement_pk=Subquery(mine.values("pk")[:1]), agreement_state=Subquery(mine.values("state")[:1]))
        .values("standing", "agreement_pk", "agreement_state")
        .first()
    )
    standing = fiscal_year.edition.standing(row["standing"]) if row and row["standing"] else None
    if row is None or standing is None or not standing.makes_pa:
        return None
    return min(scope.teacher_school_ids), dict(row)


def _teacher_items(work: _Work, dates: dict[int, Dates], fiscal_year: FiscalYear, today: date) -> list[NextStep]:
    if work.teacher is None:
        return []
    school_id, row = work.teacher
    own = dates.get(school_id, {})
    submission, approval = own.get(Step.AGREEMENT_SUBMISSION), own.get(Step.DIRECTOR_APPROVAL)
    pk, state = row["agreement_pk"], row["agreement_state"]
    url = reverse("agreement_step", args=[pk, 1]) if pk else reverse("teacher_home")
    step = Step.AGREEMENT_SUBMISSION
    if state in (None, Agreement.State.DRAFT):
        text = _("เขียนข้อตกลงในการพัฒนางาน (PA 1) ปีงบประมาณ พ.ศ. %(year)s แล้วส่งให้ผู้อำนวยการพิจารณา")
        return [_item(step, text % {"year": fiscal_year.year}, url, submission, today)]
    if state == Agreement.State.RETURNED:
        # Sent back after the submission date: what is left is the director's approval date.
        due = approval if submission and approval and submission < today <= approval else submission
        return [_item(step, _("แก้ไขข้อตกลงที่ผู้อำนวยการส่งกลับตามข้อเสนอแนะ แล้วส่งอีกครั้ง"), url, due, today)]
    if state == Agreement.State.AMENDING:
        text = _("ส่งข้อตกลงที่ขอแก้ไขให้ผู้อำนวยการพิจารณาอีกครั้ง")
        return [_item(Step.DIRECTOR_APPROVAL, text, url, approval, today)]
    return []


def _managed_items(
    scope: Scope, work: _Work, dates: dict[int, Dates], places: dict[int, tuple[int, str]], today: date
) -> list[NextStep]:
    items: list[NextStep] = []
    for school_id, progress in sorted((work.managed or {}).items()):
        own = dates.get(school_id, {})
        suffix = f" · {places[school_id][1]}" if len(work.managed or {}) > 1 and school_id in places else ""
        agreements = reverse("school_agreements", args=[school_id])
        committees = reverse("school_committees", args=[school_id])
        wanted: list[tuple[str, int, str, str]] = [
            (Step.AGREEMENT_SUBMISSION, progress.unsubmitted, _("ครู %(n)s คนยังไม่ได้ส่งข้อตกลง"), agreements),
        ]
        if school_id in scope.directed_school_ids:
            wanted += [
                (
                    Step.DIRECTOR_APPROVAL,
                    progress.awaiting_review,
                    _("พิจารณาข้อตกลงที่ครูส่งมา %(n)s ฉบับ"),
                    agreements + "?state=submitted",
                ),
                (
                    Step.COMMITTEE_APPOINTMENT,
                    progress.without_committee,
                    _("แต่งตั้งคณะกรรมการประเมินให้ครูที่ข้อตกลงเห็นชอบแล้ว %(n)s คน"),
                    committees,
                ),
                (
                    Step.PUBLISHING,
                    progress.scored_unpublished,
                    _("ประกาศผลการประเมินที่กรรมการส่งครบแล้ว %(n)s คน"),
                    committees,
                ),
            ]
        for step, count, text, url in wanted:
            if count:
                items.append(_item(step, text % {"n": count} + suffix, url, own.get(step), today))
        dpa = own.get(Step.DPA_ENTRY)
        if (
            school_id in scope.directed_school_ids
            and progress.published
            and dpa
            and 0 <= (dpa - today).days <= reminder_window()
        ):
            text = _("บันทึกผลการประเมินและไฟล์ PA 3 เข้าระบบ DPA")
            items.append(_item(Step.DPA_ENTRY, text + suffix, committees, dpa, today))
    return items


def _member_items(
    work: _Work, dates: dict[int, Dates], places: dict[int, tuple[int, str]], today: date
) -> list[NextStep]:
    items = []
    for (_user_id, school_id), count in sorted((work.sheets or {}).items(), key=lambda entry: entry[0][1]):
        name = places[school_id][1] if school_id in places else ""
        text = _("ส่งแบบประเมิน (PA 2) ของครู %(n)s คน · %(school)s") % {"n": count, "school": name}
        items.append(
            _item(Step.SCORING, text, reverse("evaluator_home"), dates.get(school_id, {}).get(Step.SCORING), today)
        )
    return items


def _area_items(scope: Scope, fiscal_year: FiscalYear, today: date) -> list[NextStep]:
    """Per area office and step: how many of its schools are past the date with work undone."""
    if not scope.area_office_ids:
        return []
    rows = School.objects.filter(area_office_id__in=scope.area_office_ids).values_list("pk", "area_office_id")
    places = dict(rows)
    late, dates = overdue_in(places, fiscal_year, today)
    labels = dict(Step.choices)
    counted: dict[tuple[int, str], list[date]] = {}
    for school_id, steps in late.items():
        for step in steps:
            counted.setdefault((places[school_id], step), []).append(dates[school_id][step])
    items = []
    for (area_office_id, step), due in sorted(counted.items(), key=lambda entry: Step.values.index(entry[0][1])):
        text = _("%(n)s โรงเรียนเลยกำหนด: %(step)s") % {"n": len(due), "step": labels[step]}
        items.append(_item(step, text, reverse("area_dashboard", args=[area_office_id]), min(due), today))
    return items
