"""What each person must do next, by when: the card on every home page, from a fixed number of queries."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from agreements.services import agreement_decide, agreement_start, agreement_submit, section_save
from org.models import Person, User
from reminders.models import Step
from reminders.next_steps import next_steps_for
from rounds.models import FiscalYear
from tests.agreements.factories import complete_sections
from tests.committees.factories import round_for
from tests.conftest import Cast, logged_in, make_person
from tests.reminders.conftest import days, set_area_dates

HTMX = {"HX-Request": "true"}


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def submit(teacher: Person, year: FiscalYear) -> Any:
    assert teacher.user is not None
    agreement = agreement_start(actor=teacher.user, teacher=teacher, fiscal_year=year)
    for key, body in complete_sections(year.edition).items():
        section_save(actor=teacher.user, agreement=agreement, key=key, body=body, base_revision=0)
    agreement_submit(actor=teacher.user, agreement=agreement, requested_at=timezone.now())
    return agreement


def steps(user: User, today: date) -> list[tuple[str, str, date | None, bool]]:
    return [(item.step, item.text, item.due_on, item.overdue) for item in next_steps_for(fresh(user), today)]


def test_a_teacher_without_an_agreement_is_asked_to_write_it_by_the_submission_date(
    cast: Cast, year: FiscalYear, today: date
) -> None:
    set_area_dates(cast, year, {Step.AGREEMENT_SUBMISSION: days(3)})
    assert steps(cast.user("teacher"), today) == [
        (
            Step.AGREEMENT_SUBMISSION,
            "เขียนข้อตกลงในการพัฒนางาน (PA 1) ปีงบประมาณ พ.ศ. 2570 แล้วส่งให้ผู้อำนวยการพิจารณา",
            days(3),
            False,
        )
    ]
    card = logged_in(cast.user("teacher")).get("/next-steps/?part=card", headers=HTMX).content.decode()
    assert card.startswith('<section class="card next-steps" id="next-steps"')
    assert "ภายใน 23 ตุลาคม 2569" in card
    assert 'href="/teacher/"' in card


def test_a_passed_date_is_marked_overdue(cast: Cast, year: FiscalYear, today: date) -> None:
    set_area_dates(cast, year, {Step.AGREEMENT_SUBMISSION: days(-2)})
    ((_step, _text, due_on, overdue),) = steps(cast.user("teacher"), today)
    assert (due_on, overdue) == (days(-2), True)
    page = logged_in(cast.user("teacher")).get("/next-steps/").content.decode()
    assert '<li class="next-step overdue">' in page
    assert '<strong class="state state-overdue">เลยกำหนด</strong> ภายใน 18 ตุลาคม 2569' in page


def test_a_returned_agreement_is_to_be_fixed_and_a_sent_one_leaves_nothing_to_do(
    cast: Cast, year: FiscalYear, today: date
) -> None:
    set_area_dates(cast, year, {Step.AGREEMENT_SUBMISSION: days(-1), Step.DIRECTOR_APPROVAL: days(5)})
    agreement = submit(cast.teacher, year)
    assert steps(cast.user("teacher"), today) == []
    agreement_decide(director=fresh(cast.user("director")), agreement=agreement, approve=False, comment="เพิ่มหลักฐาน")
    assert steps(cast.user("teacher"), today) == [
        (
            Step.AGREEMENT_SUBMISSION,
            "แก้ไขข้อตกลงที่ผู้อำนวยการส่งกลับตามข้อเสนอแนะ แล้วส่งอีกครั้ง",
            days(5),  # sent back after the submission date: the approval date is what is left
            False,
        )
    ]


def test_a_teacher_who_makes_no_pa_has_nothing_to_do(cast: Cast, year: FiscalYear, today: date) -> None:
    Person.objects.filter(pk=cast.teacher.pk).update(standing="assistant")
    assert steps(cast.user("teacher"), today) == []


def test_the_director_sees_reviews_committees_and_teachers_behind_by_their_dates(
    cast: Cast, year: FiscalYear, today: date
) -> None:
    set_area_dates(
        cast,
        year,
        {Step.AGREEMENT_SUBMISSION: days(-1), Step.DIRECTOR_APPROVAL: days(4), Step.COMMITTEE_APPOINTMENT: days(10)},
    )
    submit(cast.teacher, year)
    approved = submit(make_person(school=cast.school, first_name="มานี", last_name="มีนา"), year)
    agreement_decide(director=fresh(cast.user("director")), agreement=approved, approve=True)
    make_person(school=cast.school, first_name="ปิติ", last_name="ยินดี")
    assert steps(cast.user("director"), today) == [
        (Step.AGREEMENT_SUBMISSION, "ครู 1 คนยังไม่ได้ส่งข้อตกลง", days(-1), True),
        (Step.DIRECTOR_APPROVAL, "พิจารณาข้อตกลงที่ครูส่งมา 1 ฉบับ", days(4), False),
        (Step.COMMITTEE_APPOINTMENT, "แต่งตั้งคณะกรรมการประเมินให้ครูที่ข้อตกลงเห็นชอบแล้ว 1 คน", days(10), False),
    ]
    # The school's admin account types for teachers: it is shown who has not sent, not the director's work.
    assert [step for step, *_rest in steps(cast.school_admin, today)] == [Step.AGREEMENT_SUBMISSION]


def test_members_see_the_sheets_they_still_have_to_submit_by_the_scoring_date(
    cast: Cast, year: FiscalYear, today: date
) -> None:
    round_for(cast)
    set_area_dates(cast, year, {Step.SCORING: days(30)})
    expected = [(Step.SCORING, "ส่งแบบประเมิน (PA 2) ของครู 1 คน · โรงเรียนอนุบาลทดสอบ", days(30), False)]
    assert steps(cast.user("supervisor"), today) == expected
    assert expected[0] in steps(cast.user("director"), today)  # the chair scores too
    assert steps(cast.user("lecturer"), today) == []


def test_area_staff_see_how_many_schools_are_behind_each_passed_date(cast: Cast, year: FiscalYear, today: date) -> None:
    set_area_dates(cast, year, {Step.AGREEMENT_SUBMISSION: days(-3), Step.SCORING: days(100)})
    assert steps(cast.user("area_officer"), today) == [
        (Step.AGREEMENT_SUBMISSION, "2 โรงเรียนเลยกำหนด: ครูส่งข้อตกลงในการพัฒนางาน (PA 1)", days(-3), True)
    ]
    assert steps(cast.user("other_area_officer"), today) == []


def test_nothing_to_do_without_an_open_fiscal_year(cast: Cast, today: date) -> None:
    assert steps(cast.user("teacher"), today) == []
    assert "ไม่มีงานค้างในขณะนี้" in logged_in(cast.user("teacher")).get("/next-steps/").content.decode()


def test_the_home_pages_ask_for_the_card_after_loading(cast: Cast, year: FiscalYear, today: date) -> None:
    slot = 'hx-get="/next-steps/?part=card" hx-trigger="load"'
    assert slot in logged_in(cast.user("teacher")).get("/teacher/").content.decode()
    assert slot in logged_in(cast.user("supervisor")).get("/evaluator/").content.decode()
    assert slot in logged_in(cast.user("area_officer")).get(f"/areas/{cast.area.pk}/").content.decode()
    assert slot not in logged_in(cast.user("inspector")).get(f"/areas/{cast.area.pk}/").content.decode()
    school = logged_in(cast.user("director")).get(f"/schools/{cast.school.pk}/").content.decode()
    assert 'hx-get="/next-steps/?part=list" hx-trigger="load"' in school
    list_part = logged_in(cast.user("director")).get("/next-steps/?part=list", headers=HTMX).content.decode()
    assert list_part.startswith('<div class="next-steps-list" id="next-steps-list">')


@pytest.mark.parametrize("items", [1, 3])
def test_the_card_costs_the_same_queries_for_one_or_three_items(
    cast: Cast, year: FiscalYear, today: date, django_assert_num_queries: Any, items: int
) -> None:
    set_area_dates(cast, year, {Step.AGREEMENT_SUBMISSION: days(5)})
    submit(cast.teacher, year)
    if items == 3:
        approved = submit(make_person(school=cast.school, first_name="มานี", last_name="มีนา"), year)
        agreement_decide(director=fresh(cast.user("director")), agreement=approved, approve=True)
        make_person(school=cast.school, first_name="ปิติ", last_name="ยินดี")
    client = logged_in(cast.user("director"))
    # session, user, memberships, fiscal year, the school's teachers behind, its agreements, own sheets,
    # the schools' names, their dates
    with django_assert_num_queries(9):
        card = client.get("/next-steps/?part=card", headers=HTMX).content.decode()
    assert card.count('<li class="next-step') == items
