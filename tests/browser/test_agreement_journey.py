"""A whole PA 1 round in headless Chromium, the teacher on a phone-sized screen.

The teacher writes every step, reloads mid-way and finds the text saved, submits with a field missing
and is shown it, fixes it and submits; the director returns it with a comment; the teacher revises and
resubmits; the director approves; the teacher can no longer edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize, expect

from rounds.services import fiscal_year_open
from rulebook import fiscal_year_of
from tests.browser.conftest import Logins, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}


def save_form(page: Page, anchor: str) -> None:
    """Press the section's own save button and wait until it says it is saved."""
    form = page.locator(f"#form-{anchor}")
    form.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator(f"#status-{anchor}")).to_contain_text("บันทึกแล้ว")


def fill_indicator(page: Page, code: str, *, skip_change: bool = False) -> None:
    anchor = f"section-indicator-{code.replace('.', '-')}"
    page.locator(f"#{anchor}-tasks").fill(f"งานตามตัวชี้วัด {code}: ออกแบบกิจกรรมให้ผู้เรียนลงมือทำ")
    page.locator(f"#{anchor}-outcomes").fill(f"ผู้เรียนมีผลสัมฤทธิ์ดีขึ้นในตัวชี้วัด {code}")
    if not skip_change:
        page.locator(f"#{anchor}-change").fill("ร้อยละ 80 ของผู้เรียนผ่านเกณฑ์")
    save_form(page, anchor)


def test_a_full_agreement_round_on_a_phone(
    page: Page, browser: Browser, live_server: Any, logins: Logins, screenshots_dir: Path
) -> None:
    cast = logins.cast
    year = fiscal_year_open(actor=None, year=fiscal_year_of(timezone.localdate()))
    page.set_viewport_size(PHONE)
    login(page, live_server, "somsri@example.com", logins.password)

    page.get_by_role("button", name=f"จัดทำข้อตกลง ปีงบประมาณ พ.ศ. {year.year}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ข้อตกลงในการพัฒนางาน (PA 1)")
    step_one = page.url

    # Step 1: classroom types save themselves a moment after a box is ticked.
    page.get_by_label("ห้องเรียนวิชาสามัญหรือวิชาพื้นฐาน").check()
    expect(page.locator("#status-section-classroom")).to_contain_text("บันทึกแล้ว")
    page.get_by_role("link", name="ถัดไป").click()

    # Step 2: workload, checked live against the rulebook.
    for category, name, hours in (
        ("teaching", "คณิตศาสตร์ ค21101", "10"),
        ("learning_support", "งานทะเบียนวัดผล", "4"),
        ("quality_development", "งานประกันคุณภาพภายใน", "3"),
    ):
        page.locator(f"#w-{category}-1-name").fill(name)
        page.locator(f"#w-{category}-1-hours").fill(hours)
    save_form(page, "section-workload")
    expect(page.locator("#workload-check")).to_contain_text("ชั่วโมงสอนรวม 10 ชั่วโมง/สัปดาห์ ต่ำกว่าเกณฑ์ 12")
    page.locator("#w-teaching-1-hours").fill("14")
    save_form(page, "section-workload")
    expect(page.locator("#workload-check")).to_contain_text("ภาระงานเป็นไปตามเกณฑ์")
    page.get_by_role("link", name="ถัดไป").click()

    # Step 3: the 15 indicators; a reload half-way finds the text where it was left.
    fill_indicator(page, "1.1")
    page.reload()
    expect(page.locator("#section-indicator-1-1-tasks")).to_have_value("งานตามตัวชี้วัด 1.1: ออกแบบกิจกรรมให้ผู้เรียนลงมือทำ")
    codes = ["1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3"]
    for code in codes:
        fill_indicator(page, code, skip_change=code == "3.3")
    page.screenshot(path=str(screenshots_dir / "agreement-part1-phone.png"))
    page.get_by_role("link", name="ถัดไป").click()

    # Step 4: the challenge.
    page.get_by_label("ประเด็นท้าทาย เรื่อง").fill("การพัฒนาทักษะการแก้โจทย์ปัญหาด้วยบันไดสี่ขั้น")
    page.get_by_label("1. สภาพปัญหาของผู้เรียนและการจัดการเรียนรู้").fill("ผู้เรียนอ่านโจทย์แล้วไม่เข้าใจ")
    page.get_by_label("2. วิธีการดำเนินการให้บรรลุผล").fill("ใช้กิจกรรมบันไดสี่ขั้นทุกสัปดาห์")
    page.get_by_label("3.1 ผลลัพธ์การพัฒนาที่คาดหวังเชิงปริมาณ").fill("ผู้เรียนร้อยละ 70 ผ่านเกณฑ์")
    page.get_by_label("3.2 ผลลัพธ์การพัฒนาที่คาดหวังเชิงคุณภาพ").fill("ผู้เรียนอธิบายวิธีคิดได้")
    save_form(page, "section-challenge")

    # Submitting with a field missing shows it, with a link straight to it.
    page.get_by_role("link", name="ตรวจสอบและส่งข้อตกลง").click()
    missing = page.get_by_role("link", name="ตัวชี้วัด 3.3", exact=False)
    expect(missing).to_have_count(1)
    expect(missing).to_contain_text("ตัวชี้วัด: กรุณากรอก")
    missing.click()
    page.locator("#section-indicator-3-3-change").fill("ผู้เรียนร้อยละ 80 นำความรู้ไปใช้")
    save_form(page, "section-indicator-3-3")
    page.goto(step_one.replace("/step/1/", "/submit/"))
    page.get_by_role("button", name="ส่งข้อตกลงให้ผู้อำนวยการ").click()
    expect(page.get_by_text("ส่งข้อตกลงให้ผู้อำนวยการพิจารณาแล้ว")).to_be_visible()

    # The director returns it with a comment on the challenge.
    director_context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
    director = director_context.new_page()
    login(director, live_server, logins.national_id("director"), logins.password)
    director.goto(f"{live_server.url}/schools/{cast.school.pk}/agreements/")
    director.get_by_role("link", name="พิจารณา").click()
    director.get_by_label("ข้อเสนอแนะส่วนนี้ (ถ้ามี)").last.fill("ระบุตัวเลขเป้าหมายให้ชัดเจนขึ้น")
    director.get_by_role("button", name="ไม่เห็นชอบ ส่งกลับให้ปรับปรุงแก้ไข").click()
    expect(director.get_by_text("ส่งข้อตกลงกลับให้ครูแก้ไขแล้ว")).to_be_visible()

    # The teacher sees the comment, revises and resubmits.
    page.goto(step_one.replace("/step/1/", "/step/4/"))
    expect(page.get_by_text("ระบุตัวเลขเป้าหมายให้ชัดเจนขึ้น")).to_be_visible()
    page.get_by_label("3.1 ผลลัพธ์การพัฒนาที่คาดหวังเชิงปริมาณ").fill("ผู้เรียนร้อยละ 80 ได้คะแนนตั้งแต่ 3 ขึ้นไป")
    save_form(page, "section-challenge")
    page.goto(step_one.replace("/step/1/", "/submit/"))
    page.get_by_role("button", name="ส่งข้อตกลงให้ผู้อำนวยการ").click()
    expect(page.get_by_text("ส่งข้อตกลงให้ผู้อำนวยการพิจารณาแล้ว")).to_be_visible()

    # The director approves the second version.
    director.goto(f"{live_server.url}/schools/{cast.school.pk}/agreements/")
    director.get_by_role("link", name="พิจารณา").click()
    director.get_by_role("button", name="เห็นชอบ", exact=True).click()
    expect(director.get_by_text("เห็นชอบข้อตกลงแล้ว")).to_be_visible()
    director_context.close()

    # Approved: read only for the teacher.
    page.goto(step_one.replace("/step/1/", "/step/4/"))
    expect(page.get_by_text("ข้อตกลงนี้แก้ไขไม่ได้ในสถานะปัจจุบัน")).to_be_visible()
    expect(page.get_by_role("button", name="บันทึก", exact=True)).to_have_count(0)
    expect(page.locator("h1 + p .state")).to_have_text("เห็นชอบแล้ว")
    expect(page.get_by_text("ขอแก้ไขข้อตกลงที่เห็นชอบแล้ว")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screenshots_dir / "agreement-approved-phone.png"), full_page=True)


def test_text_typed_while_the_network_is_down_is_saved_when_it_returns(
    page: Page, live_server: Any, logins: Logins
) -> None:
    year = fiscal_year_open(actor=None, year=fiscal_year_of(timezone.localdate()))
    page.set_viewport_size(PHONE)
    login(page, live_server, "somsri@example.com", logins.password)
    page.get_by_role("button", name=f"จัดทำข้อตกลง ปีงบประมาณ พ.ศ. {year.year}").click()
    page.goto(page.url.replace("/step/1/", "/step/4/"))

    dropped: list[str] = []

    def drop_first_save(route: Any) -> None:
        if not dropped:
            dropped.append(route.request.url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/sections/challenge/", drop_first_save)
    page.get_by_label("ประเด็นท้าทาย เรื่อง").fill("ข้อความที่พิมพ์ตอนเน็ตหลุด")
    status = page.locator("#status-section-challenge")
    expect(status).to_contain_text("ติดต่อเซิร์ฟเวอร์ไม่ได้", timeout=10_000)
    expect(status).to_contain_text("บันทึกแล้ว", timeout=15_000)
    assert len(dropped) == 1
    page.reload()
    expect(page.get_by_label("ประเด็นท้าทาย เรื่อง")).to_have_value("ข้อความที่พิมพ์ตอนเน็ตหลุด")
