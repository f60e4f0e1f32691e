"""`manage.py seed_demo`: the พิษณุโลก demo province, its shape, its login table, and a second run that adds nothing."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from audit.models import AuditEntry
from org.demo import DEMO_PASSWORD
from org.models import AreaOffice, EvaluatorKind, Membership, Person, Province, Role, School, User
from rounds.models import FiscalYear
from rulebook import load_edition

ORG_MODELS = (Province, AreaOffice, School, User, Person, Membership, FiscalYear, AuditEntry)
LOGIN_TOKEN = re.compile(r"\s(admin|\d{13}|\d{10})\s")


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ORG_MODELS}


def table_rows(output: str) -> list[tuple[str, str]]:
    """(login, line) for each row of the demo login table."""
    rows = []
    for line in output.splitlines():
        match = LOGIN_TOKEN.search(line)
        if match:
            rows.append((match.group(1), line))
    return rows


@pytest.fixture
def seeded(db: Any) -> str:
    return seed()


def test_the_demo_has_one_province_and_its_area_offices(seeded: str) -> None:
    assert list(Province.objects.values_list("code", "name")) == [("65", "พิษณุโลก")]
    kinds = Counter(AreaOffice.objects.values_list("kind", flat=True))
    assert kinds == {AreaOffice.Kind.PRIMARY: 3, AreaOffice.Kind.SECONDARY: 1}
    assert AreaOffice.objects.exclude(province__code="65").count() == 0


def test_the_demo_has_ten_schools_each_with_a_director_and_an_admin_account(seeded: str) -> None:
    schools = list(School.objects.order_by("code"))
    assert len(schools) == 10
    for school in schools:
        active = Membership.objects.active().filter(school=school)
        assert active.filter(role=Role.DIRECTOR).count() == 1, school.code
        admin = active.get(role=Role.SCHOOL_ADMIN)
        assert admin.user.username == school.code
    # Both kinds of area office have schools.
    assert {school.area_office.kind for school in schools} == {"primary", "secondary"}


def test_the_demo_teachers_cover_every_standing(seeded: str) -> None:
    teachers = Person.objects.filter(user__memberships__role=Role.TEACHER, user__memberships__is_active=True).distinct()
    assert 90 <= teachers.count() <= 110
    standings = set(teachers.values_list("standing", flat=True))
    assert standings == {standing.code for standing in load_edition().standings}
    assert "assistant" in standings
    # Every school has its teachers; nobody teaches at no school.
    per_school = Counter(Membership.objects.active().filter(role=Role.TEACHER).values_list("school__code", flat=True))
    assert set(per_school) == set(School.objects.values_list("code", flat=True))
    assert min(per_school.values()) == 9


def test_the_demo_has_external_evaluators_of_every_kind_and_one_system_admin(seeded: str) -> None:
    kinds = set(
        Membership.objects.active().filter(role=Role.EXTERNAL_EVALUATOR).values_list("evaluator_kind", flat=True)
    )
    assert kinds == set(EvaluatorKind.values)
    admins = Membership.objects.active().filter(role=Role.SYSTEM_ADMIN)
    assert [membership.user.username for membership in admins] == ["admin"]
    assert list(User.objects.filter(is_staff=True).values_list("username", flat=True)) == ["admin"]
    assert Membership.objects.filter(role=Role.PROVINCE_INSPECTOR).count() == 1
    assert Membership.objects.filter(role=Role.AREA_STAFF).count() == 4
    assert list(FiscalYear.objects.order_by("year").values_list("year", flat=True)) == [2569, 2570]


def test_the_output_prints_the_password_and_a_login_table(seeded: str) -> None:
    assert f"รหัสผ่านทุกบัญชี / password for all: {DEMO_PASSWORD}" in seeded
    assert "เข้าสู่ระบบด้วย / login" in seeded
    logins = [login for login, _line in table_rows(seeded)]
    assert logins[0] == "admin"
    assert "1065010001" in logins
    assert sum(1 for login in logins if len(login) == 13) >= 10


def test_every_login_in_the_table_authenticates_as_the_person_named(seeded: str) -> None:
    rows = table_rows(seeded)
    assert len(rows) >= 15
    for login, line in rows:
        request = RequestFactory().post("/accounts/login/", {"username": login, "password": DEMO_PASSWORD})
        user = authenticate(request, username=login, password=DEMO_PASSWORD)
        assert user is not None, line
        assert user.display_name in line
        assert user.must_change_password is False


def test_seeding_again_creates_nothing(seeded: str) -> None:
    before = counts()
    output = seed()
    assert counts() == before
    assert output.splitlines()[0] == "seed_demo: 0 new people"
    assert seeded.splitlines()[0] == f"seed_demo: {before['Person']} new people"
    # The same table both times: the same people are offered for the demo.
    assert table_rows(output) == table_rows(seeded)
