"""Thai (translatable) words for the plain-Python content problems, with a link to the field."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from agreements.content import Problem
from rulebook import Edition

STEP_OF_SECTION = {"classroom": 1, "workload": 2, "challenge": 4}


def step_of(section: str) -> int:
    """The form step that holds a section (every indicator is on step 3)."""
    return STEP_OF_SECTION.get(section, 3)


def anchor_of(section: str) -> str:
    """The HTML id of a section on its step page, which problem links and save responses point at."""
    return "section-" + section.replace(":", "-").replace(".", "-")


def section_label(section: str, edition: Edition) -> str:
    if section == "classroom":
        return _("ประเภทห้องเรียน")
    if section == "workload":
        return _("ภาระงาน")
    if section == "challenge":
        return _("ส่วนที่ 2 ประเด็นท้าทาย")
    code = section.removeprefix("indicator:")
    return _("ตัวชี้วัด %(code)s %(name)s") % {"code": code, "name": edition.indicator(code).name}


FIELD_LABELS = {
    "types": gettext_noop("ประเภทห้องเรียน"),
    "tasks": gettext_noop("งาน"),
    "outcomes": gettext_noop("ผลลัพธ์"),
    "change_indicators": gettext_noop("ตัวชี้วัด"),
    "title": gettext_noop("ชื่อประเด็นท้าทาย"),
    "problem": gettext_noop("สภาพปัญหาของผู้เรียนและการจัดการเรียนรู้"),
    "method": gettext_noop("วิธีการดำเนินการให้บรรลุผล"),
    "quantitative": gettext_noop("ผลลัพธ์การพัฒนาที่คาดหวังเชิงปริมาณ"),
    "qualitative": gettext_noop("ผลลัพธ์การพัฒนาที่คาดหวังเชิงคุณภาพ"),
    "name": gettext_noop("ชื่องาน/รายวิชา"),
    "hours": gettext_noop("จำนวนชั่วโมง"),
    "category": gettext_noop("ประเภทภาระงาน"),
    "code": gettext_noop("รหัสวิชา"),
}


def field_label(field: str) -> str:
    parts = field.split(".")
    label = _(FIELD_LABELS.get(parts[-1], parts[-1]))
    if parts[0] == "semesters" and len(parts) == 3:
        return _("%(field)s (ภาคเรียนที่ %(semester)s)") % {"field": label, "semester": parts[1]}
    if parts[0] == "items" and len(parts) == 3 and parts[1].isdigit():
        return _("%(field)s (รายการที่ %(number)s)") % {"field": label, "number": int(parts[1]) + 1}
    return label


def problem_message(problem: Problem) -> str:
    params = dict(problem.params)
    match problem.code:
        case "required":
            return _("กรุณากรอก")
        case "too_long":
            return _("ยาวเกิน %(limit)s ตัวอักษร (ตอนนี้ %(length)s)") % params
        case "hours_not_number":
            return _("จำนวนชั่วโมงต้องเป็นตัวเลขตั้งแต่ 0 ขึ้นไป")
        case "hours_too_many":
            return _("จำนวนชั่วโมงต่อสัปดาห์มากเกิน %(limit)s") % params
        case "too_many":
            return _("รายการมากเกิน %(limit)s รายการ") % params
        case "category_required":
            return _("ยังไม่มีชั่วโมงใน “%(category)s”") % params
        case "unknown_choice":
            return _("ตัวเลือกไม่ถูกต้อง")
        case _:
            return _("ข้อมูลไม่ถูกต้อง")


@dataclass(frozen=True)
class ProblemLine:
    section: str
    step: int
    anchor: str
    text: str


def problem_lines(problems: list[Problem], edition: Edition) -> list[ProblemLine]:
    """Each problem as one Thai line naming the section and field, with the step and anchor to fix it."""
    lines = []
    for problem in problems:
        where = section_label(problem.section, edition)
        field = (
            f" · {field_label(problem.field)}" if problem.field and not problem.field.startswith("category.") else ""
        )
        lines.append(
            ProblemLine(
                section=problem.section,
                step=step_of(problem.section),
                anchor=anchor_of(problem.section),
                text=f"{where}{field}: {problem_message(problem)}",
            )
        )
    return lines
