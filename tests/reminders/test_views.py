"""The calendar pages through the client: who reads, who changes, and the same 404 for everyone else."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from reminders.models import Deadline, Step
from rounds.models import FiscalYear
from tests.conftest import CAST_USERS, Cast, logged_in
from tests.reminders.conftest import set_area_dates

SUBMISSION = Step.AGREEMENT_SUBMISSION


def form(**dates: str) -> dict[str, str]:
    return {step: dates.get(step, "") for step in Step.values}


def area_url(cast: Cast) -> str:
    return f"/areas/{cast.area.pk}/calendar/2570/"


def school_url(cast: Cast) -> str:
    return f"/schools/{cast.school.pk}/calendar/2570/"


# Who gets 200 on GET and who may POST; everyone else gets the same 404.
AREA_READERS = {"area_officer", "inspector", "system_admin"}
AREA_EDITORS = {"area_officer", "system_admin"}
SCHOOL_READERS = {"teacher", "director", "school_admin", "area_officer", "inspector", "system_admin"}
SCHOOL_EDITORS = {"director", "school_admin", "system_admin"}


def test_the_area_calendar_is_read_by_its_unit_and_above_and_changed_only_by_its_own_staff(
    cast: Cast, year: FiscalYear
) -> None:
    readers = {name for name in CAST_USERS if logged_in(cast.user(name)).get(area_url(cast)).status_code == 200}
    assert readers == AREA_READERS
    editors = set()
    for name in CAST_USERS:
        response = logged_in(cast.user(name)).post(area_url(cast), form(scoring="2027-08-31"))
        assert response.status_code in (302, 404), name
        if response.status_code == 302:
            editors.add(name)
            Deadline.objects.all().delete()
    assert editors == AREA_EDITORS
    assert {"outsider", "other_area_officer", "teacher"}.isdisjoint(readers | editors)


def test_the_school_calendar_is_read_by_the_school_and_tightened_only_by_its_director_or_admin(
    cast: Cast, year: FiscalYear
) -> None:
    readers = {name for name in CAST_USERS if logged_in(cast.user(name)).get(school_url(cast)).status_code == 200}
    assert readers == SCHOOL_READERS
    editors = set()
    for name in CAST_USERS:
        response = logged_in(cast.user(name)).post(school_url(cast), form(scoring="2027-08-31"))
        assert response.status_code in (302, 404), name
        if response.status_code == 302:
            editors.add(name)
            Deadline.objects.all().delete()
    assert editors == SCHOOL_EDITORS
    assert "outsider" not in readers | editors


def test_an_area_officer_saves_the_calendar_and_its_schools_show_it(cast: Cast, year: FiscalYear) -> None:
    officer = logged_in(cast.user("area_officer"))
    response = officer.post(area_url(cast), form(agreement_submission="2026-11-15", scoring="2027-08-31"))
    assert (response.status_code, response["Location"]) == (302, area_url(cast))
    form_page = officer.get(area_url(cast)).content.decode()
    assert "บันทึกไว้: 15 พฤศจิกายน 2569" in form_page  # the browser's date picker shows Gregorian dates
    assert "ตามหลักเกณฑ์: ไม่เกิน 30 กันยายน 2570" in form_page
    page = logged_in(cast.user("teacher")).get(school_url(cast)).content.decode()
    assert "15 พฤศจิกายน 2569" in page
    assert "31 สิงหาคม 2570" in page
    assert 'type="date"' not in page  # a teacher only reads


def test_the_director_cannot_set_a_date_later_than_the_areas(cast: Cast, year: FiscalYear) -> None:
    set_area_dates(cast, year, {SUBMISSION: date(2026, 11, 15)})
    director = logged_in(cast.user("director"))
    response = director.post(school_url(cast), form(agreement_submission="2026-11-20"))
    assert response.status_code == 422
    assert "โรงเรียนกำหนดได้เฉพาะวันที่ก่อนหรือตรงกับกำหนดของสำนักงานเขตพื้นที่ (15 พฤศจิกายน 2569)" in response.content.decode()
    assert Deadline.objects.filter(school=cast.school).count() == 0
    assert director.post(school_url(cast), form(agreement_submission="2026-11-10")).status_code == 302
    assert Deadline.objects.get(school=cast.school).due_on == date(2026, 11, 10)


def test_a_typed_date_that_is_not_a_date_is_refused(cast: Cast, year: FiscalYear) -> None:
    response = logged_in(cast.user("area_officer")).post(area_url(cast), form(scoring="31/08/2570"))
    assert response.status_code == 422
    assert Deadline.objects.count() == 0


def test_the_calendar_links_go_to_the_open_fiscal_year(cast: Cast, year: FiscalYear, today: date) -> None:
    officer = logged_in(cast.user("area_officer"))
    assert officer.get(f"/areas/{cast.area.pk}/calendar/")["Location"] == area_url(cast)
    director = logged_in(cast.user("director"))
    assert director.get(f"/schools/{cast.school.pk}/calendar/")["Location"] == school_url(cast)
    assert logged_in(cast.user("outsider")).get(f"/schools/{cast.school.pk}/calendar/").status_code == 404
    assert officer.get(f"/areas/{cast.area.pk}/calendar/2590/").status_code == 404  # a year never opened


@pytest.mark.parametrize("path", ["/areas/{area}/calendar/2570/", "/schools/{school}/calendar/2570/", "/next-steps/"])
def test_the_pages_need_a_login(cast: Cast, year: FiscalYear, path: str) -> None:
    url = path.format(area=cast.area.pk, school=cast.school.pk)
    assert Client().get(url)["Location"].startswith("/accounts/login/")


def test_an_ended_session_leaves_the_next_steps_card_as_it_is(db: Any) -> None:
    assert Client().get("/next-steps/?part=card", headers={"HX-Request": "true"}).status_code == 204
