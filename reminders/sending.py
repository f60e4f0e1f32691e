"""The daily reminder run: who should hear today that a step's date is coming or has passed.

For each school (in batches, a fixed number of queries per batch) and each step with a date: a reminder is
due when the date is at most N days away for one of REMINDER_DAYS_BEFORE (the nearest N reached: a day the
run was missed is caught up the next, once), or when it passed at most REMINDER_OVERDUE_DAYS ago. It goes
to whoever has that step undone: teachers without a sent agreement, directors with agreements to review,
teachers without a committee or results to publish, members with sheets to submit; DPA entry (done outside
the system) is only announced. Each reminder's key names the step, year, N, school and date, so a second
run, or a run after a crash half-way, sends nothing twice; a date moved later earns new reminders.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import batched

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.models import Kind
from notifications.services import Message, notify_each
from org.models import School
from reminders.calendar import deadlines_for_schools
from reminders.models import Step
from reminders.next_steps import days_before
from reminders.queries import Progress, directors_of, pending_sheets, pending_teachers, school_progress
from rounds.models import FiscalYear
from rounds.queries import current_fiscal_year
from thaitext import be_date

BATCH = 400  # schools per round of queries
PASSED = "passed"
DIRECTOR_STEPS = (Step.DIRECTOR_APPROVAL, Step.COMMITTEE_APPOINTMENT, Step.PUBLISHING, Step.DPA_ENTRY)


@dataclass(frozen=True)
class Due:
    school_id: int
    school: str
    step: str
    due_on: date
    marker: str  # the N of "N days before" reached, or PASSED

    def key(self, fiscal_year: FiscalYear) -> str:
        return (
            f"deadline:{self.step}:{fiscal_year.year}:{self.marker}:school-{self.school_id}:{self.due_on.isoformat()}"
        )


def marker(due_on: date, today: date, thresholds: Iterable[int]) -> str | None:
    """Which reminder a date earns today: the smallest N with the date at most N days away, or PASSED."""
    left = (due_on - today).days
    if left < 0:
        return PASSED if -left <= settings.REMINDER_OVERDUE_DAYS else None
    reached = [days for days in thresholds if left <= days]
    return str(min(reached)) if reached else None


def reminders_send(today: date) -> int:
    """Send today's reminders for the current fiscal year; returns how many notifications were new."""
    fiscal_year = current_fiscal_year(today)
    if fiscal_year is None:
        return 0
    # Read whole (a national list is some 30,000 short rows) so no cursor stays open across the commits below.
    schools = list(School.objects.order_by("pk").values_list("pk", "area_office_id", "name"))
    created = 0
    for batch in batched(schools, BATCH):
        created += _send_batch(fiscal_year, today, batch)
    return created


def _dues(fiscal_year: FiscalYear, today: date, batch: tuple[tuple[int, int, str], ...]) -> list[Due]:
    names = {pk: name for pk, _area, name in batch}
    dates = deadlines_for_schools({pk: area for pk, area, _name in batch}, fiscal_year)
    thresholds = days_before()
    found = []
    for school_id, steps in dates.items():
        for step, due_on in steps.items():
            reached = marker(due_on, today, thresholds)
            if reached and not (step == Step.DPA_ENTRY and reached == PASSED):
                found.append(Due(school_id, names[school_id], step, due_on, reached))
    return found


def _send_batch(fiscal_year: FiscalYear, today: date, batch: tuple[tuple[int, int, str], ...]) -> int:
    dues = _dues(fiscal_year, today, batch)
    if not dues:
        return 0

    def schools(*steps: str) -> set[int]:
        return {due.school_id for due in dues if due.step in steps}

    progress = school_progress(fiscal_year, schools(*DIRECTOR_STEPS)) if schools(*DIRECTOR_STEPS) else {}
    directors = directors_of(schools(*DIRECTOR_STEPS)) if schools(*DIRECTOR_STEPS) else {}
    teachers = (
        pending_teachers(fiscal_year, schools(Step.AGREEMENT_SUBMISSION)) if schools(Step.AGREEMENT_SUBMISSION) else {}
    )
    sheets = _members_by_count(
        pending_sheets(fiscal_year, school_ids=schools(Step.SCORING)) if schools(Step.SCORING) else {}
    )
    messages: list[Message] = []
    with translation.override("th"):
        for due in dues:
            for recipients, count in _recipients(due, progress, directors, teachers, sheets):
                messages += _messages(fiscal_year, today, due, recipients, count)
    # One transaction per batch: a run that dies keeps the batches it finished, and is resumed by key.
    return len(notify_each(messages))


def _members_by_count(sheets: dict[tuple[int, int], int]) -> dict[int, dict[int, list[int]]]:
    """School id → sheets left → the members with that many left (one reminder text per count)."""
    grouped: dict[int, dict[int, list[int]]] = {}
    for (user_id, school_id), count in sorted(sheets.items()):
        grouped.setdefault(school_id, {}).setdefault(count, []).append(user_id)
    return grouped


def _recipients(
    due: Due,
    progress: dict[int, Progress],
    directors: dict[int, list[int]],
    teachers: dict[int, list[int]],
    sheets: dict[int, dict[int, list[int]]],
) -> Iterator[tuple[list[int], int]]:
    """(user ids, how much they have undone) for one due reminder; members are grouped by their count."""
    if due.step == Step.AGREEMENT_SUBMISSION:
        if teachers.get(due.school_id):
            yield teachers[due.school_id], 1
    elif due.step == Step.SCORING:
        yield from ((users, count) for count, users in sorted(sheets.get(due.school_id, {}).items()))
    else:
        school = progress.get(due.school_id, Progress())
        count = school.agreements if due.step == Step.DPA_ENTRY else school.pending(due.step)
        if count and directors.get(due.school_id):
            yield directors[due.school_id], count


def _messages(fiscal_year: FiscalYear, today: date, due: Due, recipients: list[int], count: int) -> list[Message]:
    passed = due.marker == PASSED
    left = (due.due_on - today).days
    when = (
        _("กำหนด %(date)s ผ่านไปแล้ว") % {"date": be_date(due.due_on)}
        if passed
        else _("ภายใน %(date)s (อีก %(days)s วัน)") % {"date": be_date(due.due_on), "days": left}
        if left
        else _("ภายในวันนี้ %(date)s") % {"date": be_date(due.due_on)}
    )
    label = dict(Step.choices)[due.step]
    title = (_("เลยกำหนด: %(step)s") if passed else _("ใกล้ถึงกำหนด: %(step)s")) % {"step": label}
    text, url = _what(fiscal_year, due, count)
    kind = Kind.DEADLINE_PASSED if passed else Kind.DEADLINE_APPROACHING
    return [Message(user_id, kind, due.key(fiscal_year), title, f"{text} {when}", url) for user_id in recipients]


def _what(fiscal_year: FiscalYear, due: Due, count: int) -> tuple[str, str]:
    """The reminder's sentence and where to act on it."""
    values = {"n": count, "school": due.school, "year": fiscal_year.year}
    match due.step:
        case Step.AGREEMENT_SUBMISSION:
            text = _("ท่านยังไม่ได้ส่งข้อตกลงในการพัฒนางาน (PA 1) ปีงบประมาณ พ.ศ. %(year)s ให้ผู้อำนวยการพิจารณา")
            url = reverse("teacher_home")
        case Step.DIRECTOR_APPROVAL:
            text = _("มีข้อตกลงของครูรอการพิจารณา %(n)s ฉบับ (%(school)s)")
            url = reverse("school_agreements", args=[due.school_id]) + "?state=submitted"
        case Step.COMMITTEE_APPOINTMENT:
            text = _("ครู %(n)s คนที่ข้อตกลงเห็นชอบแล้วยังไม่มีคณะกรรมการประเมิน (%(school)s)")
            url = reverse("school_committees", args=[due.school_id])
        case Step.SCORING:
            text = _("ท่านยังไม่ได้ส่งแบบประเมิน (PA 2) ของครู %(n)s คน (%(school)s)")
            url = reverse("evaluator_home")
        case Step.PUBLISHING:
            text = _("ยังไม่ได้ประกาศผลการประเมินของครู %(n)s คน (%(school)s)")
            url = reverse("school_committees", args=[due.school_id])
        case _:
            text = _("บันทึกผลการประเมินและไฟล์ PA 3 ของ%(school)s เข้าระบบ DPA")
            url = reverse("school_committees", args=[due.school_id])
    return text % values, url
