"""The help line in headless Chromium: from the area office's poster to an accepted answer.

A teacher on a phone opens the address the poster's QR code encodes (read back from the poster PDF), searches
the help centre in Thai, opens a page, asks a question (similar questions appear as she types, once she has
signed in), a volunteer mentor answers, and the teacher accepts the answer.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from helpcentre.queries import area_help_url
from questions.models import Question
from questions.poster import area_poster_pdf
from tests.browser.conftest import LOGIN_BUTTON, LOGIN_IDENTIFIER_LABEL, LOGIN_PASSWORD_LABEL, Logins, login
from tests.documents.reading import pdftotext
from tests.helpcentre.factories import area_scope, make_page, national
from tests.questions.factories import ask, make_mentor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}


def poster_address(area: Any) -> str:
    lines = [line.strip() for line in pdftotext(area_poster_pdf(area)).splitlines()]
    return next(line for line in lines if line.startswith("http"))


def test_from_the_poster_to_an_accepted_answer(
    page: Page, browser: Browser, live_server: Any, logins: Logins, settings: Any
) -> None:
    cast = logins.cast
    settings.SITE_URL = live_server.url
    make_page(
        cast.user("system_admin"),
        national(),
        title="หลักเกณฑ์การประเมิน PA",
        body="กรรมการสามคนประเมินครู ผ่านเกณฑ์เมื่อกรรมการทุกคนให้ไม่ต่ำกว่า 70",
    )
    make_page(cast.user("area_officer"), area_scope(cast.area), title="ตารางส่งงานของเขต", body="ส่งภายในตุลาคม")
    make_mentor(cast.other_school_teacher, "thai", bio="ครูภาษาไทย ชำนาญการพิเศษ")
    ask(cast.outsider, "ประเด็นท้าทายต้องมีตัวเลขหรือไม่")

    # The poster's address is the area's help centre, and it opens without a login.
    address = poster_address(cast.area)
    assert address == area_help_url(cast.area) == f"{live_server.url}/help/area/{cast.area.code}/"
    page.set_viewport_size(PHONE)
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_have_text("ศูนย์ช่วยเหลือ PA")
    expect(page.get_by_text(cast.area.name, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="ตารางส่งงานของเขต")).to_be_visible()

    # Thai search: "การประเมิน" finds the page that says "ประเมิน".
    page.get_by_label("ค้นหาในศูนย์ช่วยเหลือ").fill("การประเมิน")
    page.get_by_role("button", name="ค้นหา", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("พบ 1 หน้า")
    expect(page.locator(".snippet mark")).to_have_text(["ประเมิน"])
    page.get_by_role("link", name="หลักเกณฑ์การประเมิน PA").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("หลักเกณฑ์การประเมิน PA")

    # Asking needs a login; the login page sends her on to the question form.
    page.get_by_role("link", name="ยังไม่ชัดเจน? ถามคำถาม").click()
    page.get_by_label(LOGIN_IDENTIFIER_LABEL).fill("somsri@example.com")
    page.get_by_label(LOGIN_PASSWORD_LABEL).fill(logins.password)
    with page.expect_navigation():
        page.get_by_role("button", name=LOGIN_BUTTON, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ถามคำถาม")

    # Similar questions appear while she types (debounced htmx).
    page.get_by_label("คำถาม", exact=False).first.press_sequentially("เขียนประเด็นท้าทายอย่างไร", delay=20)
    expect(page.locator("#similar")).to_contain_text("ประเด็นท้าทายต้องมีตัวเลขหรือไม่")
    page.get_by_label("กลุ่มสาระการเรียนรู้ (ไม่บังคับ)").select_option("thai")
    page.get_by_role("button", name="ส่งคำถาม").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("เขียนประเด็นท้าทายอย่างไร")
    question = Question.objects.get(title="เขียนประเด็นท้าทายอย่างไร")
    assert (question.asker_id, question.area_office_id, question.learning_area) == (
        cast.teacher.pk,
        cast.area.pk,
        "thai",
    )

    # The mentor finds it among the questions and answers.
    mentor_context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
    mentor = mentor_context.new_page()
    login(mentor, live_server, logins.national_id("other_school_teacher"), logins.password)
    mentor.goto(f"{live_server.url}/questions/")
    mentor.get_by_role("link", name="เขียนประเด็นท้าทายอย่างไร").click()
    mentor.get_by_role("textbox", name="คำตอบ").fill("เริ่มจากปัญหาของผู้เรียนจริง แล้วตั้งเป้าหมายเป็นร้อยละที่วัดได้")
    mentor.get_by_role("button", name="ส่งคำตอบ").click()
    expect(mentor.get_by_role("status")).to_contain_text("ส่งคำตอบแล้ว")
    expect(mentor.locator(".answer")).to_contain_text("ครูพี่เลี้ยง")
    mentor_context.close()

    # The teacher reads the answer and accepts it.
    page.reload()
    answer = page.locator(".answer")
    expect(answer).to_contain_text("เริ่มจากปัญหาของผู้เรียนจริง")
    answer.get_by_role("button", name="ยอมรับคำตอบนี้").click()
    expect(page.locator(".answer.accepted")).to_contain_text("ผู้ถามยอมรับคำตอบนี้")
    question.refresh_from_db()
    assert question.accepted_answer is not None
    assert re.search(r"นางสาวกาญจนา ต่างโรง", question.accepted_answer.author.display_name)
