"""A realistic demo province — พิษณุโลก — built through the same services as real data.

Deterministic (a fixed random seed) and idempotent: running it again finds what exists and adds nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from org import national_id
from org.models import AreaOffice, EvaluatorKind, LearningArea, Person, Position, Province, Role, School, User
from org.services import membership_grant, national_id_digest, person_register
from rounds.services import fiscal_year_open

DEMO_PASSWORD = "pa-demo-2569"  # noqa: S105 — printed for demo logins on purpose
FISCAL_YEARS = (2569, 2570)

AREA_OFFICES = [
    ("6501", AreaOffice.Kind.PRIMARY, "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพิษณุโลก เขต 1", "สพป.พิษณุโลก เขต 1"),
    ("6502", AreaOffice.Kind.PRIMARY, "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพิษณุโลก เขต 2", "สพป.พิษณุโลก เขต 2"),
    ("6503", AreaOffice.Kind.PRIMARY, "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพิษณุโลก เขต 3", "สพป.พิษณุโลก เขต 3"),
    ("6539", AreaOffice.Kind.SECONDARY, "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาพิษณุโลก อุตรดิตถ์", "สพม.พิษณุโลก อุตรดิตถ์"),
]

SCHOOLS = [
    ("1065010001", "6501", "โรงเรียนอนุบาลพิษณุโลก", "เมืองพิษณุโลก"),
    ("1065010002", "6501", "โรงเรียนวัดจันทร์ตะวันออก", "เมืองพิษณุโลก"),
    ("1065010003", "6501", "โรงเรียนบ้านวังส้มซ่า", "เมืองพิษณุโลก"),
    ("1065020001", "6502", "โรงเรียนอนุบาลวัดโบสถ์", "วัดโบสถ์"),
    ("1065020002", "6502", "โรงเรียนบ้านแยง", "นครไทย"),
    ("1065030001", "6503", "โรงเรียนอนุบาลบางระกำ", "บางระกำ"),
    ("1065030002", "6503", "โรงเรียนบ้านหนองกุลา", "บางระกำ"),
    ("1000650001", "6539", "โรงเรียนพิษณุโลกพิทยาคม", "เมืองพิษณุโลก"),
    ("1000650002", "6539", "โรงเรียนเฉลิมขวัญสตรี", "เมืองพิษณุโลก"),
    ("1000650003", "6539", "โรงเรียนพรหมพิรามวิทยา", "พรหมพิราม"),
]

FIRST_NAMES_F = ["สุดารัตน์", "กาญจนา", "วิไลวรรณ", "พรทิพย์", "อรุณี", "นงลักษณ์", "จันทร์เพ็ญ", "ศิริพร", "รัชนี", "ปราณี"]
FIRST_NAMES_M = ["สมชาย", "ประเสริฐ", "วิทยา", "ธนากร", "สุรชัย", "อำนาจ", "ชัยวัฒน์", "ณัฐพล", "กิตติศักดิ์", "ธีรวัฒน์"]
LAST_NAMES = [
    "ใจดี",
    "ศรีสุข",
    "บุญมา",
    "แก้วมณี",
    "ทองคำ",
    "สุขสำราญ",
    "จันทร์หอม",
    "วงศ์ใหญ่",
    "พรหมมา",
    "อินทร์แก้ว",
    "คำแสง",
    "นาคสุข",
    "ธรรมรักษ์",
    "เพชรรัตน์",
    "ศักดิ์ดี",
    "มั่นคง",
    "รุ่งเรือง",
    "สายทอง",
    "ผาสุข",
    "ชำนาญกิจ",
]
# Roughly the shape of a real staff room: most teachers ชำนาญการ or ชำนาญการพิเศษ, a few new ones.
STANDING_WEIGHTS = {
    "assistant": 8,
    "teacher": 18,
    "professional": 32,
    "senior_professional": 34,
    "expert": 6,
    "senior_expert": 2,
}
SALARY_GRADES = {
    "assistant": "ครูผู้ช่วย",
    "teacher": "คศ.1",
    "professional": "คศ.2",
    "senior_professional": "คศ.3",
    "expert": "คศ.4",
    "senior_expert": "คศ.5",
}


@dataclass
class DemoLogin:
    role: str
    name: str
    login: str
    scope: str


class DemoBuilder:
    def __init__(self, actor: Any = None, teachers_per_school: int = 9) -> None:
        self.random = random.Random(2569)  # noqa: S311 — demo data, not secrets
        self.actor = actor
        self.teachers_per_school = teachers_per_school
        self.logins: list[DemoLogin] = []
        self.created = 0

    def national_id(self) -> str:
        first = str(self.random.choice([1, 3])) + "".join(str(self.random.randint(0, 9)) for _ in range(11))
        return first + str(national_id.check_digit(first))

    def person(
        self, *, school: School | None, role: str, position: str, standing: str = "", **extra: Any
    ) -> tuple[Person, str]:
        """Create a person (or find the one this seed made before) and return them with their login."""
        number = self.national_id()
        female = self.random.random() < 0.6
        prefix = extra.pop("prefix", "นางสาว" if female and self.random.random() < 0.4 else "นาง" if female else "นาย")
        first = self.random.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        last = self.random.choice(LAST_NAMES)
        fields = {
            "prefix": prefix,
            "first_name": first,
            "last_name": last,
            "position": position,
            "standing": standing,
            "salary_grade": SALARY_GRADES.get(standing, ""),
            "salary": Decimal(self.random.randrange(18000, 70000, 10)) if standing else None,
            "learning_area": extra.pop("learning_area", ""),
            **extra,
        }
        existing = Person.objects.filter(national_id_digest=national_id_digest(number)).first()
        if existing is not None:
            return existing, number
        account = person_register(
            actor=self.actor,
            national_id_value=number,
            fields=fields,
            school=school,
            role=role,
            password=DEMO_PASSWORD,
        )
        self.created += 1
        return account.person, number

    def grant(self, person: Person, role: str, **scope: Any) -> None:
        assert person.user is not None, "demo people always have a login"
        membership_grant(actor=self.actor, user=person.user, role=role, **scope)

    @transaction.atomic
    def build(self) -> list[DemoLogin]:
        province, _created = Province.objects.get_or_create(
            code="65", defaults={"name": "พิษณุโลก", "name_en": "Phitsanulok"}
        )
        areas = self.area_offices(province)
        schools = self.schools(areas)
        for year in FISCAL_YEARS:
            fiscal_year_open(actor=self.actor, year=year)
        self.system_admin()
        self.province_inspector(province)
        for area in areas.values():
            self.area_staff(area)
        for school in schools:
            self.school_staff(school)
        self.external_evaluators(schools)
        return self.logins

    def area_offices(self, province: Province) -> dict[str, AreaOffice]:
        areas = {}
        for code, kind, name, short in AREA_OFFICES:
            areas[code], _created = AreaOffice.objects.get_or_create(
                code=code, defaults={"province": province, "kind": kind, "name": name, "short_name": short}
            )
        return areas

    def schools(self, areas: dict[str, AreaOffice]) -> list[School]:
        return [
            School.objects.get_or_create(
                code=code, defaults={"area_office": areas[area], "name": name, "district": district}
            )[0]
            for code, area, name, district in SCHOOLS
        ]

    def system_admin(self) -> None:
        user = User.objects.filter(username="admin").first()
        if user is None:
            user = User.objects.create_user(
                "admin", DEMO_PASSWORD, email="admin@teacherpa.example", display_name="ผู้ดูแลระบบ"
            )
        membership_grant(actor=self.actor, user=user, role=Role.SYSTEM_ADMIN)
        self.logins.append(DemoLogin("ผู้ดูแลระบบ", user.display_name, "admin", "ทั้งระบบ"))

    def province_inspector(self, province: Province) -> None:
        person, number = self.person(
            school=None, role="", position=Position.INSPECTOR, organisation="สำนักงานศึกษาธิการจังหวัดพิษณุโลก"
        )
        self.grant(person, role=Role.PROVINCE_INSPECTOR, province=province)
        self.logins.append(DemoLogin("ผู้ตรวจราชการจังหวัด", person.full_name, number, province.name))

    def area_staff(self, area: AreaOffice) -> None:
        person, number = self.person(school=None, role="", position=Position.EDUCATION_OFFICER, organisation=area.name)
        self.grant(person, role=Role.AREA_STAFF, area_office=area)
        self.logins.append(DemoLogin("เจ้าหน้าที่เขตพื้นที่", person.full_name, number, area.short_name))

    def school_staff(self, school: School) -> None:
        director, number = self.person(
            school=school, role=Role.DIRECTOR, position=Position.DIRECTOR, standing="senior_professional"
        )
        if school.code.endswith("0001"):
            self.logins.append(DemoLogin("ผู้อำนวยการสถานศึกษา", director.full_name, number, school.name))
        if not User.objects.filter(username=school.code).exists():
            admin = User.objects.create_user(school.code, DEMO_PASSWORD, display_name=f"ผู้ดูแลระบบ {school.name}")
            membership_grant(actor=self.actor, user=admin, role=Role.SCHOOL_ADMIN, school=school)
        if school.code.endswith("0001"):
            self.logins.append(DemoLogin("บัญชีผู้ดูแลของโรงเรียน", f"ผู้ดูแลระบบ {school.name}", school.code, school.name))
        standings, weights = zip(*STANDING_WEIGHTS.items(), strict=True)
        areas = [a for a in LearningArea.values if a != LearningArea.SPECIAL_EDUCATION]
        for index in range(self.teachers_per_school):
            standing = "professional" if index == 0 else self.random.choices(standings, weights)[0]
            if school.code == SCHOOLS[0][0] and index in (1, 2):
                standing = "assistant" if index == 1 else "senior_expert"  # every standing on the first school
            position = Position.ASSISTANT_TEACHER if standing == "assistant" else Position.TEACHER
            teacher, number = self.person(
                school=school,
                role=Role.TEACHER,
                position=position,
                standing=standing,
                learning_area=self.random.choice(areas),
            )
            if school.code == SCHOOLS[0][0] and index < 3:
                self.logins.append(
                    DemoLogin(f"ครู ({teacher.get_standing_display()})", teacher.full_name, number, school.name)
                )

    def external_evaluators(self, schools: list[School]) -> None:
        kinds = [
            (
                EvaluatorKind.SUPERVISOR,
                Position.SUPERVISOR,
                {"standing": "senior_professional", "organisation": "สพป.พิษณุโลก เขต 1"},
            ),
            (
                EvaluatorKind.LECTURER,
                Position.LECTURER,
                {"academic_rank": "assistant_professor", "prefix": "ผศ.", "organisation": "มหาวิทยาลัยนเรศวร"},
            ),
            (EvaluatorKind.EXPERT, Position.EXPERT, {"organisation": "ข้าราชการบำนาญ อดีตผู้อำนวยการสถานศึกษา"}),
        ]
        for kind, position, extra in kinds:
            person, number = self.person(school=None, role="", position=position, **extra)
            self.grant(person, role=Role.EXTERNAL_EVALUATOR, evaluator_kind=kind)
            self.logins.append(
                DemoLogin(f"กรรมการภายนอก ({kind.label})", person.full_name, number, person.organisation)
            )
        # A ชำนาญการพิเศษ teacher of one school who also evaluates at other schools: two roles, one person.
        teacher, number = self.person(
            school=schools[-1],
            role=Role.TEACHER,
            position=Position.TEACHER,
            standing="senior_professional",
            learning_area=LearningArea.MATHEMATICS,
        )
        self.grant(teacher, role=Role.EXTERNAL_EVALUATOR, evaluator_kind=EvaluatorKind.OTHER_SCHOOL_TEACHER)
        self.logins.append(DemoLogin("ครู + กรรมการจากสถานศึกษาอื่น", teacher.full_name, number, schools[-1].name))
