"""Committee member qualifications (ว 9/2564) as data: who may sit beside the director."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rulebook import Candidate, load_edition, member_refusals

EDITION = load_edition()
TEACHER, SCHOOL = 1, 10


def codes(candidate: Candidate) -> list[str]:
    refusals = member_refusals(candidate, evaluatee_person_id=TEACHER, evaluatee_school_id=SCHOOL, edition=EDITION)
    return [refusal.code for refusal in refusals]


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        (Candidate(2, "supervisor", standing="senior_professional"), []),
        (Candidate(2, "supervisor", standing="expert"), []),
        (Candidate(2, "supervisor", standing="professional"), ["standing_below_minimum"]),
        (Candidate(2, "supervisor"), ["standing_missing"]),
        (Candidate(2, "lecturer", academic_rank="assistant_professor"), []),
        (Candidate(2, "lecturer", academic_rank="professor"), []),
        (Candidate(2, "lecturer", academic_rank="lecturer"), ["rank_below_minimum"]),
        (Candidate(2, "lecturer"), ["rank_missing"]),
        (Candidate(2, "other_school_teacher", standing="senior_professional", school_id=11), []),
        (Candidate(2, "other_school_teacher", standing="senior_professional", school_id=SCHOOL), ["same_school"]),
        (
            Candidate(2, "other_school_teacher", standing="teacher", school_id=SCHOOL),
            ["standing_below_minimum", "same_school"],
        ),
        (Candidate(2, "expert", reason="อดีตผู้อำนวยการ ผู้เชี่ยวชาญหลักสูตรปฐมวัย"), []),
        (Candidate(2, "expert", reason="   "), ["reason_required"]),
        (Candidate(2, "expert", reason="ครูเกษียณ", school_id=SCHOOL), ["same_school"]),
        (Candidate(TEACHER, "supervisor", standing="senior_professional"), ["self_evaluation"]),
        (Candidate(2, "astrologer"), ["unknown_qualification"]),
        (Candidate(TEACHER, "astrologer"), ["self_evaluation", "unknown_qualification"]),
    ],
)
def test_member_qualifications_from_the_circular(candidate: Candidate, expected: list[str]) -> None:
    assert codes(candidate) == expected


def test_refusals_name_the_minimum_and_what_the_candidate_has_in_thai() -> None:
    (refusal,) = member_refusals(
        Candidate(2, "supervisor", standing="professional"),
        evaluatee_person_id=TEACHER,
        evaluatee_school_id=SCHOOL,
        edition=EDITION,
    )
    assert dict(refusal.params) == {"minimum": "ครูชำนาญการพิเศษ", "actual": "ครูชำนาญการ"}
    (rank,) = member_refusals(
        Candidate(2, "lecturer", academic_rank="lecturer"),
        evaluatee_person_id=TEACHER,
        evaluatee_school_id=SCHOOL,
        edition=EDITION,
    )
    assert dict(rank.params) == {"minimum": "ผู้ช่วยศาสตราจารย์", "actual": "อาจารย์"}


qualifications = st.sampled_from([q.code for q in EDITION.committee.member_qualifications])
standings = st.sampled_from([None, *(s.code for s in EDITION.standings)])
ranks = st.sampled_from([None, *(r.code for r in EDITION.committee.academic_ranks)])


@given(qualification=qualifications, standing=standings, rank=ranks, school=st.integers(1, 20))
def test_nobody_ever_evaluates_themself(
    qualification: str, standing: str | None, rank: str | None, school: int
) -> None:
    candidate = Candidate(TEACHER, qualification, standing=standing, academic_rank=rank, school_id=school, reason="x")
    assert "self_evaluation" in codes(candidate)


@given(standing=standings)
def test_a_teacher_of_the_same_school_is_never_a_teacher_of_another_school(standing: str | None) -> None:
    candidate = Candidate(2, "other_school_teacher", standing=standing, school_id=SCHOOL)
    assert "same_school" in codes(candidate)


@given(standing=st.sampled_from([s.code for s in EDITION.standings]))
def test_a_supervisor_qualifies_exactly_from_senior_professional_up(standing: str) -> None:
    qualifies = EDITION.standing(standing).rank >= EDITION.standing("senior_professional").rank
    assert (codes(Candidate(2, "supervisor", standing=standing)) == []) is qualifies
