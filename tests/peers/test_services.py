"""Mentors register by learning area; an approved agreement is shared without names and copied as a start."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agreements.models import Agreement, AgreementSection
from agreements.services import section_save
from peers.models import Mentor, SharedExample
from peers.services import example_copy, example_preview, example_share, example_withdraw, mentor_save
from rounds.services import fiscal_year_open
from rulebook import fiscal_year_of
from tests.committees.factories import approved_agreement
from tests.conftest import Cast
from tests.questions.factories import fresh, make_mentor


def test_a_teacher_registers_as_a_mentor_with_her_recorded_standing(cast: Cast) -> None:
    mentor = make_mentor(cast.other_school_teacher, "thai", "guidance", "thai", bio="  สอนภาษาไทย  ")
    assert (mentor.standing, mentor.area_office_id, mentor.school_id, mentor.bio, mentor.is_active) == (
        "senior_professional",
        cast.area.pk,
        cast.other_school.pk,
        "สอนภาษาไทย",
        True,
    )
    assert sorted(mentor.learning_areas.values_list("learning_area", flat=True)) == ["guidance", "thai"]
    again = make_mentor(cast.other_school_teacher, "science", is_active=False)
    assert (again.pk, again.is_active) == (mentor.pk, False)
    assert list(again.learning_areas.values_list("learning_area", flat=True)) == ["science"]


def test_a_mentor_profile_needs_a_learning_area_and_a_contact_for_the_channel(cast: Cast) -> None:
    with pytest.raises(ValidationError) as no_area:
        mentor_save(actor=fresh(cast.teacher), learning_areas=["astrology"], bio="", contact_preference="in_system")
    assert list(no_area.value.message_dict) == ["learning_areas"]
    with pytest.raises(ValidationError) as no_contact:
        mentor_save(actor=fresh(cast.teacher), learning_areas=["thai"], bio="", contact_preference="line")
    assert list(no_contact.value.message_dict) == ["contact_detail"]
    assert Mentor.objects.count() == 0


@pytest.mark.parametrize("who", ["area_officer", "supervisor", "lecturer", "inspector"])
def test_only_teachers_and_directors_of_a_school_become_mentors(cast: Cast, who: str) -> None:
    with pytest.raises(PermissionDenied):
        make_mentor(getattr(cast, who), "thai")


def _named_agreement(cast: Cast) -> Agreement:
    agreement = approved_agreement(cast)
    # An approved agreement cannot be edited through the service; the test writes the names in directly.
    challenge = AgreementSection.objects.get(agreement=agreement, key="challenge")
    challenge.content = {
        **challenge.content,
        "title": "การอ่านของนักเรียนโรงเรียนอนุบาลทดสอบ",
        "problem": "ครูสมศรี ใจดี และนายประเสริฐ บุญมา สังเกตว่านักเรียนอนุบาลทดสอบอ่านช้า (สพป. 6501)",
    }
    challenge.save(update_fields=["content"])
    return agreement


def test_sharing_without_a_name_replaces_the_teacher_colleagues_school_and_area(cast: Cast) -> None:
    agreement = _named_agreement(cast)
    example = example_share(
        actor=fresh(cast.teacher), agreement=agreement, learning_area="thai", show_name=False, confirmed=True
    )
    assert example.sections["challenge"]["title"] == "การอ่านของนักเรียน[ชื่อโรงเรียน]"
    assert example.sections["challenge"]["problem"] == (
        "ครู[ชื่อครู] และ[ชื่อบุคคล] สังเกตว่านักเรียน[ชื่อโรงเรียน]อ่านช้า ([สำนักงานเขตพื้นที่])"
    )
    assert (example.author_name, example.school_name, example.replaced, example.standing) == ("", "", 5, "professional")
    assert "workload" not in example.sections
    assert sorted(example.sections) == sorted(
        ["classroom", "challenge", *(f"indicator:{i.code}" for i in agreement.fiscal_year.edition.indicators)]
    )


def test_sharing_with_a_name_keeps_the_text_and_shows_who_wrote_it(cast: Cast) -> None:
    agreement = _named_agreement(cast)
    example = example_share(
        actor=fresh(cast.teacher), agreement=agreement, learning_area="thai", show_name=True, confirmed=True
    )
    assert (example.author_name, example.school_name) == ("นางสาวสมศรี ใจดี", "โรงเรียนอนุบาลทดสอบ")
    assert example.sections["challenge"]["title"] == "การอ่านของนักเรียนโรงเรียนอนุบาลทดสอบ"


def test_the_example_is_a_frozen_copy(cast: Cast) -> None:
    agreement = approved_agreement(cast)
    example = example_share(
        actor=fresh(cast.teacher), agreement=agreement, learning_area="thai", show_name=True, confirmed=True
    )
    AgreementSection.objects.filter(agreement=agreement, key="challenge").update(content={"title": "เปลี่ยนภายหลัง"})
    example.refresh_from_db()
    assert example.sections["challenge"]["title"] == "ข้อความ"


def test_sharing_needs_the_teachers_check_her_own_approved_agreement_and_once(cast: Cast) -> None:
    agreement = approved_agreement(cast)
    with pytest.raises(ValidationError):
        example_share(
            actor=fresh(cast.teacher), agreement=agreement, learning_area="thai", show_name=False, confirmed=False
        )
    for who in (cast.user("school_admin"), cast.user("director"), fresh(cast.outsider)):
        with pytest.raises(PermissionDenied):
            example_share(actor=who, agreement=agreement, learning_area="thai", show_name=False, confirmed=True)
    example_share(actor=fresh(cast.teacher), agreement=agreement, learning_area="thai", show_name=False, confirmed=True)
    with pytest.raises(ValidationError):
        example_share(
            actor=fresh(cast.teacher), agreement=agreement, learning_area="thai", show_name=False, confirmed=True
        )
    assert SharedExample.objects.count() == 1


def test_the_preview_is_what_would_be_shared(cast: Cast) -> None:
    agreement = _named_agreement(cast)
    sections, count = example_preview(agreement)
    example = example_share(
        actor=fresh(cast.teacher), agreement=agreement, learning_area="thai", show_name=False, confirmed=True
    )
    assert (sections, count) == (example.sections, example.replaced)


def test_only_the_sharer_withdraws(cast: Cast) -> None:
    example = example_share(
        actor=fresh(cast.teacher),
        agreement=approved_agreement(cast),
        learning_area="thai",
        show_name=False,
        confirmed=True,
    )
    with pytest.raises(PermissionDenied):
        example_withdraw(actor=fresh(cast.outsider), example=example)
    example_withdraw(actor=fresh(cast.teacher), example=example)
    example.refresh_from_db()
    assert example.is_active is False


def _split_example(cast: Cast) -> SharedExample:
    agreement = approved_agreement(cast)
    example = example_share(
        actor=fresh(cast.teacher), agreement=agreement, learning_area="thai", show_name=False, confirmed=True
    )
    example.sections["indicator:1.1"] = {
        "tasks": "งานตัวอย่าง",
        "outcomes": "ผล",
        "change_indicators": "ตัวชี้วัด",
        "by_semester": True,
        "semesters": {"2/2569": {"tasks": "ภาคเรียนเก่า", "outcomes": "", "change_indicators": ""}},
    }
    example.save(update_fields=["sections"])
    return example


def test_copying_an_example_starts_this_years_agreement_with_semesters_cleared(cast: Cast) -> None:
    year = fiscal_year_open(actor=None, year=fiscal_year_of(timezone.localdate()))
    example = _split_example(cast)
    agreement = example_copy(actor=fresh(cast.outsider), example=example)
    assert (agreement.teacher_id, agreement.fiscal_year_id, agreement.state) == (cast.outsider.pk, year.pk, "draft")
    copied = {section.key: section.content for section in agreement.sections.all()}
    assert copied["indicator:1.1"] == {
        "tasks": "งานตัวอย่าง",
        "outcomes": "ผล",
        "change_indicators": "ตัวชี้วัด",
        "by_semester": False,
        "semesters": {},
    }
    assert copied["challenge"] == example.sections["challenge"]
    assert "workload" not in copied
    assert example.sections["indicator:1.1"]["by_semester"] is True  # the example itself is unchanged


def test_copying_is_refused_when_the_teacher_already_has_this_years_agreement(cast: Cast) -> None:
    year = fiscal_year_open(actor=None, year=fiscal_year_of(timezone.localdate()))
    example = _split_example(cast)
    from agreements.services import agreement_start

    existing = agreement_start(actor=fresh(cast.outsider), teacher=cast.outsider, fiscal_year=year)
    section_save(
        actor=fresh(cast.outsider),
        agreement=existing,
        key="challenge",
        body={"title": "ของฉันเอง", "problem": "", "method": "", "quantitative": "", "qualitative": ""},
        base_revision=0,
    )
    with pytest.raises(ValidationError):
        example_copy(actor=fresh(cast.outsider), example=example)
    assert AgreementSection.objects.get(agreement=existing, key="challenge").content["title"] == "ของฉันเอง"
    assert Agreement.objects.filter(teacher=cast.outsider).count() == 1


def test_copying_needs_the_fiscal_year_open(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    example = _split_example(cast)
    monkeypatch.setattr(timezone, "localdate", lambda: date(2031, 1, 15))  # fiscal year 2574: never opened
    with pytest.raises(ValidationError):
        example_copy(actor=fresh(cast.outsider), example=example)
    assert Agreement.objects.filter(teacher=cast.outsider).count() == 0
