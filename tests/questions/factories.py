"""Questions and mentors for tests, made through the services."""

from __future__ import annotations

from typing import Any

from org.models import Person, User
from peers.models import Mentor
from peers.services import mentor_save
from questions.models import Question
from questions.services import question_ask


def fresh(person: Person) -> User:
    """The person's login read again, so no scope cached from an earlier role lingers."""
    assert person.user is not None
    return User.objects.get(pk=person.user.pk)


def ask(person: Person, title: str = "ต้องเขียนตัวชี้วัดครบ 15 ข้อหรือไม่", **fields: Any) -> Question:
    return question_ask(actor=fresh(person), title=title, **fields)


def make_mentor(person: Person, *learning_areas: str, **fields: Any) -> Mentor:
    return mentor_save(
        actor=fresh(person),
        learning_areas=list(learning_areas or ("thai",)),
        bio=fields.pop("bio", "สอนภาษาไทย 15 ปี"),
        contact_preference=fields.pop("contact_preference", Mentor.Contact.IN_SYSTEM),
        **fields,
    )
