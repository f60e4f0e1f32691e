"""Who reads, answers, accepts and promotes questions; the one way views fetch a question or an answer.

- read: every signed-in user reads public questions; a question kept for the area office only its asker,
  that area office's staff and system admins; a question addressed to a mentor its asker, that mentor,
  the area office's staff and system admins. Nobody reads questions without signing in.
- answer: staff of the question's area office and system admins; the mentor it is addressed to; for
  public questions any area office's staff and any active mentor. Never the asker.
- accept: the asker. promote to the FAQ: staff of its area office or province office, system admins.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from org.access import fetch_or_404
from org.models import Membership, Person
from org.scope import scope_of
from questions.models import Answer, Question

NOTHING = Q(pk__in=[])


def question_filter(user: Any) -> Q:
    scope = scope_of(user)
    if scope.user_id is None:
        return NOTHING
    if scope.is_system_admin:
        return Q()
    public = Q(private_to_area=False, addressed_to__isnull=True)
    own = Q(asker_id=scope.person_id) | Q(addressed_to_id=scope.person_id) if scope.person_id else NOTHING
    return public | own | Q(area_office_id__in=scope.area_office_ids)


def question_for(user: Any, pk: int | str) -> Question:
    questions = Question.objects.select_related(
        "asker", "area_office__province", "school", "addressed_to", "accepted_answer", "faq_page"
    )
    return fetch_or_404(questions.visible_to(user), pk)


def answer_for(user: Any, pk: int | str) -> Answer:
    answers = Answer.objects.select_related("question__area_office").filter(
        question__in=Question.objects.visible_to(user).values("pk")
    )
    return fetch_or_404(answers, pk)


def is_active_mentor(person_id: int | None) -> bool:
    """A mentor of the peer network (the peers app's profile, reached by its relation name)."""
    if person_id is None:
        return False
    return Person.objects.filter(pk=person_id, mentor_profile__is_active=True).exists()


def answer_role(user: Any, question: Question) -> str | None:
    """The capacity the user would answer `question` in, or None when they may not answer it."""
    scope = scope_of(user)
    if scope.user_id is None or (scope.person_id is not None and question.asker_id == scope.person_id):
        return None
    if question.area_office_id in scope.area_office_ids:
        return Answer.Role.AREA_STAFF
    if scope.is_system_admin:
        return Answer.Role.ADMIN
    if scope.person_id is None:
        return None
    if question.addressed_to_id is not None:
        return Answer.Role.MENTOR if question.addressed_to_id == scope.person_id else None
    if question.private_to_area:
        return None
    if scope.area_office_ids:
        return Answer.Role.AREA_STAFF
    return Answer.Role.MENTOR if is_active_mentor(scope.person_id) else None


def may_accept(user: Any, question: Question) -> bool:
    return question.asker_id == scope_of(user).person_id


def may_promote(user: Any, question: Question) -> bool:
    scope = scope_of(user)
    return (
        scope.is_system_admin
        or question.area_office_id in scope.area_office_ids
        or question.area_office.province_id in scope.province_ids
    )


def asking_membership(user: Any) -> Membership | None:
    """The school role a question is asked from (teacher or director): it names the area office that follows up."""
    scope = scope_of(user)
    return scope.school_membership() if scope.person_id is not None else None
