"""The access helpers, the `visible_to` lists and the rules predicates, checked against one table.

Every row of the matrix is a user of the cast; for each kind of record it computes three sets — what
the fetch helper returns, what `visible_to` lists and what the predicate allows — and asserts all three
equal the intended set, so the list rule and the fetch rule cannot drift apart.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from org.access import area_office_for, person_for, province_for, school_for
from org.models import AreaOffice, Membership, Person, Province, Role, School, User
from org.rules import is_self
from org.scope import forget_scope, scope_of
from tests.conftest import CAST_PEOPLE, CAST_USERS, Cast, grant, make_national_id, make_person, make_school

# pytest loads conftest.py under another module name, so this import has its own ID counter: start far away.
_national_ids = itertools.count(700_001)


def new_person(**fields: Any) -> Person:
    return make_person(national_id_value=make_national_id(next(_national_ids)), **fields)


Fetch = Callable[[Any, Any], Any]
USERS = [*CAST_USERS, "anonymous"]
ALL_SCHOOLS = {"school", "other_school", "area2_school", "far_school"}
ALL_PEOPLE = {*CAST_PEOPLE, "area2_teacher", "far_teacher"}
SCHOOL_S_STAFF = {"teacher", "director"}
SCHOOL_T_STAFF = {"other_school_teacher", "outsider"}

SEES_SCHOOLS: dict[str, set[str]] = {
    "teacher": {"school"},
    "director": {"school"},
    "school_admin": {"school"},
    "other_school_teacher": {"other_school"},
    "area_officer": {"school", "other_school"},
    "other_area_officer": {"area2_school"},
    "inspector": {"school", "other_school", "area2_school"},
    "outsider": {"other_school"},
    "system_admin": ALL_SCHOOLS,
}
MANAGES_SCHOOLS: dict[str, set[str]] = {
    "director": {"school"},
    "school_admin": {"school"},
    "area_officer": {"school", "other_school"},
    "other_area_officer": {"area2_school"},
    "system_admin": ALL_SCHOOLS,
}
SEES_AREAS: dict[str, set[str]] = {
    "area_officer": {"area"},
    "other_area_officer": {"other_area"},
    "inspector": {"area", "other_area"},
    "system_admin": {"area", "other_area", "far_area"},
}
SEES_PROVINCES: dict[str, set[str]] = {
    "inspector": {"province"},
    "system_admin": {"province", "other_province"},
}
SEES_PEOPLE: dict[str, set[str]] = {
    "teacher": {"teacher"},
    "director": SCHOOL_S_STAFF,
    "school_admin": SCHOOL_S_STAFF,
    "supervisor": {"supervisor"},
    "lecturer": {"lecturer"},
    "other_school_teacher": {"other_school_teacher"},
    "area_officer": {"area_officer"} | SCHOOL_S_STAFF | SCHOOL_T_STAFF,
    "other_area_officer": {"other_area_officer", "area2_teacher"},
    "inspector": {"inspector", "area2_teacher"} | SCHOOL_S_STAFF | SCHOOL_T_STAFF,
    "outsider": {"outsider"},
    "system_admin": ALL_PEOPLE,
}


class World:
    """The cast plus a school and teacher in area A2 and a teacher in the far province: things that could leak."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.area2_school = make_school(cast.other_area, "1065020001", "โรงเรียนเขตสอง")
        self.area2_teacher = new_person(school=self.area2_school, first_name="มานี", last_name="เขตสอง")
        self.far_teacher = new_person(school=cast.far_school, first_name="ปิติ", last_name="ต่างจังหวัด")

    def user(self, name: str) -> Any:
        return AnonymousUser() if name == "anonymous" else self.cast.user(name)

    def record(self, name: str) -> Any:
        return getattr(self, name) if hasattr(self, name) else getattr(self.cast, name)

    def records(self, names: set[str]) -> dict[str, Any]:
        return {name: self.record(name) for name in names}


@pytest.fixture
def world(cast: Cast) -> World:
    return World(cast)


def fetchable(fetch: Fetch, user: Any, records: dict[str, Any]) -> set[str]:
    """The names of the records the helper hands back; any refusal must be a 404."""
    allowed = set()
    for name, record in records.items():
        try:
            fetched = fetch(user, record.pk)
        except Http404:
            continue
        assert fetched == record
        allowed.add(name)
    return allowed


def names_of(pks: Any, records: dict[str, Any]) -> set[str]:
    by_pk = {record.pk: name for name, record in records.items()}
    pks = list(pks)
    assert len(pks) == len(set(pks)), "visible_to must not repeat a row"
    return {by_pk[pk] for pk in pks}


def permitted(user: Any, perm: str, records: dict[str, Any]) -> set[str]:
    return {name for name, record in records.items() if user.has_perm(perm, record)}


@pytest.mark.parametrize("user_name", USERS)
def test_schools_seen_agree_across_helper_list_and_predicate(world: World, user_name: str) -> None:
    user, schools = world.user(user_name), world.records(ALL_SCHOOLS)
    expected = SEES_SCHOOLS.get(user_name, set())
    assert fetchable(school_for, user, schools) == expected
    assert names_of(School.objects.visible_to(user).values_list("pk", flat=True), schools) == expected
    assert permitted(user, "org.view_school", schools) == expected


@pytest.mark.parametrize("user_name", USERS)
def test_schools_managed_agree_across_helper_list_and_predicate(world: World, user_name: str) -> None:
    user, schools = world.user(user_name), world.records(ALL_SCHOOLS)
    expected = MANAGES_SCHOOLS.get(user_name, set())
    manage = lambda u, pk: school_for(u, pk, need="manage")  # noqa: E731
    assert fetchable(manage, user, schools) == expected
    managed = School.objects.filter(scope_of(user).managed_school_filter()).values_list("pk", flat=True)
    assert names_of(managed, schools) == expected
    assert permitted(user, "org.manage_school", schools) == expected


@pytest.mark.parametrize("user_name", USERS)
def test_area_offices_seen_agree_across_helper_list_and_predicate(world: World, user_name: str) -> None:
    user, areas = world.user(user_name), world.records({"area", "other_area", "far_area"})
    expected = SEES_AREAS.get(user_name, set())
    assert fetchable(area_office_for, user, areas) == expected
    assert names_of(AreaOffice.objects.visible_to(user).values_list("pk", flat=True), areas) == expected
    assert permitted(user, "org.view_area_office", areas) == expected


@pytest.mark.parametrize("user_name", USERS)
def test_provinces_seen_agree_across_helper_list_and_predicate(world: World, user_name: str) -> None:
    user, provinces = world.user(user_name), world.records({"province", "other_province"})
    expected = SEES_PROVINCES.get(user_name, set())
    assert fetchable(province_for, user, provinces) == expected
    assert names_of(Province.objects.visible_to(user).values_list("pk", flat=True), provinces) == expected
    assert permitted(user, "org.view_province", provinces) == expected


@pytest.mark.parametrize("user_name", USERS)
def test_people_seen_agree_across_helper_and_list(world: World, user_name: str) -> None:
    user, people = world.user(user_name), world.records(ALL_PEOPLE)
    expected = SEES_PEOPLE.get(user_name, set())
    assert fetchable(person_for, user, people) == expected
    assert names_of(Person.objects.visible_to(user).values_list("pk", flat=True), people) == expected


@pytest.mark.parametrize("user_name", USERS)
def test_is_self_holds_for_exactly_ones_own_person(world: World, user_name: str) -> None:
    user, people = world.user(user_name), world.records(ALL_PEOPLE)
    expected = {user_name} & ALL_PEOPLE
    assert {name for name, person in people.items() if is_self(user, person)} == expected


def test_a_person_with_two_staff_roles_is_listed_once(world: World) -> None:
    grant(world.cast.director, Role.TEACHER, school=world.cast.school)
    director = User.objects.get(pk=world.cast.user("director").pk)
    visible = list(Person.objects.visible_to(director).values_list("pk", flat=True))
    assert sorted(visible) == sorted({world.cast.teacher.pk, world.cast.director.pk})


# --- Deactivated roles and accounts --------------------------------------------------------------


def deactivate(user: User, role: str) -> User:
    Membership.objects.filter(user=user, role=role).update(is_active=False)
    forget_scope(user)
    return User.objects.get(pk=user.pk)


def test_a_deactivated_director_role_gives_nothing_but_oneself(world: World) -> None:
    cast = world.cast
    former = deactivate(cast.user("director"), Role.DIRECTOR)
    assert set(School.objects.visible_to(former)) == set()
    assert set(Person.objects.visible_to(former)) == {cast.director}
    fetchers: list[tuple[Fetch, int]] = [(school_for, cast.school.pk), (person_for, cast.teacher.pk)]
    for fetch, pk in fetchers:
        with pytest.raises(Http404):
            fetch(former, pk)
    assert former.has_perm("org.manage_school", cast.school) is False


def test_a_deactivated_area_role_gives_nothing(world: World) -> None:
    cast = world.cast
    former = deactivate(cast.user("area_officer"), Role.AREA_STAFF)
    assert set(AreaOffice.objects.visible_to(former)) == set()
    assert set(School.objects.visible_to(former)) == set()
    with pytest.raises(Http404):
        area_office_for(former, cast.area.pk)


def test_a_teacher_whose_membership_ended_is_no_longer_staff_anyone_oversees(world: World) -> None:
    cast = world.cast
    deactivate(cast.user("teacher"), Role.TEACHER)
    for name in ["director", "school_admin", "area_officer", "inspector"]:
        assert cast.teacher not in set(Person.objects.visible_to(cast.user(name))), name
        with pytest.raises(Http404):
            person_for(cast.user(name), cast.teacher.pk)


def test_an_inactive_account_sees_nothing_not_even_itself(world: World) -> None:
    cast = world.cast
    User.objects.filter(pk=cast.user("teacher").pk).update(is_active=False)
    inactive = User.objects.get(pk=cast.user("teacher").pk)
    assert list(School.objects.visible_to(inactive)) == []
    assert list(Person.objects.visible_to(inactive)) == []
    assert inactive.has_perm("org.view_school", cast.school) is False
    fetchers: list[tuple[Fetch, int]] = [(school_for, cast.school.pk), (person_for, cast.teacher.pk)]
    for fetch, pk in fetchers:
        with pytest.raises(Http404):
            fetch(inactive, pk)


def test_an_inactive_system_admin_sees_nothing(world: World) -> None:
    User.objects.filter(pk=world.cast.system_admin.pk).update(is_active=False)
    inactive = User.objects.get(pk=world.cast.system_admin.pk)
    assert list(School.objects.visible_to(inactive)) == []
    assert list(Province.objects.visible_to(inactive)) == []
    with pytest.raises(Http404):
        province_for(inactive, world.cast.province.pk)


def test_a_superuser_without_memberships_sees_everything(world: World) -> None:
    superuser = User.objects.create_superuser("root", "x")
    assert set(School.objects.visible_to(superuser)) == set(world.records(ALL_SCHOOLS).values())
    assert school_for(superuser, world.cast.far_school.pk, need="manage") == world.cast.far_school


# --- Bad ids ------------------------------------------------------------------------------------

FETCHERS = [
    pytest.param(school_for, id="school"),
    pytest.param(lambda u, pk: school_for(u, pk, need="manage"), id="school-manage"),
    pytest.param(area_office_for, id="area"),
    pytest.param(province_for, id="province"),
    pytest.param(person_for, id="person"),
]


@pytest.mark.parametrize("fetch", FETCHERS)
@pytest.mark.parametrize("bad_pk", ["abc", "", None, "1.5", 99_999_999, 2**70])
def test_a_bad_or_missing_id_is_a_404(world: World, fetch: Any, bad_pk: Any) -> None:
    with pytest.raises(Http404):
        fetch(world.cast.system_admin, bad_pk)


def test_missing_and_not_yours_answer_with_the_same_message(world: World) -> None:
    cast = world.cast
    messages = set()
    cases: list[tuple[Fetch, User, object]] = [
        (school_for, cast.user("outsider"), cast.school.pk),
        (school_for, cast.user("outsider"), 99_999_999),
        (school_for, cast.user("outsider"), "abc"),
        (area_office_for, cast.user("teacher"), cast.area.pk),
        (province_for, cast.user("area_officer"), cast.province.pk),
        (person_for, cast.user("teacher"), cast.director.pk),
        (person_for, cast.user("teacher"), 99_999_999),
    ]
    for fetch, user, pk in cases:
        with pytest.raises(Http404) as caught:
            fetch(user, pk)
        messages.add(str(caught.value))
    assert messages == {"ไม่พบข้อมูลที่ขอ หรือคุณไม่มีสิทธิ์เข้าถึง"}


def test_a_string_id_is_accepted_like_an_int(world: World) -> None:
    cast = world.cast
    assert school_for(cast.user("teacher"), str(cast.school.pk)) == cast.school


def test_own_person_is_the_signed_in_users_record_and_nobody_elses(cast: Cast) -> None:
    from org.access import own_person

    assert own_person(cast.user("teacher")) == cast.teacher
    assert own_person(cast.user("supervisor")) == cast.supervisor
    with pytest.raises(Http404):
        own_person(cast.school_admin)  # an account with no person
    with pytest.raises(Http404):
        own_person(AnonymousUser())
