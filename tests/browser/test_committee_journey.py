"""A committee round in headless Chromium, every person on a phone-sized screen in their own browser.

The director forms a committee: appoints the supervisor through the candidate search, is refused a
lecturer ranked below ผู้ช่วยศาสตราจารย์ with the rule's Thai reason, appoints a teacher of another school and
puts two teachers on the committee (one by learning area, one ticked). Both members accept. The three
members score the PA 2 sheet by the radios' accessible names, watching the running totals; a member who
has submitted cannot read the others' sheets before all three are in. The director reads the PA 3 result
(with the disagreement flag) and publishes; the teacher reads it, without the flag. A level chosen while
the network is down is saved when it returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Dialog, Locator, Page, Response, ViewportSize, expect

from committees.models import Evaluation, ScoreSheet, Seat
from committees.points import item_codes
from org.models import LearningArea, Person
from tests.browser.conftest import Logins, login
from tests.committees.factories import YEAR, approved_agreement, round_for
from tests.conftest import make_national_id, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}
# Far from the cast's own counter and from the seeds the `logins` fixture re-keys the cast with.
SECOND_TEACHER_SEED = 8_600_001
REFUSED_LECTURER_SEED = 8_600_002

PART1 = [f"1.{n}" for n in range(1, 9)] + [f"2.{n}" for n in range(1, 5)] + [f"3.{n}" for n in range(1, 4)]
PART2 = {"method": "1", "quantitative": "2.1", "qualitative": "2.2"}  # code → the number the sheet shows

SUPERVISOR_COMMENT = "ตัวชี้วัด 1.1 ออกแบบการเรียนรู้ได้โดดเด่น มีหลักฐานชัดเจน"
OTHER_COMMENT = "ตัวชี้วัด 1.1 ควรแนบแผนการจัดการเรียนรู้ฉบับเต็ม"
OTHER_OVERALL = "ข้อเสนอแนะจากครูต่างโรงเรียน: เพิ่มการวัดผลระหว่างเรียนให้สม่ำเสมอ"
DIRECTOR_COMMENT = "ตัวชี้วัด 1.1 ยังไม่เห็นการวิเคราะห์ผู้เรียนรายบุคคล"

OpenPage = Callable[[str], Page]


@pytest.fixture
def open_page(browser: Browser, live_server: Any, logins: Logins) -> Iterator[OpenPage]:
    """A signed-in page in a browser context of its own (its own cookies), phone-sized; closed after the test."""
    contexts: list[BrowserContext] = []

    def open_(identifier: str) -> Page:
        context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport=PHONE)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        login(page, live_server, identifier, logins.password)
        return page

    yield open_
    for context in contexts:
        context.close()


def url(live_server: Any, name: str, *args: Any, query: str = "") -> str:
    return f"{live_server.url}{reverse(name, args=args)}{query}"


def level_radio(page: Page, code: str, level: int) -> Locator:
    """The radio of one level of one item, by its accessible name ("ตัวชี้วัด 1.1 ระดับ 3 …", "ส่วนที่ 2 ข้อ 2.1 ระดับ 3 …")."""
    item = f"ส่วนที่ 2 ข้อ {re.escape(PART2[code])}" if code in PART2 else f"ตัวชี้วัด {re.escape(code)}"
    return page.get_by_role("radio", name=re.compile(rf"^{item} ระดับ {level} "))


def anchor(code: str) -> str:
    return "#item-" + code.replace(".", "-")


def saved_item(code: str) -> Callable[[Response], bool]:
    """Matches the answer to an autosave of one item (a level, a comment, or "overall")."""
    return lambda response: response.request.method == "POST" and response.url.endswith(f"/items/{code}/")


def choose(page: Page, code: str, level: int) -> None:
    """Choose a level and wait until that item's save is answered and says so.

    One save at a time: the live server's SQLite answers overlapping writes with "database table is locked",
    which the sheet survives (it retries), but only after a pause this test should not depend on.
    """
    radio = level_radio(page, code, level)
    expect(radio).to_have_count(1)
    with page.expect_response(saved_item(code)) as saved:
        radio.check()
    assert saved.value.status == 200
    expect(page.locator(f"{anchor(code)}[data-dirty]")).to_have_count(0)
    expect(page.locator(f"#status-{anchor(code)[1:]}")).to_contain_text("บันทึกแล้ว")


def type_comment(page: Page, code: str, label: str | re.Pattern[str], text: str) -> None:
    """Type a comment, wait for its autosave (a moment after typing stops), then leave the box (saved again)."""
    field = page.get_by_label(label)
    with page.expect_response(saved_item(code)) as typed:
        field.fill(text)
    assert typed.value.status == 200
    with page.expect_response(saved_item(code)) as left:
        field.blur()
    assert left.value.status == 200
    expect(page.locator(f"{anchor(code)}[data-dirty]")).to_have_count(0)


def expect_totals(page: Page, part1: str, part2: str, total: str, chosen: str) -> None:
    expect(page.locator("#total-part1")).to_have_text(part1)
    expect(page.locator("#total-part2")).to_have_text(part2)
    expect(page.locator("#total-all")).to_have_text(total)
    expect(page.locator("#total-chosen")).to_have_text(chosen)


def score_sheet(
    page: Page,
    levels: dict[str, int],
    *,
    comment: str,
    overall: str = "",
    totals: tuple[str, str, str],
    screenshot: Path | None = None,
) -> None:
    """On an open sheet: comments first, then every level, watching the totals; then submit."""
    expect(page.get_by_role("heading", level=1)).to_contain_text("แบบประเมินผลการพัฒนางานตามข้อตกลง (PA 2)")
    expect_totals(page, "0", "0", "0", "0")
    type_comment(page, "1.1", re.compile(r"^ความเห็น ตัวชี้วัด 1\.1 "), comment)
    if overall:
        type_comment(page, "overall", re.compile(r"^ความเห็นและข้อเสนอแนะโดยรวม"), overall)
    # Comments first, each box left before the next step: a save still running when the page is left makes the
    # browser ask "leave this page?" (sheet.js), and Playwright would answer no.
    choose(page, "1.1", levels["1.1"])
    expect_totals(page, str(levels["1.1"]), "0", str(levels["1.1"]), "1")
    for code in PART1[1:]:
        choose(page, code, levels[code])
    part1 = sum(levels[code] for code in PART1)
    expect_totals(page, str(part1), "0", str(part1), "15")
    for code in PART2:
        choose(page, code, levels[code])
    expect_totals(page, *totals, "18")
    expect(page.locator("[data-sheet-item][data-dirty]")).to_have_count(0)
    if screenshot is not None:
        page.screenshot(path=str(screenshot))
    page.get_by_role("button", name="ส่งผลการประเมิน").click()
    expect(page.get_by_text("ส่งผลการประเมินแล้ว แบบประเมินนี้ถูกล็อกไว้และแก้ไขไม่ได้")).to_be_visible()
    expect(page.get_by_text("แบบประเมินนี้ส่งแล้ว แสดงเพื่ออ่านเท่านั้น")).to_be_visible()
    expect(page.get_by_role("radio")).to_have_count(0)


def all_levels(level: int, changed: dict[str, int] | None = None) -> dict[str, int]:
    """One level for every item of the sheet, but the `changed` ones."""
    return {**dict.fromkeys([*PART1, *PART2], level), **(changed or {})}


def accept_appointment(page: Page, live_server: Any, committee_name: str) -> None:
    page.goto(url(live_server, "evaluator_home"))
    expect(page.get_by_role("heading", name=re.compile("การแต่งตั้งที่รอคุณตอบรับ"))).to_be_visible()
    page.get_by_role("button", name=f"ตอบรับการแต่งตั้ง {committee_name}").click()
    expect(page.get_by_text("ตอบรับการแต่งตั้งแล้ว รายชื่อครูที่ต้องประเมินอยู่ในหน้านี้")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("การแต่งตั้งที่รอคุณตอบรับ"))).to_have_count(0)


def appoint_from_search(page: Page, number: int, query: str, person: Person) -> None:
    """Search the seat's candidates by name (htmx swaps the list in), pick the person and appoint."""
    seat = page.locator(f"#seat-{number}")
    candidates = seat.locator(f"#candidates-{number}")
    expect(candidates.get_by_role("radio")).not_to_have_count(1)  # before searching: everyone who may sit
    with page.expect_response(lambda r: "/candidates/" in r.url and f"q={query}" in unquote_plus(r.url)):
        seat.get_by_label("ค้นหาชื่อหรือนามสกุล").fill(query)
    expect(candidates.get_by_role("radio")).to_have_count(1)
    candidates.get_by_label(person.full_name, exact=True).check()
    seat.get_by_role("button", name="แต่งตั้ง", exact=True).click()


def test_a_committee_forms_scores_and_publishes_on_phones(
    page: Page, live_server: Any, logins: Logins, open_page: OpenPage, screenshots_dir: Path
) -> None:
    cast = logins.cast
    teacher_agreement = approved_agreement(cast)
    second_teacher = make_person(
        school=cast.school,
        first_name="มานี",
        last_name="รักภาษา",
        prefix="นาง",
        learning_area=LearningArea.THAI,
        national_id_value=make_national_id(SECOND_TEACHER_SEED),
    )
    second_agreement = approved_agreement(cast, second_teacher)
    assert [*PART1, *PART2] == list(item_codes(teacher_agreement.fiscal_year.edition))  # every item is scored
    committee_name = "คณะกรรมการประเมิน PA โรงเรียนอนุบาลทดสอบ"

    # The director forms the committee.
    page.set_viewport_size(PHONE)
    login(page, live_server, logins.national_id("director"), logins.password)
    page.goto(url(live_server, "school_committees", cast.school.pk, query=f"?year={YEAR}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"คณะกรรมการประเมิน ปีงบประมาณ พ.ศ. {YEAR}")
    expect(page.get_by_text("ครูที่มีข้อตกลงแล้ว ยังไม่มีคณะกรรมการ 2 คน")).to_be_visible()
    page.get_by_label("ชื่อคณะกรรมการ").fill(committee_name)
    page.get_by_role("button", name="ตั้งคณะกรรมการ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(committee_name)
    expect(page.locator("#seat-1")).to_contain_text(cast.director.full_name)

    # Seat 2: the supervisor, found through the candidate search.
    appoint_from_search(page, 2, "วิไล", cast.supervisor)
    expect(page.get_by_text(f"แต่งตั้ง {cast.supervisor.full_name} เป็นกรรมการ (ลำดับที่ 2) แล้ว รอการตอบรับ")).to_be_visible()
    expect(page.locator("#seat-2")).to_contain_text("รอตอบรับ")

    # Seat 3: a lecturer ranked อาจารย์ is refused, with the rule's reason, and not registered.
    seat3 = page.locator("#seat-3")
    seat3.get_by_text("ลงทะเบียนกรรมการภายนอกที่ยังไม่มีในระบบ แล้วแต่งตั้ง").click()
    register = seat3.locator("form", has=page.get_by_role("button", name="ลงทะเบียนและแต่งตั้ง"))
    register.get_by_role("textbox", name="เลขประจำตัวประชาชน", exact=True).fill(make_national_id(REFUSED_LECTURER_SEED))
    register.get_by_role("combobox", name="คำนำหน้าชื่อ").select_option("นาย")
    register.get_by_role("textbox", name="ชื่อ", exact=True).fill("ปกรณ์")
    register.get_by_role("textbox", name="นามสกุล", exact=True).fill("สอนดี")
    register.get_by_role("combobox", name="ตำแหน่ง", exact=True).select_option(label="ผู้สอนในสถาบันอุดมศึกษา")
    register.get_by_role("combobox", name="ตำแหน่งทางวิชาการ").select_option(label="อาจารย์")
    register.get_by_label("สังกัด/หน่วยงาน").fill("มหาวิทยาลัยนเรศวร")
    register.get_by_role("combobox", name="คุณสมบัติกรรมการ").select_option(label="ผู้สอนในสถาบันอุดมศึกษา")
    register.get_by_role("button", name="ลงทะเบียนและแต่งตั้ง").click()
    refusal = page.locator("#seat-3").get_by_role("alert")
    expect(refusal).to_contain_text("แต่งตั้งไม่ได้ จึงยังไม่ได้ลงทะเบียนบุคคลนี้")
    expect(refusal).to_contain_text("นายปกรณ์ สอนดี มีตำแหน่งทางวิชาการอาจารย์ ต่ำกว่าที่กำหนด (ไม่ต่ำกว่าผู้ช่วยศาสตราจารย์)")
    expect(page.locator("#seat-3")).to_contain_text("ว่าง")
    page.screenshot(path=str(screenshots_dir / "committee-refused-phone.png"), full_page=True)
    assert not Person.objects.filter(first_name="ปกรณ์", last_name="สอนดี").exists()

    # Seat 3: the other school's ชำนาญการพิเศษ teacher is accepted.
    appoint_from_search(page, 3, "กาญจนา", cast.other_school_teacher)
    expect(
        page.get_by_text(f"แต่งตั้ง {cast.other_school_teacher.full_name} เป็นกรรมการ (ลำดับที่ 3) แล้ว รอการตอบรับ")
    ).to_be_visible()

    # The teachers: the Thai learning area at once, then the first teacher ticked.
    assign = page.locator("#assign")
    assign.get_by_label("ครูทุกคนในกลุ่มสาระ").select_option(LearningArea.THAI.value)
    assign.get_by_role("button", name="เพิ่มทั้งกลุ่มสาระ").click()
    expect(page.get_by_text("เพิ่มครู 1 คนเข้าคณะกรรมการแล้ว")).to_be_visible()
    page.locator("#assign").get_by_label(cast.teacher.full_name, exact=True).check()
    page.locator("#assign").get_by_role("button", name="เพิ่มครูที่เลือก").click()
    expect(page.get_by_text("เพิ่มครู 1 คนเข้าคณะกรรมการแล้ว")).to_be_visible()
    teachers = page.locator("section[aria-labelledby=h-teachers]")
    expect(teachers.get_by_role("heading", level=2)).to_contain_text("(2)")
    expect(teachers.locator("tbody tr")).to_have_count(2)
    expect(teachers).to_contain_text(second_teacher.full_name)
    page.screenshot(path=str(screenshots_dir / "committee-formed-phone.png"), full_page=True)
    evaluation = Evaluation.objects.get(agreement=teacher_agreement)
    assert Evaluation.objects.filter(agreement=second_agreement, committee=evaluation.committee).exists()

    # Both members accept, each in a browser of their own.
    supervisor = open_page(logins.national_id("supervisor"))
    accept_appointment(supervisor, live_server, committee_name)
    other = open_page(logins.national_id("other_school_teacher"))
    accept_appointment(other, live_server, committee_name)
    assert set(Seat.objects.filter(committee=evaluation.committee).values_list("number", "status")) == {
        (1, Seat.Status.ACCEPTED),
        (2, Seat.Status.ACCEPTED),
        (3, Seat.Status.ACCEPTED),
    }

    # The supervisor (seat 2) scores from the evaluator home: higher on 1.1 and the method.
    supervisor.goto(url(live_server, "evaluator_home"))  # accepted before seat 3 was: the sheet was not open yet
    expect(supervisor.locator(".assigned")).to_have_count(2)
    supervisor.get_by_role("link", name=cast.teacher.full_name).click()
    score_sheet(
        supervisor,
        all_levels(3, {"1.1": 4, "method": 4}),
        comment=SUPERVISOR_COMMENT,
        totals=("46", "35", "81"),
        screenshot=screenshots_dir / "committee-sheet-phone.png",
    )

    # The other school's teacher (seat 3): level 3 throughout, with an overall comment.
    other.get_by_role("link", name=cast.teacher.full_name).click()
    score_sheet(other, all_levels(3), comment=OTHER_COMMENT, overall=OTHER_OVERALL, totals=("45", "30", "75"))

    # Two of three in: the supervisor sees who has submitted, never the other member's levels or comments.
    supervisor.goto(url(live_server, "evaluation_result", evaluation.pk))
    progress = supervisor.locator("#progress")
    expect(progress).to_contain_text("คะแนนและความเห็นของกรรมการจะแสดงเมื่อกรรมการครบทั้งสามคนส่งผลการประเมินแล้ว")
    expect(progress.get_by_text("✓ ส่งแล้ว")).to_have_count(2)
    expect(progress).to_contain_text("ยังไม่ส่ง")
    expect(supervisor.get_by_text(OTHER_COMMENT)).to_have_count(0)
    expect(supervisor.get_by_text(OTHER_OVERALL)).to_have_count(0)
    expect(supervisor.locator(".item-table")).to_have_count(0)
    expect(supervisor.get_by_text("ระดับ 3 · 3 คะแนน")).to_have_count(0)
    expect(supervisor.locator("#result")).to_have_count(0)

    # The director (chair, seat 1) scores from the committee page: lower on 1.1, two levels from the supervisor.
    page.goto(url(live_server, "committee_detail", evaluation.committee_id))
    row = page.locator(f"#evaluation-{evaluation.pk}")
    expect(row).to_contain_text("2 จาก 3")
    row.get_by_role("link", name="แบบประเมินของฉัน").click()
    score_sheet(page, all_levels(3, {"1.1": 2}), comment=DIRECTOR_COMMENT, totals=("44", "30", "74"))

    # The director reads the result: three totals, passed, the 1.1 disagreement flagged; and publishes.
    page.goto(url(live_server, "evaluation_result", evaluation.pk))
    expect(page.locator("#result")).to_contain_text("ผลการประเมิน: ผ่านเกณฑ์")
    expect_member_totals(page, cast, {"director": "74", "supervisor": "81", "other_school_teacher": "75"})
    disagreements = page.locator("#disagreements")
    expect(disagreements).to_contain_text("กรรมการให้คะแนนต่างกันมาก ควรหารือก่อนประกาศผล")
    expect(disagreements).to_contain_text("1.1 สร้างและหรือพัฒนาหลักสูตร: คนที่ 1 ระดับ 2, คนที่ 2 ระดับ 4, คนที่ 3 ระดับ 3")
    expect(page.get_by_text("ยังไม่ได้ประกาศผล ครูยังไม่เห็นผลการประเมินนี้")).to_be_visible()
    page.screenshot(path=str(screenshots_dir / "committee-result-director-phone.png"), full_page=True)
    page.get_by_role("button", name="ประกาศผลการประเมิน").click()
    expect(page.get_by_text(f"ประกาศผลการประเมินของ {cast.teacher.full_name} แล้ว")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^ประกาศผลเมื่อ "))).to_be_visible()
    expect(page.get_by_role("button", name="ประกาศผลการประเมิน")).to_have_count(0)

    # The teacher finds the result on her home page and reads it, without the committee's flags.
    teacher = open_page("somsri@example.com")
    own_result = teacher.locator(".own-result")
    expect(own_result).to_contain_text(f"ผลการประเมิน PA ของคุณ ปีงบประมาณ พ.ศ. {YEAR}")
    expect(own_result).to_contain_text("ผ่านเกณฑ์")
    own_result.get_by_role("link", name="ดูผลการประเมิน").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("แบบสรุปผลการประเมิน (PA 3)")
    expect(teacher.locator("#result")).to_contain_text("ผลการประเมิน: ผ่านเกณฑ์")
    expect_member_totals(teacher, cast, {"director": "74", "supervisor": "81", "other_school_teacher": "75"})
    item = teacher.locator('[id="item-1.1"]')
    for text in ("ระดับ 2 · 2 คะแนน", "ระดับ 4 · 4 คะแนน", "ระดับ 3 · 3 คะแนน"):
        expect(item).to_contain_text(text)
    for text in (DIRECTOR_COMMENT, SUPERVISOR_COMMENT, OTHER_COMMENT):
        expect(item).to_contain_text(text)
    expect(teacher.locator('[id="item-method"]')).to_contain_text("ระดับ 4 · 20 คะแนน")
    expect(teacher.get_by_text(OTHER_OVERALL)).to_be_visible()
    expect(teacher.locator("#disagreements")).to_have_count(0)
    expect(teacher.get_by_text("กรรมการให้คะแนนต่างกันมาก")).to_have_count(0)
    expect(teacher.locator("tr.flagged")).to_have_count(0)
    expect(teacher.get_by_text("⚑", exact=False)).to_have_count(0)
    expect(teacher.get_by_role("button", name="ประกาศผลการประเมิน")).to_have_count(0)
    assert teacher.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    teacher.screenshot(path=str(screenshots_dir / "committee-result-teacher-phone.png"), full_page=True)


def expect_member_totals(page: Page, cast: Any, totals: dict[str, str]) -> None:
    """The members' table: each member's row carries their total (the third number column)."""
    table = page.locator("section", has=page.get_by_role("heading", name="คะแนนของกรรมการแต่ละคน")).locator("tbody")
    expect(table.locator("tr")).to_have_count(3)
    for name, total in totals.items():
        row = table.locator("tr", has_text=getattr(cast, name).full_name)
        expect(row.locator("td.num").nth(2)).to_have_text(total)
        expect(row).to_contain_text("✓ ผ่าน")


def test_a_level_chosen_while_the_network_is_down_is_saved_when_it_returns(
    live_server: Any, logins: Logins, open_page: OpenPage
) -> None:
    round_ = round_for(logins.cast)
    page = open_page(logins.national_id("supervisor"))
    page.goto(url(live_server, "sheet_open", round_.evaluation.pk))
    expect(level_radio(page, "1.3", 4)).to_be_visible()
    sheet = ScoreSheet.objects.get(evaluation=round_.evaluation, seat__number=2)
    assert sheet.levels == {}

    page.context.set_offline(True)
    level_radio(page, "1.3", 4).check()
    status = page.locator("#status-item-1-3")
    expect(status).to_contain_text("ยังไม่ได้บันทึก จะลองส่งใหม่")
    expect(page.locator("#item-1-3")).to_have_attribute("data-dirty", "offline")
    expect(page.locator("#total-all")).to_have_text("4")  # the running total counts it already
    sheet.refresh_from_db()
    assert sheet.levels == {}

    page.context.set_offline(False)
    expect(status).to_contain_text("บันทึกแล้ว", timeout=15_000)
    expect(page.locator("#item-1-3[data-dirty]")).to_have_count(0)
    sheet.refresh_from_db()
    assert sheet.levels == {"1.3": 4}
    page.reload()
    expect(level_radio(page, "1.3", 4)).to_be_checked()


def test_submitting_straight_after_typing_a_comment_submits_without_a_leave_page_prompt(
    live_server: Any, logins: Logins, open_page: OpenPage
) -> None:
    round_ = round_for(logins.cast)
    page = open_page(logins.national_id("supervisor"))
    page.goto(url(live_server, "sheet_open", round_.evaluation.pk))
    sheet = ScoreSheet.objects.get(evaluation=round_.evaluation, seat__number=2)
    edition = round_.agreement.fiscal_year.edition
    ScoreSheet.objects.filter(pk=sheet.pk).update(levels=dict.fromkeys(item_codes(edition), 3))
    page.reload()
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:  # what a member who stays on the page would answer
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", refuse)
    comment = page.locator("#item-1-1-comment")
    comment.fill("ครูใช้สื่อหลากหลาย")  # no waiting: leaving the box starts a save while the form is sent
    page.get_by_role("button", name="ส่งผลการประเมิน").click()
    page.wait_for_load_state("load")
    expect(page.get_by_label(re.compile(r"^ตัวชี้วัด 1\.1 ระดับ"))).to_have_count(0, timeout=10_000)  # read-only now
    sheet.refresh_from_db()
    assert dialogs == []
    assert sheet.state == ScoreSheet.State.SUBMITTED
    assert sheet.comments.get("1.1") == "ครูใช้สื่อหลากหลาย"
