"""A school's dashboard: each teacher's step for the fiscal year and what the director must do next.

Read live from the real tables (a school has at most a few hundred teachers), in four queries whatever
the number of teachers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.models import Agreement
from committees.models import Evaluation, ScoreSheet
from dashboards.tables import Table
from org.models import Membership, Person, Role, School
from rounds.models import FiscalYear
from thaitext import thai_sorted

STATE_ORDER = ("none", "draft", "returned", "submitted", "approved", "committee", "scored", "published")


@dataclass(frozen=True)
class TeacherRow:
    person: Person
    state: str
    label: str
    sheets: int  # submitted sheets, 0–3, once a committee is assigned
    passed: bool | None
    action: str  # what the director should do next for this teacher, if anything
    action_url: str


def _labels() -> dict[str, str]:
    return {
        "none": _("ยังไม่มีข้อตกลง"),
        "draft": _("ฉบับร่าง"),
        "submitted": _("ส่งแล้ว รอพิจารณา"),
        "returned": _("ส่งกลับแก้ไข"),
        "approved": _("เห็นชอบแล้ว"),
        "committee": _("มีคณะกรรมการแล้ว"),
        "scored": _("ประเมินครบ รอประกาศผล"),
        "published": _("ประกาศผลแล้ว"),
    }


def _state(agreement: Agreement | None, evaluation: Evaluation | None) -> str:
    if agreement is None:
        return "none"
    if evaluation is not None:
        if evaluation.published_at is not None:
            return "published"
        return "scored" if evaluation.result_computed_at is not None else "committee"
    if agreement.state in (Agreement.State.APPROVED, Agreement.State.AMENDING):
        return "approved"
    return str(agreement.state)


def _action(state: str, school: School, agreement: Agreement | None, evaluation: Evaluation | None) -> tuple[str, str]:
    if state == "submitted" and agreement is not None:
        return _("พิจารณาข้อตกลง"), reverse("agreement_review", args=[agreement.pk])
    if state == "approved":
        return _("แต่งตั้งคณะกรรมการ"), reverse("school_committees", args=[school.pk])
    if state == "scored" and evaluation is not None:
        return _("ตรวจผลและประกาศผล"), reverse("evaluation_result", args=[evaluation.pk])
    return "", ""


def teacher_rows(school: School, fiscal_year: FiscalYear) -> list[TeacherRow]:
    pa_standings = [standing.code for standing in fiscal_year.edition.pa_standings]
    people = [
        membership.user.person
        for membership in Membership.objects.active()
        .filter(role=Role.TEACHER, school=school, user__person__standing__in=pa_standings)
        .select_related("user__person")
    ]
    agreements = {
        agreement.teacher_id: agreement
        for agreement in Agreement.objects.filter(school=school, fiscal_year=fiscal_year, teacher__in=people)
    }
    evaluations = {
        evaluation.agreement_id: evaluation
        for evaluation in Evaluation.objects.filter(agreement__in=agreements.values()).annotate(
            submitted=Count("sheets", filter=Q(sheets__state=ScoreSheet.State.SUBMITTED))
        )
    }
    labels = _labels()
    rows = []
    for person in thai_sorted(people, key=lambda p: f"{p.first_name} {p.last_name}"):
        agreement = agreements.get(person.pk)
        evaluation = evaluations.get(agreement.pk) if agreement else None
        state = _state(agreement, evaluation)
        action, url = _action(state, school, agreement, evaluation)
        rows.append(
            TeacherRow(
                person=person,
                state=state,
                label=labels[state],
                sheets=getattr(evaluation, "submitted", 0) if evaluation else 0,
                passed=evaluation.result_passed if evaluation else None,
                action=action,
                action_url=url,
            )
        )
    return rows


def teacher_table(rows: list[TeacherRow], *, with_results: bool) -> Table:
    """The page's teacher list as a table to export; each teacher's pass or fail only `with_results` (the school's
    director, who reviews and publishes them: others above the teacher see results only as counts)."""
    headings = (_("ชื่อ–นามสกุล"), _("ขั้นตอน"), _("กรรมการส่งผลแล้ว"))
    return Table(
        name="teachers",
        title=_("ความก้าวหน้าของครูแต่ละคน"),
        headings=(*headings, _("ผลการประเมิน")) if with_results else headings,
        rows=tuple(
            (
                row.person.full_name,
                row.label,
                row.sheets if row.state in ("committee", "scored", "published") else None,
                *((_result(row.passed),) if with_results else ()),
            )
            for row in rows
        ),
    )


def _result(passed: bool | None) -> str:
    return "" if passed is None else (_("ผ่านเกณฑ์") if passed else _("ไม่ผ่านเกณฑ์"))


def state_counts(rows: list[TeacherRow]) -> list[tuple[str, str, int]]:
    labels = _labels()
    return [(state, labels[state], sum(1 for row in rows if row.state == state)) for state in STATE_ORDER]
