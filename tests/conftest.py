"""The named cast every test can call on, built on plain factories.

A teacher (ครูชำนาญการ) at School S, her director, the school's admin account, three committee
members (a supervisor, a university lecturer, a ชำนาญการพิเศษ teacher of School T), an area officer
of area A1, an officer of another area A2, a province inspector, a system admin, and always an
outsider: a teacher of School T, in the same area but another school.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test import Client
from django.test.testcases import LiveServerThread
from django.utils import translation

from org import national_id
from org.models import AreaOffice, EvaluatorKind, Person, Position, Province, Role, School, User
from org.services import membership_grant, person_register

PASSWORD = "correct-horse-battery"
_sequence = itertools.count(1)


@pytest.fixture(autouse=True)
def thai_language() -> Iterator[None]:
    """Every test starts in Thai, the source language: a request in English must not leak into the next test."""
    with translation.override("th"):
        yield


class SerialWSGIServer(WSGIServer):
    """The live server answering one request at a time, each on a closed connection (Django closes it when
    the server is not threaded, so a browser's keep-alive cannot hold the server).

    On SQLite the test database lives in memory and the live server shares the test's one connection with
    every request thread: two requests at once (a page and its htmx fragments) then run on the same sqlite3
    connection together, and SQLite refuses ("bad parameter or other API misuse"). One at a time is what a
    shared connection allows. On PostgreSQL each request thread has its own connection and stays threaded.
    """

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def serial_live_server_on_sqlite() -> Iterator[None]:
    """Before pytest-django's session live server starts: on an in-memory SQLite, serve requests serially."""
    if connection.vendor != "sqlite":
        yield
        return
    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = SerialWSGIServer  # type: ignore[assignment]  # same constructor, not threaded
    yield
    LiveServerThread.server_class = threaded


def logged_in(user: Any) -> Client:
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def make_national_id(seed: int | None = None) -> str:
    """A valid 13-digit national ID, different for every call."""
    number = seed if seed is not None else next(_sequence)
    first = f"1{number:011d}"
    return first + str(national_id.check_digit(first))


def make_province(code: str = "65", name: str = "พิษณุโลก") -> Province:
    return Province.objects.create(code=code, name=name)


def make_area_office(province: Province, code: str, kind: str = AreaOffice.Kind.PRIMARY) -> AreaOffice:
    return AreaOffice.objects.create(
        province=province, kind=kind, code=code, name=f"สำนักงานเขตพื้นที่การศึกษา {code}", short_name=f"สพป. {code}"
    )


def make_school(area_office: AreaOffice, code: str, name: str = "") -> School:
    return School.objects.create(area_office=area_office, code=code, name=name or f"โรงเรียนทดสอบ {code}")


def make_person(
    *,
    school: School | None = None,
    role: str = Role.TEACHER,
    first_name: str = "สมศรี",
    last_name: str = "ใจดี",
    position: str = Position.TEACHER,
    standing: str = "professional",
    email: str = "",
    national_id_value: str | None = None,
    **fields: Any,
) -> Person:
    account = person_register(
        actor=None,
        national_id_value=national_id_value or make_national_id(),
        fields={
            "prefix": fields.pop("prefix", "นางสาว"),
            "first_name": first_name,
            "last_name": last_name,
            "position": position,
            "standing": standing,
            **fields,
        },
        school=school,
        role=role if school is not None else "",
        email=email,
        password=PASSWORD,
    )
    return account.person


def grant(person_or_user: Person | User, role: str, **scope: Any) -> None:
    user = person_or_user.user if isinstance(person_or_user, Person) else person_or_user
    assert user is not None
    membership_grant(actor=None, user=user, role=role, **scope)


# The cast's people (each has a Person and a login) and every login in the cast.
CAST_PEOPLE = [
    "teacher",
    "director",
    "supervisor",
    "lecturer",
    "other_school_teacher",
    "area_officer",
    "other_area_officer",
    "inspector",
    "outsider",
]
CAST_USERS = [*CAST_PEOPLE[:2], "school_admin", *CAST_PEOPLE[2:], "system_admin"]


@dataclass
class Cast:
    province: Province
    other_province: Province
    area: AreaOffice
    other_area: AreaOffice
    far_area: AreaOffice
    school: School
    other_school: School
    far_school: School
    teacher: Person
    director: Person
    school_admin: User
    supervisor: Person
    lecturer: Person
    other_school_teacher: Person
    area_officer: Person
    other_area_officer: Person
    inspector: Person
    outsider: Person
    system_admin: User

    def user(self, name: str) -> User:
        member = getattr(self, name)
        return member if isinstance(member, User) else member.user


@pytest.fixture
def cast(db: Any) -> Cast:
    province = make_province()
    other_province = make_province("64", "สุโขทัย")
    area = make_area_office(province, "6501")
    other_area = make_area_office(province, "6502")
    far_area = make_area_office(other_province, "6401")
    school = make_school(area, "1065010001", "โรงเรียนอนุบาลทดสอบ")
    other_school = make_school(area, "1065010002", "โรงเรียนบ้านอื่น")
    far_school = make_school(far_area, "1064010001", "โรงเรียนต่างจังหวัด")

    teacher = make_person(school=school, first_name="สมศรี", last_name="ใจดี", email="somsri@example.com")
    director = make_person(
        school=school,
        role=Role.DIRECTOR,
        first_name="ประเสริฐ",
        last_name="บุญมา",
        position=Position.DIRECTOR,
        standing="senior_professional",
        prefix="นาย",
    )
    school_admin = User.objects.create_user(school.code, PASSWORD, display_name="ผู้ดูแลระบบโรงเรียน")
    grant(school_admin, Role.SCHOOL_ADMIN, school=school)
    supervisor = make_person(
        first_name="วิไล", last_name="นิเทศ", position=Position.SUPERVISOR, standing="senior_professional"
    )
    grant(supervisor, Role.EXTERNAL_EVALUATOR, evaluator_kind=EvaluatorKind.SUPERVISOR)
    lecturer = make_person(
        first_name="อรุณ",
        last_name="วิชาการ",
        position=Position.LECTURER,
        standing="",
        academic_rank="assistant_professor",
    )
    grant(lecturer, Role.EXTERNAL_EVALUATOR, evaluator_kind=EvaluatorKind.LECTURER)
    other_school_teacher = make_person(
        school=other_school, first_name="กาญจนา", last_name="ต่างโรง", standing="senior_professional"
    )
    grant(other_school_teacher, Role.EXTERNAL_EVALUATOR, evaluator_kind=EvaluatorKind.OTHER_SCHOOL_TEACHER)
    area_officer = make_person(first_name="ธนากร", last_name="เขตหนึ่ง", position=Position.EDUCATION_OFFICER, standing="")
    grant(area_officer, Role.AREA_STAFF, area_office=area)
    other_area_officer = make_person(
        first_name="สุรชัย", last_name="เขตสอง", position=Position.EDUCATION_OFFICER, standing=""
    )
    grant(other_area_officer, Role.AREA_STAFF, area_office=other_area)
    inspector = make_person(first_name="อำนาจ", last_name="ตรวจราชการ", position=Position.INSPECTOR, standing="")
    grant(inspector, Role.PROVINCE_INSPECTOR, province=province)
    outsider = make_person(school=other_school, first_name="คนนอก", last_name="โรงเรียนอื่น")
    system_admin = User.objects.create_user("admin", PASSWORD, display_name="ผู้ดูแลระบบ")
    grant(system_admin, Role.SYSTEM_ADMIN)
    return Cast(
        province=province,
        other_province=other_province,
        area=area,
        other_area=other_area,
        far_area=far_area,
        school=school,
        other_school=other_school,
        far_school=far_school,
        teacher=teacher,
        director=director,
        school_admin=school_admin,
        supervisor=supervisor,
        lecturer=lecturer,
        other_school_teacher=other_school_teacher,
        area_officer=area_officer,
        other_area_officer=other_area_officer,
        inspector=inspector,
        outsider=outsider,
        system_admin=system_admin,
    )
