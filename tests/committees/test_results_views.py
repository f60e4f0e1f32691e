"""The result pages through the client: PA 3, one member's sheet, the calibration list and publishing.

Hand-computed points (ว 9/2564): Part 1 = the sum of 15 levels (max 60); Part 2 = method 5/10/15/20 plus
quantitative and qualitative 2.5/5/7.5/10 each (max 40); a member's total is exact, never rounded.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees.models import Evaluation, ScoreSheet
from committees.points import item_codes
from committees.services import evaluations_assign, sheet_save, sheet_submit
from rulebook import load_edition, member_score
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
from tests.conftest import Cast, logged_in, make_person

BANNER = "กรรมการให้คะแนนต่างกันมาก ควรหารือก่อนประกาศผล"
EDITION = load_edition()
CODES = item_codes(EDITION)
PART2 = ("method", "quantitative", "qualitative")


def page(user: Any, url: str, status: int = 200) -> str:
    response = logged_in(user).get(url)
    assert response.status_code == status
    return response.content.decode()


def levels(default: int, **by_code: int) -> dict[str, int]:
    """A level for every item; keyword names use _ for the dot (i1_1 is indicator 1.1)."""
    chosen = dict.fromkeys(CODES, default)
    chosen.update({code.removeprefix("i").replace("_", "."): level for code, level in by_code.items()})
    return chosen


def total_of(chosen: dict[str, int]) -> Decimal:
    part1 = {code: level for code, level in chosen.items() if code not in PART2}
    part2 = {code: level for code, level in chosen.items() if code in PART2}
    return member_score(part1, part2, EDITION).total


def totals_row(html: str) -> list[tuple[str, str, str]]:
    """(Part 1, Part 2, total) per member, in seat order, from the PA 3 summary table."""
    pattern = r'<td class="num">(.*?)</td>\s*<td class="num">(.*?)</td>\s*<td class="num"><strong>(.*?)</strong>'
    return [(part1, part2, total) for part1, part2, total in re.findall(pattern, html)]


def result_url(round_: Round) -> str:
    return f"/evaluations/{round_.evaluation.pk}/result/"


def sheet_of(round_: Round, number: int) -> ScoreSheet:
    return ScoreSheet.objects.get(evaluation=round_.evaluation, seat=round_.seat(number))


def score_with_comments(cast: Cast, round_: Round, number: int, chosen: dict[str, int] | int, **text: str) -> None:
    """Member `number` chooses levels, writes an item comment and an overall comment, and submits."""
    sheet = score(cast, round_, number, chosen, submit=False)
    user = member_user(cast, number)
    sheet = sheet_save(actor=user, sheet=sheet, code="1.1", comment=text.get("item", ""))
    sheet = sheet_save(actor=user, sheet=sheet, code="overall", comment=text.get("overall", ""))
    sheet_submit(actor=user, sheet=sheet)


@pytest.fixture
def scored(cast: Cast) -> Round:
    round_ = round_for(cast)
    for number in (1, 2, 3):
        score(cast, round_, number, 3)
    return round_


# --- PA 3: hand-computed results ------------------------------------------------------------------------


def test_three_members_at_level_3_give_45_30_75_each_and_pass(cast: Cast) -> None:
    round_ = round_for(cast)
    for number in (1, 2, 3):
        score(cast, round_, number, 3)
    html = page(cast.user("director"), result_url(round_))
    assert totals_row(html) == [("45", "30", "75")] * 3
    assert 'state-approved">ผ่านเกณฑ์</strong>' in html
    assert "ไม่ผ่านเกณฑ์" not in html
    assert html.count("✓ ผ่าน") == 3
    assert BANNER not in html
    # Every member's sheet is linked once all three are in.
    for number in (1, 2, 3):
        assert f'href="/sheets/{sheet_of(round_, number).pk}/"' in html
    # The per-item table: 15 indicators and 3 Part 2 items, each with three members' levels.
    assert html.count("ระดับ 3 · 3 คะแนน") == 15 * 3
    assert html.count("ระดับ 3 · 15 คะแนน") == 3
    assert html.count("ระดับ 3 · 7.5 คะแนน") == 6


def test_one_member_at_69_5_fails_the_round_and_the_reason_names_them(cast: Cast) -> None:
    # Part 1: twelve indicators at 3 and three at 2 = 42; Part 2: method 3 (15) + 7.5 + qualitative 2 (5) = 27.5.
    low = levels(3, i1_1=2, i2_1=2, i3_1=2, qualitative=2)
    assert total_of(low) == Decimal("69.5")
    round_ = round_for(cast)
    score(cast, round_, 1, 3)
    score(cast, round_, 2, low)
    score(cast, round_, 3, 4)
    html = page(cast.user("director"), result_url(round_))
    assert totals_row(html) == [("45", "30", "75"), ("42", "27.5", "69.5"), ("60", "40", "100")]
    assert 'state-returned">ไม่ผ่านเกณฑ์</strong>' in html
    assert "<li>กรรมการคนที่ 2 ให้คะแนนรวม 69.5 คะแนน ต่ำกว่าเกณฑ์ร้อยละ 70</li>" in html
    assert html.count("✓ ผ่าน") == 2
    assert html.count("✗ ต่ำกว่าเกณฑ์") == 1
    # 100 against 69.5 is a spread of 30.5: flagged for the committee, never rounded.
    assert "คะแนนรวมของกรรมการต่างกัน 30.5 คะแนน" in html


def test_exactly_70_passes(cast: Cast) -> None:
    boundary = levels(3, method=2)  # 45 + 10 + 7.5 + 7.5
    assert total_of(boundary) == Decimal(70)
    round_ = round_for(cast)
    for number in (1, 2, 3):
        score(cast, round_, number, boundary)
    html = page(cast.user("director"), result_url(round_))
    assert totals_row(html) == [("45", "25", "70")] * 3
    assert 'state-approved">ผ่านเกณฑ์</strong>' in html


def test_short_workload_fails_even_with_every_level_at_4(cast: Cast) -> None:
    round_ = round_for(cast, teaching_hours="5")
    for number in (1, 2, 3):
        score(cast, round_, number, 4)
    html = page(cast.user("director"), result_url(round_))
    assert totals_row(html) == [("60", "40", "100")] * 3
    assert 'state-returned">ไม่ผ่านเกณฑ์</strong>' in html
    assert "<li>ภาระงานไม่เป็นไปตามที่ ก.ค.ศ. กำหนด</li>" in html
    assert "กรรมการคนที่" not in html


# --- disagreement flags ---------------------------------------------------------------------------------


def test_a_two_level_gap_on_one_indicator_is_flagged_on_the_page_and_in_calibration(cast: Cast) -> None:
    round_ = round_for(cast)
    score(cast, round_, 1, 3)
    score(cast, round_, 2, 3)
    score(cast, round_, 3, levels(3, i1_1=1))
    html = page(cast.user("director"), result_url(round_))
    assert BANNER in html
    assert "1.1 สร้างและหรือพัฒนาหลักสูตร</a>: คนที่ 1 ระดับ 3, คนที่ 2 ระดับ 3, คนที่ 3 ระดับ 1" in html
    assert re.findall(r'<tr id="item-([^"]+)" class="flagged">', html) == ["1.1"]
    assert "ระดับต่างกัน 2 ระดับ" in html
    assert "คะแนนรวมของกรรมการต่างกัน" not in html  # 75, 75, 73: a spread of 2
    assert totals_row(html)[2] == ("43", "30", "73")
    calibration = page(cast.user("director"), f"/committees/{round_.committee.pk}/calibration/")
    assert f'<tr id="evaluation-{round_.evaluation.pk}" class="flagged">' in calibration
    assert "⚑ 1.1 สร้างและหรือพัฒนาหลักสูตร" in calibration
    assert "75 / 75 / 73" in calibration
    assert f'href="/evaluations/{round_.evaluation.pk}/result/"' in calibration


def test_totals_60_against_75_are_flagged_without_any_item(cast: Cast) -> None:
    sixty = levels(2, method=3, quantitative=3, qualitative=3)  # 30 + 30: one level off everywhere
    assert total_of(sixty) == Decimal(60)
    round_ = round_for(cast)
    score(cast, round_, 1, 3)
    score(cast, round_, 2, sixty)
    score(cast, round_, 3, 3)
    html = page(cast.user("area_officer"), result_url(round_))
    assert BANNER in html
    assert "<li>คะแนนรวมของกรรมการต่างกัน 15 คะแนน</li>" in html
    assert 'class="flagged"' not in html
    assert "<li>กรรมการคนที่ 2 ให้คะแนนรวม 60 คะแนน ต่ำกว่าเกณฑ์ร้อยละ 70</li>" in html
    calibration = page(cast.user("area_officer"), f"/committees/{round_.committee.pk}/calibration/")
    assert "⚑ คะแนนรวมต่างกัน 15 คะแนน" in calibration
    assert "75 / 60 / 75" in calibration


def test_calibration_lists_a_teacher_not_yet_scored_without_any_content(cast: Cast) -> None:
    round_ = round_for(cast)
    score(cast, round_, 1, 4)
    score(cast, round_, 2, 1)
    html = page(cast.user("director"), f"/committees/{round_.committee.pk}/calibration/")
    assert cast.teacher.full_name in html
    assert "ยังประเมินไม่ครบ" in html
    assert "⚑" not in html
    assert "100" not in html  # member 1's total; member 2's is 25
    assert "คะแนนรวมต่างกัน" not in html
    assert "ไม่มี (" not in html
    assert BANNER not in html


# --- privacy: nothing of another member's sheet before all three are in --------------------------------


def test_before_all_three_submit_only_progress_shows_and_other_sheets_are_404(cast: Cast) -> None:
    distinctive = levels(4, method=3, quantitative=3, qualitative=2)  # 60 + 15 + 7.5 + 5
    assert total_of(distinctive) == Decimal("87.5")
    round_ = round_for(cast)
    score_with_comments(cast, round_, 1, distinctive, item="ความเห็นลับของประธาน", overall="ภาพรวมลับของประธาน")
    score_with_comments(cast, round_, 2, 3, item="ความเห็นลับของคนที่สอง", overall="ภาพรวมลับของคนที่สอง")
    secrets = ["ความเห็นลับของประธาน", "ภาพรวมลับของประธาน", "ความเห็นลับของคนที่สอง", "ภาพรวมลับของคนที่สอง"]
    for viewer in ("director", "supervisor", "other_school_teacher", "area_officer"):
        html = page(cast.user(viewer), result_url(round_))
        assert [secret for secret in secrets if secret in html] == []
        assert "87.5" not in html
        assert "ระดับ 4" not in html
        assert "ระดับ 3 ·" not in html
        assert 'class="num"' not in html
        assert html.count("✓ ส่งแล้ว") == 2
        assert html.count("ยังไม่ส่ง") == 1
        assert cast.supervisor.full_name in html
    # The member's own sheet is always theirs to read; another member's is not there at all.
    chair_sheet, second_sheet = sheet_of(round_, 1), sheet_of(round_, 2)
    assert "ภาพรวมลับของคนที่สอง" in page(cast.user("supervisor"), f"/sheets/{second_sheet.pk}/")
    page(cast.user("supervisor"), f"/sheets/{chair_sheet.pk}/", status=404)
    page(cast.user("director"), f"/sheets/{second_sheet.pk}/", status=404)
    page(cast.user("area_officer"), f"/sheets/{chair_sheet.pk}/", status=404)
    page(cast.user("other_school_teacher"), f"/sheets/{second_sheet.pk}/", status=404)

    score(cast, round_, 3, 3)
    html = page(cast.user("supervisor"), result_url(round_))
    assert [secret for secret in secrets if secret not in html] == []
    assert totals_row(html) == [("60", "27.5", "87.5"), ("45", "30", "75"), ("45", "30", "75")]
    other = page(cast.user("supervisor"), f"/sheets/{chair_sheet.pk}/")
    assert "ภาพรวมลับของประธาน" in other
    assert '<span class="stat">87.5</span>' in other
    assert "ความเห็นลับของคนที่สอง" not in other


def test_the_member_is_pointed_to_their_own_sheet_while_scoring(cast: Cast) -> None:
    round_ = round_for(cast)
    own_sheet = reverse("sheet_open", args=[round_.evaluation.pk])
    html = page(cast.user("supervisor"), result_url(round_))
    assert f'href="{own_sheet}"' in html
    assert html.count("ยังไม่ส่ง") == 3
    assert own_sheet not in page(cast.user("area_officer"), result_url(round_))


def test_the_director_sees_which_seats_still_wait_for_an_answer(cast: Cast) -> None:
    round_ = round_for(cast, accept_members=False)
    html = page(cast.user("director"), result_url(round_))
    assert html.count("รอตอบรับ") == 2
    assert html.count("ยังไม่ส่ง") == 1  # the chair's own seat
    # Someone offered a seat and not yet answered follows nothing.
    page(cast.user("supervisor"), result_url(round_), status=403)


def test_a_member_reads_their_own_draft_with_the_points_so_far(cast: Cast) -> None:
    round_ = round_for(cast)
    sheet = score(cast, round_, 2, {"1.1": 4, "method": 3, "quantitative": 1}, submit=False)
    html = page(cast.user("supervisor"), f"/sheets/{sheet.pk}/")
    assert re.findall(r'<span class="stat">(.*?)</span>', html) == ["4", "17.5", "21.5"]
    assert html.count("ยังไม่เลือก") == len(CODES) - 3
    assert f'href="{reverse("sheet_open", args=[round_.evaluation.pk])}"' in html
    page(cast.user("director"), f"/sheets/{sheet.pk}/", status=404)


def test_numbers_follow_the_thai_digit_preference(cast: Cast, scored: Round) -> None:
    director = cast.user("director")
    director.thai_digits = True
    director.save(update_fields=["thai_digits"])
    html = page(director, result_url(scored))
    assert totals_row(html) == [("๔๕", "๓๐", "๗๕")] * 3


# --- the teacher ----------------------------------------------------------------------------------------


def test_the_teacher_sees_the_result_only_once_published_and_never_the_flags(cast: Cast) -> None:
    round_ = round_for(cast)
    score(cast, round_, 1, 3)
    score(cast, round_, 2, 3)
    score_with_comments(cast, round_, 3, levels(3, i1_1=1), item="ควรปรับแผนการสอน", overall="ภาพรวมดี")
    page(cast.user("teacher"), result_url(round_), status=404)
    director = logged_in(cast.user("director"))
    before = director.get(result_url(round_)).content.decode()
    assert f'action="/evaluations/{round_.evaluation.pk}/publish/"' in before
    response = director.post(f"/evaluations/{round_.evaluation.pk}/publish/")
    assert (response.status_code, response["Location"]) == (302, result_url(round_))
    after = director.get(result_url(round_)).content.decode()
    assert f"ประกาศผลการประเมินของ {cast.teacher.full_name} แล้ว" in after
    assert "/publish/" not in after
    assert Evaluation.objects.get(pk=round_.evaluation.pk).published_at is not None

    html = page(cast.user("teacher"), result_url(round_))
    assert totals_row(html) == [("45", "30", "75"), ("45", "30", "75"), ("43", "30", "73")]
    assert 'state-approved">ผ่านเกณฑ์</strong>' in html
    assert cast.director.full_name in html
    assert cast.other_school_teacher.full_name in html
    assert "ควรปรับแผนการสอน" in html
    assert "ภาพรวมดี" in html
    assert BANNER not in html
    assert "⚑" not in html
    assert 'class="flagged"' not in html
    assert "/publish/" not in html
    assert "/sheets/" not in html
    page(cast.user("teacher"), f"/sheets/{sheet_of(round_, 3).pk}/", status=404)


# --- authorisation --------------------------------------------------------------------------------------


def test_people_outside_the_committee_get_404_everywhere(cast: Cast, scored: Round) -> None:
    other = new_committee(cast, "คณะกรรมการกลุ่มสาระคณิตศาสตร์")
    accept(appoint(cast, other, 2, cast.lecturer, "lecturer"))
    sheet = sheet_of(scored, 2)
    urls = [result_url(scored), f"/sheets/{sheet.pk}/", f"/committees/{scored.committee.pk}/calibration/"]
    for name in ("outsider", "other_area_officer", "lecturer"):
        client = logged_in(cast.user(name))
        assert [client.get(url).status_code for url in urls] == [404, 404, 404], name
        assert client.post(f"/evaluations/{scored.evaluation.pk}/publish/").status_code == 404
    assert page(cast.user("teacher"), f"/committees/{scored.committee.pk}/calibration/", status=404)
    assert Evaluation.objects.get(pk=scored.evaluation.pk).published_at is None


def test_the_school_admin_account_sees_the_committee_but_may_not_read_results(cast: Cast, scored: Round) -> None:
    page(cast.user("school_admin"), result_url(scored), status=403)
    page(cast.user("school_admin"), f"/committees/{scored.committee.pk}/calibration/", status=403)


def test_only_the_director_publishes_and_only_once_all_three_are_in(cast: Cast) -> None:
    round_ = round_for(cast)
    score(cast, round_, 1, 3)
    score(cast, round_, 2, 3)
    url = f"/evaluations/{round_.evaluation.pk}/publish/"
    assert logged_in(cast.user("director")).post(url).status_code == 403
    assert "/publish/" not in page(cast.user("director"), result_url(round_))
    score(cast, round_, 3, 3)
    assert logged_in(cast.user("supervisor")).post(url).status_code == 403
    assert logged_in(cast.user("area_officer")).post(url).status_code == 403
    assert logged_in(cast.user("teacher")).post(url).status_code == 404
    assert logged_in(cast.user("director")).get(url).status_code == 405
    assert "/publish/" not in page(cast.user("supervisor"), result_url(round_))
    assert "/publish/" not in page(cast.user("area_officer"), result_url(round_))
    assert Evaluation.objects.get(pk=round_.evaluation.pk).published_at is None
    assert logged_in(cast.user("director")).post(url).status_code == 302
    assert Evaluation.objects.get(pk=round_.evaluation.pk).published_at is not None
    # Published: a second press is refused, not a second publication.
    assert logged_in(cast.user("director")).post(url).status_code == 403


# --- queries --------------------------------------------------------------------------------------------


def test_the_result_page_stays_within_its_query_budget(
    cast: Cast, scored: Round, django_assert_max_num_queries: Any
) -> None:
    client = logged_in(cast.user("director"))
    with django_assert_max_num_queries(8):
        assert client.get(result_url(scored)).status_code == 200


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_calibration_list_costs_the_same_queries_for_one_and_three_teachers(cast: Cast, scored: Round) -> None:
    client = logged_in(cast.user("director"))
    url = f"/committees/{scored.committee.pk}/calibration/"
    one = _queries(client, url)
    for first_name in ("มานี", "ปิติ"):
        teacher = make_person(school=cast.school, first_name=first_name, last_name="ทดสอบ")
        agreement = approved_agreement(cast, teacher)
        evaluations_assign(actor=cast.user("director"), committee=scored.committee, agreements=[agreement])
    evaluation = Evaluation.objects.get(agreement__teacher__first_name="มานี")
    extra = Round(scored.committee, evaluation, evaluation.agreement)
    for number in (1, 2, 3):
        score(cast, extra, number, 4)
    three = _queries(client, url)
    assert three == one
    html = client.get(url).content.decode()
    assert html.count("ยังประเมินไม่ครบ") == 1
    assert html.count("ดูผลการประเมิน") == 2
