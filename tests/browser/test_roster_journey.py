"""The import journey in a real browser at phone width: a director uploads her school's file, reads the preview,
confirms, downloads the password sheet once; a new teacher logs in with her one-time password and must choose her
own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from rosters.models import PasswordSheet
from tests.browser.conftest import Logins, login
from tests.rosters.files import PEOPLE_HEADER, csv_bytes, person_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_director_imports_her_teachers_and_one_of_them_logs_in(
    page: Page, live_server: Any, logins: Logins, screenshots_dir: Path, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    cast = logins.cast
    rows = [person_row(first_name="มานี", last_name="มีนา"), person_row(first_name="ปิติ", last_name="ชูใจ", standing="")]
    file = tmp_path / "รายชื่อครู.csv"
    file.write_bytes(csv_bytes(PEOPLE_HEADER, rows))
    login(page, live_server, logins.national_id("director"), logins.password)
    page.goto(f"{live_server.url}/schools/{cast.school.pk}/")
    page.get_by_role("link", name="นำเข้ารายชื่อ").click()
    page.get_by_label("ไฟล์รายชื่อ (.xlsx หรือ .csv)").set_input_files(str(file))
    page.get_by_role("button", name="ตรวจไฟล์").click()
    expect(page.get_by_role("heading", name="ตรวจแล้ว ไม่พบข้อผิดพลาด: ตรวจตัวเลขแล้วกดยืนยัน")).to_be_visible()
    expect(page.locator(".stats li").first).to_contain_text("2")
    page.screenshot(path=str(screenshots_dir / "rosters-preview-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    page.get_by_role("button", name="ยืนยันการนำเข้า").click()
    expect(page.get_by_role("heading", name="นำเข้าเสร็จแล้ว")).to_be_visible()
    code = next(code for name, _login, code in PasswordSheet.objects.get().entries if name == "นางสาวมานี มีนา")
    with page.expect_download() as download:
        page.get_by_role("button", name="ดาวน์โหลด PDF (ครั้งเดียว)").click()
    assert download.value.suggested_filename == f"รหัสผ่านครั้งแรก {cast.school.name}.pdf"
    page.screenshot(path=str(screenshots_dir / "rosters-done-360.png"), full_page=True)
    page.context.clear_cookies()
    login(page, live_server, rows[0][0], code)
    expect(page).to_have_url(f"{live_server.url}/accounts/password/change/")
