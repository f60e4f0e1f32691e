"""Only area staff (for their area) and a school's director or admin account (for their school) reach the import
pages; everyone else — the outsider, the other area's officer, the inspector, even the system administrator — gets
the same 404. An import's pages and its password sheet belong to the person who ran it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from org.models import Membership, Role
from rosters.models import ImportJob, PasswordSheet
from tests.conftest import CAST_USERS, Cast
from tests.rosters.files import PEOPLE_HEADER, csv_bytes, person_row, upload

SCHOOL_IMPORTERS = {"director", "school_admin", "area_officer"}
AREA_IMPORTERS = {"area_officer"}


def logged_in(cast: Cast, name: str) -> Client:
    client = Client()
    client.force_login(cast.user(name))
    return client


@pytest.mark.parametrize("name", CAST_USERS)
def test_the_import_pages_answer_only_their_importers(cast: Cast, name: str) -> None:
    client = logged_in(cast, name)
    school = client.get(f"/rosters/schools/{cast.school.pk}/").status_code
    other_school = client.get(f"/rosters/schools/{cast.far_school.pk}/").status_code
    area = client.get(f"/rosters/areas/{cast.area.pk}/").status_code
    people_form = client.get("/rosters/forms/people.xlsx").status_code
    schools_form = client.get("/rosters/forms/schools.csv").status_code
    expected_forms = (
        200 if name in {*SCHOOL_IMPORTERS, "other_area_officer"} else 404,
        200 if name in {"area_officer", "other_area_officer"} else 404,
    )
    assert (school, other_school, area, (people_form, schools_form)) == (
        200 if name in SCHOOL_IMPORTERS else 404,
        404,
        200 if name in AREA_IMPORTERS else 404,
        expected_forms,
    )


@pytest.mark.parametrize("name", sorted(set(CAST_USERS) - SCHOOL_IMPORTERS))
def test_an_upload_by_anyone_else_is_refused_and_keeps_nothing(cast: Cast, name: str) -> None:
    client = logged_in(cast, name)
    data = {"kind": "people", "people-file": upload(csv_bytes(PEOPLE_HEADER, [person_row()]))}
    assert client.post(f"/rosters/schools/{cast.school.pk}/", data).status_code == 404
    schools = {"kind": "schools", "schools-file": upload(b"x,y\n", "s.csv")}
    assert client.post(f"/rosters/areas/{cast.area.pk}/", schools).status_code == 404
    assert ImportJob.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(cast: Cast) -> None:
    response = Client().get(f"/rosters/schools/{cast.school.pk}/")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/rosters/schools/{cast.school.pk}/",
    )


@pytest.mark.parametrize("name", CAST_USERS)
def test_an_import_and_its_sheet_belong_to_the_person_who_ran_it(cast: Cast, run_import: Any, name: str) -> None:
    job = run_import(
        cast.user("director"), f"/rosters/schools/{cast.school.pk}/", csv_bytes(PEOPLE_HEADER, [person_row()])
    )
    sheet = PasswordSheet.objects.get(job=job)
    client = logged_in(cast, name)
    answers = (
        client.get(f"/rosters/imports/{job.pk}/").status_code,
        client.post(f"/rosters/imports/{job.pk}/confirm").status_code,
        client.post(f"/rosters/imports/{job.pk}/retry").status_code,
        client.post(f"/rosters/imports/{job.pk}/cancel").status_code,
    )
    download = client.post(f"/rosters/sheets/{sheet.pk}/download")
    if name == "director":
        assert answers == (200, 302, 302, 302)
        assert download.status_code == 200
    else:
        assert (*answers, download.status_code) == (404, 404, 404, 404, 404)
        assert len(PasswordSheet.objects.get(pk=sheet.pk).entries) == 1  # still there for the director


def test_an_importer_who_loses_the_role_loses_the_import(cast: Cast, run_import: Any) -> None:
    job = run_import(
        cast.user("director"), f"/rosters/schools/{cast.school.pk}/", csv_bytes(PEOPLE_HEADER, [person_row()])
    )
    Membership.objects.filter(user=cast.user("director"), role=Role.DIRECTOR).update(is_active=False)
    assert logged_in(cast, "director").get(f"/rosters/imports/{job.pk}/").status_code == 404


@pytest.mark.parametrize("name", CAST_USERS)
def test_the_school_and_area_pages_offer_the_import_to_importers_only(cast: Cast, name: str) -> None:
    client = logged_in(cast, name)
    school = client.get(f"/schools/{cast.school.pk}/")
    area = client.get(f"/areas/{cast.area.pk}/")
    school_link = f'href="/rosters/schools/{cast.school.pk}/"' in school.content.decode()
    area_link = f'href="/rosters/areas/{cast.area.pk}/"' in area.content.decode()
    assert (school_link, area_link) == (name in SCHOOL_IMPORTERS, name in AREA_IMPORTERS)
