"""Who reads and who answers which question: the whole cast against public, area-only and addressed questions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from questions.access import answer_role, question_for
from questions.models import Answer, Question
from tests.conftest import CAST_USERS, Cast
from tests.questions.factories import ask, fresh, make_mentor


def readers(cast: Cast, question: Question) -> set[str]:
    names = set()
    for name in CAST_USERS:
        try:
            question_for(
                fresh(cast.user(name).person) if name not in ("school_admin", "system_admin") else cast.user(name),
                question.pk,
            )
        except Http404:
            continue
        names.add(name)
    return names


@pytest.fixture
def mentor(cast: Cast) -> str:
    make_mentor(cast.other_school_teacher, "thai")
    return "other_school_teacher"


def test_a_public_question_is_read_by_every_signed_in_user_and_nobody_signed_out(cast: Cast) -> None:
    question = ask(cast.teacher)
    assert readers(cast, question) == set(CAST_USERS)
    with pytest.raises(Http404):
        question_for(AnonymousUser(), question.pk)


def test_a_question_for_the_area_office_only_is_read_by_the_asker_that_areas_staff_and_admins(cast: Cast) -> None:
    question = ask(cast.teacher, private_to_area=True)
    assert readers(cast, question) == {"teacher", "area_officer", "system_admin"}


def test_a_question_to_a_mentor_is_read_by_the_asker_the_mentor_the_area_and_admins(cast: Cast, mentor: str) -> None:
    question = ask(cast.teacher, addressed_to=cast.other_school_teacher)
    assert readers(cast, question) == {"teacher", mentor, "area_officer", "system_admin"}


def roles(cast: Cast, question: Question) -> dict[str, str]:
    found = {}
    for name in CAST_USERS:
        user = cast.user(name) if name in ("school_admin", "system_admin") else fresh(getattr(cast, name))
        role = answer_role(user, question)
        if role is not None:
            found[name] = role
    return found


def test_who_answers_a_public_question(cast: Cast, mentor: str) -> None:
    question = ask(cast.teacher)
    assert roles(cast, question) == {
        "area_officer": Answer.Role.AREA_STAFF,
        "other_area_officer": Answer.Role.AREA_STAFF,
        mentor: Answer.Role.MENTOR,
        "system_admin": Answer.Role.ADMIN,
    }


def test_only_the_areas_own_staff_answer_a_private_question(cast: Cast, mentor: str) -> None:
    question = ask(cast.teacher, private_to_area=True)
    assert roles(cast, question) == {"area_officer": Answer.Role.AREA_STAFF, "system_admin": Answer.Role.ADMIN}


def test_only_the_addressed_mentor_and_the_area_answer_an_addressed_question(cast: Cast) -> None:
    make_mentor(cast.other_school_teacher, "thai")
    make_mentor(cast.outsider, "thai")
    question = ask(cast.teacher, addressed_to=cast.other_school_teacher)
    assert roles(cast, question) == {
        "other_school_teacher": Answer.Role.MENTOR,
        "area_officer": Answer.Role.AREA_STAFF,
        "system_admin": Answer.Role.ADMIN,
    }


def test_a_paused_mentor_no_longer_answers_public_questions(cast: Cast) -> None:
    make_mentor(cast.other_school_teacher, "thai", is_active=False)
    question = ask(cast.teacher)
    assert "other_school_teacher" not in roles(cast, question)
