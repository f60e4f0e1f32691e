"""A deadline reminder in headless Chromium, from the area office's calendar to the teacher's phone.

The area officer sets the agreement submission date a few days ahead on the area's calendar page; the daily
reminder run (the cron command) finds the teacher has no agreement yet; she signs in on a phone and sees the
reminder in the header's bell and on her home page's "สิ่งที่ต้องทำต่อไป" card, opens the list, and marks
everything read.
"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize, expect

from rounds.services import fiscal_year_open
from rulebook import fiscal_year_of
from tests.browser.conftest import Logins, login
from thaitext import be_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}


def test_a_teacher_without_an_agreement_sees_the_coming_deadline_in_the_bell_and_on_her_home_page(
    page: Page, browser: Browser, live_server: Any, logins: Logins, screenshots_dir: Path
) -> None:
    cast = logins.cast
    today = timezone.localdate()
    year = fiscal_year_open(actor=None, year=fiscal_year_of(today))
    due_on = min(today + timedelta(days=3), year.ends_on)  # a few days ahead, inside the fiscal year

    # The area officer sets the date on the area's calendar.
    login(page, live_server, logins.national_id("area_officer"), logins.password)
    page.goto(f"{live_server.url}/areas/{cast.area.pk}/")
    page.get_by_role("link", name="ปฏิทินงาน", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"ปฏิทินงาน ปีงบประมาณ พ.ศ. {year.year}")
    page.get_by_label("ครูส่งข้อตกลงในการพัฒนางาน (PA 1)").fill(due_on.isoformat())
    page.get_by_role("button", name="บันทึกปฏิทินงาน").click()
    expect(page.get_by_role("status")).to_contain_text("บันทึกปฏิทินงานแล้ว")
    page.screenshot(path=str(screenshots_dir / "area-calendar.png"), full_page=True)

    # The daily run (here from cron's command) sends the reminder.
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "3 new notifications" in out.getvalue()  # the area's three teachers who make a PA

    # The teacher, on her phone: the bell counts it, the home page says what to do by when.
    teacher = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport=PHONE)
    phone = teacher.new_page()
    login(phone, live_server, "somsri@example.com", logins.password)
    expect(phone.get_by_role("heading", level=1)).to_have_text("สวัสดี นางสาวสมศรี ใจดี")
    expect(phone.locator("#notification-bell .bell-count")).to_have_text("1")
    card = phone.locator("#next-steps")
    expect(card).to_contain_text("เขียนข้อตกลงในการพัฒนางาน (PA 1)")
    expect(card).to_contain_text(f"ภายใน {be_date(due_on)}")
    phone.screenshot(path=str(screenshots_dir / "reminder-teacher-home-360.png"), full_page=True)

    # The bell opens the list; marking all read empties the bell without a reload.
    phone.locator("#notification-bell").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("การแจ้งเตือน")
    expect(phone.get_by_role("link", name="ใกล้ถึงกำหนด: ครูส่งข้อตกลงในการพัฒนางาน (PA 1)")).to_be_visible()
    phone.get_by_role("button", name="ทำเครื่องหมายว่าอ่านแล้วทั้งหมด").click()
    expect(phone.locator("#notification-list .state-unread")).to_have_count(0)
    expect(phone.locator("#notification-bell .bell-count")).to_have_count(0)

    # Her preferences: every kind with its channels, usable at 360 px.
    phone.get_by_role("link", name="ตั้งค่าการแจ้งเตือน (ในระบบ อีเมล LINE)").click()
    expect(phone.get_by_role("group", name="ใกล้ถึงกำหนดส่ง").get_by_label("อีเมล")).to_be_checked()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=str(screenshots_dir / "notification-preferences-360.png"), full_page=True)
    teacher.close()
