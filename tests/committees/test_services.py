"""Committees end to end through the services: appointments and their rules, sheets, the PA 3 result."""

from __future__ import annotations

import itertools
import threading
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.access import may
from agreements.models import Agreement
from audit.models import AuditEntry
from committees.access import evaluation_visible, held_seats
from committees.models import Committee, Evaluation, ScoreSheet, Seat
from committees.points import item_codes
from committees.services import (
    RefusedError,
    SheetLockedError,
    committee_create,
    evaluation_unassign,
    evaluations_assign,
    results_publish,
    seat_appoint,
    seat_remove,
    seat_respond,
    seats_expire,
    sheet_open,
    sheet_reopen,
    sheet_save,
    sheet_submit,
)
from evidence.access import may_detach
from org.models import EvaluatorKind, Person, Position, Role, User
from rulebook import DEFAULT_EDITION, load_edition
from tests.committees.factories import (
    Round,
    accept,
    appoint,
    approved_agreement,
    fiscal_year,
    member_user,
    new_committee,
    round_for,
    score,
)
from tests.conftest import Cast, grant, make_national_id, make_person

EDITION = load_edition(DEFAULT_EDITION)
CODES = item_codes(EDITION)
_ids = itertools.count(930_001)


def person(**fields: Any) -> Person:
    return make_person(national_id_value=make_national_id(next(_ids)), **fields)


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def reloaded(evaluation: Evaluation) -> Evaluation:
    return Evaluation.objects.get(pk=evaluation.pk)


def levels_69_5() -> dict[str, int]:
    """Part 1: 12 × 3 + 3 × 2 = 42; Part 2: 15 + 7.5 + 5 = 27.5; total 69.5."""
    levels = dict.fromkeys(CODES, 3)
    levels.update({"1.1": 2, "1.2": 2, "1.3": 2, "qualitative": 2})
    return levels


# --- The result (PA 3) -------------------------------------------------------------------------------


def test_all_levels_3_give_45_30_75_for_each_member_and_pass(cast: Cast) -> None:
    round_ = round_for(cast)
    sheets = [score(cast, round_, number) for number in (1, 2, 3)]
    assert [(s.part1, s.part2, s.total) for s in sheets] == [(Decimal(45), Decimal(30), Decimal(75))] * 3
    evaluation = reloaded(round_.evaluation)
    assert evaluation.result_passed is True
    assert evaluation.result_reasons == []
    assert evaluation.result_computed_at is not None


def test_the_result_waits_for_the_third_sheet(cast: Cast) -> None:
    round_ = round_for(cast)
    score(cast, round_, 1)
    score(cast, round_, 2)
    assert reloaded(round_.evaluation).result_computed_at is None
    score(cast, round_, 3, submit=False)
    assert reloaded(round_.evaluation).result_passed is None


def test_one_member_at_69_5_fails_the_round_whatever_the_others_give(cast: Cast) -> None:
    round_ = round_for(cast)
    score(cast, round_, 1, 4)
    sheet = score(cast, round_, 2, levels_69_5())
    score(cast, round_, 3, 4)
    assert sheet.total == Decimal("69.5")
    evaluation = reloaded(round_.evaluation)
    assert evaluation.result_passed is False
    assert evaluation.result_reasons == ["กรรมการคนที่ 2 ให้คะแนนรวม 69.5 คะแนน ต่ำกว่าเกณฑ์ร้อยละ 70"]


def test_exactly_70_passes(cast: Cast) -> None:
    round_ = round_for(cast)
    levels = levels_69_5()
    levels["qualitative"] = 3  # 42 + 15 + 7.5 + 7.5 = 72; then take two points off Part 1
    levels.update({"1.4": 2, "1.5": 2})
    for number in (1, 2, 3):
        assert score(cast, round_, number, levels).total == Decimal(70)
    assert reloaded(round_.evaluation).result_passed is True


def test_short_workload_fails_even_with_full_marks(cast: Cast) -> None:
    round_ = round_for(cast, teaching_hours="5")
    assert round_.agreement.workload_ok is False
    for number in (1, 2, 3):
        assert score(cast, round_, number, 4).total == Decimal(100)
    evaluation = reloaded(round_.evaluation)
    assert evaluation.result_passed is False
    assert evaluation.result_reasons[0] == "ภาระงานไม่เป็นไปตามที่ ก.ค.ศ. กำหนด"
    assert any("ชั่วโมงสอนรวม 5" in reason for reason in evaluation.result_reasons[1:])


# --- Appointments --------------------------------------------------------------------------------------


def test_the_director_chairs_a_new_committee_at_once(cast: Cast) -> None:
    committee = new_committee(cast)
    chair = Seat.objects.get(committee=committee, number=1)
    assert (chair.person, chair.kind, chair.status) == (cast.director, Seat.Kind.CHAIR, Seat.Status.ACCEPTED)
    assert AuditEntry.objects.filter(action="committee.created", target_id=str(committee.pk)).exists()


def test_only_the_schools_director_creates_a_committee(cast: Cast) -> None:
    year = fiscal_year()
    for name in ("teacher", "school_admin", "area_officer", "supervisor", "outsider"):
        with pytest.raises(PermissionDenied):
            committee_create(actor=cast.user(name), school=cast.school, fiscal_year=year, name="x")


def refused(cast: Cast, committee: Committee, who: Person, qualification: str, reason: str = "") -> list[str]:
    before = Seat.objects.count()
    with pytest.raises(RefusedError) as caught:
        appoint(cast, committee, 2, who, qualification, reason=reason)
    assert Seat.objects.count() == before
    return caught.value.messages


def test_a_lecturer_below_assistant_professor_is_refused_with_the_reason(cast: Cast) -> None:
    committee = new_committee(cast)
    junior = person(position=Position.LECTURER, standing="", academic_rank="lecturer", first_name="จิรา")
    assert refused(cast, committee, junior, "lecturer") == [
        "นางสาวจิรา ใจดี มีตำแหน่งทางวิชาการอาจารย์ ต่ำกว่าที่กำหนด (ไม่ต่ำกว่าผู้ช่วยศาสตราจารย์)"
    ]


def test_a_teacher_of_the_evaluatees_own_school_is_refused(cast: Cast) -> None:
    committee = new_committee(cast)
    colleague = person(school=cast.school, standing="expert", first_name="มานี")
    messages = refused(cast, committee, colleague, "other_school_teacher")
    assert messages == ["นางสาวมานี ใจดี สังกัดโรงเรียนเดียวกับผู้รับการประเมิน กรรมการประเภทนี้ต้องมาจากนอกสถานศึกษา"]


def test_a_teacher_of_another_school_below_senior_professional_is_refused(cast: Cast) -> None:
    committee = new_committee(cast)
    assert refused(cast, committee, cast.outsider, "other_school_teacher") == [
        "นางสาวคนนอก โรงเรียนอื่น มีวิทยฐานะครูชำนาญการ ต่ำกว่าที่กำหนด (ไม่ต่ำกว่าครูชำนาญการพิเศษ)"
    ]


def test_an_outside_expert_needs_a_reason(cast: Cast) -> None:
    committee = new_committee(cast)
    expert = person(position=Position.EXPERT, standing="", first_name="ปราชญ์")
    assert refused(cast, committee, expert, "expert") == ["กรุณาระบุเหตุผลหรือคุณวุฒิที่แต่งตั้งนางสาวปราชญ์ ใจดีเป็นผู้ทรงคุณวุฒิ"]
    seat = appoint(cast, committee, 2, expert, "expert", reason="ปราชญ์ชาวบ้านด้านภาษาไทย 20 ปี")
    assert (seat.status, seat.reason) == (Seat.Status.PENDING, "ปราชญ์ชาวบ้านด้านภาษาไทย 20 ปี")


def test_a_qualification_the_person_does_not_hold_is_refused(cast: Cast) -> None:
    committee = new_committee(cast)
    messages = refused(cast, committee, cast.other_school_teacher, "supervisor")
    assert messages == ["นางสาวกาญจนา ต่างโรง ไม่ได้ดำรงตำแหน่งที่ตรงกับคุณสมบัติ “ผู้ที่ดำรงตำแหน่งหรือเคยดำรงตำแหน่งศึกษานิเทศก์”"]


def test_a_member_who_is_also_assigned_would_evaluate_themself(cast: Cast) -> None:
    round_ = round_for(cast)
    seat_remove(actor=cast.user("director"), seat=round_.seat(3), reason="ย้ายราชการ")
    # The evaluatee herself, offered a seat on her own committee (as an outside expert, so only self counts).
    grant(cast.teacher, Role.EXTERNAL_EVALUATOR, evaluator_kind=EvaluatorKind.EXPERT)
    with pytest.raises(RefusedError) as caught:
        seat_appoint(
            actor=cast.user("director"),
            committee=round_.committee,
            number=3,
            person=cast.teacher,
            qualification="expert",
            reason="ผู้เชี่ยวชาญ",
        )
    assert "นางสาวสมศรี ใจดี เป็นผู้รับการประเมิน (นางสาวสมศรี ใจดี) จึงประเมินตนเองไม่ได้" in caught.value.messages


def test_a_person_sits_once_per_committee_and_a_held_seat_cannot_be_taken(cast: Cast) -> None:
    committee = new_committee(cast)
    appoint(cast, committee, 2, cast.supervisor, "supervisor")
    with pytest.raises(RefusedError):
        appoint(cast, committee, 3, cast.supervisor, "supervisor")
    with pytest.raises(ValidationError):
        appoint(cast, committee, 2, cast.lecturer, "lecturer")


@pytest.mark.parametrize("actor", ["teacher", "school_admin", "supervisor", "area_officer", "other_area_officer"])
def test_only_the_director_appoints_members(cast: Cast, actor: str) -> None:
    committee = new_committee(cast)
    with pytest.raises(PermissionDenied):
        seat_appoint(
            actor=cast.user(actor), committee=committee, number=2, person=cast.lecturer, qualification="lecturer"
        )


def other_director(cast: Cast, school: Any) -> Person:
    return person(school=school, role=Role.DIRECTOR, position=Position.DIRECTOR, first_name="สมชาย", prefix="นาย")


def test_area_staff_appoint_a_nearby_director_as_substitute_chair(cast: Cast) -> None:
    committee = new_committee(cast)
    seat_remove(actor=cast.user("director"), seat=Seat.objects.get(committee=committee, number=1), reason="ลาป่วย")
    nearby = other_director(cast, cast.other_school)
    with pytest.raises(PermissionDenied):  # the director cannot seat someone else as chair
        seat_appoint(actor=cast.user("director"), committee=committee, number=1, person=nearby)
    far = other_director(cast, cast.far_school)
    with pytest.raises(RefusedError) as caught:
        seat_appoint(actor=cast.user("area_officer"), committee=committee, number=1, person=far)
    assert "ไม่ใช่ผู้อำนวยการสถานศึกษาในสังกัดเขตพื้นที่เดียวกัน" in caught.value.messages[0]
    seat = seat_appoint(actor=cast.user("area_officer"), committee=committee, number=1, person=nearby)
    assert (seat.kind, seat.status) == (Seat.Kind.SUBSTITUTE_CHAIR, Seat.Status.PENDING)
    assert seat.respond_by is not None


def test_an_appointee_accepts_or_declines_with_a_reason(cast: Cast) -> None:
    committee = new_committee(cast)
    seat = appoint(cast, committee, 2, cast.supervisor, "supervisor")
    with pytest.raises(PermissionDenied):  # nobody answers for someone else
        seat_respond(actor=cast.user("lecturer"), seat=seat, accept=True)
    with pytest.raises(ValidationError):
        seat_respond(actor=fresh(cast.user("supervisor")), seat=seat, accept=False, note=" ")
    declined = seat_respond(actor=fresh(cast.user("supervisor")), seat=seat, accept=False, note="ติดราชการ")
    assert declined.status == Seat.Status.DECLINED
    again = appoint(cast, committee, 2, cast.lecturer, "lecturer")  # the seat went back to the director
    assert accept(again).status == Seat.Status.ACCEPTED


def test_an_appointment_not_answered_in_time_goes_back_to_the_director(cast: Cast, settings: Any) -> None:
    committee = new_committee(cast)
    seat = appoint(cast, committee, 2, cast.supervisor, "supervisor")
    assert seat.respond_by is not None
    assert seat.respond_by - timezone.now() > timedelta(days=settings.COMMITTEE_ACCEPT_DAYS, seconds=-60)
    assert seats_expire(seat.respond_by - timedelta(minutes=1)) == 0
    Seat.objects.filter(pk=seat.pk).update(respond_by=timezone.now() - timedelta(minutes=1))
    with pytest.raises(PermissionDenied):
        seat_respond(actor=fresh(cast.user("supervisor")), seat=seat, accept=True)
    assert Seat.objects.get(pk=seat.pk).status == Seat.Status.EXPIRED
    assert seats_expire() == 0  # already expired: nothing twice
    assert appoint(cast, committee, 2, cast.lecturer, "lecturer").status == Seat.Status.PENDING


def test_the_expiry_job_expires_only_overdue_pending_seats(cast: Cast) -> None:
    committee = new_committee(cast)
    overdue = appoint(cast, committee, 2, cast.supervisor, "supervisor")
    waiting = appoint(cast, committee, 3, cast.other_school_teacher, "other_school_teacher")
    Seat.objects.filter(pk=overdue.pk).update(respond_by=timezone.now() - timedelta(hours=1))
    assert seats_expire() == 1
    assert Seat.objects.get(pk=overdue.pk).status == Seat.Status.EXPIRED
    assert Seat.objects.get(pk=waiting.pk).status == Seat.Status.PENDING
    assert AuditEntry.objects.filter(action="seat.expired", target_id=str(overdue.pk)).count() == 1


# --- Assigning teachers ----------------------------------------------------------------------------------


def test_assigning_refuses_a_second_committee_and_another_school(cast: Cast) -> None:
    round_ = round_for(cast)
    second = new_committee(cast, "คณะที่สอง")
    with pytest.raises(RefusedError) as caught:
        evaluations_assign(actor=cast.user("director"), committee=second, agreements=[round_.agreement])
    assert caught.value.messages == ["นางสาวสมศรี ใจดี มีคณะกรรมการประเมินแล้ว"]
    with pytest.raises(PermissionDenied):
        evaluations_assign(actor=cast.user("supervisor"), committee=second, agreements=[round_.agreement])


def test_a_teacher_leaves_a_committee_only_before_any_sheet_is_submitted(cast: Cast) -> None:
    round_ = round_for(cast)
    score(cast, round_, 2, submit=False)
    evaluation_unassign(actor=cast.user("director"), evaluation=round_.evaluation)
    assert not Evaluation.objects.filter(pk=round_.evaluation.pk).exists()
    (again,) = evaluations_assign(
        actor=cast.user("director"), committee=round_.committee, agreements=[round_.agreement]
    )
    round_.evaluation = Evaluation.objects.get(pk=again.pk)
    score(cast, round_, 2)
    with pytest.raises(ValidationError):
        evaluation_unassign(actor=cast.user("director"), evaluation=round_.evaluation)


# --- Sheets ---------------------------------------------------------------------------------------------


def test_nobody_scores_before_all_three_accept(cast: Cast) -> None:
    round_ = round_for(cast, accept_members=False)
    with pytest.raises(PermissionDenied):  # the director holds seat 1, but the committee is not complete
        sheet_open(actor=member_user(cast, 1), evaluation=round_.evaluation)
    with pytest.raises(PermissionDenied):  # a pending appointee is not a member yet
        sheet_open(actor=member_user(cast, 2), evaluation=round_.evaluation)


def test_nobody_scores_an_agreement_that_is_not_approved(cast: Cast) -> None:
    round_ = round_for(cast)
    Agreement.objects.filter(pk=round_.agreement.pk).update(state=Agreement.State.AMENDING)
    with pytest.raises(PermissionDenied):
        sheet_open(actor=member_user(cast, 2), evaluation=Evaluation.objects.get(pk=round_.evaluation.pk))


@pytest.mark.parametrize(
    ("code", "level", "comment"),
    [("1.1", 5, None), ("1.1", 0, None), ("9.9", 3, None), ("1.1", None, "ก" * 5001), ("overall", None, None)],
)
def test_bad_input_changes_nothing(cast: Cast, code: str, level: int | None, comment: str | None) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {"1.1": 3}, submit=False)
    with pytest.raises(ValidationError):
        sheet_save(actor=member_user(cast, 2), sheet=sheet, code=code, level=level, comment=comment)
    stored = ScoreSheet.objects.get(pk=sheet.pk)
    assert (stored.levels, stored.comments, stored.revision) == ({"1.1": 3}, {}, sheet.revision)


def test_comments_and_thai_text_are_kept_exactly(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {"1.1": 3}, submit=False)
    text = "ผู้เรียนมีน้ำใจ 👩🏽‍🏫 ดีขึ้น ๑๒ คน"
    user = member_user(cast, 2)
    sheet = sheet_save(actor=user, sheet=sheet, code="1.1", comment=text)
    sheet = sheet_save(actor=user, sheet=sheet, code="overall", comment="โดยรวมดี")
    stored = ScoreSheet.objects.get(pk=sheet.pk)
    assert (stored.comments, stored.overall_comment, stored.levels) == ({"1.1": text}, "โดยรวมดี", {"1.1": 3})
    sheet_save(actor=user, sheet=sheet, code="1.1", comment="")
    assert ScoreSheet.objects.get(pk=sheet.pk).comments == {}


def test_submitting_needs_every_item_then_locks_the_sheet(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {"1.1": 3}, submit=False)
    user = member_user(cast, 2)
    with pytest.raises(ValidationError) as caught:
        sheet_submit(actor=user, sheet=sheet)
    assert caught.value.params is not None
    assert len(caught.value.params["missing"]) == 17
    assert ScoreSheet.objects.get(pk=sheet.pk).state == ScoreSheet.State.DRAFT
    sheet = score(cast, round_, 2, 3)
    with pytest.raises(SheetLockedError):
        sheet_save(actor=user, sheet=sheet, code="1.1", level=1)
    assert ScoreSheet.objects.get(pk=sheet.pk).levels["1.1"] == 3


def test_a_member_cannot_touch_another_members_sheet(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {"1.1": 3}, submit=False)
    for intruder in (member_user(cast, 3), fresh(cast.user("teacher")), fresh(cast.user("outsider"))):
        with pytest.raises(PermissionDenied):
            sheet_save(actor=intruder, sheet=sheet, code="1.1", level=1)
        with pytest.raises(PermissionDenied):
            sheet_submit(actor=intruder, sheet=sheet)
    assert ScoreSheet.objects.get(pk=sheet.pk).levels == {"1.1": 3}


def test_reopening_needs_a_reason_is_audited_and_clears_the_result(cast: Cast) -> None:
    round_ = round_for(cast)
    sheets = [score(cast, round_, number) for number in (1, 2, 3)]
    director = fresh(cast.user("director"))
    with pytest.raises(ValidationError):
        sheet_reopen(actor=director, sheet=sheets[1], reason="  ")
    with pytest.raises(PermissionDenied):
        sheet_reopen(actor=member_user(cast, 2), sheet=sheets[1], reason="ขอแก้")
    sheet_reopen(actor=director, sheet=sheets[1], reason="กรรมการเลือกระดับผิดข้อ 2.1")
    evaluation = reloaded(round_.evaluation)
    assert evaluation.result_passed is None
    assert evaluation.result_computed_at is None
    entry = AuditEntry.objects.get(action="sheet.reopened", target_id=str(sheets[1].pk))
    assert entry.data["reason"] == "กรรมการเลือกระดับผิดข้อ 2.1"
    assert entry.actor == director
    user = member_user(cast, 2)
    sheet_save(actor=user, sheet=sheets[1], code="quantitative", level=1)
    sheet_submit(actor=user, sheet=sheets[1])
    assert reloaded(round_.evaluation).result_passed is True  # 45 + 15 + 2.5 + 7.5 = 70


def test_publishing_needs_all_three_sheets_and_the_director(cast: Cast) -> None:
    round_ = round_for(cast)
    score(cast, round_, 1)
    score(cast, round_, 2)
    with pytest.raises(PermissionDenied):
        results_publish(actor=fresh(cast.user("director")), evaluations=[round_.evaluation])
    score(cast, round_, 3)
    for name in ("supervisor", "area_officer", "teacher"):
        with pytest.raises(PermissionDenied):
            results_publish(actor=fresh(cast.user(name)), evaluations=[round_.evaluation])
    assert not Evaluation.objects.visible_to(fresh(cast.user("teacher"))).exists()
    assert results_publish(actor=fresh(cast.user("director")), evaluations=[round_.evaluation]) == 1
    assert Evaluation.objects.visible_to(fresh(cast.user("teacher"))).get() == round_.evaluation
    first_sheet = ScoreSheet.objects.filter(evaluation=round_.evaluation).first()
    assert first_sheet is not None
    with pytest.raises(PermissionDenied):  # published is final
        sheet_reopen(actor=fresh(cast.user("director")), sheet=first_sheet, reason="x")


def test_changing_a_seat_after_scoring_clears_the_unpublished_result(cast: Cast) -> None:
    round_ = round_for(cast)
    for number in (1, 2, 3):
        score(cast, round_, number)
    seat_remove(actor=fresh(cast.user("director")), seat=round_.seat(3), reason="ขาดคุณสมบัติ")
    assert reloaded(round_.evaluation).result_computed_at is None
    replacement = accept(appoint(cast, round_.committee, 3, cast.lecturer, "lecturer"))
    assert replacement.status == Seat.Status.ACCEPTED
    user = fresh(cast.user("lecturer"))
    sheet = sheet_open(actor=user, evaluation=reloaded(round_.evaluation))
    for code in CODES:
        sheet = sheet_save(actor=user, sheet=sheet, code=code, level=4)
    sheet_submit(actor=user, sheet=sheet)
    assert reloaded(round_.evaluation).result_passed is True


def test_once_scoring_starts_the_agreement_and_its_evidence_are_frozen(cast: Cast) -> None:
    round_ = round_for(cast)
    teacher = fresh(cast.user("teacher"))
    assert may(teacher, round_.agreement, "amend")
    assert may_detach(teacher, round_.agreement)
    score(cast, round_, 2, {"1.1": 3}, submit=False)
    assert not may(teacher, round_.agreement, "amend")
    assert not may_detach(teacher, round_.agreement)


# --- Who sees what ----------------------------------------------------------------------------------


SEES_COMMITTEE = {"director", "school_admin", "area_officer", "supervisor", "other_school_teacher", "system_admin"}


@pytest.mark.parametrize(
    "name", ["teacher", "director", "school_admin", "supervisor", "lecturer", "other_school_teacher", "area_officer",
             "other_area_officer", "inspector", "outsider", "system_admin"]
)  # fmt: skip
def test_who_sees_a_committee_its_evaluations_and_the_agreement(cast: Cast, name: str) -> None:
    round_ = round_for(cast)
    user = fresh(cast.user(name))
    sees = name in SEES_COMMITTEE
    assert Committee.objects.visible_to(user).filter(pk=round_.committee.pk).exists() is sees
    assert Evaluation.objects.visible_to(user).filter(pk=round_.evaluation.pk).exists() is sees
    sees_agreement = sees or name == "teacher"
    assert Agreement.objects.visible_to(user).filter(pk=round_.agreement.pk).exists() is sees_agreement


@pytest.mark.parametrize("published", [False, True], ids=["scoring", "published"])
@pytest.mark.parametrize(
    "name", ["teacher", "director", "school_admin", "supervisor", "lecturer", "other_school_teacher", "area_officer",
             "other_area_officer", "inspector", "outsider", "system_admin"]
)  # fmt: skip
def test_the_page_check_of_an_evaluation_agrees_with_its_query_filter(cast: Cast, name: str, published: bool) -> None:
    round_ = round_for(cast)
    if published:
        for number in (1, 2, 3):
            score(cast, round_, number)
        results_publish(actor=fresh(cast.user("director")), evaluations=[reloaded(round_.evaluation)])
    user = fresh(cast.user(name))
    evaluation = Evaluation.objects.select_related("agreement", "committee__school").get(pk=round_.evaluation.pk)
    by_filter = Evaluation.objects.visible_to(user).filter(pk=evaluation.pk).exists()
    assert evaluation_visible(user, evaluation, held_seats(evaluation.committee)) is by_filter
    assert by_filter is (name in SEES_COMMITTEE or (published and name == "teacher"))


def test_a_pending_appointee_sees_the_committee_but_not_the_agreement(cast: Cast) -> None:
    round_: Round = round_for(cast, accept_members=False)
    user = fresh(cast.user("supervisor"))
    assert Committee.objects.visible_to(user).filter(pk=round_.committee.pk).exists()
    assert not Agreement.objects.visible_to(user).filter(pk=round_.agreement.pk).exists()


# --- Concurrency: no lost update --------------------------------------------------------------------


def _save_in_thread(user_pk: int, sheet_pk: int, codes: list[str], start: threading.Barrier, errors: list[str]) -> None:
    try:
        user, sheet = User.objects.get(pk=user_pk), ScoreSheet.objects.get(pk=sheet_pk)
        start.wait(timeout=10)
        for code in codes:
            sheet_save(actor=user, sheet=sheet, code=code, level=4)  # the same stale object every time
    except Exception as error:  # reported by the test, not swallowed
        errors.append(repr(error))
    finally:
        connection.close()


def _two_tabs_and_three_members(cast: Cast, threaded: bool) -> tuple[list[ScoreSheet], list[str]]:
    round_ = round_for(cast)
    sheets = [score(cast, round_, number, {}, submit=False) for number in (1, 2, 3)]
    # Member 2 works in two tabs: odd items in one, even items in the other; members 1 and 3 at the same time.
    jobs = [
        (member_user(cast, 1).pk, sheets[0].pk, list(CODES)),
        (member_user(cast, 2).pk, sheets[1].pk, list(CODES[0::2])),
        (member_user(cast, 2).pk, sheets[1].pk, list(CODES[1::2])),
        (member_user(cast, 3).pk, sheets[2].pk, list(CODES)),
    ]
    errors: list[str] = []
    if threaded:
        start = threading.Barrier(len(jobs))
        threads = [threading.Thread(target=_save_in_thread, args=(*job, start, errors)) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    else:
        stale = {pk: ScoreSheet.objects.get(pk=pk) for _, pk, _ in jobs}
        for step in range(len(CODES)):  # interleave the four writers item by item
            for user_pk, sheet_pk, codes in jobs:
                if step < len(codes):
                    sheet_save(actor=User.objects.get(pk=user_pk), sheet=stale[sheet_pk], code=codes[step], level=4)
    return [ScoreSheet.objects.get(pk=sheet.pk) for sheet in sheets], errors


def test_a_save_locks_the_own_sheet_row_alone_and_nobody_else_scores_it(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {}, submit=False)
    for user in (member_user(cast, 1), member_user(cast, 3), fresh(cast.user("teacher"))):  # the chair too
        with pytest.raises(PermissionDenied):
            sheet_save(actor=user, sheet=sheet.pk, code="1.1", level=3)
    with CaptureQueriesContext(connection) as queries:
        saved = sheet_save(actor=member_user(cast, 2), sheet=sheet.pk, code="1.1", level=3)
    assert (saved.levels, saved.revision) == ({"1.1": 3}, 1)
    locks = [query["sql"] for query in queries.captured_queries if "FOR UPDATE" in query["sql"]]
    if connection.features.has_select_for_update_of:
        # Not the evaluation, school or fiscal year it joins: saves on other sheets never wait for this one.
        assert [lock.split("FOR UPDATE", 1)[1].strip() for lock in locks] == ['OF "committees_scoresheet"']


ONE_AT_A_TIME = [pytest.param(False, id="interleaved")]
AT_ONCE = [pytest.param(True, id="threads", marks=pytest.mark.django_db(transaction=True))]


@pytest.mark.parametrize("threaded", ONE_AT_A_TIME + (AT_ONCE if connection.vendor == "postgresql" else []))
def test_three_members_and_two_tabs_saving_at_once_lose_nothing(cast: Cast, threaded: bool) -> None:
    sheets, errors = _two_tabs_and_three_members(cast, threaded)
    assert errors == []
    for sheet in sheets:
        assert sheet.levels == dict.fromkeys(CODES, 4)
    assert sheets[1].revision == len(CODES)  # every one of member 2's saves from both tabs counted


def test_publishing_one_teacher_leaves_the_committee_open_for_the_rest(cast: Cast) -> None:
    round_ = round_for(cast)
    for number in (1, 2, 3):
        score(cast, round_, number)
    other = make_person(
        school=cast.school, first_name="ชูใจ", national_id_value=make_national_id(next(_ids)), learning_area="thai"
    )
    second_agreement = approved_agreement(cast, other)
    (second,) = evaluations_assign(
        actor=fresh(cast.user("director")), committee=round_.committee, agreements=[second_agreement]
    )
    results_publish(actor=fresh(cast.user("director")), evaluations=[round_.evaluation])
    second_round = Round(round_.committee, Evaluation.objects.get(pk=second.pk), second_agreement)
    for number in (1, 2, 3):
        score(cast, second_round, number)
    assert results_publish(actor=fresh(cast.user("director")), evaluations=[second_round.evaluation]) == 1
    with pytest.raises(PermissionDenied):  # every teacher published: the committee is closed to changes
        seat_remove(actor=fresh(cast.user("director")), seat=round_.seat(3), reason="ย้าย")


def test_a_comment_counts_a_line_break_as_one_character(cast: Cast, settings: Any) -> None:
    settings.COMMITTEE_COMMENT_MAX_CHARS = 11  # 9 letters and 2 line breaks; 13 with CRLF
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {}, submit=False)
    saved = sheet_save(actor=member_user(cast, 2), sheet=sheet, code="1.1", comment="ดี\r\nมาก\r\nครับ")
    assert saved.comments["1.1"] == "ดี\nมาก\nครับ"


def test_an_appointee_with_an_email_is_told_and_the_teacher_hears_of_the_published_result(
    cast: Cast, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    round_ = round_for(cast)
    User.objects.filter(pk=cast.user("lecturer").pk).update(email="arun@example.ac.th")
    second = new_committee(cast, "คณะกรรมการกลุ่มสาระคณิตศาสตร์")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # sent once the appointment is committed
        appoint(cast, second, 2, cast.lecturer, "lecturer")
    (message,) = mailoutbox
    assert message.to == ["arun@example.ac.th"]
    assert "คณะกรรมการกลุ่มสาระคณิตศาสตร์" in message.subject
    assert "/evaluator/" in message.body
    for number in (1, 2, 3):
        score(cast, round_, number)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        results_publish(actor=fresh(cast.user("director")), evaluations=[round_.evaluation])
    (published,) = mailoutbox
    assert published.to == ["somsri@example.com"]
    assert f"/evaluations/{round_.evaluation.pk}/result/" in published.body
