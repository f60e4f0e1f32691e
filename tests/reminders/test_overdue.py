"""Schools behind a passed date, as the area dashboard flags them."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dashboards.summaries import summaries_rebuild
from reminders.models import Step
from reminders.queries import overdue_schools, school_progress
from reminders.services import calendar_save
from rounds.models import FiscalYear
from tests.committees.factories import round_for
from tests.conftest import Cast, make_person, make_school
from tests.reminders.conftest import days, set_area_dates


def test_a_school_is_overdue_on_a_step_only_when_its_date_passed_with_work_undone(
    cast: Cast, year: FiscalYear, today: date
) -> None:
    round_for(cast)  # the teacher's agreement is approved and on a committee: scoring is under way
    set_area_dates(
        cast,
        year,
        {Step.AGREEMENT_SUBMISSION: days(-5), Step.COMMITTEE_APPOINTMENT: days(-1), Step.SCORING: days(-1)},
    )
    assert overdue_schools(cast.area.pk, year, today) == {
        cast.school.pk: [Step.SCORING],  # its only teacher sent and was assigned; the sheets are not in
        cast.other_school.pk: [Step.AGREEMENT_SUBMISSION],  # two teachers never sent theirs
    }
    calendar_save(actor=cast.user("director"), fiscal_year=year, dates={Step.SCORING: None}, school=cast.school)
    assert overdue_schools(cast.other_area.pk, year, today) == {}
    assert overdue_schools(cast.area.pk, year, days(-6)) == {}  # before any date passed


def test_progress_counts_each_step_for_many_schools_at_once(cast: Cast, year: FiscalYear) -> None:
    round_for(cast)
    progress = school_progress(year, [cast.school.pk, cast.other_school.pk, cast.far_school.pk])
    assert progress[cast.school.pk].pending(Step.SCORING) == 1
    assert progress[cast.school.pk].pending(Step.DPA_ENTRY) == 0  # done outside the system: never known
    assert (progress[cast.other_school.pk].unsubmitted, progress[cast.far_school.pk].agreements) == (2, 0)


def test_the_area_dashboard_flags_the_behind_schools_that_are_past_a_date(
    cast: Cast, year: FiscalYear, today: date
) -> None:
    round_for(cast)
    set_area_dates(cast, year, {Step.AGREEMENT_SUBMISSION: days(-2)})
    summaries_rebuild()
    client = Client()
    client.force_login(cast.user("area_officer"))
    page = client.get(f"/dashboards/areas/{cast.area.pk}/?year=2570").content.decode()
    behind = page[page.index('id="behind"') : page.index('id="steps"')]
    flag = '<span class="state state-overdue">เลยกำหนด: ครูส่งข้อตกลงในการพัฒนางาน (PA 1)</span>'
    assert behind.count(flag) == 1
    assert behind.index(cast.other_school.name) < behind.index(flag) < behind.index(cast.school.name)


@pytest.mark.parametrize("schools", [1, 3])
def test_the_overdue_check_costs_the_same_for_one_or_three_schools(
    cast: Cast, year: FiscalYear, today: date, schools: int
) -> None:
    area = cast.far_area
    for number in range(schools):
        school = make_school(area, f"10640100{number + 2}")
        make_person(school=school, first_name=f"ครู{number}", last_name="ล่าช้า")
    calendar_save(
        actor=cast.system_admin, fiscal_year=year, dates={Step.AGREEMENT_SUBMISSION: days(-1)}, area_office=area
    )
    with CaptureQueriesContext(connection) as queries:
        late = overdue_schools(area.pk, year, today)
    # the area's schools, their dates, teachers behind, agreements per step
    assert (len(queries.captured_queries), len(late)) == (4, schools)
