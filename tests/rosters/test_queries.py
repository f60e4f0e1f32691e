"""The import pages cost the same number of queries at 1 item and at 3: past imports, bad rows, password sheets."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rosters.models import ImportJob, PasswordSheet
from tests.conftest import Cast, make_school
from tests.rosters.files import PEOPLE_HEADER, csv_bytes, person_row


def queries(client: Client, url: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def director(cast: Cast) -> Client:
    client = Client()
    client.force_login(cast.user("director"))
    return client


def jobs(cast: Cast, count: int) -> None:
    for index in range(count):
        ImportJob.objects.create(
            kind="people", school=cast.school, created_by=cast.user("director"), file_name=f"{index}.csv"
        )


@pytest.mark.parametrize("count", [1, 3])
def test_the_import_page_lists_past_imports_in_constant_queries(cast: Cast, count: int) -> None:
    jobs(cast, count)
    # session, user, memberships with the own person's id, school, past imports
    number, response = queries(director(cast), f"/rosters/schools/{cast.school.pk}/")
    assert (number, len(response.context["jobs"])) == (5, count)


@pytest.mark.parametrize("count", [1, 3])
def test_the_area_import_page_lists_past_imports_in_constant_queries(cast: Cast, count: int) -> None:
    for index in range(count):
        ImportJob.objects.create(
            kind="schools", area_office=cast.area, created_by=cast.user("area_officer"), file_name=f"{index}.csv"
        )
    client = Client()
    client.force_login(cast.user("area_officer"))
    number, response = queries(client, f"/rosters/areas/{cast.area.pk}/")
    assert (number, len(response.context["jobs"])) == (5, count)


@pytest.mark.parametrize("count", [1, 3])
def test_the_bad_rows_of_an_import_list_in_constant_queries(cast: Cast, run_import: Any, count: int) -> None:
    rows = [person_row(first_name="") for _unused in range(count)]
    job = run_import(cast.user("director"), f"/rosters/schools/{cast.school.pk}/", csv_bytes(PEOPLE_HEADER, rows))
    # session, user, memberships with the own person's id, the import with its school and creator
    number, response = queries(director(cast), f"/rosters/imports/{job.pk}/")
    assert (number, len(response.context["problems"])) == (4, count)


@pytest.mark.parametrize("count", [1, 3])
def test_the_password_sheets_of_an_import_list_in_constant_queries(cast: Cast, run_import: Any, count: int) -> None:
    schools = [make_school(cast.area, f"106501{index:04d}") for index in range(100, 100 + count)]
    rows = [person_row(school.code) for school in schools]
    client = Client()
    client.force_login(cast.user("area_officer"))
    job = run_import(cast.user("area_officer"), f"/rosters/areas/{cast.area.pk}/", csv_bytes(PEOPLE_HEADER, rows))
    assert PasswordSheet.objects.filter(job=job).count() == count
    # session, user, memberships with the own person's id, the import, its sheets counted, a page of them
    number, response = queries(client, f"/rosters/imports/{job.pk}/")
    assert (number, len(response.context["sheets"])) == (6, count)
