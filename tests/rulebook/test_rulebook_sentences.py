"""The fixed sentences of PA 1 and PA 2 for each standing."""

from __future__ import annotations

import pytest

from rulebook import Edition, RulebookError, challenge_sentence, expected_level_sentence

PA_STANDINGS = ["teacher", "professional", "senior_professional", "expert", "senior_expert"]


@pytest.mark.parametrize("code", PA_STANDINGS)
def test_sentences_name_the_standing_and_its_keyword(edition: Edition, code: str) -> None:
    standing = edition.standing(code)
    for sentence in (expected_level_sentence(code, edition), challenge_sentence(code, edition)):
        assert standing.keyword in sentence
        assert standing.position_label in sentence
        assert "{" not in sentence


def test_challenge_sentence_for_a_professional(edition: Edition) -> None:
    assert challenge_sentence("professional", edition) == (
        "ประเด็นที่ท้าทายในการพัฒนาผลลัพธ์การเรียนรู้ของผู้เรียน ของผู้จัดทำข้อตกลง "
        "ซึ่งปัจจุบันดำรงตำแหน่งครู วิทยฐานะครูชำนาญการ ต้องแสดงให้เห็นถึงระดับการปฏิบัติที่คาดหวัง "
        "คือ การแก้ไขปัญหา การจัดการเรียนรู้และการพัฒนาคุณภาพการเรียนรู้ของผู้เรียน "
        "ให้เกิดการเปลี่ยนแปลงไปในทางที่ดีขึ้นหรือมีการพัฒนามากขึ้น "
        "(ทั้งนี้ ประเด็นท้าทายอาจจะแสดงให้เห็นถึงระดับการปฏิบัติที่คาดหวังที่สูงกว่าได้)"
    )


def test_expected_level_sentence_for_a_teacher_without_standing(edition: Edition) -> None:
    expected = "ระดับการปฏิบัติที่คาดหวังของตำแหน่งครู (ยังไม่มีวิทยฐานะ) คือ ปรับประยุกต์"
    assert expected_level_sentence("teacher", edition) == expected


@pytest.mark.parametrize("sentence", [expected_level_sentence, challenge_sentence])
def test_an_assistant_teacher_makes_no_pa(edition: Edition, sentence: object) -> None:
    with pytest.raises(RulebookError, match=r"assistant \(ครูผู้ช่วย\) makes no PA: .*ว 19/2561"):
        sentence("assistant", edition)  # type: ignore[operator]
