"""Starting, saving, submitting and deciding an agreement (PA 1), with the named cast."""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation

from agreements.content import CHALLENGE_FIELDS, PLAN_FIELDS, Problem
from agreements.models import Agreement, AgreementSection, AgreementVersion, ReviewDecision
from agreements.services import (
    IncompleteAgreementError,
    InvalidSectionError,
    StaleSectionError,
    agreement_decide,
    agreement_start,
    agreement_submit,
    section_save,
    sections_of,
)
from audit.models import AuditEntry
from org.models import Person, Position, Role, User
from rounds.models import FiscalYear
from rounds.services import fiscal_year_open
from tests.conftest import Cast, make_national_id, make_person

# pytest loads conftest.py under another module name, so this import has its own ID counter: start far away.
_national_ids = itertools.count(820_001)
BANGKOK = ZoneInfo("Asia/Bangkok")
INDICATOR_CODES = [*(f"1.{n}" for n in range(1, 9)), *(f"2.{n}" for n in range(1, 5)), "3.1", "3.2", "3.3"]
THAI_TEXT = "น้ำใจของผู้เรียนที่ดีขึ้น ๑๒ คน 👩🏽‍🏫📚"


def new_person(**fields: Any) -> Person:
    return make_person(national_id_value=make_national_id(next(_national_ids)), **fields)


def plan(text: str = "ทำ") -> dict[str, Any]:
    return {**dict.fromkeys(PLAN_FIELDS, text), "by_semester": False, "semesters": {}}


def complete_sections(teaching_hours: str = "14") -> dict[str, dict[str, Any]]:
    sections: dict[str, dict[str, Any]] = {
        "classroom": {"types": ["general"]},
        "workload": {
            "items": [
                {"category": "teaching", "code": "ท21101", "name": "ภาษาไทย", "hours": teaching_hours},
                {"category": "learning_support", "code": "", "name": "งานทะเบียน", "hours": "4"},
                {"category": "quality_development", "code": "", "name": "งานประกันคุณภาพ", "hours": "3"},
            ]
        },
        "challenge": dict.fromkeys(CHALLENGE_FIELDS, "ข้อความ"),
    }
    sections.update({f"indicator:{code}": plan() for code in INDICATOR_CODES})
    return sections


def revision_of(agreement: Agreement, key: str) -> int:
    section = AgreementSection.objects.filter(agreement=agreement, key=key).first()
    return section.revision if section else 0


def fill(agreement: Agreement, user: User, sections: dict[str, dict[str, Any]]) -> None:
    for key, body in sections.items():
        section_save(actor=user, agreement=agreement, key=key, body=body, base_revision=revision_of(agreement, key))


def actions(agreement: Agreement) -> list[str]:
    entries = AuditEntry.objects.filter(target_type="agreements.agreement", target_id=str(agreement.pk))
    return list(entries.order_by("pk").values_list("action", flat=True))


def reloaded(agreement: Agreement) -> Agreement:
    return Agreement.objects.get(pk=agreement.pk)


def fresh(user: User) -> User:
    """The same login without its cached scope, as the next request would see it."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def year(db: Any) -> FiscalYear:
    return fiscal_year_open(actor=None, year=2570)


@pytest.fixture
def agreement(cast: Cast, year: FiscalYear) -> Agreement:
    return agreement_start(actor=cast.user("teacher"), teacher=cast.teacher, fiscal_year=year)


@pytest.fixture
def submitted(cast: Cast, agreement: Agreement) -> Agreement:
    fill(agreement, cast.user("teacher"), complete_sections())
    agreement_submit(actor=cast.user("teacher"), agreement=agreement, requested_at=timezone.now())
    return reloaded(agreement)


def other_director(cast: Cast) -> User:
    director = new_person(
        school=cast.other_school, role=Role.DIRECTOR, position=Position.DIRECTOR, first_name="สมชาย", prefix="นาย"
    )
    assert director.user is not None
    return director.user


# --- Start ----------------------------------------------------------------------------------------


def test_start_opens_one_agreement_per_teacher_and_year(cast: Cast, year: FiscalYear) -> None:
    first = agreement_start(actor=cast.user("teacher"), teacher=cast.teacher, fiscal_year=year)
    again = agreement_start(actor=cast.user("teacher"), teacher=cast.teacher, fiscal_year=year)
    assert again.pk == first.pk
    assert list(Agreement.objects.values_list("pk", flat=True)) == [first.pk]
    first = reloaded(first)
    assert (first.teacher, first.school, first.fiscal_year, first.state) == (
        cast.teacher,
        cast.school,
        year,
        Agreement.State.DRAFT,
    )
    assert first.created_by == cast.user("teacher")
    assert actions(first) == ["agreement.started"]
    assert AuditEntry.objects.get(action="agreement.started").data == {"fiscal_year": 2570}
    assert sections_of(first) == {}


@pytest.mark.parametrize("actor", ["assistant", "director"])
def test_start_refuses_an_assistant_teacher(cast: Cast, year: FiscalYear, actor: str) -> None:
    assistant = new_person(
        school=cast.school, position=Position.ASSISTANT_TEACHER, standing="assistant", first_name="มานะ"
    )
    user = assistant.user if actor == "assistant" else cast.user("director")
    assert user is not None
    with pytest.raises(ValidationError) as refused:
        agreement_start(actor=user, teacher=assistant, fiscal_year=year)
    assert refused.value.messages == ["ตำแหน่งและวิทยฐานะนี้ยังไม่ต้องจัดทำข้อตกลงในการพัฒนางาน"]
    assert Agreement.objects.count() == 0
    assert AuditEntry.objects.filter(action="agreement.started").count() == 0


@pytest.mark.parametrize("actor", ["other_director", "outsider", "area_officer", "supervisor"])
def test_start_refuses_people_outside_the_teachers_school(cast: Cast, year: FiscalYear, actor: str) -> None:
    user = other_director(cast) if actor == "other_director" else cast.user(actor)
    with pytest.raises(PermissionDenied):
        agreement_start(actor=user, teacher=cast.teacher, fiscal_year=year)
    assert Agreement.objects.count() == 0


def test_the_school_admin_account_may_start_for_a_teacher_of_its_school(cast: Cast, year: FiscalYear) -> None:
    agreement = agreement_start(actor=cast.school_admin, teacher=cast.teacher, fiscal_year=year)
    agreement = reloaded(agreement)
    assert (agreement.teacher, agreement.school, agreement.created_by) == (cast.teacher, cast.school, cast.school_admin)
    assert list(AuditEntry.objects.filter(action="agreement.started").values_list("actor", flat=True)) == [
        cast.school_admin.pk
    ]
    with pytest.raises(PermissionDenied):
        agreement_start(actor=cast.school_admin, teacher=cast.outsider, fiscal_year=year)


def test_starting_next_year_copies_last_years_text_but_not_its_semesters(cast: Cast) -> None:
    teacher = cast.user("teacher")
    last_year = agreement_start(
        actor=teacher, teacher=cast.teacher, fiscal_year=fiscal_year_open(actor=None, year=2569)
    )
    split = {**plan(""), "by_semester": True, "semesters": {"2/2568": plan("ภาคสอง"), "1/2569": plan("ภาคหนึ่ง")}}
    last_sections = {
        "classroom": {"types": ["general", "special_education"]},
        "indicator:1.1": {**plan("ทั้งปี"), "by_semester": False},
        "indicator:1.2": split,
        "challenge": {**dict.fromkeys(CHALLENGE_FIELDS, "ปีที่แล้ว"), "title": THAI_TEXT},
    }
    fill(last_year, teacher, last_sections)
    fill(last_year, teacher, {"indicator:1.1": plan("ทั้งปี ฉบับแก้")})

    this_year = agreement_start(
        actor=teacher, teacher=cast.teacher, fiscal_year=fiscal_year_open(actor=None, year=2570)
    )

    assert sections_of(this_year) == {
        "classroom": {"types": ["general", "special_education"]},
        "indicator:1.1": plan("ทั้งปี ฉบับแก้"),
        "indicator:1.2": {**plan(""), "by_semester": False, "semesters": {}},
        "challenge": {**dict.fromkeys(CHALLENGE_FIELDS, "ปีที่แล้ว"), "title": THAI_TEXT},
    }
    assert set(this_year.sections.values_list("revision", flat=True)) == {0}
    assert sections_of(last_year) == {**last_sections, "indicator:1.1": plan("ทั้งปี ฉบับแก้")}


# --- Saving a section -----------------------------------------------------------------------------


def test_each_save_raises_the_revision(cast: Cast, agreement: Agreement) -> None:
    teacher = cast.user("teacher")
    first = section_save(actor=teacher, agreement=agreement, key="challenge", body={"title": "ร่าง"}, base_revision=0)
    assert first.revision == 1
    second = section_save(
        actor=teacher, agreement=agreement, key="challenge", body={"title": THAI_TEXT}, base_revision=1
    )
    assert second.revision == 2
    stored = AgreementSection.objects.get(agreement=agreement, key="challenge")
    assert (stored.content, stored.revision, stored.updated_by) == ({"title": THAI_TEXT}, 2, teacher)
    assert stored.content["title"] == THAI_TEXT  # combining marks and emoji come back as typed


def test_a_stale_save_is_refused_and_overwrites_nothing(cast: Cast, agreement: Agreement) -> None:
    teachers_text = {"title": "ของครู"}
    admins_text = {"title": "ของผู้ดูแลระบบโรงเรียน"}
    section_save(actor=cast.user("teacher"), agreement=agreement, key="challenge", body=teachers_text, base_revision=0)
    with pytest.raises(StaleSectionError) as stale:
        section_save(actor=cast.school_admin, agreement=agreement, key="challenge", body=admins_text, base_revision=0)
    assert (stale.value.current, stale.value.revision, stale.value.updated_by) == (teachers_text, 1, "นางสาวสมศรี ใจดี")
    stored = AgreementSection.objects.get(agreement=agreement, key="challenge")
    assert (stored.content, stored.revision, stored.updated_by) == ({"title": "ของครู"}, 1, cast.user("teacher"))
    assert admins_text == {"title": "ของผู้ดูแลระบบโรงเรียน"}  # the caller's text is theirs to show again
    assert actions(agreement) == ["agreement.started"]


def test_a_stale_save_of_a_section_nobody_saved_yet_creates_nothing(cast: Cast, agreement: Agreement) -> None:
    with pytest.raises(StaleSectionError) as stale:
        section_save(actor=cast.user("teacher"), agreement=agreement, key="challenge", body={}, base_revision=3)
    assert (stale.value.current, stale.value.revision, stale.value.updated_by) == (
        dict.fromkeys(CHALLENGE_FIELDS, ""),
        0,
        "",
    )
    assert AgreementSection.objects.count() == 0


def test_a_stale_save_error_passes_through_ordinary_exception_handling(cast: Cast, agreement: Agreement) -> None:
    """Context managers and tools set __traceback__ and notes on an exception on its way up."""

    @contextlib.contextmanager
    def around() -> Iterator[None]:
        yield

    section_save(actor=cast.user("teacher"), agreement=agreement, key="classroom", body={"types": []}, base_revision=0)
    with pytest.raises(StaleSectionError) as stale, around():
        section_save(actor=cast.school_admin, agreement=agreement, key="classroom", body={"types": []}, base_revision=0)
    stale.value.add_note("shown to the editor as a conflict")
    assert stale.value.revision == 1


@pytest.mark.parametrize(
    ("key", "body", "problems"),
    [
        ("classroom", {"types": ["online"]}, [Problem("classroom", "types", "unknown_choice")]),
        ("notes", {}, [Problem("notes", "", "unknown_section")]),
        (
            "workload",
            {"items": [{"category": "teaching", "name": "ภาษาไทย", "hours": "1e999"}]},
            [Problem("workload", "items.0.hours", "hours_not_number")],
        ),
        (
            "challenge",
            {"title": "ก" * 10_001},
            [Problem("challenge", "title", "too_long", {"limit": 10_000, "length": 10_001})],
        ),
    ],
)
def test_an_invalid_body_is_refused_and_nothing_is_stored(
    cast: Cast, agreement: Agreement, key: str, body: dict[str, Any], problems: list[Problem]
) -> None:
    teacher = cast.user("teacher")
    section_save(actor=teacher, agreement=agreement, key="classroom", body={"types": ["general"]}, base_revision=0)
    with pytest.raises(InvalidSectionError) as invalid:
        section_save(actor=teacher, agreement=agreement, key=key, body=body, base_revision=revision_of(agreement, key))
    assert invalid.value.problems == problems
    assert list(AgreementSection.objects.values_list("key", "content", "revision")) == [
        ("classroom", {"types": ["general"]}, 1)
    ]


def test_the_school_admin_leaves_an_audit_entry_and_the_teacher_does_not(cast: Cast, agreement: Agreement) -> None:
    teacher = cast.user("teacher")
    section_save(actor=teacher, agreement=agreement, key="classroom", body={"types": ["general"]}, base_revision=0)
    stored = AgreementSection.objects.get(agreement=agreement, key="classroom")
    assert stored.updated_by == teacher
    assert actions(agreement) == ["agreement.started"]

    section_save(
        actor=cast.school_admin, agreement=agreement, key="classroom", body={"types": ["vocational"]}, base_revision=1
    )
    stored.refresh_from_db()
    assert (stored.content, stored.revision, stored.updated_by) == ({"types": ["vocational"]}, 2, cast.school_admin)
    assert actions(agreement) == ["agreement.started", "agreement.section_saved"]
    entry = AuditEntry.objects.get(action="agreement.section_saved")
    assert (entry.actor, entry.data) == (cast.school_admin, {"section": "classroom", "revision": 2})


@pytest.mark.parametrize("state", ["submitted", "approved"])
@pytest.mark.parametrize("editor", ["teacher", "school_admin"])
def test_nobody_saves_once_submitted_or_approved(cast: Cast, submitted: Agreement, state: str, editor: str) -> None:
    if state == "approved":
        agreement_decide(director=cast.user("director"), agreement=submitted, approve=True)
    before = sections_of(submitted)
    with pytest.raises(PermissionDenied):
        section_save(actor=cast.user(editor), agreement=submitted, key="classroom", body={"types": []}, base_revision=1)
    assert sections_of(submitted) == before
    assert reloaded(submitted).state == state


@pytest.mark.parametrize("actor", ["outsider", "director", "area_officer", "system_admin", "supervisor"])
def test_only_the_teacher_and_the_school_admin_type(cast: Cast, agreement: Agreement, actor: str) -> None:
    with pytest.raises(PermissionDenied):
        section_save(
            actor=cast.user(actor), agreement=agreement, key="classroom", body={"types": ["general"]}, base_revision=0
        )
    assert AgreementSection.objects.count() == 0
    assert actions(agreement) == ["agreement.started"]


def _save(user: User, agreement: Agreement, body: dict[str, Any], base_revision: int) -> str:
    try:
        section_save(actor=user, agreement=agreement, key="challenge", body=body, base_revision=base_revision)
    except StaleSectionError:
        return "stale"
    return "saved"


def _save_in_thread(user_pk: int, agreement_pk: int, body: dict[str, Any], base: int, start: threading.Barrier) -> str:
    try:
        user, agreement = User.objects.get(pk=user_pk), Agreement.objects.get(pk=agreement_pk)
        start.wait(timeout=10)
        return _save(user, agreement, body, base)
    finally:
        connection.close()


def _save_both(cast: Cast, agreement: Agreement, bodies: list[dict[str, Any]], base: int, threaded: bool) -> list[str]:
    users = [cast.user("teacher"), cast.school_admin]
    if not threaded:
        return [_save(user, agreement, body, base) for user, body in zip(users, bodies, strict=True)]
    results: dict[int, str] = {}
    start = threading.Barrier(2)

    def run(index: int) -> None:
        results[index] = _save_in_thread(users[index].pk, agreement.pk, bodies[index], base, start)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return [results[0], results[1]]


ONE_AT_A_TIME = [pytest.param(False, id="sequential")]
# Two requests at once need two connections and committed data; SQLite serialises writers anyway.
AT_ONCE = [pytest.param(True, id="threads", marks=pytest.mark.django_db(transaction=True))]


@pytest.mark.parametrize("threaded", ONE_AT_A_TIME + (AT_ONCE if connection.vendor == "postgresql" else []))
@pytest.mark.parametrize("base", [0, 1], ids=["new-section", "saved-section"])
def test_two_saves_from_the_same_revision_one_wins(cast: Cast, agreement: Agreement, base: int, threaded: bool) -> None:
    if base:
        section_save(actor=cast.user("teacher"), agreement=agreement, key="challenge", body={}, base_revision=0)
    bodies = [{"title": "ของครู"}, {"title": "ของผู้ดูแลระบบโรงเรียน"}]
    outcomes = _save_both(cast, agreement, bodies, base, threaded)
    assert sorted(outcomes) == ["saved", "stale"]
    stored = AgreementSection.objects.get(agreement=agreement, key="challenge")
    assert (stored.content, stored.revision) == (bodies[outcomes.index("saved")], base + 1)


# --- Submitting -----------------------------------------------------------------------------------


def test_an_incomplete_agreement_is_refused_with_every_problem_and_nothing_changes(
    cast: Cast, agreement: Agreement
) -> None:
    sections = complete_sections()
    sections["classroom"] = {"types": []}
    sections["workload"]["items"].pop(2)
    sections["indicator:2.3"] = {**plan(), "outcomes": "  "}
    sections["challenge"] = {**sections["challenge"], "qualitative": ""}
    fill(agreement, cast.user("teacher"), sections)
    with pytest.raises(IncompleteAgreementError) as incomplete:
        agreement_submit(actor=cast.user("teacher"), agreement=agreement, requested_at=timezone.now())
    assert incomplete.value.problems == [
        Problem("classroom", "types", "required"),
        Problem(
            "workload",
            "category.quality_development",
            "category_required",
            {"category": "งานพัฒนาคุณภาพการจัดการศึกษาของสถานศึกษา"},
        ),
        Problem("indicator:2.3", "outcomes", "required"),
        Problem("challenge", "qualitative", "required"),
    ]
    unchanged = reloaded(agreement)
    assert (unchanged.state, unchanged.submitted_at, unchanged.snapshot, unchanged.workload_ok) == (
        Agreement.State.DRAFT,
        None,
        {},
        None,
    )
    assert AgreementVersion.objects.count() == 0
    assert actions(agreement) == ["agreement.started"]


def test_submission_keeps_the_request_time_and_the_teacher_as_they_were(cast: Cast, agreement: Agreement) -> None:
    Person.objects.filter(pk=cast.teacher.pk).update(salary_grade="คศ.2", salary="35120.00")
    teacher = cast.user("teacher")
    fill(agreement, teacher, complete_sections())
    requested_at = datetime(2026, 10, 15, 8, 30, 12, 345678, tzinfo=BANGKOK)

    version = agreement_submit(actor=teacher, agreement=agreement, requested_at=requested_at)

    submitted = reloaded(agreement)
    snapshot = {
        "name": "นางสาวสมศรี ใจดี",
        "position": "ครู",
        "standing": "professional",
        "standing_name": "ครูชำนาญการ",
        "school": "โรงเรียนอนุบาลทดสอบ",
        "school_code": "1065010001",
        "area_office": "สพป. 6501",
        "salary_grade": "คศ.2",
        "salary": "35120.00",
    }
    assert (submitted.state, submitted.submitted_at, submitted.snapshot) == (
        Agreement.State.SUBMITTED,
        datetime(2026, 10, 15, 1, 30, 12, 345678, tzinfo=UTC),
        snapshot,
    )
    assert (submitted.workload_ok, submitted.workload_failures, submitted.approved_at) == (True, [], None)
    version = AgreementVersion.objects.get(pk=version.pk)
    assert (version.agreement, version.number, version.submitted_at, version.submitted_by) == (
        submitted,
        1,
        requested_at,
        teacher,
    )
    assert (version.sections, version.snapshot) == (complete_sections(), snapshot)
    assert actions(agreement) == ["agreement.started", "agreement.submitted"]
    assert AuditEntry.objects.get(action="agreement.submitted").data == {"version": 1, "workload_ok": True}

    Person.objects.filter(pk=cast.teacher.pk).update(standing="senior_professional", salary="41000.00")
    assert reloaded(agreement).snapshot == snapshot
    assert AgreementVersion.objects.get(pk=version.pk).snapshot == snapshot


def test_the_snapshot_is_in_thai_whatever_language_the_submitter_reads(cast: Cast, agreement: Agreement) -> None:
    """The snapshot prints on PA 1, an official Thai document: an English session must not change it."""
    fill(agreement, cast.user("teacher"), complete_sections())
    with translation.override("en"):
        agreement_submit(actor=cast.user("teacher"), agreement=agreement, requested_at=timezone.now())
    snapshot = reloaded(agreement).snapshot
    assert (snapshot["position"], snapshot["standing_name"]) == ("ครู", "ครูชำนาญการ")


def test_short_workload_is_submitted_with_the_rulebooks_reasons(cast: Cast, agreement: Agreement) -> None:
    fill(agreement, cast.user("teacher"), complete_sections(teaching_hours="10"))
    agreement_submit(actor=cast.user("teacher"), agreement=agreement, requested_at=timezone.now())
    submitted = reloaded(agreement)
    assert (submitted.state, submitted.workload_ok) == (Agreement.State.SUBMITTED, False)
    assert submitted.workload_failures == [
        "ชั่วโมงสอนรวม 10 ชั่วโมง/สัปดาห์ ต่ำกว่าเกณฑ์ 12",
        "ภาระงานรวม 17 ชั่วโมง/สัปดาห์ ต่ำกว่าเกณฑ์ 20",
    ]
    assert AuditEntry.objects.get(action="agreement.submitted").data == {"version": 1, "workload_ok": False}


def test_the_school_admin_may_submit_for_the_teacher(cast: Cast, agreement: Agreement) -> None:
    fill(agreement, cast.school_admin, complete_sections())
    version = agreement_submit(actor=cast.school_admin, agreement=agreement, requested_at=timezone.now())
    assert (version.number, version.submitted_by, reloaded(agreement).state) == (
        1,
        cast.school_admin,
        Agreement.State.SUBMITTED,
    )


@pytest.mark.parametrize("actor", ["director", "outsider", "area_officer", "system_admin"])
def test_only_the_teacher_and_the_school_admin_submit(cast: Cast, agreement: Agreement, actor: str) -> None:
    fill(agreement, cast.user("teacher"), complete_sections())
    with pytest.raises(PermissionDenied):
        agreement_submit(actor=cast.user(actor), agreement=agreement, requested_at=timezone.now())
    assert (reloaded(agreement).state, AgreementVersion.objects.count()) == (Agreement.State.DRAFT, 0)


# --- The director's decision ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "actor", ["teacher", "school_admin", "area_officer", "system_admin", "outsider", "other_director"]
)
def test_only_the_schools_director_decides(cast: Cast, submitted: Agreement, actor: str) -> None:
    user = other_director(cast) if actor == "other_director" else cast.user(actor)
    for approve in (True, False):
        with pytest.raises(PermissionDenied):
            agreement_decide(director=user, agreement=submitted, approve=approve, comment="ดี")
    assert (reloaded(submitted).state, ReviewDecision.objects.count()) == (Agreement.State.SUBMITTED, 0)


def test_the_director_decides_only_while_submitted(cast: Cast, agreement: Agreement) -> None:
    director = cast.user("director")
    with pytest.raises(PermissionDenied):
        agreement_decide(director=director, agreement=agreement, approve=True)
    fill(agreement, cast.user("teacher"), complete_sections())
    agreement_submit(actor=cast.user("teacher"), agreement=agreement, requested_at=timezone.now())
    agreement_decide(director=director, agreement=agreement, approve=False, comment="เพิ่มตัวชี้วัด")
    for approve in (True, False):
        with pytest.raises(PermissionDenied):
            agreement_decide(director=fresh(director), agreement=agreement, approve=approve, comment="อีกครั้ง")
    assert (reloaded(agreement).state, ReviewDecision.objects.count()) == (Agreement.State.RETURNED, 1)


@pytest.mark.parametrize(
    ("comment", "section_comments"), [("", None), ("   ", {}), ("", {"challenge": "  ", "indicator:1.1": ""})]
)
def test_returning_needs_a_comment(
    cast: Cast, submitted: Agreement, comment: str, section_comments: dict[str, str] | None
) -> None:
    with pytest.raises(ValidationError) as refused:
        agreement_decide(
            director=cast.user("director"),
            agreement=submitted,
            approve=False,
            comment=comment,
            section_comments=section_comments,
        )
    assert refused.value.message_dict == {"comment": ["กรุณาระบุข้อเสนอแนะเพื่อให้ครูนำไปปรับปรุงแก้ไข"]}
    assert (reloaded(submitted).state, ReviewDecision.objects.count()) == (Agreement.State.SUBMITTED, 0)
    assert actions(submitted) == ["agreement.started", "agreement.submitted"]


def test_a_section_comment_alone_is_enough_to_return(cast: Cast, submitted: Agreement) -> None:
    decision = agreement_decide(
        director=cast.user("director"),
        agreement=submitted,
        approve=False,
        section_comments={"challenge": " ระบุกลุ่มเป้าหมายให้ชัด ", "indicator:1.1": " "},
    )
    assert (decision.outcome, decision.comment, decision.section_comments) == (
        ReviewDecision.Outcome.RETURNED,
        "",
        {"challenge": "ระบุกลุ่มเป้าหมายให้ชัด"},
    )
    assert reloaded(submitted).state == Agreement.State.RETURNED


def test_a_returned_agreement_is_edited_and_resubmitted_as_version_2(cast: Cast, submitted: Agreement) -> None:
    teacher, director = cast.user("teacher"), cast.user("director")
    decision = agreement_decide(director=director, agreement=submitted, approve=False, comment=" เพิ่มรายละเอียด ")
    returned = reloaded(submitted)
    assert (returned.state, returned.approved_at) == (Agreement.State.RETURNED, None)
    assert (decision.version.number, decision.outcome, decision.comment, decision.decided_by) == (
        1,
        ReviewDecision.Outcome.RETURNED,
        "เพิ่มรายละเอียด",
        director,
    )

    revised = {**complete_sections()["challenge"], "method": "วิธีการที่ปรับปรุงแล้ว"}
    section_save(actor=teacher, agreement=returned, key="challenge", body=revised, base_revision=1)
    second_time = datetime(2026, 10, 20, 9, 0, tzinfo=BANGKOK)
    version_2 = agreement_submit(actor=teacher, agreement=returned, requested_at=second_time)

    first, second = AgreementVersion.objects.filter(agreement=submitted).order_by("number")
    assert (first.number, first.sections) == (1, complete_sections())
    assert (second.pk, second.number, second.sections) == (
        version_2.pk,
        2,
        {**complete_sections(), "challenge": revised},
    )
    assert (reloaded(submitted).state, reloaded(submitted).submitted_at) == (Agreement.State.SUBMITTED, second_time)
    assert actions(submitted) == [
        "agreement.started",
        "agreement.submitted",
        "agreement.returned",
        "agreement.submitted",
    ]


def test_approval_locks_the_agreement(cast: Cast, submitted: Agreement) -> None:
    before = timezone.now()
    decision = agreement_decide(director=cast.user("director"), agreement=submitted, approve=True)
    approved = reloaded(submitted)
    assert approved.state == Agreement.State.APPROVED
    assert approved.approved_at is not None
    assert before <= approved.approved_at <= timezone.now()
    assert (decision.outcome, decision.comment, decision.section_comments) == (ReviewDecision.Outcome.APPROVED, "", {})
    assert actions(submitted) == ["agreement.started", "agreement.submitted", "agreement.approved"]
    for editor in (cast.user("teacher"), cast.school_admin):
        with pytest.raises(PermissionDenied):
            section_save(actor=editor, agreement=approved, key="classroom", body={"types": []}, base_revision=1)
        with pytest.raises(PermissionDenied):
            agreement_submit(actor=editor, agreement=approved, requested_at=timezone.now())
    assert (AgreementVersion.objects.count(), sections_of(approved)) == (1, complete_sections())
