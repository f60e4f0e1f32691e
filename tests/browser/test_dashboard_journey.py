"""An area office officer in headless Chromium: opens the area dashboard from the area page, filters it to one
school, downloads the school table as Excel, and the file reads back with that school's figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from dashboards.summaries import summaries_rebuild
from tests.browser.conftest import Logins, login
from tests.dashboards.test_figures import build_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_area_officer_filters_to_one_school_and_downloads_the_excel_file(
    page: Page, live_server: Any, logins: Logins, tmp_path: Path, screenshots_dir: Path
) -> None:
    cast = logins.cast
    build_year(cast)
    summaries_rebuild()
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, live_server, logins.national_id("area_officer"), logins.password)
    page.goto(f"{live_server.url}/areas/{cast.area.pk}/")
    page.get_by_role("link", name="แดชบอร์ดติดตามความก้าวหน้า PA").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("แดชบอร์ด")
    expect(page.locator("#behind")).to_contain_text(cast.other_school.name)
    schools = page.locator("#table-schools tbody th")
    expect(schools).to_have_count(2)
    page.get_by_label("โรงเรียน", exact=True).select_option(label=cast.other_school.name)
    page.get_by_role("button", name="แสดงผล").click()
    expect(page.locator("#table-schools tbody th")).to_have_count(1)
    expect(page.locator("#table-schools tbody th")).to_have_text(cast.other_school.name)
    page.screenshot(path=str(screenshots_dir / "dashboard-area-one-school.png"), full_page=True)
    with page.expect_download() as download_info:
        page.locator("#table-schools").get_by_role("link", name="ส่งออก Excel").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = load_workbook(saved).active
    assert sheet is not None
    rows = [row for row in sheet.iter_rows(values_only=True) if row and row[0]]
    heading = next(index for index, row in enumerate(rows) if row[0] == "โรงเรียน")
    assert [row[0] for row in rows[heading + 1 :]] == [cast.other_school.name]
    assert rows[heading + 1][1:5] == (2, 1, 0, 1)  # teachers, no agreement, draft, submitted
