"""The demo's questions and mentors: made through the services, once however often seed_demo runs."""

from __future__ import annotations

from peers.demo import build_peers_demo
from peers.models import Mentor
from questions.demo import ANSWERED, WAITING, build_questions_demo
from questions.models import Question
from tests.conftest import Cast


def test_the_demo_questions_are_asked_once_one_answered_and_accepted(cast: Cast) -> None:
    assert cast.school.code == "1065010001"  # the demo's first school
    assert build_questions_demo() == 2
    assert build_questions_demo() == 0
    answered = Question.objects.get(title=ANSWERED[0])
    waiting = Question.objects.get(title=WAITING[0])
    assert (answered.asker_id, answered.answer_count, answered.accepted_answer is not None) == (
        cast.teacher.pk,
        1,
        True,
    )
    assert (waiting.answer_count, waiting.first_answered_at) == (0, None)


def test_the_demo_mentors_are_senior_teachers_registered_once(cast: Cast) -> None:
    assert build_peers_demo() == 1
    assert build_peers_demo() == 0
    mentor = Mentor.objects.get()
    assert (mentor.person_id, mentor.standing, mentor.is_active) == (
        cast.other_school_teacher.pk,
        "senior_professional",
        True,
    )


def test_without_the_demo_school_no_questions_are_asked(db: None) -> None:
    assert build_questions_demo() == 0
