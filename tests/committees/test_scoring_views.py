"""The committee member's pages through the client: their work list, answering an appointment, the PA 2 sheet."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import connection
from django.template import Context, Template, TemplateDoesNotExist
from django.template.loader import get_template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committees.models import Evaluation, ScoreSheet, Seat
from committees.points import item_codes
from committees.services import evaluations_assign, results_publish, seat_remove, sheet_open
from org.models import User
from org.scope import scope_of
from tests.committees.factories import (
    Round,
    accept,
    appoint,
    approved_agreement,
    member_user,
    new_committee,
    round_for,
    score,
)
from tests.conftest import Cast, logged_in, make_national_id, make_person

HTMX = {"HX-Request": "true"}
NOT_FOUND = "ไม่พบข้อมูลที่ขอ หรือคุณไม่มีสิทธิ์เข้าถึง"
LOCKED = "ยังไม่ได้บันทึก: แบบประเมินนี้ส่งแล้ว จึงแก้ไขไม่ได้"
PART2 = {"method": "1", "quantitative": "2.1", "qualitative": "2.2"}
LEVEL_LABELS = {
    4: "ปฏิบัติได้สูงกว่าระดับการปฏิบัติที่คาดหวัง",
    3: "ปฏิบัติได้ตามระดับการปฏิบัติที่คาดหวัง",
    2: "ปฏิบัติได้ต่ำกว่าระดับการปฏิบัติที่คาดหวัง",
    1: "ปฏิบัติได้ต่ำกว่าระดับการปฏิบัติที่คาดหวังมาก",
}
# conftest's ID counter is a separate module instance under pytest: start far from the cast's IDs.
_national_ids = itertools.count(930_001)


def body(response: Any) -> str:
    return str(response.content.decode())


def codes(round_: Round) -> tuple[str, ...]:
    return item_codes(round_.agreement.fiscal_year.edition)


def opened(cast: Cast, round_: Round, number: int = 2) -> ScoreSheet:
    evaluation = Evaluation.objects.select_related("committee", "agreement").get(pk=round_.evaluation.pk)
    return sheet_open(actor=member_user(cast, number), evaluation=evaluation)


def sheet_url(round_: Round) -> str:
    return f"/evaluations/{round_.evaluation.pk}/sheet/"


def item_url(sheet: ScoreSheet, code: str) -> str:
    return f"/sheets/{sheet.pk}/items/{code}/"


def totals(response: Any) -> dict[str, str]:
    return dict(re.findall(r'<(?:strong|span) id="total-(part1|part2|all|chosen)">([^<]*)<', body(response)))


class Radios(HTMLParser):
    """Every radio with its accessible name: its aria-label, or the text of its <label for=…> (hidden text too)."""

    def __init__(self) -> None:
        super().__init__()
        self.radios: list[dict[str, str]] = []
        self.labels: dict[str, str] = {}
        self._label_for: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "input" and found.get("type") == "radio":
            self.radios.append(found)
        elif tag == "label":
            self._label_for, self._text = found.get("for", ""), []

    def handle_data(self, data: str) -> None:
        if self._label_for is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label_for is not None:
            self.labels[self._label_for] = " ".join("".join(self._text).split())
            self._label_for = None

    def names(self) -> dict[str, list[tuple[str, str]]]:
        """Radio group name → (value, accessible name) in page order."""
        groups: dict[str, list[tuple[str, str]]] = {}
        for radio in self.radios:
            name = radio.get("aria-label") or self.labels.get(radio.get("id", ""), "")
            groups.setdefault(radio["name"], []).append((radio["value"], name))
        return groups


def radios_of(response: Any) -> dict[str, list[tuple[str, str]]]:
    parser = Radios()
    parser.feed(body(response))
    return parser.names()


# --- the sheet page -------------------------------------------------------------------------------------


def test_a_member_opens_the_sheet_and_every_level_is_named_by_its_item(cast: Cast) -> None:
    round_ = round_for(cast)
    response = logged_in(member_user(cast, 2)).get(sheet_url(round_))
    assert response.status_code == 200
    sheet = ScoreSheet.objects.get(evaluation=round_.evaluation)
    assert sheet.seat == round_.seat(2)
    groups = radios_of(response)
    assert sorted(groups) == sorted(f"level-{code}" for code in codes(round_))
    for code in codes(round_):
        prefix = f"ส่วนที่ 2 ข้อ {PART2[code]}" if code in PART2 else f"ตัวชี้วัด {code}"
        points = {"method": 5, "quantitative": 2.5, "qualitative": 2.5}.get(code, 1)
        assert groups[f"level-{code}"] == [
            (str(level), f"{prefix} ระดับ {level} {LEVEL_LABELS[level]} {points * level:g} คะแนน")
            for level in (4, 3, 2, 1)
        ]
    page = body(response)
    assert "ระดับการปฏิบัติที่คาดหวังของตำแหน่งครู วิทยฐานะครูชำนาญการ คือ แก้ไขปัญหา" in page
    assert '<h2 id="h-teacher">นางสาวสมศรี ใจดี</h2>' in page
    assert "ภาระงานเป็นไปตามเกณฑ์" in page
    assert page.count('<div class="evidence-panel"') == 16  # 15 indicators and the challenge, read-only
    assert "เพิ่มหลักฐาน" not in page


def test_the_level_texts_kept_for_the_process_follow_each_viewers_language_and_digits(cast: Cast) -> None:
    round_ = round_for(cast)
    user = member_user(cast, 2)
    client = logged_in(user)
    seen = [radios_of(client.get(sheet_url(round_)))["level-1.1"][0]]
    user.thai_digits = True
    user.save(update_fields=["thai_digits"])
    seen.append(radios_of(client.get(sheet_url(round_)))["level-1.1"][0])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    seen.append(radios_of(client.get(sheet_url(round_)))["level-1.1"][0])
    user.thai_digits = False
    user.save(update_fields=["thai_digits"])
    client.post("/i18n/setlang/", {"language": "th", "next": "/"})
    seen.append(radios_of(client.get(sheet_url(round_)))["level-1.1"][0])
    assert seen == [
        ("4", f"ตัวชี้วัด 1.1 ระดับ 4 {LEVEL_LABELS[4]} 4 คะแนน"),
        ("4", f"ตัวชี้วัด 1.1 ระดับ ๔ {LEVEL_LABELS[4]} ๔ คะแนน"),
        ("4", f"Indicator 1.1 Level ๔: {LEVEL_LABELS[4]} ๔ points"),
        ("4", f"ตัวชี้วัด 1.1 ระดับ 4 {LEVEL_LABELS[4]} 4 คะแนน"),
    ]


def test_the_sheet_shows_the_saved_choices_and_totals_when_reopened(cast: Cast) -> None:
    round_ = round_for(cast)
    score(cast, round_, 2, {"1.1": 4, "method": 3}, submit=False)
    response = logged_in(member_user(cast, 2)).get(sheet_url(round_))
    assert re.findall(r'name="level-([^"]+)" id="[^"]+" value="(\d)"[^>]* checked', body(response)) == [
        ("1.1", "4"),
        ("method", "3"),
    ]
    assert totals(response) == {"part1": "4", "part2": "15", "all": "19", "chosen": "2"}


def test_autosave_stores_a_level_and_a_comment_and_answers_with_the_running_totals(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = opened(cast, round_)
    client = logged_in(member_user(cast, 2))
    response = client.post(item_url(sheet, "1.1"), {"level": "3"}, headers=HTMX)
    assert (response.status_code, totals(response)) == (200, {"part1": "3", "part2": "0", "all": "3", "chosen": "1"})
    assert 'id="sheet-totals" class="sheet-totals" hx-swap-oob="true"' in body(response)
    # The page's own field names, as htmx posts them from the whole form with hx-params.
    response = client.post(
        item_url(sheet, "quantitative"), {"level-quantitative": "3", "comment-quantitative": "ดี"}, headers=HTMX
    )
    assert totals(response) == {"part1": "3", "part2": "7.5", "all": "10.5", "chosen": "2"}
    client.post(item_url(sheet, "overall"), {"comment": "ภาพรวมดี"}, headers=HTMX)
    sheet.refresh_from_db()
    assert (sheet.levels, sheet.comments, sheet.overall_comment) == (
        {"1.1": 3, "quantitative": 3},
        {"quantitative": "ดี"},
        "ภาพรวมดี",
    )


def test_an_item_save_without_htmx_goes_back_to_the_page(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = opened(cast, round_)
    response = logged_in(member_user(cast, 2)).post(item_url(sheet, "1.2"), {"level": "2"})
    assert (response.status_code, response["Location"]) == (302, sheet_url(round_))
    sheet.refresh_from_db()
    assert sheet.levels == {"1.2": 2}


@pytest.mark.parametrize(
    ("code", "data", "message"),
    [
        ("1.1", {"level": "5"}, "ระดับคุณภาพต้องเป็น 1 ถึง 4"),
        ("1.1", {"level": "abc"}, "ระดับคุณภาพต้องเป็น 1 ถึง 4"),
        ("1.1", {"level": "๓"}, "ระดับคุณภาพต้องเป็น 1 ถึง 4"),
        ("9.9", {"level": "3"}, "ไม่พบตัวชี้วัดหรือรายการ “9.9”"),
        ("1.1", {"level": "3", "comment": "ก" * 5001}, "ความเห็นยาวเกิน 5000 ตัวอักษร"),
        ("overall", {"comment": "ก" * 5001}, "ความเห็นยาวเกิน 5000 ตัวอักษร"),
    ],
)
def test_bad_input_is_refused_with_a_thai_message_and_nothing_changes(
    cast: Cast, code: str, data: dict[str, str], message: str
) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {"1.1": 2}, submit=False)
    comments, revision = dict(sheet.comments), sheet.revision
    response = logged_in(member_user(cast, 2)).post(item_url(sheet, code), data, headers=HTMX)
    assert response.status_code == 422
    assert f"<li>{message}</li>" in body(response)
    assert totals(response)["part1"] == "2"  # the server's totals put back what the page guessed
    sheet.refresh_from_db()
    assert (sheet.levels, sheet.comments, sheet.overall_comment, sheet.revision) == ({"1.1": 2}, comments, "", revision)


def test_the_whole_page_saves_in_one_post_without_javascript(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {"1.1": 2}, submit=False)
    client = logged_in(member_user(cast, 2))
    data = {"level-1.1": "4", "level-2.3": "3", "comment-2.3": "ครบถ้วน", "comment-overall": "ดีมาก", "comment-1.2": ""}
    response = client.post(f"/sheets/{sheet.pk}/save/", data)
    assert (response.status_code, response["Location"]) == (302, sheet_url(round_))
    sheet.refresh_from_db()
    assert (sheet.levels, sheet.comments, sheet.overall_comment) == ({"1.1": 4, "2.3": 3}, {"2.3": "ครบถ้วน"}, "ดีมาก")
    assert "บันทึกแล้ว" in body(client.get(sheet_url(round_)))


def test_a_bad_whole_page_post_saves_nothing(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {"1.1": 2}, submit=False)
    revision = sheet.revision
    response = logged_in(member_user(cast, 2)).post(f"/sheets/{sheet.pk}/save/", {"level-1.1": "4", "level-1.2": "7"})
    assert response.status_code == 422
    assert "<li>ระดับคุณภาพต้องเป็น 1 ถึง 4</li>" in body(response)
    sheet.refresh_from_db()
    assert (sheet.levels, sheet.revision) == ({"1.1": 2}, revision)


# --- submitting -----------------------------------------------------------------------------------------


def test_submitting_with_items_missing_lists_each_as_a_link_and_stays_a_draft(cast: Cast) -> None:
    round_ = round_for(cast)
    levels = dict.fromkeys(codes(round_), 3)
    del levels["1.2"], levels["3.3"], levels["quantitative"]
    sheet = score(cast, round_, 2, levels, submit=False)
    response = logged_in(member_user(cast, 2)).post(f"/sheets/{sheet.pk}/submit/")
    assert response.status_code == 422
    listed = body(response).split('id="missing-items"', 1)[1].split("</div>", 1)[0]
    assert re.findall(r'<a href="#([^"]+)">([^<]+)</a>', listed) == [
        ("item-1-2", "ตัวชี้วัด 1.2"),
        ("item-3-3", "ตัวชี้วัด 3.3"),
        ("item-quantitative", "ส่วนที่ 2 ข้อ 2.1"),
    ]
    assert {'id="item-1-2"', 'id="item-3-3"', 'id="item-quantitative"'} <= set(
        re.findall(r'id="item-[^"]+"', body(response))
    )
    sheet.refresh_from_db()
    assert (sheet.state, sheet.total) == (ScoreSheet.State.DRAFT, None)


def test_a_complete_sheet_submits_locks_and_reads_back_without_inputs(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, 3, submit=False)
    client = logged_in(member_user(cast, 2))
    response = client.post(f"/sheets/{sheet.pk}/submit/", {"comment-overall": "ส่งแล้ว"})
    assert (response.status_code, response["Location"]) == (302, sheet_url(round_))
    sheet.refresh_from_db()
    assert (sheet.state, sheet.part1, sheet.part2, sheet.total, sheet.overall_comment) == (
        ScoreSheet.State.SUBMITTED,
        Decimal(45),
        Decimal(30),
        Decimal(75),
        "ส่งแล้ว",
    )
    page = client.get(sheet_url(round_))
    text = body(page)
    assert "ส่งผลการประเมินแล้ว แบบประเมินนี้ถูกล็อกไว้และแก้ไขไม่ได้" in text
    assert "ผู้อำนวยการสถานศึกษา (ประธานกรรมการ) เป็นผู้เปิดให้แก้ไขได้ โดยต้องระบุเหตุผลเป็นลายลักษณ์อักษร" in text
    assert (radios_of(page), "<textarea" in text, 'id="sheet-form"' in text) == ({}, False, False)
    assert text.count("<strong>ระดับ 3 ปฏิบัติได้ตามระดับการปฏิบัติที่คาดหวัง</strong>") == 18
    assert totals(page) == {"part1": "45", "part2": "30", "all": "75", "chosen": "18"}


def test_a_submitted_sheet_refuses_saves_with_409_and_nothing_changes(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, 3)
    revision = sheet.revision
    client = logged_in(member_user(cast, 2))
    response = client.post(item_url(sheet, "1.1"), {"level": "4"}, headers=HTMX)
    assert response.status_code == 409
    assert LOCKED in body(response)
    for url in (f"/sheets/{sheet.pk}/save/", f"/sheets/{sheet.pk}/submit/"):
        response = client.post(url, {"level-1.1": "4"})
        assert (response.status_code, LOCKED in body(response)) == (409, True)
    sheet.refresh_from_db()
    assert (sheet.levels["1.1"], sheet.revision, sheet.state) == (3, revision, ScoreSheet.State.SUBMITTED)


def test_a_bad_value_posted_to_a_submitted_sheet_is_answered_as_locked_first(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, 3)
    response = logged_in(member_user(cast, 2)).post(item_url(sheet, "1.1"), {"level": "x"}, headers=HTMX)
    assert (response.status_code, LOCKED in body(response)) == (409, True)


def test_a_save_once_the_committee_is_forming_again_is_a_404_and_changes_nothing(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {"1.1": 3}, submit=False)
    seat_remove(actor=cast.user("director"), seat=round_.seat(3), reason="ย้ายสถานศึกษา")
    response = logged_in(member_user(cast, 2)).post(item_url(sheet, "1.1"), {"level": "1"}, headers=HTMX)
    assert response.status_code == 404
    sheet.refresh_from_db()
    assert sheet.levels == {"1.1": 3}


# --- who may open and post --------------------------------------------------------------------------------


def other_committee_member(cast: Cast) -> User:
    """The lecturer, an accepted member of another committee of the same school and year."""
    committee = new_committee(cast, "คณะกรรมการกลุ่มสาระคณิตศาสตร์")
    accept(appoint(cast, committee, 2, cast.lecturer, "lecturer"))
    return User.objects.get(pk=cast.user("lecturer").pk)


@pytest.mark.parametrize(
    "name", ["teacher", "outsider", "other_area_officer", "area_officer", "school_admin", "other_committee"]
)
def test_nobody_but_the_member_opens_or_posts_to_a_sheet(cast: Cast, name: str) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {"1.1": 3}, submit=False)
    revision = sheet.revision
    user = other_committee_member(cast) if name == "other_committee" else cast.user(name)
    client = logged_in(user)
    responses = [
        client.get(sheet_url(round_)),
        client.post(item_url(sheet, "1.1"), {"level": "1"}, headers=HTMX),
        client.post(f"/sheets/{sheet.pk}/save/", {"level-1.1": "1"}),
        client.post(f"/sheets/{sheet.pk}/submit/"),
    ]
    assert [r.status_code for r in responses] == [404, 404, 404, 404]
    assert all(NOT_FOUND in body(r) for r in responses)
    assert ScoreSheet.objects.count() == 1
    sheet.refresh_from_db()
    assert (sheet.levels, sheet.revision) == ({"1.1": 3}, revision)


@pytest.mark.parametrize("number", [1, 3])
def test_a_member_cannot_post_to_another_members_sheet(cast: Cast, number: int) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {"1.1": 3}, submit=False)
    client = logged_in(member_user(cast, number))
    own = client.get(sheet_url(round_))  # their own sheet, made on first open
    assert (own.status_code, ScoreSheet.objects.count()) == (200, 2)
    responses = [
        client.post(item_url(sheet, "1.1"), {"level": "1"}, headers=HTMX),
        client.post(f"/sheets/{sheet.pk}/save/", {"level-1.1": "1"}),
        client.post(f"/sheets/{sheet.pk}/submit/"),
    ]
    assert [r.status_code for r in responses] == [404, 404, 404]
    sheet.refresh_from_db()
    assert sheet.levels == {"1.1": 3}


def test_a_pending_appointee_cannot_open_or_score(cast: Cast) -> None:
    round_ = round_for(cast, accept_members=False)
    response = logged_in(member_user(cast, 2)).get(sheet_url(round_))
    assert (response.status_code, ScoreSheet.objects.count()) == (404, 0)


def test_a_member_waits_while_the_committee_is_incomplete(cast: Cast) -> None:
    round_ = round_for(cast, accept_members=False)
    accept(round_.seat(2))
    response = logged_in(member_user(cast, 2)).get(sheet_url(round_))
    assert response.status_code == 200
    assert "ยังเริ่มประเมินไม่ได้: ต้องรอให้กรรมการตอบรับการแต่งตั้งครบทั้งสามท่าน" in body(response)
    assert (radios_of(response), ScoreSheet.objects.count()) == ({}, 0)


def test_an_unknown_evaluation_or_sheet_is_a_404(cast: Cast) -> None:
    client = logged_in(cast.user("supervisor"))
    assert client.get("/evaluations/999/sheet/").status_code == 404
    assert client.post("/sheets/999/items/1.1/", {"level": "3"}, headers=HTMX).status_code == 404


# --- appointments -----------------------------------------------------------------------------------------


def test_the_evaluator_home_lists_a_pending_appointment_with_its_answer_buttons(cast: Cast) -> None:
    round_ = round_for(cast, accept_members=False)
    seat = round_.seat(2)
    response = logged_in(member_user(cast, 2)).get("/evaluator/")
    text = body(response)
    assert response.status_code == 200
    offer = text.split(f'id="seat-{seat.pk}"', 1)[1].split("</article>", 1)[0]
    assert "คณะกรรมการกลุ่มสาระภาษาไทย" in offer
    assert "<dd>โรงเรียนอนุบาลทดสอบ</dd>" in offer
    assert "<dd>พ.ศ. 2570</dd>" in offer
    assert re.search(r"<dt>ตอบรับภายใน</dt><dd>\d{1,2} \S+ 25\d\d</dd>", offer)
    assert re.findall(r'name="decision" value="(\w+)"', offer) == ["accept", "decline"]
    assert "ยังไม่มีครูที่ต้องประเมิน" in text


def test_declining_without_a_reason_is_refused_in_thai(cast: Cast) -> None:
    round_ = round_for(cast, accept_members=False)
    seat = round_.seat(2)
    response = logged_in(member_user(cast, 2)).post(f"/seats/{seat.pk}/respond/", {"decision": "decline", "note": " "})
    assert response.status_code == 422
    assert "กรุณาระบุเหตุผลที่ไม่สามารถรับการแต่งตั้ง เพื่อให้ผู้อำนวยการแต่งตั้งผู้อื่นแทน" in body(response)
    seat.refresh_from_db()
    assert seat.status == Seat.Status.PENDING


def test_declining_with_a_reason_frees_the_seat(cast: Cast) -> None:
    round_ = round_for(cast, accept_members=False)
    seat = round_.seat(2)
    client = logged_in(member_user(cast, 2))
    response = client.post(f"/seats/{seat.pk}/respond/", {"decision": "decline", "note": "ติดราชการ"})
    assert (response.status_code, response["Location"]) == (302, "/evaluator/")
    seat.refresh_from_db()
    assert (seat.status, seat.response_note) == (Seat.Status.DECLINED, "ติดราชการ")
    assert "ผู้อำนวยการสถานศึกษาจะแต่งตั้งผู้อื่นแทน" in body(client.get("/evaluator/"))


def test_accepting_makes_the_seat_accepted_and_the_teacher_appears(cast: Cast) -> None:
    round_ = round_for(cast, accept_members=False)
    seat = round_.seat(2)
    client = logged_in(member_user(cast, 2))
    response = client.post(f"/seats/{seat.pk}/respond/", {"decision": "accept"})
    assert (response.status_code, response["Location"]) == (302, "/evaluator/")
    seat.refresh_from_db()
    assert seat.status == Seat.Status.ACCEPTED
    text = body(client.get("/evaluator/"))
    assert 'name="decision"' not in text
    assert "นางสาวสมศรี ใจดี" in text
    assert rows(client.get("/evaluator/")) == [("นางสาวสมศรี ใจดี", "ยังไม่เริ่ม")]
    # Seat 3 has not answered yet: nothing to open.
    assert "ยังเปิดแบบประเมินไม่ได้: รอกรรมการตอบรับครบและข้อตกลงได้รับความเห็นชอบ" in text
    assert f'href="{sheet_url(round_)}"' not in text


@pytest.mark.parametrize("name", ["other_school_teacher", "director", "outsider"])
def test_nobody_else_answers_a_seat(cast: Cast, name: str) -> None:
    round_ = round_for(cast, accept_members=False)
    seat = round_.seat(2)
    response = logged_in(cast.user(name)).post(f"/seats/{seat.pk}/respond/", {"decision": "accept"})
    assert response.status_code == 404
    seat.refresh_from_db()
    assert seat.status == Seat.Status.PENDING


def test_an_answered_seat_cannot_be_answered_again(cast: Cast) -> None:
    round_ = round_for(cast)
    seat = round_.seat(2)
    client = logged_in(member_user(cast, 2))
    response = client.post(f"/seats/{seat.pk}/respond/", {"decision": "decline", "note": "เปลี่ยนใจ"})
    assert (response.status_code, response["Location"]) == (302, "/evaluator/")
    assert "ตอบรับไม่ได้: การแต่งตั้งนี้ได้ตอบไปแล้วหรือพ้นกำหนดตอบรับ" in body(client.get("/evaluator/"))
    seat.refresh_from_db()
    assert seat.status == Seat.Status.ACCEPTED


def test_an_overdue_appointment_shows_no_buttons_and_answering_it_expires_the_seat(cast: Cast) -> None:
    round_ = round_for(cast, accept_members=False)
    seat = round_.seat(2)
    Seat.objects.filter(pk=seat.pk).update(respond_by=timezone.now() - timedelta(hours=1))
    client = logged_in(member_user(cast, 2))
    offer = body(client.get("/evaluator/")).split(f'id="seat-{seat.pk}"', 1)[1].split("</article>", 1)[0]
    assert ("พ้นกำหนดตอบรับแล้ว" in offer, 'name="decision"' in offer) == (True, False)
    response = client.post(f"/seats/{seat.pk}/respond/", {"decision": "accept"})
    assert (response.status_code, response["Location"]) == (302, "/evaluator/")
    seat.refresh_from_db()
    assert seat.status == Seat.Status.EXPIRED
    assert "ตอบรับไม่ได้: การแต่งตั้งนี้ได้ตอบไปแล้วหรือพ้นกำหนดตอบรับ" in body(client.get("/evaluator/"))


# --- the evaluator's home ---------------------------------------------------------------------------------


def rows(response: Any) -> list[tuple[str, str]]:
    """(teacher, state of the own sheet) per assigned teacher, in page order."""
    listed = body(response).split('aria-labelledby="h-assigned"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<strong>([^<]+)</strong>(?:</a>)?\s*<span class="state sheet-state-\w+">([^<]+)</span>', listed)


def test_the_evaluator_home_lists_assigned_teachers_with_the_state_of_the_own_sheet(cast: Cast) -> None:
    round_ = round_for(cast)
    client = logged_in(member_user(cast, 2))
    response = client.get("/evaluator/")
    assert rows(response) == [("นางสาวสมศรี ใจดี", "ยังไม่เริ่ม")]
    assert f'<a href="{sheet_url(round_)}"><strong>นางสาวสมศรี ใจดี</strong></a>' in body(response)
    score(cast, round_, 2, {"1.1": 3}, submit=False)
    assert rows(client.get("/evaluator/")) == [("นางสาวสมศรี ใจดี", "กำลังประเมิน")]
    score(cast, round_, 2, 3)
    assert rows(client.get("/evaluator/")) == [("นางสาวสมศรี ใจดี", "ส่งแล้ว")]
    score(cast, round_, 1, 3)
    score(cast, round_, 3, 3)
    assert rows(client.get("/evaluator/")) == [("นางสาวสมศรี ใจดี", "ประเมินครบ")]
    results_publish(actor=cast.user("director"), evaluations=[round_.evaluation])
    assert rows(client.get("/evaluator/")) == [("นางสาวสมศรี ใจดี", "ประกาศผลแล้ว")]
    # Seat 3's row follows the evaluation too once it is published.
    assert rows(logged_in(member_user(cast, 3)).get("/evaluator/")) == [("นางสาวสมศรี ใจดี", "ประกาศผลแล้ว")]


def test_an_evaluator_without_committees_gets_the_empty_state_naming_the_next_step(cast: Cast) -> None:
    response = logged_in(cast.user("lecturer")).get("/evaluator/")
    assert response.status_code == 200
    assert "<h1>สวัสดี นางสาวอรุณ วิชาการ</h1>" in body(response)
    assert "ขั้นต่อไป: เมื่อผู้อำนวยการสถานศึกษาแต่งตั้งคุณในคณะกรรมการ" in body(response)


def test_the_old_org_evaluator_page_is_gone_and_home_still_lands_on_the_evaluator_page(cast: Cast) -> None:
    with pytest.raises(TemplateDoesNotExist):
        get_template("org/evaluator_home.html")
    response = logged_in(cast.user("supervisor")).get("/home/")
    assert (response.status_code, response["Location"]) == (302, "/evaluator/")


def test_a_teacher_with_no_committee_work_is_sent_home(cast: Cast) -> None:
    response = logged_in(cast.user("teacher")).get("/evaluator/")
    assert (response.status_code, response["Location"]) == (302, "/home/")


# --- the committee work card -------------------------------------------------------------------------------


CARD = "งานคณะกรรมการประเมิน PA"


def test_a_teacher_who_sits_on_a_committee_sees_the_appointment_on_her_home(cast: Cast) -> None:
    round_for(cast, accept_members=False)
    text = body(logged_in(cast.user("other_school_teacher")).get("/teacher/"))
    assert '<li><a href="/evaluator/">การแต่งตั้งเป็นกรรมการที่รอคุณตอบรับ 1 รายการ</a></li>' in text
    assert "ครูที่ยังต้องประเมิน" not in text


def test_the_card_counts_teachers_still_to_score_and_renders_nothing_when_done(cast: Cast) -> None:
    round_ = round_for(cast)
    client = logged_in(cast.user("other_school_teacher"))
    assert '<li><a href="/evaluator/">ครูที่ยังต้องประเมิน 1 คน</a></li>' in body(client.get("/teacher/"))
    score(cast, round_, 3, 3)
    assert CARD not in body(client.get("/teacher/"))


def test_a_teacher_sees_her_published_result_on_her_home(cast: Cast) -> None:
    round_ = round_for(cast)
    client = logged_in(cast.user("teacher"))
    assert CARD not in body(client.get("/teacher/"))
    for number in (1, 2, 3):
        score(cast, round_, number, 3)
    assert CARD not in body(client.get("/teacher/"))  # scored, not yet published
    results_publish(actor=cast.user("director"), evaluations=[round_.evaluation])
    text = body(client.get("/teacher/"))
    assert "ผลการประเมิน PA ของคุณ ปีงบประมาณ พ.ศ. 2570:\n    <strong>ผ่านเกณฑ์</strong>" in text
    assert f'<a href="/evaluations/{round_.evaluation.pk}/result/">ดูผลการประเมิน</a>' in text


def card_queries(user: User) -> tuple[int, str]:
    request = RequestFactory().get("/teacher/")
    request.user = user
    scope_of(user)  # the request's scope is read once per request, before any page content
    with CaptureQueriesContext(connection) as queries:
        html = Template("{% load committee_work %}{% committee_work %}").render(Context({"request": request}))
    return len(queries), html


def test_the_card_costs_at_most_two_queries(cast: Cast) -> None:
    round_ = round_for(cast)
    for number in (1, 2, 3):
        score(cast, round_, number, 3)
    results_publish(actor=cast.user("director"), evaluations=[round_.evaluation])
    count, html = card_queries(User.objects.get(pk=cast.user("teacher").pk))
    assert (count, "ดูผลการประเมิน" in html) == (2, True)
    count, html = card_queries(User.objects.get(pk=cast.user("school_admin").pk))  # no person: nothing to ask
    assert (count, html.strip()) == (0, "")


# --- query budgets ------------------------------------------------------------------------------------------


def test_the_sheet_page_stays_within_its_query_budget(cast: Cast, django_assert_max_num_queries: Any) -> None:
    round_ = round_for(cast)
    score(cast, round_, 2, {"1.1": 3}, submit=False)
    client = logged_in(member_user(cast, 2))
    with django_assert_max_num_queries(8):
        response = client.get(sheet_url(round_))
    assert response.status_code == 200


def test_an_autosave_stays_within_its_query_budget(cast: Cast, django_assert_max_num_queries: Any) -> None:
    round_ = round_for(cast)
    sheet = opened(cast, round_)
    client = logged_in(member_user(cast, 2))
    with django_assert_max_num_queries(8):
        response = client.post(item_url(sheet, "1.1"), {"level": "3"}, headers=HTMX)
    assert response.status_code == 200


def more_teachers(cast: Cast, round_: Round, count: int) -> None:
    for index in range(count):
        teacher = make_person(
            school=cast.school,
            first_name=f"ครูคนที่{index}",
            last_name="ทดสอบ",
            national_id_value=make_national_id(next(_national_ids)),
        )
        agreement = approved_agreement(cast, teacher)
        evaluations_assign(actor=cast.user("director"), committee=round_.committee, agreements=[agreement])


def home_queries(cast: Cast, extra_teachers: int) -> int:
    round_ = round_for(cast)
    more_teachers(cast, round_, extra_teachers)
    score(cast, round_, 2, {"1.1": 3}, submit=False)
    client = logged_in(member_user(cast, 2))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/evaluator/")
    assert len(rows(response)) == 1 + extra_teachers
    return len(queries)


@pytest.mark.parametrize("extra_teachers", [0, 2])
def test_the_evaluator_home_costs_the_same_for_one_or_three_teachers(cast: Cast, extra_teachers: int) -> None:
    assert home_queries(cast, extra_teachers) == 7
