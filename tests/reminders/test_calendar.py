"""The calendar: the rulebook's DPA default, an area office's dates, a school bringing them forward."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from org.models import User
from reminders.calendar import area_dates, deadlines_for, merged
from reminders.models import Deadline, Step
from reminders.services import calendar_save
from rounds.models import FiscalYear
from tests.conftest import Cast
from tests.reminders.conftest import set_area_dates

SUBMISSION, SCORING, DPA = Step.AGREEMENT_SUBMISSION, Step.SCORING, Step.DPA_ENTRY


def fresh(cast: Cast, name: str) -> User:
    return User.objects.get(pk=cast.user(name).pk)


def test_without_any_calendar_only_the_rulebooks_dpa_date_applies(cast: Cast, year: FiscalYear) -> None:
    assert deadlines_for(cast.school, year) == {DPA: date(2027, 9, 30)}


def test_schools_inherit_their_area_and_one_school_may_bring_a_date_forward(cast: Cast, year: FiscalYear) -> None:
    set_area_dates(cast, year, {SUBMISSION: date(2026, 11, 15), SCORING: date(2027, 8, 31), DPA: date(2027, 9, 15)})
    calendar_save(
        actor=fresh(cast, "director"), fiscal_year=year, dates={SUBMISSION: date(2026, 11, 10)}, school=cast.school
    )
    assert deadlines_for(cast.school, year) == {
        SUBMISSION: date(2026, 11, 10),
        SCORING: date(2027, 8, 31),
        DPA: date(2027, 9, 15),
    }
    assert deadlines_for(cast.other_school, year)[SUBMISSION] == date(2026, 11, 15)
    assert deadlines_for(cast.far_school, year) == {DPA: date(2027, 9, 30)}  # another area entirely


def test_an_area_that_later_moves_its_date_before_a_schools_wins(cast: Cast, year: FiscalYear) -> None:
    set_area_dates(cast, year, {SUBMISSION: date(2026, 11, 15)})
    calendar_save(
        actor=fresh(cast, "director"), fiscal_year=year, dates={SUBMISSION: date(2026, 11, 10)}, school=cast.school
    )
    set_area_dates(cast, year, {SUBMISSION: date(2026, 11, 5)})
    assert deadlines_for(cast.school, year)[SUBMISSION] == date(2026, 11, 5)


def test_merging_orders_the_steps_as_the_cycle_runs() -> None:
    dates = merged({DPA: date(2027, 9, 30)}, {SCORING: date(2027, 8, 1)}, {SUBMISSION: date(2026, 11, 1)})
    assert list(dates) == [SUBMISSION, SCORING, DPA]


def test_a_date_outside_the_fiscal_year_is_refused_in_thai_and_nothing_is_written(cast: Cast, year: FiscalYear) -> None:
    with pytest.raises(ValidationError) as refused:
        set_area_dates(cast, year, {SUBMISSION: date(2026, 11, 15), SCORING: date(2027, 10, 1)})
    assert refused.value.message_dict == {SCORING: ["วันที่ต้องอยู่ในปีงบประมาณ พ.ศ. 2570 (1 ตุลาคม 2569 ถึง 30 กันยายน 2570)"]}
    assert Deadline.objects.count() == 0


def test_a_school_date_later_than_the_areas_is_refused(cast: Cast, year: FiscalYear) -> None:
    set_area_dates(cast, year, {SUBMISSION: date(2026, 11, 15)})
    with pytest.raises(ValidationError) as refused:
        calendar_save(
            actor=fresh(cast, "director"),
            fiscal_year=year,
            dates={SUBMISSION: date(2026, 11, 16), DPA: date(2027, 10, 1)},
            school=cast.school,
        )
    assert refused.value.message_dict == {
        SUBMISSION: ["โรงเรียนกำหนดได้เฉพาะวันที่ก่อนหรือตรงกับกำหนดของสำนักงานเขตพื้นที่ (15 พฤศจิกายน 2569)"],
        DPA: ["วันที่ต้องอยู่ในปีงบประมาณ พ.ศ. 2570 (1 ตุลาคม 2569 ถึง 30 กันยายน 2570)"],
    }
    assert Deadline.objects.filter(school=cast.school).count() == 0


def test_an_area_may_bring_dpa_entry_forward_from_the_rulebooks_date(cast: Cast, year: FiscalYear) -> None:
    set_area_dates(cast, year, {DPA: date(2027, 9, 15)})
    assert area_dates(cast.area.pk, year)[DPA] == date(2027, 9, 15)
    set_area_dates(cast, year, {DPA: date(2027, 9, 30)})  # the rulebook's own day is the latest allowed
    assert area_dates(cast.area.pk, year)[DPA] == date(2027, 9, 30)


def test_a_school_on_an_area_without_dates_may_set_any_day_of_the_year_but_not_past_dpa(
    cast: Cast, year: FiscalYear
) -> None:
    calendar_save(actor=cast.school_admin, fiscal_year=year, dates={SCORING: date(2027, 9, 1)}, school=cast.school)
    with pytest.raises(ValidationError) as refused:
        calendar_save(actor=cast.school_admin, fiscal_year=year, dates={DPA: date(2027, 10, 1)}, school=cast.school)
    assert list(refused.value.message_dict) == [DPA]


def test_every_change_is_audited_and_an_empty_date_inherits_again(cast: Cast, year: FiscalYear) -> None:
    officer = fresh(cast, "area_officer")
    assert calendar_save(
        actor=officer, fiscal_year=year, dates={SUBMISSION: date(2026, 11, 15)}, area_office=cast.area
    ) == [SUBMISSION]
    assert (
        calendar_save(
            actor=officer,
            fiscal_year=year,
            dates={SUBMISSION: date(2026, 11, 15), SCORING: None},
            area_office=cast.area,
        )
        == []
    )
    calendar_save(actor=officer, fiscal_year=year, dates={SUBMISSION: date(2026, 11, 20)}, area_office=cast.area)
    calendar_save(actor=officer, fiscal_year=year, dates={SUBMISSION: None}, area_office=cast.area)
    entries = AuditEntry.objects.filter(action__startswith="deadline.").order_by("pk")
    assert [(e.action, e.data["step"], e.data.get("due_on"), e.data["previous"], e.actor_id) for e in entries] == [
        ("deadline.set", SUBMISSION, "2026-11-15", None, officer.pk),
        ("deadline.set", SUBMISSION, "2026-11-20", "2026-11-15", officer.pk),
        ("deadline.cleared", SUBMISSION, None, "2026-11-20", officer.pk),
    ]
    assert Deadline.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("other_area_officer", "area"),  # a neighbouring area
        ("inspector", "area"),  # the province reads, never sets
        ("director", "area"),
        ("area_officer", "school"),  # the area sets its own dates, a school tightens its own
        ("teacher", "school"),
        ("outsider", "school"),
    ],
)
def test_only_the_units_own_staff_change_its_calendar(cast: Cast, year: FiscalYear, name: str, unit: str) -> None:
    target = {"area_office": cast.area} if unit == "area" else {"school": cast.school}
    with pytest.raises(PermissionDenied):
        calendar_save(actor=fresh(cast, name), fiscal_year=year, dates={SCORING: date(2027, 8, 1)}, **target)  # type: ignore[arg-type]
    assert Deadline.objects.count() == 0


def test_an_unknown_step_is_refused(cast: Cast, year: FiscalYear) -> None:
    with pytest.raises(ValidationError):
        set_area_dates(cast, year, {"holiday": date(2026, 12, 31)})
