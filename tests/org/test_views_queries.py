"""List pages cost the same number of queries at 1 item and at 3: no N+1 can creep in."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.test import Client

from org.models import Person, Role
from tests.conftest import Cast, grant, make_area_office, make_national_id, make_person, make_province, make_school

# pytest loads conftest.py under another module name, so this import has its own ID counter: start far away.
_national_ids = itertools.count(900_001)
_codes = itertools.count(1)


def new_person(**fields: Any) -> Person:
    return make_person(national_id_value=make_national_id(next(_national_ids)), **fields)


def staffed_school(area_office: Any, teachers: int = 1) -> Any:
    school = make_school(area_office, f"10990{next(_codes):05d}")
    for index in range(teachers):
        new_person(school=school, first_name=f"ครู{index}", last_name="ทดสอบ", learning_area="science")
    return school


def get_ok(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("staff", [1, 3])
def test_school_page_queries_do_not_grow_with_staff(
    cast: Cast, client: Client, django_assert_num_queries: Any, staff: int
) -> None:
    school = staffed_school(cast.area, teachers=staff - 1)
    new_person(school=school, role=Role.DIRECTOR, first_name="ผอ", last_name="ทดสอบ", position="director")
    client.force_login(cast.user("area_officer"))
    # session, user, memberships with the own person's id, school, fiscal year, staff
    with django_assert_num_queries(6):
        response = get_ok(client, f"/schools/{school.pk}/")
    assert len(response.context["staff"]) == staff


@pytest.mark.parametrize("schools", [1, 3])
def test_area_page_queries_do_not_grow_with_schools(
    cast: Cast, client: Client, django_assert_num_queries: Any, schools: int
) -> None:
    area_office = make_area_office(cast.province, f"63{next(_codes):02d}")
    for _unused in range(schools):
        staffed_school(area_office, teachers=2)
    grant(cast.area_officer, Role.AREA_STAFF, area_office=area_office)
    client.force_login(cast.user("area_officer"))
    # session, user, memberships with the own person's id, area office, schools with counts
    with django_assert_num_queries(5):
        response = get_ok(client, f"/areas/{area_office.pk}/")
    assert [school.teacher_count for school in response.context["schools"]] == [2] * schools


@pytest.mark.parametrize("area_offices", [1, 3])
def test_province_page_queries_do_not_grow_with_area_offices(
    cast: Cast, client: Client, django_assert_num_queries: Any, area_offices: int
) -> None:
    province = make_province("66", "พิจิตร")
    for index in range(area_offices):
        staffed_school(make_area_office(province, f"660{index + 1}"), teachers=2)
    grant(cast.inspector, Role.PROVINCE_INSPECTOR, province=province)
    client.force_login(cast.user("inspector"))
    # session, user, memberships with the own person's id, province, area offices with counts
    with django_assert_num_queries(5):
        response = get_ok(client, f"/provinces/{province.pk}/")
    assert [(a.school_count, a.teacher_count) for a in response.context["area_offices"]] == [(1, 2)] * area_offices


@pytest.mark.parametrize("roles", [1, 3])
def test_person_page_queries_do_not_grow_with_roles(
    cast: Cast, client: Client, django_assert_num_queries: Any, roles: int
) -> None:
    person = new_person(school=cast.school)
    for school in [cast.other_school, cast.far_school][: roles - 1]:
        grant(person, Role.TEACHER, school=school)
    client.force_login(cast.system_admin)
    # session, user, memberships with the own person's id, person, their roles
    with django_assert_num_queries(5):
        response = get_ok(client, f"/people/{person.pk}/")
    assert len(response.context["memberships"]) == roles
