"""The demo's year in progress at the first demo school: agreements in every state, two committees, score
sheets at every step and published results — all made through the services, as users would make them.

Idempotent: a second run finds the committees and adds nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from agreements.content import CHALLENGE_FIELDS
from agreements.models import Agreement
from agreements.services import agreement_decide, agreement_start, agreement_submit, section_save
from committees.models import Committee, Evaluation
from committees.points import item_codes
from committees.services import (
    committee_create,
    evaluations_assign,
    results_publish,
    seat_appoint,
    seat_respond,
    sheet_open,
    sheet_save,
    sheet_submit,
)
from org.demo import SCHOOLS
from org.models import EvaluatorKind, Membership, Person, Role, School, User
from rounds.models import FiscalYear
from rounds.queries import current_fiscal_year

TASKS = "วิเคราะห์หลักสูตรและผู้เรียน ออกแบบกิจกรรมการเรียนรู้แบบลงมือปฏิบัติ และบันทึกผลหลังสอนทุกสัปดาห์"
OUTCOMES = "ผู้เรียนร้อยละ 80 มีผลการเรียนรู้ตามเกณฑ์ และมีส่วนร่วมในกิจกรรมมากขึ้น"
CHANGE = "คะแนนทดสอบหลังเรียนสูงกว่าก่อนเรียน และบันทึกการสังเกตพฤติกรรมผู้เรียนดีขึ้น"
CHALLENGE = {
    "title": "การพัฒนาทักษะการอ่านจับใจความของนักเรียนชั้นประถมศึกษาปีที่ 4 ด้วยกิจกรรมการอ่านแบบร่วมมือ",
    "problem": "นักเรียนร้อยละ 40 อ่านจับใจความไม่ได้ตามเกณฑ์ ผลการทดสอบการอ่านปีที่ผ่านมาต่ำกว่าค่าเฉลี่ยของเขตพื้นที่",
    "method": "1) ทดสอบก่อนเรียน 2) จัดกิจกรรมการอ่านแบบร่วมมือสัปดาห์ละ 2 ครั้ง 3) ทดสอบหลังเรียนและสะท้อนผล",
    "quantitative": "นักเรียนร้อยละ 75 มีคะแนนการอ่านจับใจความผ่านเกณฑ์ร้อยละ 70",
    "qualitative": "นักเรียนมีนิสัยรักการอ่าน กล้าแสดงความคิดเห็น และทำงานร่วมกับผู้อื่นได้",
}
# Per teacher (in roster order, PA-making teachers only): the agreement's state, then on committee 1
# how the three members score (None = not scored yet).
PLAN: list[tuple[str, str]] = [
    ("approved", "published"),
    ("approved", "published_mixed"),
    ("approved", "scored_disagreement"),
    ("approved", "partly"),
    ("approved", "assigned"),
    ("approved", "committee_2"),
    ("submitted", ""),
    ("draft", ""),
]


class DemoRound:
    def __init__(self, actor: Any = None) -> None:
        self.actor = actor
        self.summary = ""

    @transaction.atomic
    def build(self) -> str:
        """Build the year in progress; returns a one-line summary, empty when there was nothing to do."""
        school = School.objects.filter(code=SCHOOLS[0][0]).first()
        year = current_fiscal_year(timezone.localdate()) or FiscalYear.objects.order_by("-year").first()
        director = self._person(school, Role.DIRECTOR) if school else None
        if school is None or year is None or director is None or director.user is None:
            return ""
        if Committee.objects.filter(school=school, fiscal_year=year).exists():
            return ""
        teachers = [
            person
            for person in Person.objects.filter(
                user__memberships__school=school, user__memberships__role=Role.TEACHER
            ).order_by("pk")
            if person.standing and year.edition.standing(person.standing).makes_pa
        ]
        agreements = [
            self._agreement(teacher, year, director.user, state)
            for teacher, (state, _) in zip(teachers, PLAN, strict=False)
        ]
        supervisor = self._evaluator(EvaluatorKind.SUPERVISOR)
        colleague = self._evaluator(EvaluatorKind.OTHER_SCHOOL_TEACHER)
        lecturer = self._evaluator(EvaluatorKind.LECTURER)
        if not (supervisor and colleague and lecturer):
            return ""
        first = committee_create(actor=director.user, school=school, fiscal_year=year, name="คณะกรรมการประเมิน ชุดที่ 1")
        for number, member, qualification in ((2, supervisor, "supervisor"), (3, colleague, "other_school_teacher")):
            seat = seat_appoint(
                actor=director.user, committee=first, number=number, person=member, qualification=qualification
            )
            seat_respond(actor=self._user(member), seat=seat, accept=True)
        second = committee_create(actor=director.user, school=school, fiscal_year=year, name="คณะกรรมการประเมิน ชุดที่ 2")
        seat_appoint(actor=director.user, committee=second, number=2, person=lecturer, qualification="lecturer")
        members = [director, supervisor, colleague]
        for agreement, (_, step) in zip(agreements, PLAN, strict=False):
            if step == "committee_2":
                evaluations_assign(actor=director.user, committee=second, agreements=[agreement])
            elif step:
                (evaluation,) = evaluations_assign(actor=director.user, committee=first, agreements=[agreement])
                self._score(Evaluation.objects.get(pk=evaluation.pk), members, step)
        published = list(
            Evaluation.objects.filter(committee=first, result_computed_at__isnull=False).exclude(
                agreement=agreements[2]  # scored with a disagreement: left for the committee to talk over
            )
        )
        results_publish(actor=self._user(director), evaluations=published)
        self.summary = f"{school.name}: ข้อตกลง {len(agreements)} ฉบับ, คณะกรรมการ 2 ชุด, ประกาศผลแล้ว {len(published)} คน"
        return self.summary

    def _person(self, school: School, role: str) -> Person | None:
        membership = Membership.objects.filter(school=school, role=role, is_active=True).order_by("pk").first()
        return Person.objects.filter(user_id=membership.user_id).first() if membership else None

    def _evaluator(self, kind: str) -> Person | None:
        return (
            Person.objects.filter(
                user__memberships__role=Role.EXTERNAL_EVALUATOR, user__memberships__evaluator_kind=kind
            )
            .order_by("pk")
            .first()
        )

    def _user(self, person: Person) -> User:
        return User.objects.get(person=person)  # fresh each time: its scope is read anew

    def _agreement(self, teacher: Person, year: FiscalYear, director: User, state: str) -> Agreement:
        user = self._user(teacher)
        agreement = agreement_start(actor=user, teacher=teacher, fiscal_year=year)
        sections: dict[str, dict[str, Any]] = {
            "classroom": {"types": ["general"]},
            "workload": {
                "items": [
                    {"category": "teaching", "code": "ท14101", "name": "ภาษาไทย ป.4", "hours": "16"},
                    {"category": "learning_support", "code": "", "name": "งานวัดผลและประเมินผล", "hours": "3"},
                    {"category": "quality_development", "code": "", "name": "งานประกันคุณภาพการศึกษา", "hours": "2"},
                    {"category": "policy_response", "code": "", "name": "โครงการโรงเรียนปลอดขยะ", "hours": "1"},
                ]
            },
            "challenge": {field: CHALLENGE[field] for field in CHALLENGE_FIELDS},
        }
        for indicator in year.edition.indicators:
            sections[f"indicator:{indicator.code}"] = {
                "tasks": TASKS,
                "outcomes": OUTCOMES,
                "change_indicators": CHANGE,
                "by_semester": False,
                "semesters": {},
            }
        for key, body in sections.items():
            section_save(actor=user, agreement=agreement, key=key, body=body, base_revision=0)
        if state != "draft":
            agreement_submit(actor=user, agreement=agreement, requested_at=timezone.now())
        if state == "approved":
            agreement_decide(director=director, agreement=agreement, approve=True, comment="เห็นชอบ ขอให้ดำเนินการตามแผน")
        return Agreement.objects.get(pk=agreement.pk)

    def _score(self, evaluation: Evaluation, members: list[Person], step: str) -> None:
        edition = evaluation.agreement.fiscal_year.edition
        codes = item_codes(edition)
        table: dict[str, list[dict[str, int] | None]] = {
            "published": [dict.fromkeys(codes, 3)] * 3,
            "published_mixed": [
                {**dict.fromkeys(codes, 3), "1.1": 4, "method": 4},
                dict.fromkeys(codes, 3),
                {**dict.fromkeys(codes, 3), "3.2": 2},
            ],
            "scored_disagreement": [
                dict.fromkeys(codes, 3),
                {**dict.fromkeys(codes, 3), "1.1": 1, "2.2": 1},
                dict.fromkeys(codes, 4),
            ],
            "partly": [{code: 3 for code in codes[:8]}, dict.fromkeys(codes, 3), None],
            "assigned": [None, None, None],
        }
        plans = table[step]
        for member, levels in zip(members, plans, strict=True):
            if levels is None:
                continue
            user = self._user(member)
            sheet = sheet_open(actor=user, evaluation=evaluation)
            for code, level in levels.items():
                sheet = sheet_save(actor=user, sheet=sheet, code=code, level=level)
            sheet = sheet_save(actor=user, sheet=sheet, code="overall", comment="จัดการเรียนรู้ได้ตามแผน มีหลักฐานชัดเจน")
            if len(levels) == len(codes):
                sheet_submit(actor=user, sheet=sheet)
            evaluation.refresh_from_db()
