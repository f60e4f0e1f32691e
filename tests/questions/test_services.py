"""Asking, answering, accepting, promoting to the FAQ, and the area's unanswered list."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from helpcentre.models import Page
from questions.models import Answer, Question, QuestionWord
from questions.queries import similar_questions, unanswered_for_area
from questions.services import answer_accept, answer_post, question_promote
from tests.conftest import Cast
from tests.questions.factories import ask, fresh, make_mentor


def test_a_teacher_asks_for_her_schools_area_office(cast: Cast) -> None:
    question = ask(cast.teacher, "  การเขียนประเด็นท้าทาย  ", body="ต้องมีตัวเลขหรือไม่", learning_area="thai")
    assert (question.title, question.asker_id, question.school_id, question.area_office_id) == (
        "การเขียนประเด็นท้าทาย",
        cast.teacher.pk,
        cast.school.pk,
        cast.area.pk,
    )
    words = set(QuestionWord.objects.filter(question=question).values_list("word", flat=True))
    assert words == {"การเขียน", "เขียน", "ประเด็น", "ท้าทาย", "ต้อง", "ตัวเลข", "หรือไม่"}
    assert AuditEntry.objects.filter(action="question.asked", target_id=str(question.pk)).count() == 1


@pytest.mark.parametrize("who", ["area_officer", "inspector", "supervisor", "lecturer"])
def test_only_teachers_and_directors_ask(cast: Cast, who: str) -> None:
    with pytest.raises(PermissionDenied):
        ask(getattr(cast, who))
    assert Question.objects.count() == 0


def test_an_empty_or_overlong_question_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError) as empty:
        ask(cast.teacher, "   ")
    assert empty.value.message_dict == {"title": ["กรุณาพิมพ์คำถาม"]}
    with pytest.raises(ValidationError) as long:
        ask(cast.teacher, "ก" * 201)
    assert long.value.message_dict == {"title": ["คำถามยาวเกิน 200 ตัวอักษร ใส่รายละเอียดในช่องถัดไป"]}
    assert Question.objects.count() == 0


def test_a_question_to_someone_who_is_not_an_active_mentor_is_refused(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        ask(cast.teacher, addressed_to=cast.other_school_teacher)
    make_mentor(cast.teacher, "thai")
    with pytest.raises(ValidationError):
        ask(cast.teacher, addressed_to=cast.teacher)  # not oneself
    assert Question.objects.count() == 0


def test_an_answer_counts_marks_the_question_answered_and_emails_the_asker_after_commit(
    cast: Cast, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://pa.example.go.th"
    question = ask(cast.teacher, "ต้องเขียนครบทุกตัวชี้วัดหรือไม่")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer = answer_post(actor=fresh(cast.area_officer), question=question, body="ต้องเขียนครบทั้ง 15 ตัวชี้วัด")
    assert len(callbacks) == 1
    question.refresh_from_db()
    assert (question.answer_count, question.first_answered_at is not None, answer.role) == (1, True, "area_staff")
    (message,) = mail.outbox
    assert (message.to, message.subject) == (["somsri@example.com"], "มีคำตอบใหม่สำหรับคำถามของคุณ: ต้องเขียนครบทุกตัวชี้วัดหรือไม่")
    assert "ต้องเขียนครบทั้ง 15 ตัวชี้วัด" in message.body
    assert f"https://pa.example.go.th/questions/{question.pk}/" in message.body
    assert "ธนากร เขตหนึ่ง (เจ้าหน้าที่สำนักงานเขตพื้นที่)" in message.body


def test_nobody_is_emailed_when_the_answer_is_refused(cast: Cast, django_capture_on_commit_callbacks: Any) -> None:
    question = ask(cast.teacher, private_to_area=True)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        answer_post(actor=fresh(cast.other_area_officer), question=question, body="ตอบข้ามเขต")
    assert (Answer.objects.count(), len(mail.outbox)) == (0, 0)


def test_only_the_asker_accepts_an_answer(cast: Cast) -> None:
    question = ask(cast.teacher)
    first = answer_post(actor=fresh(cast.area_officer), question=question, body="คำตอบแรก")
    second = answer_post(actor=fresh(cast.other_area_officer), question=question, body="คำตอบที่สอง")
    with pytest.raises(PermissionDenied):
        answer_accept(actor=fresh(cast.area_officer), answer=first)
    answer_accept(actor=fresh(cast.teacher), answer=first)
    answer_accept(actor=fresh(cast.teacher), answer=second)
    question.refresh_from_db()
    assert (question.accepted_answer_id, question.answer_count) == (second.pk, 2)


def test_area_staff_promote_a_question_into_a_draft_faq_of_their_area(cast: Cast) -> None:
    question = ask(cast.teacher, "ภาระงานขั้นต่ำกี่ชั่วโมง", body="ครูสมศรีถามแทนเพื่อน")
    answer = answer_post(actor=fresh(cast.area_officer), question=question, body="สอนอย่างน้อย 12 ชั่วโมงต่อสัปดาห์")
    page = question_promote(actor=fresh(cast.area_officer), question=question, answer=answer)
    assert (page.kind, page.status, page.area_office_id, page.title) == (
        Page.Kind.FAQ,
        Page.Status.DRAFT,
        cast.area.pk,
        "ภาระงานขั้นต่ำกี่ชั่วโมง",
    )
    assert page.body == ("**คำถาม:** ภาระงานขั้นต่ำกี่ชั่วโมง\n\nครูสมศรีถามแทนเพื่อน\n\n**คำตอบ:**\n\nสอนอย่างน้อย 12 ชั่วโมงต่อสัปดาห์")
    assert cast.teacher.full_name not in page.body
    with pytest.raises(ValidationError):
        question_promote(actor=fresh(cast.area_officer), question=question, answer=answer)


def test_the_province_promotes_into_its_own_scope_and_others_may_not_promote(cast: Cast) -> None:
    question = ask(cast.teacher)
    answer = answer_post(actor=fresh(cast.area_officer), question=question, body="ตอบ")
    for who in ("other_area_officer", "teacher", "outsider", "supervisor"):
        with pytest.raises(PermissionDenied):
            question_promote(actor=fresh(getattr(cast, who)), question=question, answer=answer)
    page = question_promote(actor=fresh(cast.inspector), question=question, answer=answer)
    assert (page.province_id, page.area_office_id) == (cast.province.pk, None)


def test_unanswered_questions_older_than_the_setting_are_flagged_to_their_area(cast: Cast, settings: Any) -> None:
    settings.QUESTIONS_UNANSWERED_HOURS = 48
    now = timezone.now()
    old = ask(cast.teacher, "คำถามเก่า")
    recent = ask(cast.teacher, "คำถามใหม่")
    answered = ask(cast.teacher, "คำถามที่ตอบแล้ว")
    elsewhere = ask(cast.outsider, "คำถามโรงเรียนอื่นในเขตเดียวกัน")
    Question.objects.filter(pk__in=[old.pk, answered.pk, elsewhere.pk]).update(created_at=now - timedelta(hours=49))
    Question.objects.filter(pk=recent.pk).update(created_at=now - timedelta(hours=47))
    answer_post(actor=fresh(cast.area_officer), question=answered, body="ตอบแล้ว")
    assert list(unanswered_for_area(cast.area.pk, now=now)) == [old, elsewhere]
    assert list(unanswered_for_area(cast.area.pk, timedelta(hours=46), now=now)) == [old, elsewhere, recent]
    assert list(unanswered_for_area(cast.other_area.pk, now=now)) == []


def test_similar_questions_rank_by_shared_words_and_respect_privacy(cast: Cast) -> None:
    ask(cast.teacher, "ประเด็นท้าทายเขียนอย่างไร")
    ask(cast.teacher, "การประเมินประเด็นท้าทาย")
    ask(cast.teacher, "ภาระงานขั้นต่ำ")
    ask(cast.teacher, "ประเด็นท้าทายส่วนตัว", private_to_area=True)
    mine = [item.question.title for item in similar_questions(fresh(cast.teacher), "ประเมินประเด็นท้าทาย")]
    assert mine == ["การประเมินประเด็นท้าทาย", "ประเด็นท้าทายส่วนตัว", "ประเด็นท้าทายเขียนอย่างไร"]
    theirs = [item.question.title for item in similar_questions(fresh(cast.outsider), "ประเมินประเด็นท้าทาย")]
    assert theirs == ["การประเมินประเด็นท้าทาย", "ประเด็นท้าทายเขียนอย่างไร"]


def test_similar_questions_look_past_better_matches_the_reader_may_not_read(cast: Cast) -> None:
    from questions.queries import OVERFETCH

    for number in range(OVERFETCH):
        ask(cast.outsider, f"ประเด็นท้าทายเชิงปริมาณ ข้อ {number}", private_to_area=True)
    ask(cast.outsider, "ประเด็นท้าทาย")
    found = similar_questions(fresh(cast.teacher), "ประเด็นท้าทายเชิงปริมาณ", limit=1)
    assert [item.question.title for item in found] == ["ประเด็นท้าทาย"]
    area_view = similar_questions(fresh(cast.area_officer), "ประเด็นท้าทายเชิงปริมาณ", limit=1)
    assert [item.question.title for item in area_view] == [f"ประเด็นท้าทายเชิงปริมาณ ข้อ {OVERFETCH - 1}"]


def test_similar_questions_come_from_the_newest_ones(cast: Cast, settings: Any) -> None:
    settings.QUESTIONS_SIMILAR_RECENT = 2
    ask(cast.outsider, "ภาระงานขั้นต่ำของครู")
    ask(cast.outsider, "ประเด็นท้าทาย")
    ask(cast.outsider, "ตัวชี้วัดภาระงาน")
    found = [item.question.title for item in similar_questions(fresh(cast.teacher), "ภาระงานขั้นต่ำ")]
    assert found == ["ตัวชี้วัดภาระงาน"]
    settings.QUESTIONS_SIMILAR_RECENT = 20000
    found = [item.question.title for item in similar_questions(fresh(cast.teacher), "ภาระงานขั้นต่ำ")]
    assert found == ["ภาระงานขั้นต่ำของครู", "ตัวชี้วัดภาระงาน"]
