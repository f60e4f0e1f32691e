"""Peer pages through the client: find a mentor (own area first), register, share and copy examples."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from org.models import Person
from peers.models import Mentor, SharedExample
from peers.services import example_share
from rounds.services import fiscal_year_open
from rulebook import fiscal_year_of
from tests.committees.factories import approved_agreement
from tests.conftest import Cast, logged_in, make_national_id, make_person
from tests.questions.factories import fresh, make_mentor

_ids = iter(range(700_001, 800_000))


def text(response: Any) -> str:
    return str(response.content.decode())


def mentor_names(html: str) -> list[str]:
    return re.findall(r'<a class="card-link" href="/peers/mentors/\d+/"><strong>([^<]+)</strong>', html)


def new_teacher(school: Any, first_name: str, standing: str = "senior_professional") -> Person:
    return make_person(
        school=school,
        first_name=first_name,
        last_name="พี่เลี้ยง",
        standing=standing,
        national_id_value=make_national_id(next(_ids)),
    )


def test_mentors_of_the_teachers_own_area_come_first_and_filters_apply(cast: Cast) -> None:
    far = new_teacher(cast.far_school, "กมล")
    near = new_teacher(cast.other_school, "ศิริ")
    expert = new_teacher(cast.other_school, "อรุณี", standing="expert")
    make_mentor(far, "thai")
    make_mentor(near, "thai")
    make_mentor(expert, "mathematics")
    teacher = logged_in(cast.user("teacher"))
    assert mentor_names(text(teacher.get("/peers/mentors/"))) == [near.full_name, expert.full_name, far.full_name]
    assert mentor_names(text(teacher.get("/peers/mentors/", {"learning_area": "thai"}))) == [
        near.full_name,
        far.full_name,
    ]
    assert mentor_names(text(teacher.get("/peers/mentors/", {"standing": "expert"}))) == [expert.full_name]


def test_a_paused_mentor_is_not_listed_and_her_page_is_hers_alone(cast: Cast) -> None:
    mentor = make_mentor(cast.other_school_teacher, "thai", is_active=False)
    assert mentor_names(text(logged_in(cast.user("teacher")).get("/peers/mentors/"))) == []
    assert logged_in(cast.user("teacher")).get(f"/peers/mentors/{mentor.pk}/").status_code == 404
    assert "ปิดรับคำถามชั่วคราว" in text(logged_in(cast.user("other_school_teacher")).get(f"/peers/mentors/{mentor.pk}/"))


def test_a_teacher_registers_as_a_mentor_through_the_form(cast: Cast) -> None:
    teacher = logged_in(cast.user("teacher"))
    response = teacher.post(
        "/peers/mentors/me/",
        {
            "learning_areas": ["thai", "social"],
            "bio": "ครูภาษาไทย",
            "contact_preference": "line",
            "contact_detail": "@somsri",
            "is_active": "on",
        },
    )
    mentor = Mentor.objects.get(person=cast.teacher)
    assert (response.status_code, response["Location"]) == (302, f"/peers/mentors/{mentor.pk}/")
    page = text(logged_in(cast.user("outsider")).get(f"/peers/mentors/{mentor.pk}/"))
    assert "LINE: @somsri" in page
    assert f'href="/questions/ask/?mentor={cast.teacher.pk}"' in page


def test_a_missing_contact_is_shown_on_the_form(cast: Cast) -> None:
    response = logged_in(cast.user("teacher")).post(
        "/peers/mentors/me/",
        {"learning_areas": ["thai"], "bio": "", "contact_preference": "phone", "contact_detail": ""},
    )
    assert response.status_code == 200
    assert "กรุณาระบุอีเมล หมายเลขโทรศัพท์ หรือ LINE ID ตามช่องทางที่เลือก" in text(response)


def test_a_teacher_shares_after_checking_the_text_and_others_browse_it(cast: Cast) -> None:
    agreement = approved_agreement(cast)
    teacher = logged_in(cast.user("teacher"))
    preview = text(teacher.get(f"/peers/share/{agreement.pk}/"))
    assert "ตรวจข้อความก่อนแบ่งปัน" in preview
    refused = teacher.post(f"/peers/share/{agreement.pk}/", {"learning_area": "thai"})
    assert (refused.status_code, SharedExample.objects.count()) == (200, 0)
    teacher.post(f"/peers/share/{agreement.pk}/", {"learning_area": "thai", "confirmed": "on"})
    example = SharedExample.objects.get()
    listing = text(logged_in(cast.user("outsider")).get("/peers/examples/", {"learning_area": "thai"}))
    assert f'href="/peers/examples/{example.pk}/"' in listing
    assert "ไม่ระบุชื่อ" in listing
    assert cast.teacher.full_name not in listing
    assert logged_in(cast.user("outsider")).get(f"/peers/share/{agreement.pk}/").status_code == 404


def test_copying_an_example_opens_the_new_agreement(cast: Cast) -> None:
    fiscal_year_open(actor=None, year=fiscal_year_of(timezone.localdate()))
    example = example_share(
        actor=fresh(cast.teacher),
        agreement=approved_agreement(cast),
        learning_area="thai",
        show_name=False,
        confirmed=True,
    )
    outsider = logged_in(cast.user("outsider"))
    response = outsider.post(f"/peers/examples/{example.pk}/copy/")
    agreement = cast.outsider.agreements.get()
    assert (response.status_code, response["Location"]) == (302, f"/agreements/{agreement.pk}/step/3/")
    again = outsider.post(f"/peers/examples/{example.pk}/copy/", follow=True)
    assert "ใช้ตัวอย่างเป็นจุดเริ่มต้นได้เฉพาะเมื่อยังไม่มีข้อตกลงของปีนั้น" in text(again)
    assert cast.outsider.agreements.count() == 1


def test_peer_pages_need_a_login(client: Client) -> None:
    for url in ("/peers/mentors/", "/peers/examples/", "/peers/mentors/me/"):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("count", [1, 3])
def test_mentor_list_queries_do_not_grow(cast: Cast, django_assert_num_queries: Any, count: int) -> None:
    for number in range(count):
        make_mentor(new_teacher(cast.other_school, f"พี่{number}"), "thai", "science")
    teacher = logged_in(cast.user("teacher"))
    # session, user, memberships, the teacher's areas, count, mentors, their learning areas, her own profile
    with django_assert_num_queries(8):
        html = text(teacher.get("/peers/mentors/"))
    assert len(mentor_names(html)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_example_list_queries_do_not_grow(cast: Cast, django_assert_num_queries: Any, count: int) -> None:
    for number in range(count):
        teacher = cast.teacher if number == 0 else new_teacher(cast.school, f"ครู{number}")
        example_share(
            actor=fresh(teacher),
            agreement=approved_agreement(cast, teacher),
            learning_area="thai",
            show_name=False,
            confirmed=True,
        )
    reader = logged_in(cast.user("outsider"))
    # session, user, memberships, count, examples, the reader's own approved agreements
    with django_assert_num_queries(6):
        response = reader.get("/peers/examples/")
    assert len(response.context["page_obj"].object_list) == count
