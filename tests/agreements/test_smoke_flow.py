from datetime import UTC, datetime

import pytest

from agreements import content
from agreements.models import Agreement
from agreements.services import (
    IncompleteAgreementError,
    StaleSectionError,
    agreement_decide,
    agreement_start,
    agreement_submit,
    section_save,
)
from rounds.services import fiscal_year_open


def complete_sections(edition):
    sections = {
        "classroom": {"types": ["general"]},
        "workload": {
            "items": [
                {"category": "teaching", "code": "ท21101", "name": "ภาษาไทย", "hours": "14"},
                {"category": "learning_support", "code": "", "name": "งานทะเบียน", "hours": "4"},
                {"category": "quality_development", "code": "", "name": "งานประกันคุณภาพ", "hours": "3"},
            ]
        },
        "challenge": dict.fromkeys(content.CHALLENGE_FIELDS, "ข้อความ"),
    }
    for indicator in edition.indicators:
        sections[f"indicator:{indicator.code}"] = {
            **dict.fromkeys(content.PLAN_FIELDS, "ทำ"),
            "by_semester": False,
            "semesters": {},
        }
    return sections


def test_a_full_round_trip(cast):
    year = fiscal_year_open(actor=None, year=2570)
    teacher_user = cast.user("teacher")
    agreement = agreement_start(actor=teacher_user, teacher=cast.teacher, fiscal_year=year)
    with pytest.raises(IncompleteAgreementError) as missing:
        agreement_submit(actor=teacher_user, agreement=agreement, requested_at=datetime.now(UTC))
    assert len(missing.value.problems) == 1 + 3 + 15 * 3 + 5  # classroom, 3 workload categories, plans, challenge
    for key, body in complete_sections(year.edition).items():
        section_save(actor=teacher_user, agreement=agreement, key=key, body=body, base_revision=0)
    with pytest.raises(StaleSectionError):
        section_save(actor=teacher_user, agreement=agreement, key="classroom", body={"types": []}, base_revision=0)
    version = agreement_submit(actor=teacher_user, agreement=agreement, requested_at=datetime.now(UTC))
    assert version.number == 1
    agreement.refresh_from_db()
    assert (agreement.state, agreement.workload_ok) == (Agreement.State.SUBMITTED, True)
    agreement_decide(director=cast.user("director"), agreement=agreement, approve=False, comment="เพิ่มรายละเอียด")
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.RETURNED
    version = agreement_submit(actor=teacher_user, agreement=agreement, requested_at=datetime.now(UTC))
    assert version.number == 2
    agreement_decide(director=cast.user("director"), agreement=agreement, approve=True)
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.APPROVED
