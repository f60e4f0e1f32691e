"""Questions for the demo at the first demo school: one answered by the area office and accepted, one waiting.

Idempotent: a question whose title the asker has already asked is not asked again.
"""

from __future__ import annotations

from django.db import transaction

from org.models import Membership, Person, Role, User
from questions.models import Question
from questions.services import answer_accept, answer_post, question_ask

SCHOOL = "1065010001"
ANSWERED = (
    "ต้องเขียนงานครบทั้ง 15 ตัวชี้วัดหรือไม่",
    "ในข้อตกลงต้องมีงานครบทั้ง 3 ด้าน 15 ตัวชี้วัดหรือเปล่าคะ บางตัวชี้วัดไม่ค่อยเกี่ยวกับงานสอนของดิฉัน",
    "ต้องเขียนครบทั้ง 15 ตัวชี้วัด เพราะกรรมการประเมินทุกตัวชี้วัดในแบบ PA 2 "
    "ตัวชี้วัดที่ไม่ค่อยเกี่ยวข้องให้เขียนงานที่ทำอยู่จริงสั้น ๆ ก็ได้ ดูคำอธิบายได้จากปุ่ม ? ข้างตัวชี้วัด",
)
WAITING = ("ถ้าย้ายโรงเรียนกลางปีงบประมาณ ข้อตกลงจะเป็นอย่างไร", "ดิฉันได้รับคำสั่งย้ายเดือนมีนาคม")


def _user(person: Person) -> User:
    assert person.user_id is not None, "demo teachers have a login"
    return User.objects.get(pk=person.user_id)


@transaction.atomic
def build_questions_demo() -> int:
    """Ask the demo questions; returns how many were new (0 on a second run)."""
    teacher = (
        Person.objects.filter(
            user__memberships__role=Role.TEACHER, user__memberships__school__code=SCHOOL, standing="professional"
        )
        .order_by("pk")
        .first()
    )
    staff = Membership.objects.active().filter(role=Role.AREA_STAFF, area_office__schools__code=SCHOOL).first()
    if teacher is None or staff is None:
        return 0
    created = 0
    for title, body in (ANSWERED[:2], WAITING):
        if Question.objects.filter(asker=teacher, title=title).exists():
            continue
        question = question_ask(actor=_user(teacher), title=title, body=body)
        created += 1
        if title == ANSWERED[0]:
            answer = answer_post(actor=User.objects.get(pk=staff.user_id), question=question, body=ANSWERED[2])
            answer_accept(actor=_user(teacher), answer=answer)
    return created
