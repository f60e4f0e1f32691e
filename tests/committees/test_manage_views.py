"""Forming committees through the test client: the director's and the area office's pages."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import Agreement
from agreements.services import agreement_start
from audit.models import AuditEntry
from committees.models import Committee, Evaluation, ScoreSheet, Seat
from org.models import Membership, Person, Position, Role, User
from tests.committees.factories import (
    YEAR,
    Round,
    appoint,
    fiscal_year,
    new_committee,
    round_for,
    score,
)
from tests.conftest import Cast, logged_in, make_national_id, make_person


def page(response: Any) -> str:
    return str(response.content.decode())


def held(committee: Committee, number: int) -> Seat | None:
    return Seat.objects.filter(committee=committee, number=number, status__in=Seat.HELD).first()


def counts() -> tuple[int, int, int, int]:
    return Person.objects.count(), User.objects.count(), Seat.objects.count(), Membership.objects.count()


def draft_agreement(cast: Cast, teacher: Person) -> Agreement:
    assert teacher.user is not None
    return agreement_start(actor=teacher.user, teacher=teacher, fiscal_year=fiscal_year())


def evaluator_post(**overrides: str) -> dict[str, str]:
    return {
        "national_id": make_national_id(9001),
        "name_prefix": "ดร.",
        "first_name": "มานพ",
        "last_name": "มหาวิทยาลัย",
        "email": "",
        "position": Position.LECTURER,
        "standing": "",
        "academic_rank": "lecturer",
        "organisation": "มหาวิทยาลัยนเรศวร",
        "qualification": "lecturer",
        "reason": "",
        **overrides,
    }


# --- the school's committees ----------------------------------------------------------------------------


def test_the_director_creates_a_committee_and_sits_as_its_chair(cast: Cast) -> None:
    fiscal_year()
    client = logged_in(cast.user("director"))
    response = client.post(
        f"/schools/{cast.school.pk}/committees/new/?year={YEAR}",
        {"name": "คณะกรรมการกลุ่มสาระคณิตศาสตร์", "learning_area": "mathematics"},
    )
    committee = Committee.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/committees/{committee.pk}/")
    assert (committee.name, committee.learning_area, committee.fiscal_year.year) == (
        "คณะกรรมการกลุ่มสาระคณิตศาสตร์",
        "mathematics",
        YEAR,
    )
    chair = held(committee, 1)
    assert chair is not None
    assert (chair.person, chair.kind, chair.status) == (cast.director, Seat.Kind.CHAIR, Seat.Status.ACCEPTED)
    detail = page(client.get(f"/committees/{committee.pk}/"))
    assert "1. ประธานกรรมการ" in detail
    assert f"<strong>{cast.director.full_name}</strong>" in detail
    listing = page(client.get(f"/schools/{cast.school.pk}/committees/?year={YEAR}"))
    assert "คณะกรรมการกลุ่มสาระคณิตศาสตร์" in listing
    assert f"ประธานกรรมการ: {cast.director.full_name}" in listing


def test_a_second_committee_with_the_same_name_is_refused_in_thai(cast: Cast) -> None:
    new_committee(cast, "คณะที่ 1")
    response = logged_in(cast.user("director")).post(
        f"/schools/{cast.school.pk}/committees/new/?year={YEAR}", {"name": "คณะที่ 1"}
    )
    assert response.status_code == 422
    assert "มีคณะกรรมการชื่อนี้ในปีงบประมาณนี้แล้ว" in page(response)
    assert Committee.objects.count() == 1


def test_only_the_director_sees_the_create_form_and_may_create(cast: Cast) -> None:
    fiscal_year()
    url = f"/schools/{cast.school.pk}/committees/"
    assert "ตั้งคณะกรรมการใหม่" in page(logged_in(cast.user("director")).get(url))
    for name in ("school_admin", "area_officer"):
        client = logged_in(cast.user(name))
        assert "ตั้งคณะกรรมการใหม่" not in page(client.get(url))
        assert client.post(f"{url}new/", {"name": "คณะแอบตั้ง"}).status_code == 403
    assert logged_in(cast.user("outsider")).post(f"{url}new/", {"name": "คณะแอบตั้ง"}).status_code == 404
    assert logged_in(cast.user("other_area_officer")).get(url).status_code == 404
    assert Committee.objects.count() == 0


def test_the_list_counts_teachers_with_an_agreement_but_no_committee(cast: Cast) -> None:
    committee = new_committee(cast)
    second = make_person(school=cast.school, first_name="มาลี", last_name="สอนดี")
    draft_agreement(cast, cast.teacher)
    agreement = draft_agreement(cast, second)
    client = logged_in(cast.user("director"))
    client.post(f"/committees/{committee.pk}/assign/", {"agreement": [agreement.pk]})
    listing = page(client.get(f"/schools/{cast.school.pk}/committees/?year={YEAR}"))
    assert "ครูที่มีข้อตกลงแล้ว ยังไม่มีคณะกรรมการ 1 คน" in listing
    assert "ครู 1 คน · ประเมินครบ 0 คน · ประกาศผลแล้ว 0 คน" in listing


def test_a_year_never_opened_is_not_found(cast: Cast) -> None:
    fiscal_year()
    client = logged_in(cast.user("director"))
    assert client.get(f"/schools/{cast.school.pk}/committees/?year=2590").status_code == 404
    assert client.get(f"/schools/{cast.school.pk}/committees/?year=abc").status_code == 404


def test_the_school_page_links_to_its_committees_for_those_who_manage_it(cast: Cast) -> None:
    link = f'href="/schools/{cast.school.pk}/committees/"'
    for name in ("director", "school_admin", "area_officer"):
        assert link in page(logged_in(cast.user(name)).get(f"/schools/{cast.school.pk}/")), name
    assert link not in page(logged_in(cast.user("teacher")).get(f"/schools/{cast.school.pk}/"))


# --- appointing -----------------------------------------------------------------------------------------


def test_the_director_appoints_the_supervisor_with_the_suggested_qualification(cast: Cast) -> None:
    committee = new_committee(cast)
    response = logged_in(cast.user("director")).post(
        f"/committees/{committee.pk}/seats/2/appoint/", {"person": cast.supervisor.pk, "qualification": ""}
    )
    assert (response.status_code, response["Location"]) == (302, f"/committees/{committee.pk}/")
    seat = held(committee, 2)
    assert seat is not None
    assert (seat.person, seat.qualification, seat.status) == (cast.supervisor, "supervisor", Seat.Status.PENDING)
    detail = page(logged_in(cast.user("director")).get(f"/committees/{committee.pk}/"))
    assert "ผู้ที่ดำรงตำแหน่งหรือเคยดำรงตำแหน่งศึกษานิเทศก์" in detail
    assert "ตอบรับภายใน" in detail


def test_a_refused_appointment_answers_422_with_the_thai_reasons_and_saves_nothing(cast: Cast) -> None:
    committee = new_committee(cast)
    before = counts()
    response = logged_in(cast.user("director")).post(
        f"/committees/{committee.pk}/seats/2/appoint/", {"person": cast.lecturer.pk, "qualification": "supervisor"}
    )
    assert response.status_code == 422
    text = page(response)
    assert f"{cast.lecturer.full_name} ไม่ได้ดำรงตำแหน่งที่ตรงกับคุณสมบัติ" in text
    assert f"{cast.lecturer.full_name} ยังไม่มีข้อมูลวิทยฐานะ" in text
    assert counts() == before


def test_a_person_outside_the_candidate_list_cannot_be_appointed(cast: Cast) -> None:
    committee = new_committee(cast)
    response = logged_in(cast.user("director")).post(
        f"/committees/{committee.pk}/seats/2/appoint/", {"person": cast.teacher.pk, "qualification": "expert"}
    )
    assert response.status_code == 422
    assert "บุคคลที่เลือกไม่อยู่ในรายชื่อที่แต่งตั้งได้" in page(response)
    assert held(committee, 2) is None


def test_registering_a_lecturer_below_assistant_professor_is_refused_and_rolled_back(cast: Cast) -> None:
    committee = new_committee(cast)
    before = counts()
    response = logged_in(cast.user("director")).post(
        f"/committees/{committee.pk}/seats/3/register/", evaluator_post(academic_rank="lecturer")
    )
    assert response.status_code == 422
    assert "ดร.มานพ มหาวิทยาลัย มีตำแหน่งทางวิชาการอาจารย์ ต่ำกว่าที่กำหนด (ไม่ต่ำกว่าผู้ช่วยศาสตราจารย์)" in page(response)
    assert counts() == before
    assert not Person.objects.filter(first_name="มานพ").exists()


def test_registering_a_qualified_lecturer_creates_the_account_and_offers_the_seat(cast: Cast) -> None:
    committee = new_committee(cast)
    response = logged_in(cast.user("director")).post(
        f"/committees/{committee.pk}/seats/3/register/",
        evaluator_post(academic_rank="associate_professor", email="manop@example.ac.th"),
    )
    assert response.status_code == 200
    person = Person.objects.get(first_name="มานพ")
    assert (person.prefix, person.academic_rank, person.organisation) == (
        "ดร.",
        "associate_professor",
        "มหาวิทยาลัยนเรศวร",
    )
    assert "รหัสผ่านชั่วคราว" in page(response)
    assert make_national_id(9001) not in page(response)
    seat = held(committee, 3)
    assert seat is not None
    assert (seat.person, seat.qualification, seat.status) == (person, "lecturer", Seat.Status.PENDING)
    roles = list(Membership.objects.filter(user=person.user).values_list("role", "evaluator_kind"))
    assert roles == [(Role.EXTERNAL_EVALUATOR, "lecturer")]


def test_a_national_id_already_registered_is_used_only_when_the_form_says_so(cast: Cast) -> None:
    committee = new_committee(cast)
    known_id = make_national_id(9002)
    colleague = make_person(
        school=cast.school,
        first_name="สมชาย",
        last_name="ร่วมโรงเรียน",
        standing="senior_professional",
        national_id_value=known_id,
    )
    client = logged_in(cast.user("director"))
    url = f"/committees/{committee.pk}/seats/2/register/"
    form = evaluator_post(national_id=known_id, qualification="other_school_teacher", position=Position.TEACHER)
    before = counts()
    response = client.post(url, form)
    assert response.status_code == 422
    assert "มีบุคคลที่ใช้เลขประจำตัวประชาชนนี้ในระบบแล้ว หากเป็นบุคคลเดียวกัน" in page(response)
    # Used as the existing person: a teacher of the same school is refused as a teacher of another school.
    response = client.post(url, {**form, "use_existing": "on"})
    assert response.status_code == 422
    assert f"{colleague.full_name} สังกัดโรงเรียนเดียวกับผู้รับการประเมิน" in page(response)
    assert counts() == before


def test_an_existing_person_is_appointed_through_the_register_form(cast: Cast) -> None:
    committee = new_committee(cast)
    known_id = make_national_id(9003)
    peer = make_person(
        school=cast.other_school,
        first_name="ศรีสุดา",
        last_name="ต่างโรงเรียน",
        standing="expert",
        national_id_value=known_id,
    )
    response = logged_in(cast.user("director")).post(
        f"/committees/{committee.pk}/seats/2/register/",
        evaluator_post(national_id=known_id, qualification="other_school_teacher", use_existing="on"),
    )
    assert (response.status_code, response["Location"]) == (302, f"/committees/{committee.pk}/")
    seat = held(committee, 2)
    assert seat is not None
    assert (seat.person, seat.qualification) == (peer, "other_school_teacher")
    assert Person.objects.filter(first_name="มานพ").count() == 0


def test_candidates_are_searched_by_thai_name_without_full_national_ids(cast: Cast) -> None:
    committee = new_committee(cast)
    client = logged_in(cast.user("director"))
    everyone = page(client.get(f"/committees/{committee.pk}/candidates/?seat=2&q="))
    for person in (cast.supervisor, cast.lecturer, cast.other_school_teacher):
        assert person.full_name in everyone
    # Not the school's own teacher, not a ครูชำนาญการ of another school, not the director already seated.
    for person in (cast.teacher, cast.outsider, cast.director):
        assert person.full_name not in everyone
    assert not re.search(r"\d{13}|\d-\d{4}-\d{5}-\d{2}-\d", everyone)
    assert cast.supervisor.national_id_masked in everyone
    assert "<html" not in everyone  # a fragment for htmx to swap in
    found = page(client.get(f"/committees/{committee.pk}/candidates/?seat=2&q=นิเทศ"))
    assert cast.supervisor.full_name in found
    assert cast.lecturer.full_name not in found
    assert "ไม่พบผู้ที่แต่งตั้งได้ชื่อ “ไม่มีชื่อนี้”" in page(client.get(f"/committees/{committee.pk}/candidates/?seat=2&q=ไม่มีชื่อนี้"))


def test_lazy_expiry_frees_an_unanswered_seat_for_a_new_appointment(cast: Cast) -> None:
    committee = new_committee(cast)
    seat = appoint(cast, committee, 2, cast.supervisor, "supervisor")
    Seat.objects.filter(pk=seat.pk).update(respond_by=timezone.now() - timedelta(hours=1))
    client = logged_in(cast.user("director"))
    detail = page(client.get(f"/committees/{committee.pk}/"))
    assert Seat.objects.get(pk=seat.pk).status == Seat.Status.EXPIRED
    assert f"{cast.supervisor.full_name} · ไม่ตอบรับภายในกำหนด" in detail
    assert f'action="/committees/{committee.pk}/seats/2/appoint/"' in detail
    response = client.post(
        f"/committees/{committee.pk}/seats/2/appoint/", {"person": cast.other_school_teacher.pk, "qualification": ""}
    )
    assert response.status_code == 302
    new_seat = held(committee, 2)
    assert new_seat is not None
    assert (new_seat.person, new_seat.qualification) == (cast.other_school_teacher, "other_school_teacher")


def test_removing_a_member_needs_a_reason(cast: Cast) -> None:
    committee = new_committee(cast)
    seat = appoint(cast, committee, 2, cast.supervisor, "supervisor")
    client = logged_in(cast.user("director"))
    response = client.post(f"/committees/seats/{seat.pk}/remove/", {"reason": "  "})
    assert response.status_code == 422
    assert "กรุณาระบุเหตุผลที่เปลี่ยนตัวกรรมการ" in page(response)
    assert Seat.objects.get(pk=seat.pk).status == Seat.Status.PENDING
    response = client.post(f"/committees/seats/{seat.pk}/remove/", {"reason": "ติดราชการต่างประเทศ"})
    assert response.status_code == 302
    assert (Seat.objects.get(pk=seat.pk).status, Seat.objects.get(pk=seat.pk).response_note) == (
        Seat.Status.REMOVED,
        "ติดราชการต่างประเทศ",
    )


# --- who may do what ------------------------------------------------------------------------------------


def test_people_outside_the_committee_get_404_for_everything(cast: Cast) -> None:
    round_ = round_for(cast)
    committee = round_.committee
    seat = round_.seat(2)
    for name in ("outsider", "other_area_officer", "teacher", "lecturer"):
        client = logged_in(cast.user(name))
        assert client.get(f"/committees/{committee.pk}/").status_code == 404, name
        assert client.get(f"/committees/{committee.pk}/candidates/?seat=2").status_code == 404, name
        assert client.post(f"/committees/{committee.pk}/assign/", {"agreement": [1]}).status_code == 404, name
        assert client.post(f"/committees/seats/{seat.pk}/remove/", {"reason": "x"}).status_code == 404, name
        assert client.post(f"/committees/{committee.pk}/publish/", {"all": "1"}).status_code == 404, name
        assert "คณะกรรมการกลุ่มสาระภาษาไทย" not in page(
            client.get(f"/schools/{cast.school.pk}/committees/?year={YEAR}")
        ), name


def test_a_member_sees_the_committee_but_may_not_appoint_assign_remove_or_publish(cast: Cast) -> None:
    round_ = round_for(cast)
    committee = round_.committee
    for number in (1, 2, 3):
        score(cast, round_, number)
    client = logged_in(cast.user("supervisor"))
    detail = page(client.get(f"/committees/{committee.pk}/"))
    assert cast.teacher.full_name in detail
    for form in ("/appoint/", "/register/", "/remove/", "/assign/", "/publish/", "/reopen/", "/unassign/"):
        assert form not in detail, form
    seat = round_.seat(3)
    assert client.post(f"/committees/seats/{seat.pk}/remove/", {"reason": "x"}).status_code == 403
    assert client.post(f"/committees/{committee.pk}/assign/", {"bulk": "1", "learning_area": "thai"}).status_code == 403
    assert client.post(f"/committees/{committee.pk}/publish/", {"all": "1"}).status_code == 403
    assert Evaluation.objects.get(pk=round_.evaluation.pk).published_at is None


def test_area_staff_see_the_committee_and_appoint_a_substitute_chair_only_when_the_chair_is_vacant(
    cast: Cast,
) -> None:
    round_ = round_for(cast)
    committee = round_.committee
    other_director = make_person(
        school=cast.other_school,
        role=Role.DIRECTOR,
        first_name="บุญชัย",
        last_name="ผอ.ข้างเคียง",
        position=Position.DIRECTOR,
        standing="senior_professional",
    )
    officer = logged_in(cast.user("area_officer"))
    detail = page(officer.get(f"/committees/{committee.pk}/"))
    assert cast.teacher.full_name in detail
    for form in ("/appoint/", "/register/", "/remove/", "/assign/", "/publish/", "/unassign/"):
        assert form not in detail, form
    appoint_chair = f"/committees/{committee.pk}/seats/1/appoint/"
    assert officer.post(appoint_chair, {"person": other_director.pk}).status_code == 403
    assert (
        officer.post(f"/committees/{committee.pk}/assign/", {"bulk": "1", "learning_area": "thai"}).status_code == 403
    )
    # The director cannot evaluate and steps down: the chair goes back to the area office to fill.
    director = logged_in(cast.user("director"))
    director.post(f"/committees/seats/{round_.seat(1).pk}/remove/", {"reason": "ลาป่วย"})
    detail = page(officer.get(f"/committees/{committee.pk}/"))
    assert f'action="{appoint_chair}"' in detail
    assert f'action="/committees/{committee.pk}/seats/2/appoint/"' not in detail
    assert "/register/" not in detail
    candidates = page(officer.get(f"/committees/{committee.pk}/candidates/?seat=1"))
    assert other_director.full_name in candidates
    assert cast.other_school_teacher.full_name not in candidates
    assert officer.get(f"/committees/{committee.pk}/candidates/?seat=2").status_code == 403
    response = officer.post(appoint_chair, {"person": other_director.pk})
    assert response.status_code == 302
    chair = held(committee, 1)
    assert chair is not None
    assert (chair.person, chair.kind, chair.status) == (other_director, Seat.Kind.SUBSTITUTE_CHAIR, Seat.Status.PENDING)


def test_the_school_admin_account_sees_the_committee_but_acts_on_nothing(cast: Cast) -> None:
    committee = new_committee(cast)
    client = logged_in(cast.user("school_admin"))
    detail = page(client.get(f"/committees/{committee.pk}/"))
    assert "/appoint/" not in detail
    assert "/assign/" not in detail
    response = client.post(f"/committees/{committee.pk}/seats/2/appoint/", {"person": cast.supervisor.pk})
    assert response.status_code == 403
    assert held(committee, 2) is None


# --- teachers on the committee --------------------------------------------------------------------------


def test_the_director_assigns_one_teacher_then_a_learning_area_then_takes_one_off(cast: Cast) -> None:
    committee = new_committee(cast)
    maths = [
        make_person(school=cast.school, first_name=name, last_name="เลขดี", learning_area="mathematics")
        for name in ("กมล", "ขวัญ")
    ]
    own = draft_agreement(cast, cast.teacher)
    maths_agreements = [draft_agreement(cast, teacher) for teacher in maths]
    client = logged_in(cast.user("director"))
    detail = page(client.get(f"/committees/{committee.pk}/"))
    assert f'value="{own.pk}"' in detail
    response = client.post(f"/committees/{committee.pk}/assign/", {"agreement": [own.pk]})
    assert response.status_code == 302
    assert set(Evaluation.objects.values_list("agreement_id", flat=True)) == {own.pk}
    response = client.post(f"/committees/{committee.pk}/assign/", {"bulk": "1", "learning_area": "mathematics"})
    assert response.status_code == 302
    assert set(Evaluation.objects.values_list("agreement_id", flat=True)) == {own.pk, *(a.pk for a in maths_agreements)}
    response = client.post(f"/committees/{committee.pk}/assign/", {"bulk": "1", "learning_area": "mathematics"})
    assert response.status_code == 422
    assert "ไม่มีครูกลุ่มสาระคณิตศาสตร์ที่ยังไม่มีคณะกรรมการ" in page(response)
    evaluation = Evaluation.objects.get(agreement=own)
    response = client.post(f"/committees/{committee.pk}/evaluations/{evaluation.pk}/unassign/")
    assert response.status_code == 302
    assert set(Evaluation.objects.values_list("agreement_id", flat=True)) == {a.pk for a in maths_agreements}


def test_assigning_a_member_as_a_teacher_is_refused_with_the_reason(cast: Cast) -> None:
    committee = new_committee(cast)
    appoint(cast, committee, 2, cast.other_school_teacher, "other_school_teacher")
    colleague = make_person(school=cast.school, first_name="วันดี", last_name="ครูในโรงเรียน")
    agreement = draft_agreement(cast, colleague)
    second = new_committee(cast, "คณะที่สอง")
    client = logged_in(cast.user("director"))
    client.post(f"/committees/{second.pk}/assign/", {"agreement": [agreement.pk]})
    response = client.post(f"/committees/{committee.pk}/assign/", {"agreement": [agreement.pk]})
    assert response.status_code == 422
    assert f"{colleague.full_name} มีคณะกรรมการประเมินแล้ว" in page(response)
    assert Evaluation.objects.get(agreement=agreement).committee == second
    response = client.post(f"/committees/{committee.pk}/assign/", {})
    assert response.status_code == 422
    assert "กรุณาเลือกครูอย่างน้อย 1 คน" in page(response)


# --- reopening and publishing ---------------------------------------------------------------------------


def reopen_url(round_: Round, number: int) -> str:
    return f"/committees/{round_.committee.pk}/evaluations/{round_.evaluation.pk}/seats/{number}/reopen/"


def test_the_page_counts_submitted_sheets_without_showing_scores(cast: Cast) -> None:
    round_ = round_for(cast)
    score(cast, round_, 2)
    detail = page(logged_in(cast.user("director")).get(f"/committees/{round_.committee.pk}/"))
    assert "1 จาก 3" in detail
    assert "คนที่ 2 ส่งแล้ว" in detail
    assert "รอประเมิน" in detail
    teachers = detail[detail.index('id="h-teachers"') :].split("</section>")[0]
    assert not re.search(r"\b75(\.00)?\b", teachers)
    assert "ผ่านเกณฑ์" not in detail


def test_reopening_a_sheet_needs_a_reason_and_is_audited(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2)
    client = logged_in(cast.user("director"))
    detail = page(client.get(f"/committees/{round_.committee.pk}/"))
    assert f'action="{reopen_url(round_, 2)}"' in detail
    assert f'action="{reopen_url(round_, 3)}"' not in detail  # seat 3 has not submitted
    response = client.post(reopen_url(round_, 2), {"reason": ""})
    assert response.status_code == 422
    assert "กรุณาระบุเหตุผลที่เปิดแบบประเมินให้แก้ไข" in page(response)
    assert ScoreSheet.objects.get(pk=sheet.pk).state == ScoreSheet.State.SUBMITTED
    response = client.post(reopen_url(round_, 2), {"reason": "ตัวชี้วัด 1.3 เลือกระดับผิด"})
    assert response.status_code == 302
    assert ScoreSheet.objects.get(pk=sheet.pk).state == ScoreSheet.State.DRAFT
    entry = AuditEntry.objects.get(action="sheet.reopened")
    assert (entry.target_id, entry.data["reason"]) == (str(sheet.pk), "ตัวชี้วัด 1.3 เลือกระดับผิด")
    assert logged_in(cast.user("supervisor")).post(reopen_url(round_, 3), {"reason": "x"}).status_code == 404


def test_a_member_may_not_reopen_a_sheet(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 3)
    response = logged_in(cast.user("supervisor")).post(reopen_url(round_, 3), {"reason": "ขอแก้ให้"})
    assert response.status_code == 403
    assert ScoreSheet.objects.get(pk=sheet.pk).state == ScoreSheet.State.SUBMITTED


def test_results_are_published_only_once_all_three_sheets_are_in(cast: Cast) -> None:
    round_ = round_for(cast)
    committee = round_.committee
    client = logged_in(cast.user("director"))
    score(cast, round_, 1)
    score(cast, round_, 2)
    assert "/publish/" not in page(client.get(f"/committees/{committee.pk}/"))
    response = client.post(f"/committees/{committee.pk}/publish/", {"all": "1"})
    assert response.status_code == 302
    assert Evaluation.objects.get(pk=round_.evaluation.pk).published_at is None
    teacher = logged_in(cast.user("teacher"))
    assert teacher.get(f"/evaluations/{round_.evaluation.pk}/result/").status_code == 404
    score(cast, round_, 3)
    detail = page(client.get(f"/committees/{committee.pk}/"))
    assert f'action="/committees/{committee.pk}/publish/"' in detail
    assert "ประเมินครบ รอประกาศผล · <strong>ผ่านเกณฑ์</strong>" in detail
    assert f'href="/evaluations/{round_.evaluation.pk}/sheet/"' in detail  # the director's own sheet (seat 1)
    response = client.post(f"/committees/{committee.pk}/publish/", {"evaluation": [round_.evaluation.pk]})
    assert response.status_code == 302
    assert Evaluation.objects.get(pk=round_.evaluation.pk).published_at is not None
    assert teacher.get(f"/evaluations/{round_.evaluation.pk}/result/").status_code == 200
    detail = page(client.get(f"/committees/{committee.pk}/"))
    assert "ประกาศผลแล้ว · <strong>ผ่านเกณฑ์</strong>" in detail
    assert "/reopen/" not in detail
    assert "/appoint/" not in detail  # a published committee is closed
    assert "/remove/" not in detail


# --- queries --------------------------------------------------------------------------------------------


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["list", "detail"])
def test_the_pages_do_not_grow_queries_with_more_rows(cast: Cast, path: str) -> None:
    committee = new_committee(cast, "คณะที่ 0")
    client = logged_in(cast.user("director"))
    url = f"/schools/{cast.school.pk}/committees/" if path == "list" else f"/committees/{committee.pk}/"
    teachers = [make_person(school=cast.school, first_name=f"ครู{n}", last_name="ทดสอบ") for n in range(3)]
    agreements = [draft_agreement(cast, teacher) for teacher in teachers]

    def add(index: int) -> None:
        if path == "list":
            other = new_committee(cast, f"คณะที่ {index + 1}")
            appoint(cast, other, 2, cast.supervisor, "supervisor")
        client.post(f"/committees/{committee.pk}/assign/", {"agreement": [agreements[index].pk]})

    add(0)
    one = queries(client, url)
    add(1)
    add(2)
    assert queries(client, url) == one
