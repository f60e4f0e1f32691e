"""Question pages through the client: ask (with similar questions as one types), answer, accept, promote."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from questions.models import Question
from tests.conftest import Cast, logged_in
from tests.helpcentre.factories import make_page, national
from tests.questions.factories import ask, fresh, make_mentor


def text(response: Any) -> str:
    return str(response.content.decode())


def listed_titles(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/questions/\d+/">([^<]+)</a></h2>', html)


def test_questions_need_a_login(client: Client, cast: Cast) -> None:
    question = ask(cast.teacher)
    for url in ("/questions/", "/questions/ask/", f"/questions/{question.pk}/"):
        response = client.get(url)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/")


def test_a_teacher_asks_and_lands_on_her_question(cast: Cast) -> None:
    teacher = logged_in(cast.user("teacher"))
    response = teacher.post(
        "/questions/ask/",
        {"title": "ตัวชี้วัด 3.2 เขียนอย่างไร", "body": "", "learning_area": "thai", "private_to_area": "on"},
    )
    question = Question.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/questions/{question.pk}/")
    assert (question.private_to_area, question.learning_area) == (True, "thai")
    assert "เฉพาะสำนักงานเขตพื้นที่" in text(teacher.get(f"/questions/{question.pk}/"))


def test_similar_questions_and_help_pages_appear_while_typing(cast: Cast) -> None:
    ask(cast.outsider, "การเขียนประเด็นท้าทายของครูชำนาญการ")
    ask(cast.outsider, "ภาระงานขั้นต่ำ")
    make_page(cast.user("system_admin"), national(), title="การเขียนประเด็นท้าทาย", body="ปัญหา วิธีการ ผลลัพธ์")
    html = text(
        logged_in(cast.user("teacher")).get(
            "/questions/similar/", {"title": "เขียนประเด็นท้าทายยังไง"}, headers={"HX-Request": "true"}
        )
    )
    assert re.findall(r'<a href="/questions/\d+/" target="_blank" rel="noopener">([^<]+)</a>', html) == [
        "การเขียนประเด็นท้าทายของครูชำนาญการ"
    ]
    assert re.findall(r'<a href="/help/pages/\d+/" target="_blank" rel="noopener">([^<]+)</a>', html) == [
        "การเขียนประเด็นท้าทาย"
    ]


def test_the_ask_page_prefilled_from_a_search_shows_similar_questions_at_once(cast: Cast) -> None:
    ask(cast.outsider, "การส่งข้อตกลงล่าช้า")
    html = text(logged_in(cast.user("teacher")).get("/questions/ask/", {"title": "ส่งข้อตกลงช้า"}))
    assert 'value="ส่งข้อตกลงช้า"' in html
    assert "การส่งข้อตกลงล่าช้า" in html


def test_an_officer_answers_the_teacher_accepts_and_the_officer_promotes(cast: Cast) -> None:
    question = ask(cast.teacher, "ส่งข้อตกลงเมื่อไร")
    officer = logged_in(cast.user("area_officer"))
    assert "ตอบคำถาม" in text(officer.get(f"/questions/{question.pk}/"))
    officer.post(f"/questions/{question.pk}/answers/", {"body": "ภายในเดือนตุลาคม"})
    answer = question.answers.get()
    teacher = logged_in(cast.user("teacher"))
    page = text(teacher.get(f"/questions/{question.pk}/"))
    assert "ยอมรับคำตอบนี้" in page
    assert "ตอบคำถาม</h2>" not in page
    teacher.post(f"/answers/{answer.pk}/accept/")
    question.refresh_from_db()
    assert question.accepted_answer_id == answer.pk
    response = officer.post(f"/questions/{question.pk}/promote/", {"answer": answer.pk})
    question.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, f"/help/pages/{question.faq_page_id}/edit/")


def test_another_areas_officer_neither_reads_nor_answers_a_private_question(cast: Cast) -> None:
    question = ask(cast.teacher, private_to_area=True)
    other = logged_in(cast.user("other_area_officer"))
    assert other.get(f"/questions/{question.pk}/").status_code == 404
    assert other.post(f"/questions/{question.pk}/answers/", {"body": "ตอบข้ามเขต"}).status_code == 404
    assert logged_in(cast.user("outsider")).get(f"/questions/{question.pk}/").status_code == 404
    assert question.answers.count() == 0


def test_nobody_but_the_asker_accepts_and_outsiders_cannot_promote(cast: Cast) -> None:
    question = ask(cast.teacher)
    answer = logged_in(cast.user("area_officer")).post(f"/questions/{question.pk}/answers/", {"body": "คำตอบ"})
    assert answer.status_code == 302
    answer_pk = question.answers.get().pk
    assert logged_in(cast.user("outsider")).post(f"/answers/{answer_pk}/accept/").status_code == 403
    assert (
        logged_in(cast.user("outsider")).post(f"/questions/{question.pk}/promote/", {"answer": answer_pk}).status_code
        == 403
    )
    question.refresh_from_db()
    assert (question.accepted_answer_id, question.faq_page_id) == (None, None)


def test_a_mentor_sees_the_questions_addressed_to_her(cast: Cast) -> None:
    make_mentor(cast.other_school_teacher, "thai")
    ask(cast.teacher, "ถามครูพี่เลี้ยงโดยตรง", addressed_to=cast.other_school_teacher)
    ask(cast.teacher, "คำถามทั่วไป")
    mentor = logged_in(cast.user("other_school_teacher"))
    assert listed_titles(text(mentor.get("/questions/", {"show": "addressed"}))) == ["ถามครูพี่เลี้ยงโดยตรง"]
    assert listed_titles(text(logged_in(cast.user("outsider")).get("/questions/"))) == ["คำถามทั่วไป"]


def test_asking_a_mentor_from_her_profile_prefills_the_mentor(cast: Cast) -> None:
    make_mentor(cast.other_school_teacher, "thai")
    teacher = logged_in(cast.user("teacher"))
    page = text(teacher.get("/questions/ask/", {"mentor": cast.other_school_teacher.pk}))
    assert "ถามครูพี่เลี้ยง นางสาวกาญจนา ต่างโรง" in page
    teacher.post("/questions/ask/", {"title": "ขอคำแนะนำ", "mentor": cast.other_school_teacher.pk})
    assert Question.objects.get().addressed_to_id == cast.other_school_teacher.pk
    assert teacher.get("/questions/ask/", {"mentor": cast.outsider.pk}).status_code == 404  # not a mentor


def test_the_unanswered_list_is_for_the_areas_staff(cast: Cast, settings: Any) -> None:
    settings.QUESTIONS_UNANSWERED_HOURS = 0
    ask(cast.teacher, "รอคำตอบนาน")
    html = text(logged_in(cast.user("area_officer")).get(f"/areas/{cast.area.pk}/questions/unanswered/"))
    assert "รอคำตอบนาน" in html
    assert (
        logged_in(cast.user("other_area_officer")).get(f"/areas/{cast.area.pk}/questions/unanswered/").status_code
        == 404
    )
    assert logged_in(cast.user("teacher")).get(f"/areas/{cast.area.pk}/questions/unanswered/").status_code == 404


def test_the_unanswered_list_keeps_private_questions_from_the_provinces_inspector(cast: Cast, settings: Any) -> None:
    settings.QUESTIONS_UNANSWERED_HOURS = 0
    ask(cast.teacher, "คำถามที่ทุกคนอ่านได้")
    ask(cast.teacher, "คำถามลับเรื่องผู้อำนวยการ", private_to_area=True)
    mentor = make_mentor(cast.other_school_teacher, "thai")
    ask(cast.teacher, "คำถามถึงพี่เลี้ยงโดยตรง", addressed_to=mentor.person)
    url = f"/areas/{cast.area.pk}/questions/unanswered/"
    staff = text(logged_in(cast.user("area_officer")).get(url))
    assert all(title in staff for title in ("คำถามที่ทุกคนอ่านได้", "คำถามลับเรื่องผู้อำนวยการ", "คำถามถึงพี่เลี้ยงโดยตรง"))
    inspector = text(logged_in(cast.user("inspector")).get(url))
    assert "คำถามที่ทุกคนอ่านได้" in inspector
    assert "คำถามลับเรื่องผู้อำนวยการ" not in inspector
    assert "คำถามถึงพี่เลี้ยงโดยตรง" not in inspector


@pytest.mark.parametrize("count", [1, 3])
def test_question_list_queries_do_not_grow(cast: Cast, django_assert_num_queries: Any, count: int) -> None:
    for number in range(count):
        question = ask(cast.teacher, f"คำถามที่ {number}")
        if number:
            from questions.services import answer_post

            answer_post(actor=fresh(cast.area_officer), question=question, body="ตอบ")
    teacher = logged_in(cast.user("teacher"))
    # session, user, memberships, count, questions with their area office and accepted answer
    with django_assert_num_queries(5):
        html = text(teacher.get("/questions/"))
    assert len(listed_titles(html)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_unanswered_list_queries_do_not_grow(
    cast: Cast, django_assert_num_queries: Any, count: int, settings: Any
) -> None:
    settings.QUESTIONS_UNANSWERED_HOURS = 0
    for number in range(count):
        ask(cast.teacher if number % 2 else cast.outsider, f"ค้าง {number}")
    officer = logged_in(cast.user("area_officer"))
    # session, user, memberships, area office, questions with their school and asker
    with django_assert_num_queries(5):
        response = officer.get(f"/areas/{cast.area.pk}/questions/unanswered/")
    assert len(response.context["questions"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_similar_queries_do_not_grow(cast: Cast, django_assert_num_queries: Any, count: int) -> None:
    for number in range(count):
        ask(cast.outsider, f"ประเด็นท้าทาย ข้อ {number}")
        make_page(cast.user("system_admin"), national(), title=f"ประเด็นท้าทาย {number}")
    teacher = logged_in(cast.user("teacher"))
    # session, user, memberships, ranked question words, questions, the teacher's areas, ranked page words, pages
    with django_assert_num_queries(8):
        response = teacher.get("/questions/similar/", {"title": "ประเด็นท้าทาย"})
    assert (len(response.context["similar"]), len(response.context["pages"])) == (count, min(count, 3))


@pytest.mark.parametrize("count", [1, 3])
def test_question_page_queries_do_not_grow_with_answers(cast: Cast, django_assert_num_queries: Any, count: int) -> None:
    from questions.services import answer_post

    make_mentor(cast.other_school_teacher, "thai")
    question = ask(cast.teacher, "คำถามที่มีหลายคำตอบ")
    answerers = [cast.area_officer, cast.other_area_officer, cast.other_school_teacher][:count]
    for person in answerers:
        answer_post(actor=fresh(person), question=question, body=f"คำตอบจาก {person.first_name}")
    teacher = logged_in(cast.user("teacher"))
    # session, user, memberships, the question with its people and offices, answers with their authors
    with django_assert_num_queries(5):
        response = teacher.get(f"/questions/{question.pk}/")
    assert len(response.context["answers"]) == count
