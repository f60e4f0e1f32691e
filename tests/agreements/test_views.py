"""The agreement pages through the test client: the teacher's steps, autosave, submission, the director's review."""

from __future__ import annotations

import re
from typing import Any

import pytest

from agreements.models import Agreement, AgreementSection
from agreements.services import agreement_start, agreement_submit, section_save
from audit.models import AuditEntry
from rounds.models import FiscalYear
from rounds.services import fiscal_year_open
from tests.agreements.factories import complete_sections
from tests.conftest import Cast, logged_in, make_person
from thaitext import be_datetime

HTMX = {"HX-Request": "true"}


@pytest.fixture
def year(db: Any, settings: Any) -> FiscalYear:
    from django.utils import timezone

    from rulebook import fiscal_year_of

    return fiscal_year_open(actor=None, year=fiscal_year_of(timezone.localdate()))


@pytest.fixture
def agreement(cast: Cast, year: FiscalYear) -> Agreement:
    return agreement_start(actor=cast.user("teacher"), teacher=cast.teacher, fiscal_year=year)


def fill(cast: Cast, agreement: Agreement) -> None:
    for key, body in complete_sections(agreement.fiscal_year.edition).items():
        section_save(actor=cast.user("teacher"), agreement=agreement, key=key, body=body, base_revision=0)


def test_the_teacher_starts_this_years_agreement_from_the_home_page(cast: Cast, year: FiscalYear) -> None:
    client = logged_in(cast.user("teacher"))
    home = client.get("/teacher/").content.decode()
    assert f"จัดทำข้อตกลง ปีงบประมาณ พ.ศ. {year.year}" in home
    response = client.post("/agreements/start/")
    agreement = Agreement.objects.get(teacher=cast.teacher)
    assert (response.status_code, response["Location"]) == (302, f"/agreements/{agreement.pk}/step/1/")
    assert "เขียนข้อตกลงต่อ" in client.get("/teacher/").content.decode()


def test_an_assistant_teacher_gets_the_explanation_and_no_start_button(cast: Cast, year: FiscalYear) -> None:
    assistant = make_person(school=cast.school, first_name="ใหม่", standing="assistant", position="assistant_teacher")
    page = logged_in(assistant.user).get("/teacher/").content.decode()
    assert "ครูผู้ช่วยยังไม่ต้องจัดทำข้อตกลงในการพัฒนางาน (PA)" in page
    assert "/agreements/start/" not in page


@pytest.mark.parametrize("step", [1, 2, 3, 4])
def test_each_step_shows_its_part_to_the_teacher_and_nothing_to_an_outsider(
    cast: Cast, agreement: Agreement, step: int
) -> None:
    page = logged_in(cast.user("teacher")).get(f"/agreements/{agreement.pk}/step/{step}/").content.decode()
    expected = {
        1: "ห้องเรียนวิชาสามัญหรือวิชาพื้นฐาน",
        2: "ชั่วโมงสอนตามตารางสอน",
        3: "1.1 สร้างและหรือพัฒนาหลักสูตร",
        4: "ระดับการปฏิบัติที่คาดหวัง คือ การแก้ไขปัญหา",
    }[step]
    assert expected in page
    assert 'aria-current="step"' in page
    response = logged_in(cast.user("outsider")).get(f"/agreements/{agreement.pk}/step/{step}/")
    assert response.status_code == 404
    assert cast.teacher.full_name not in response.content.decode()


def test_part_one_shows_the_expected_level_of_the_teachers_standing_beside_every_indicator(
    cast: Cast, agreement: Agreement
) -> None:
    page = logged_in(cast.user("teacher")).get(f"/agreements/{agreement.pk}/step/3/").content.decode()
    assert page.count("ระดับการปฏิบัติที่คาดหวัง: <strong>แก้ไขปัญหา</strong>") == 15


def test_autosave_saves_and_returns_the_new_revision(cast: Cast, agreement: Agreement) -> None:
    client = logged_in(cast.user("teacher"))
    body = {"tasks": "ออกแบบหน่วยการเรียนรู้ 😀 ผู้เรียน", "outcomes": "", "change_indicators": "", "revision": "0"}
    response = client.post(f"/agreements/{agreement.pk}/sections/indicator:1.1/", body, headers=HTMX)
    assert response.status_code == 200
    assert 'value="1" id="rev-section-indicator-1-1" hx-swap-oob="true"' in response.content.decode()
    section = AgreementSection.objects.get(agreement=agreement, key="indicator:1.1")
    assert (section.revision, section.content["tasks"]) == (1, "ออกแบบหน่วยการเรียนรู้ 😀 ผู้เรียน")


def test_a_stale_autosave_is_refused_and_shows_the_newer_text_without_overwriting_it(
    cast: Cast, agreement: Agreement
) -> None:
    first, second = logged_in(cast.user("teacher")), logged_in(cast.user("teacher"))
    url = f"/agreements/{agreement.pk}/sections/challenge/"
    first.post(url, {"title": "ฉบับแท็บแรก", "revision": "0"}, headers=HTMX)
    response = second.post(url, {"title": "ฉบับแท็บที่สอง", "revision": "0"}, headers=HTMX)
    assert response.status_code == 409
    page = response.content.decode()
    assert "ส่วนนี้ถูกแก้ไขจากที่อื่นหลังจากคุณเปิดหน้านี้" in page
    assert "ฉบับแท็บแรก" in page
    assert AgreementSection.objects.get(agreement=agreement, key="challenge").content["title"] == "ฉบับแท็บแรก"


def test_invalid_workload_hours_are_refused_with_a_thai_message_and_nothing_is_saved(
    cast: Cast, agreement: Agreement
) -> None:
    client = logged_in(cast.user("teacher"))
    body = {
        "item_category": ["teaching"],
        "item_code": ["ค21101"],
        "item_name": ["คณิตศาสตร์"],
        "item_hours": ["-3"],
        "revision": "0",
    }
    response = client.post(f"/agreements/{agreement.pk}/sections/workload/", body, headers=HTMX)
    assert response.status_code == 422
    assert "จำนวนชั่วโมงต้องเป็นตัวเลขตั้งแต่ 0 ขึ้นไป" in response.content.decode()
    assert not AgreementSection.objects.filter(agreement=agreement, key="workload").exists()


def test_the_workload_check_is_shown_live_with_the_reason(cast: Cast, agreement: Agreement) -> None:
    client = logged_in(cast.user("teacher"))
    body = {"item_category": ["teaching"], "item_code": [""], "item_name": ["คณิตศาสตร์"], "item_hours": ["10"]}
    response = client.post(f"/agreements/{agreement.pk}/sections/workload/", {**body, "revision": "0"}, headers=HTMX)
    assert "ชั่วโมงสอนรวม 10 ชั่วโมง/สัปดาห์ ต่ำกว่าเกณฑ์ 12" in response.content.decode()


def test_a_plain_form_post_without_javascript_saves_and_returns_to_the_step(cast: Cast, agreement: Agreement) -> None:
    response = logged_in(cast.user("teacher")).post(
        f"/agreements/{agreement.pk}/sections/classroom/", {"types": ["general", "special_education"], "revision": "0"}
    )
    assert (response.status_code, response["Location"]) == (302, f"/agreements/{agreement.pk}/step/1/")
    saved = AgreementSection.objects.get(agreement=agreement, key="classroom").content
    assert saved == {"types": ["general", "special_education"]}


def test_submitting_an_unfinished_agreement_lists_each_missing_field_with_a_link(
    cast: Cast, agreement: Agreement
) -> None:
    response = logged_in(cast.user("teacher")).post(f"/agreements/{agreement.pk}/submit/")
    assert response.status_code == 422
    page = response.content.decode()
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', page)
    assert len(links) == 1 + 3 + 15 * 3 + 5
    assert links[0] == (
        f"/agreements/{agreement.pk}/step/1/#section-classroom",
        "ประเภทห้องเรียน · ประเภทห้องเรียน: กรุณากรอก",
    )
    assert (
        f"/agreements/{agreement.pk}/step/3/#section-indicator-1-1",
        "ตัวชี้วัด 1.1 สร้างและหรือพัฒนาหลักสูตร · งาน: กรุณากรอก",
    ) in links
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.DRAFT


def test_submission_records_when_the_request_arrived(cast: Cast, agreement: Agreement, monkeypatch: Any) -> None:
    from datetime import UTC, datetime

    from django.utils import timezone

    fill(cast, agreement)
    client = logged_in(cast.user("teacher"))
    arrival = datetime(2026, 10, 31, 16, 59, 59, tzinfo=UTC)
    later = datetime(2026, 10, 31, 17, 0, 5, tzinfo=UTC)
    moments = iter([arrival, later, later, later, later, later])
    # The clock moves on while the server works: the first reading is the request's arrival.
    monkeypatch.setattr(timezone, "now", lambda: next(moments, later))
    response = client.post(f"/agreements/{agreement.pk}/submit/")
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.state, agreement.submitted_at) == (Agreement.State.SUBMITTED, arrival)


def test_the_director_returns_with_a_comment_then_approves_the_resubmission(cast: Cast, agreement: Agreement) -> None:
    from django.utils import timezone

    fill(cast, agreement)
    agreement_submit(actor=cast.user("teacher"), agreement=agreement, requested_at=timezone.now())
    director = logged_in(cast.user("director"))
    queue = director.get(f"/schools/{cast.school.pk}/agreements/").content.decode()
    assert f'href="/agreements/{agreement.pk}/review/"' in queue
    response = director.post(f"/agreements/{agreement.pk}/review/", {"decision": "return", "comment": ""})
    assert response.status_code == 422
    assert "กรุณาระบุข้อเสนอแนะ" in response.content.decode()
    director.post(
        f"/agreements/{agreement.pk}/review/",
        {"decision": "return", "comment": "", "comment_challenge": "เพิ่มตัวเลขเป้าหมาย"},
    )
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.RETURNED
    teacher = logged_in(cast.user("teacher"))
    assert "เพิ่มตัวเลขเป้าหมาย" in teacher.get(f"/agreements/{agreement.pk}/step/4/").content.decode()
    teacher.post(
        f"/agreements/{agreement.pk}/sections/challenge/",
        {
            "title": "ใหม่",
            "problem": "ก",
            "method": "ข",
            "quantitative": "ร้อยละ 80",
            "qualitative": "ง",
            "revision": "1",
        },
        headers=HTMX,
    )
    assert teacher.post(f"/agreements/{agreement.pk}/submit/").status_code == 302
    director.post(f"/agreements/{agreement.pk}/review/", {"decision": "approve", "comment": "เห็นชอบ"})
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.APPROVED
    versions = teacher.get(f"/agreements/{agreement.pk}/versions/").content.decode()
    assert "ฉบับที่ 2 เทียบกับฉบับที่ 1" in versions
    assert "<ins>ร้อยละ 80</ins>" in versions
    locked = teacher.post(
        f"/agreements/{agreement.pk}/sections/challenge/", {"title": "แก้", "revision": "2"}, headers=HTMX
    )
    assert locked.status_code == 403


def test_only_the_director_of_the_school_may_review(cast: Cast, agreement: Agreement) -> None:
    from django.utils import timezone

    fill(cast, agreement)
    agreement_submit(actor=cast.user("teacher"), agreement=agreement, requested_at=timezone.now())
    assert logged_in(cast.user("teacher")).get(f"/agreements/{agreement.pk}/review/").status_code == 403
    assert logged_in(cast.user("school_admin")).get(f"/agreements/{agreement.pk}/review/").status_code == 403
    assert logged_in(cast.user("outsider")).get(f"/agreements/{agreement.pk}/review/").status_code == 404
    assert logged_in(cast.user("director")).get(f"/agreements/{agreement.pk}/review/").status_code == 200


def test_the_school_admin_account_types_for_a_teacher_and_the_record_shows_it(cast: Cast, year: FiscalYear) -> None:
    admin = logged_in(cast.school_admin)
    listing = admin.get(f"/schools/{cast.school.pk}/agreements/").content.decode()
    assert cast.teacher.full_name in listing
    assert "จัดทำแทนครู" in listing
    response = admin.post(f"/schools/{cast.school.pk}/agreements/start/", {"teacher": cast.teacher.pk})
    agreement = Agreement.objects.get(teacher=cast.teacher)
    assert response["Location"] == f"/agreements/{agreement.pk}/step/1/"
    admin.post(f"/agreements/{agreement.pk}/sections/classroom/", {"types": ["general"], "revision": "0"}, headers=HTMX)
    page = logged_in(cast.user("teacher")).get(f"/agreements/{agreement.pk}/step/1/").content.decode()
    section = AgreementSection.objects.get(agreement=agreement, key="classroom")
    assert f"บันทึกล่าสุดโดย {cast.school_admin} เมื่อ {be_datetime(section.updated_at)} (กรอกแทนครู)" in page
    assert AuditEntry.objects.filter(action="agreement.section_saved", actor=cast.school_admin).count() == 1


def test_a_school_admin_of_another_school_cannot_start_for_our_teacher(cast: Cast, year: FiscalYear) -> None:
    from org.models import Role, User
    from tests.conftest import grant

    other_admin = User.objects.create_user(cast.other_school.code, "x-password-123")
    grant(other_admin, Role.SCHOOL_ADMIN, school=cast.other_school)
    response = logged_in(other_admin).post(f"/schools/{cast.school.pk}/agreements/start/", {"teacher": cast.teacher.pk})
    assert response.status_code == 404
    assert not Agreement.objects.exists()


def test_an_approved_agreement_is_amended_only_with_a_reason_and_the_directors_new_approval(
    cast: Cast, agreement: Agreement
) -> None:
    from django.utils import timezone

    from agreements.services import agreement_decide

    fill(cast, agreement)
    agreement_submit(actor=cast.user("teacher"), agreement=agreement, requested_at=timezone.now())
    agreement_decide(director=cast.user("director"), agreement=agreement, approve=True)
    teacher = logged_in(cast.user("teacher"))
    assert "ขอแก้ไขข้อตกลงที่เห็นชอบแล้ว" in teacher.get(f"/agreements/{agreement.pk}/step/1/").content.decode()
    teacher.post(f"/agreements/{agreement.pk}/amend/", {"reason": " "})
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.APPROVED
    teacher.post(f"/agreements/{agreement.pk}/amend/", {"reason": "ย้ายไปสอนรายวิชาใหม่ภาคเรียนที่ 2"})
    agreement.refresh_from_db()
    assert (agreement.state, agreement.amendment_reason) == (
        Agreement.State.AMENDING,
        "ย้ายไปสอนรายวิชาใหม่ภาคเรียนที่ 2",
    )
    url = f"/agreements/{agreement.pk}/sections/workload/"
    body = {"item_category": ["teaching"], "item_code": [""], "item_name": ["วิชาใหม่"], "item_hours": ["16"]}
    assert teacher.post(url, {**body, "revision": "1"}, headers=HTMX).status_code == 200
    assert teacher.post(f"/agreements/{agreement.pk}/submit/").status_code == 422  # other workload categories now empty
    assert list(agreement.versions.values_list("number", "decision__outcome")) == [(1, "approved")]
    assert AuditEntry.objects.filter(action="agreement.amendment_started").count() == 1


def test_the_director_cannot_reopen_an_approved_agreement_for_the_teacher(cast: Cast, agreement: Agreement) -> None:
    from django.utils import timezone

    from agreements.services import agreement_decide

    fill(cast, agreement)
    agreement_submit(actor=cast.user("teacher"), agreement=agreement, requested_at=timezone.now())
    agreement_decide(director=cast.user("director"), agreement=agreement, approve=True)
    response = logged_in(cast.user("director")).post(f"/agreements/{agreement.pk}/amend/", {"reason": "ลอง"})
    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.state == Agreement.State.APPROVED


def test_an_indicator_plan_split_by_the_two_semesters_of_the_fiscal_year(cast: Cast, agreement: Agreement) -> None:
    from rulebook import semesters_of_fiscal_year

    first, second = semesters_of_fiscal_year(agreement.fiscal_year.year)
    client = logged_in(cast.user("teacher"))
    before = client.get(f"/agreements/{agreement.pk}/step/3/").content.decode()
    assert 'name="sem-0-tasks"' not in before  # the semesters' fields appear only once asked for
    body = {"by_semester": "on", "sem-0-tasks": "งานภาคเรียนแรก", "sem-1-tasks": "งานภาคเรียนหลัง", "revision": "0"}
    ticked = client.post(f"/agreements/{agreement.pk}/sections/indicator:2.1/", body, headers=HTMX)
    assert ticked.status_code == 200
    assert '<div id="section-indicator-2-1-terms" hx-swap-oob="true">' in ticked.content.decode()
    assert ticked.content.decode().count("<textarea") == 6
    saved = AgreementSection.objects.get(agreement=agreement, key="indicator:2.1").content
    assert saved["by_semester"] is True
    assert {label: plan["tasks"] for label, plan in saved["semesters"].items()} == {
        first: "งานภาคเรียนแรก",
        second: "งานภาคเรียนหลัง",
    }
    page = client.get(f"/agreements/{agreement.pk}/step/3/").content.decode()
    assert f"ภาคเรียนที่ {first}" in page
    assert "งานภาคเรียนหลัง</textarea>" in page
    problems = client.post(f"/agreements/{agreement.pk}/submit/").content.decode()
    expected = f"ตัวชี้วัด 2.1 จัดทำข้อมูลสารสนเทศของผู้เรียนและรายวิชา · ผลลัพธ์ (ภาคเรียนที่ {first}): กรุณากรอก"
    assert expected in problems


def test_the_school_list_filters_by_state_including_not_started(cast: Cast, agreement: Agreement) -> None:
    second = make_person(school=cast.school, first_name="กมล", last_name="ยังไม่เริ่ม")
    director = logged_in(cast.user("director"))
    drafts = director.get(f"/schools/{cast.school.pk}/agreements/?state=draft").content.decode()
    assert cast.teacher.full_name in drafts
    assert second.full_name not in drafts
    not_started = director.get(f"/schools/{cast.school.pk}/agreements/?state=not_started").content.decode()
    assert second.full_name in not_started
    assert cast.teacher.full_name not in not_started


@pytest.mark.parametrize("count", [1, 3])
def test_the_school_agreement_list_costs_the_same_at_1_and_3_agreements(
    cast: Cast, year: FiscalYear, django_assert_num_queries: Any, count: int
) -> None:
    for index in range(count):
        teacher = make_person(school=cast.school, first_name=f"ครูคนที่{index}", last_name="ทดสอบ")
        agreement_start(actor=cast.user("director"), teacher=teacher, fiscal_year=year)
    client = logged_in(cast.user("director"))
    # session, user, memberships, school, fiscal year, teachers without an agreement, agreements
    with django_assert_num_queries(7):
        page = client.get(f"/schools/{cast.school.pk}/agreements/").content.decode()
    assert page.count("ทดสอบ</td>") == count
