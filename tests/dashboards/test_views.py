"""Dashboard pages and exports through the client: each level sees its own unit, never another's."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from audit.models import AuditEntry
from dashboards.summaries import summaries_rebuild
from rounds.models import FiscalYear
from tests.conftest import CAST_USERS, Cast, logged_in, make_person, make_school
from tests.dashboards.test_figures import build_year


@pytest.fixture
def year(cast: Cast) -> FiscalYear:
    built = build_year(cast)
    summaries_rebuild()
    return built


def urls(cast: Cast) -> dict[str, str]:
    return {
        "school": f"/dashboards/schools/{cast.school.pk}/",
        "area": f"/dashboards/areas/{cast.area.pk}/",
        "province": f"/dashboards/provinces/{cast.province.pk}/",
        "national": "/dashboards/national/",
        "results": f"/dashboards/schools/{cast.school.pk}/results/",
    }


WHO_SEES = {
    "school": {"director", "school_admin", "area_officer", "inspector", "system_admin"},
    "area": {"area_officer", "inspector", "system_admin"},
    "province": {"inspector", "system_admin"},
    "national": {"system_admin"},
    "results": {"area_officer", "system_admin"},
}


@pytest.mark.parametrize("page", sorted(WHO_SEES))
def test_each_dashboard_is_seen_only_by_its_unit_and_those_above(cast: Cast, year: FiscalYear, page: str) -> None:
    url = urls(cast)[page]
    seen = {name for name in CAST_USERS if logged_in(cast.user(name)).get(url).status_code == 200}
    assert seen == WHO_SEES[page]
    assert {"outsider", "teacher", "other_area_officer"}.isdisjoint(seen)


def test_an_area_user_cannot_reach_another_areas_figures_by_page_export_or_crafted_filter(
    cast: Cast, year: FiscalYear
) -> None:
    stranger = logged_in(cast.user("other_area_officer"))
    area = f"/dashboards/areas/{cast.area.pk}/"
    assert stranger.get(area).status_code == 404
    assert stranger.get(area + "?export=xlsx&table=schools").status_code == 404
    assert stranger.get(area + "?export=csv&table=heatmap_schools").status_code == 404
    own = f"/dashboards/areas/{cast.other_area.pk}/"
    assert stranger.get(own).status_code == 200
    # A school of area A1 named as a filter on the officer's own area A2: not theirs, so not found.
    assert stranger.get(own + f"?school={cast.school.pk}").status_code == 404
    assert stranger.get(own + f"?school={cast.school.pk}&export=xlsx&table=schools").status_code == 404
    officer = logged_in(cast.user("area_officer"))
    assert officer.get(f"/dashboards/provinces/{cast.province.pk}/").status_code == 404
    assert officer.get("/dashboards/national/").status_code == 404
    assert officer.get(f"/dashboards/schools/{cast.far_school.pk}/").status_code == 404


def test_the_area_page_shows_its_figures_and_who_is_behind(cast: Cast, year: FiscalYear) -> None:
    html = logged_in(cast.user("area_officer")).get(f"/dashboards/areas/{cast.area.pk}/").content.decode()
    assert cast.school.name in html
    assert cast.other_school.name in html
    assert 'id="behind"' in html
    behind = html.split('id="behind"')[1].split("</section>")[0]
    assert behind.index(cast.other_school.name) < behind.index(cast.school.name)  # T has done less than S
    assert cast.director.full_name in behind  # the director to call, with the school
    assert "20.0%" in html  # approved share of the area
    assert 'class="heat-' in html
    assert cast.far_school.name not in html


def test_exports_read_back_with_the_same_figures(cast: Cast, year: FiscalYear) -> None:
    officer = logged_in(cast.user("area_officer"))
    area = f"/dashboards/areas/{cast.area.pk}/?year=2570"
    response = officer.get(area + "&export=xlsx&table=schools")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [row for row in sheet.iter_rows(values_only=True)]
    heading = rows.index(next(row for row in rows if row and row[0] == "โรงเรียน"))
    data = {row[0]: row for row in rows[heading + 1 :]}
    assert data[cast.school.name][1:3] == (3, 1)  # teachers, no agreement
    assert data[cast.other_school.name][4] == 1  # submitted
    text = officer.get(area + "&export=csv&table=heatmap_schools").content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:4] == ["โรงเรียน", "แบบประเมินที่ส่งแล้ว", "1.1", "1.2"]
    school_row = next(row for row in table if row[0] == cast.school.name)
    assert school_row[1:4] == ["3", "3.00", "3.33"]
    assert officer.get(area + "&export=xlsx&table=nonsense").status_code == 404


def test_filtering_to_one_school_shows_only_it(cast: Cast, year: FiscalYear) -> None:
    officer = logged_in(cast.user("area_officer"))
    response = officer.get(f"/dashboards/areas/{cast.area.pk}/?school={cast.other_school.pk}&export=csv&table=schools")
    names = [row[0] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))][1:]
    assert names == [cast.other_school.name]
    page = officer.get(f"/dashboards/areas/{cast.area.pk}/?learning_area=nonsense").content.decode()
    assert "ไม่รู้จักกลุ่มสาระการเรียนรู้ที่เลือก" in page


def test_reading_individual_results_is_logged(cast: Cast, year: FiscalYear) -> None:
    officer = logged_in(cast.user("area_officer"))
    html = officer.get(f"/dashboards/schools/{cast.school.pk}/results/").content.decode()
    assert cast.teacher.full_name in html
    for total in ("75", "100", "74"):
        assert f'<td class="num">{total}' in html
    entry = AuditEntry.objects.get(action="results.read")
    assert entry.actor == cast.user("area_officer")
    assert entry.target_id == str(cast.school.pk)
    assert len(entry.data["evaluations"]) == 1
    director_page = logged_in(cast.user("director")).get(f"/dashboards/schools/{cast.school.pk}/").content.decode()
    assert "ผลการประเมินรายบุคคล" not in director_page  # the director has the committee pages for that


def test_the_province_report_is_a_word_file_with_the_figures_and_blank_sections(cast: Cast, year: FiscalYear) -> None:
    import docx

    response = logged_in(cast.user("inspector")).get(f"/dashboards/provinces/{cast.province.pk}/?export=docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    for heading in ("๑) การวิเคราะห์สถานการณ์ในพื้นที่", "๒) ผลการดำเนินงาน", "๓) ปัญหาอุปสรรค"):
        assert heading in text
    assert "ครูที่จัดทำข้อตกลง ๕ คน" in text  # Thai digits, as the report is written
    assert "(อัตราผ่านร้อยละ ๑๐๐)" in text


def test_the_home_link_goes_to_the_widest_dashboard(cast: Cast, year: FiscalYear) -> None:
    expected = {
        "system_admin": "/dashboards/national/",
        "inspector": f"/dashboards/provinces/{cast.province.pk}/",
        "area_officer": f"/dashboards/areas/{cast.area.pk}/",
        "director": f"/dashboards/schools/{cast.school.pk}/",
    }
    for name, url in expected.items():
        assert logged_in(cast.user(name)).get("/dashboards/")["Location"] == url
    assert logged_in(cast.user("teacher")).get("/dashboards/").status_code == 404


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_area_and_school_pages_cost_the_same_queries_for_one_or_three_rows(cast: Cast, year: FiscalYear) -> None:
    officer = logged_in(cast.user("area_officer"))
    director = logged_in(cast.user("director"))
    area, school = f"/dashboards/areas/{cast.area.pk}/", f"/dashboards/schools/{cast.school.pk}/"
    before = _queries(officer, area), _queries(director, school)
    for number in range(2):
        extra = make_school(cast.area, f"106501009{number}")
        make_person(school=extra, first_name=f"ครู{number}", last_name="เพิ่ม")
        make_person(school=cast.school, first_name=f"ครูใหม่{number}", last_name="เพิ่ม")
    summaries_rebuild()
    assert (_queries(officer, area), _queries(director, school)) == before


def test_the_behind_list_and_the_school_teacher_list_export_too(cast: Cast, year: FiscalYear) -> None:
    officer = logged_in(cast.user("area_officer"))
    text = officer.get(f"/dashboards/areas/{cast.area.pk}/?table=behind&export=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["โรงเรียน", "ผู้อำนวยการ", "โทรศัพท์", "อีเมล", "ความก้าวหน้า (ร้อยละ)"]
    assert [row[0] for row in rows[1:]] == [cast.other_school.name, cast.school.name]
    assert rows[2][1] == cast.director.full_name
    director = logged_in(cast.user("director"))
    workbook = load_workbook(io.BytesIO(director.get(f"/dashboards/schools/{cast.school.pk}/?export=xlsx").content))
    sheet = workbook.active
    assert sheet is not None
    values = [row for row in sheet.iter_rows(values_only=True) if row and row[0]]
    assert ("นางสาวสมศรี ใจดี", "ประกาศผลแล้ว", 3, "ผ่านเกณฑ์") in values


def test_only_the_director_exports_each_teachers_result(cast: Cast, year: FiscalYear) -> None:
    """The page shows results above the teacher only as counts; its export may not show more."""
    for name in ("school_admin", "inspector", "area_officer"):
        client = logged_in(cast.user(name))
        text = client.get(f"/dashboards/schools/{cast.school.pk}/?export=csv").content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["ชื่อ–นามสกุล", "ขั้นตอน", "กรรมการส่งผลแล้ว"], name
        assert ["นางสาวสมศรี ใจดี", "ประกาศผลแล้ว", "3"] in rows, name
        assert "ผ่านเกณฑ์" not in text, name
