"""Each event reaches the right person through `notify`: one row per event, in Thai, linking to the page."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.utils import timezone

from agreements.services import agreement_decide, agreement_start, agreement_submit, section_save
from committees.services import results_publish, sheet_reopen
from notifications.models import Kind, Notification
from org.models import User
from questions.services import answer_post, question_ask
from tests.agreements.factories import complete_sections
from tests.committees.factories import fiscal_year, round_for, score
from tests.conftest import Cast


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def rows(user: User) -> list[tuple[str, str, str, str]]:
    return [(n.kind, n.key, n.title, n.url) for n in Notification.objects.filter(user=user).order_by("pk")]


def submitted(cast: Cast) -> Any:
    year = fiscal_year()
    agreement = agreement_start(actor=cast.user("teacher"), teacher=cast.teacher, fiscal_year=year)
    for key, body in complete_sections(year.edition).items():
        section_save(actor=cast.user("teacher"), agreement=agreement, key=key, body=body, base_revision=0)
    agreement_submit(actor=cast.user("teacher"), agreement=agreement, requested_at=timezone.now())
    return agreement


def test_a_returned_then_approved_agreement_tells_the_teacher_each_time(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    agreement = submitted(cast)
    with django_capture_on_commit_callbacks(execute=True):
        agreement_decide(director=cast.user("director"), agreement=agreement, approve=False, comment="เพิ่มรายละเอียด")
    agreement_submit(actor=cast.user("teacher"), agreement=agreement, requested_at=timezone.now())
    agreement_decide(director=cast.user("director"), agreement=agreement, approve=True)
    page = f"/agreements/{agreement.pk}/step/1/"
    assert rows(cast.user("teacher")) == [
        (
            Kind.AGREEMENT_RETURNED,
            f"agreement:{agreement.pk}:v1:returned",
            "ข้อตกลงในการพัฒนางาน ปีงบประมาณ พ.ศ. 2570 ถูกส่งกลับให้แก้ไข",
            page,
        ),
        (
            Kind.AGREEMENT_APPROVED,
            f"agreement:{agreement.pk}:v2:approved",
            "ข้อตกลงในการพัฒนางาน ปีงบประมาณ พ.ศ. 2570 ได้รับความเห็นชอบแล้ว",
            page,
        ),
    ]
    (message,) = mail.outbox
    assert (message.to, message.subject) == (
        ["somsri@example.com"],
        "ข้อตกลงในการพัฒนางาน ปีงบประมาณ พ.ศ. 2570 ถูกส่งกลับให้แก้ไข",
    )
    assert "ผู้อำนวยการสถานศึกษาส่งข้อตกลงกลับพร้อมข้อเสนอแนะ" in message.body


def test_an_appointment_a_reopened_sheet_and_a_published_result_each_tell_their_person(cast: Cast) -> None:
    round_ = round_for(cast)
    supervisor = cast.user("supervisor")
    seat = round_.seat(2)
    assert rows(supervisor)[0][:2] == (Kind.COMMITTEE_APPOINTED, f"seat:{seat.pk}:appointed")
    for number in (1, 2, 3):
        score(cast, round_, number)
    sheet = seat.sheets.get()
    sheet_reopen(actor=fresh(cast.user("director")), sheet=sheet, reason="ตัวชี้วัด 1.2 ยังไม่ตรงกับหลักฐาน")
    sheet.refresh_from_db()
    reopened = Notification.objects.get(user=supervisor, kind=Kind.SHEET_REOPENED)
    assert (reopened.key, reopened.url) == (
        f"sheet:{sheet.pk}:reopened:{sheet.revision}",
        f"/evaluations/{round_.evaluation.pk}/sheet/",
    )
    assert reopened.title == "แบบประเมิน PA 2 ของนางสาวสมศรี ใจดี ถูกเปิดให้แก้ไข"
    assert "เหตุผล: ตัวชี้วัด 1.2 ยังไม่ตรงกับหลักฐาน" in reopened.body
    score(cast, round_, 2)
    results_publish(actor=fresh(cast.user("director")), evaluations=[round_.evaluation])
    published = Notification.objects.get(user=cast.user("teacher"), kind=Kind.RESULTS_PUBLISHED)
    assert (published.title, published.url) == (
        "ประกาศผลการประเมิน PA ปีงบประมาณ พ.ศ. 2570",
        f"/evaluations/{round_.evaluation.pk}/result/",
    )


def test_a_new_answer_tells_the_asker_in_the_bell_and_by_email(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    question = question_ask(actor=fresh(cast.user("teacher")), title="ต้องเขียนครบทุกตัวชี้วัดหรือไม่", body="")
    with django_capture_on_commit_callbacks(execute=True):
        answer = answer_post(actor=fresh(cast.user("area_officer")), question=question, body="ต้องเขียนครบทั้ง 15 ตัวชี้วัด")
    (notification,) = Notification.objects.filter(user=cast.user("teacher"))
    assert (notification.kind, notification.key, notification.url) == (
        Kind.QUESTION_ANSWERED,
        f"answer:{answer.pk}",
        f"/questions/{question.pk}/",
    )
    assert notification.body == "นางสาวธนากร เขตหนึ่ง (เจ้าหน้าที่สำนักงานเขตพื้นที่): ต้องเขียนครบทั้ง 15 ตัวชี้วัด"
    (message,) = mail.outbox
    assert message.body.startswith("เรียน นางสาวสมศรี ใจดี\n\nคำถามของคุณ “ต้องเขียนครบทุกตัวชี้วัดหรือไม่” มีคำตอบใหม่")
