"""Files as offices keep them: CSV in UTF-8 (with or without BOM) or Excel's Thai code page, any column order,
headers with spaces, notes and stars, a title above the header; labels as people type them; the blank forms."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from org.models import Person
from org.services import national_id_digest
from rosters.labels import PEOPLE_COLUMNS, SCHOOL_COLUMNS
from rosters.reading import read_table
from rosters.rows import PeopleChecker
from tests.conftest import Cast, logged_in
from tests.rosters.files import PEOPLE_HEADER, csv_bytes, new_national_id, person_row, xlsx_bytes


def records(data: bytes, name: str = "a.csv") -> list[tuple[int, dict[str, str]]]:
    return list(read_table(io.BytesIO(data), name, PEOPLE_COLUMNS).records)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_csv_in_utf8_with_or_without_bom_or_thai_code_page_reads_the_same(encoding: str) -> None:
    row = person_row(national_id_value="1101700203451", first_name="สมหญิง", last_name="ดีใจ")
    ((line, cells),) = records(csv_bytes(PEOPLE_HEADER, [row], encoding=encoding))
    assert (line, cells["first_name"], cells["last_name"], cells["standing"]) == (2, "สมหญิง", "ดีใจ", "ครูชำนาญการ")


def test_headers_are_matched_whatever_their_order_spacing_and_notes() -> None:
    header = ["ชื่อ ", "นาม สกุล", "ตำแหน่ง*", "เลขประจำตัวประชาชน (13 หลัก)", "ลำดับ", "คำนำหน้าชื่อ", "E-mail"]
    data = csv_bytes(header, [["มานี", "มีนา", "ครู", "1-1017-00203-45-1", "1", "น.ส.", "A@B.CO"]])
    table = read_table(io.BytesIO(data), "a.csv", PEOPLE_COLUMNS)
    assert table.header.ignored == ("ลำดับ",)
    ((line, cells),) = list(table.records)
    assert cells == {
        "first_name": "มานี",
        "last_name": "มีนา",
        "position": "ครู",
        "national_id": "1-1017-00203-45-1",
        "prefix": "น.ส.",
        "email": "A@B.CO",
    }


def test_semicolons_and_tabs_separate_columns_too() -> None:
    for delimiter in (";", "\t"):
        text = delimiter.join(PEOPLE_HEADER) + "\n" + delimiter.join(person_row(first_name="มานี")) + "\n"
        ((_line, cells),) = records(text.encode())
        assert cells["first_name"] == "มานี"


def test_a_title_above_the_header_keeps_excel_row_numbers() -> None:
    data = xlsx_bytes(PEOPLE_HEADER, [person_row(), person_row()], above=[["รายชื่อครูโรงเรียนอนุบาลทดสอบ"], []])
    assert [line for line, _cells in records(data, "a.xlsx")] == [4, 5]


def test_numbers_typed_into_excel_come_back_as_typed() -> None:
    number = new_national_id()
    data = xlsx_bytes(PEOPLE_HEADER, [[int(number), "นาย", "ก", "ข", "ครู", "", "", 1065010001, "", 812345678]])
    ((_line, cells),) = records(data, "a.xlsx")
    assert (cells["national_id"], cells["school_code"], cells["phone"]) == (number, "1065010001", "812345678")
    row, problems = PeopleChecker().check(2, cells)
    assert problems == []
    assert row is not None
    assert row.phone == "0812345678"  # the leading 0 Excel dropped


@pytest.mark.parametrize(
    ("typed", "field", "code"),
    [
        ("ครูชำนาญการ", "standing", "professional"),
        ("ชำนาญการ", "standing", "professional"),
        ("ครู ชำนาญการพิเศษ", "standing", "senior_professional"),
        ("วิทยฐานะครูเชี่ยวชาญ", "standing", "expert"),
        ("ครู วิทยฐานะครูเชี่ยวชาญพิเศษ", "standing", "senior_expert"),
        ("ไม่มี", "standing", "teacher"),
        ("ยังไม่มีวิทยฐานะ", "standing", "teacher"),
        ("ครู", "standing", "teacher"),
        ("professional", "standing", "professional"),
        ("น.ส.", "prefix", "นางสาว"),
        ("ว่าที่ ร.ต.", "prefix", "ว่าที่ร้อยตรี"),
        ("นาย", "prefix", "นาย"),
        ("วิทยาศาสตร์", "learning_area", "science"),
        ("กลุ่มสาระการเรียนรู้คณิตศาสตร์", "learning_area", "mathematics"),
        ("ภาษาอังกฤษ", "learning_area", "foreign_languages"),
        ("สังคมศึกษา ศาสนา และวัฒนธรรม", "learning_area", "social"),
        ("สุขศึกษาและพลศึกษา", "learning_area", "health"),
    ],
)
def test_labels_as_people_type_them_map_to_codes(typed: str, field: str, code: str) -> None:
    cells = dict(zip([c.field for c in PEOPLE_COLUMNS], person_row(), strict=True))
    cells[field] = typed
    row, problems = PeopleChecker().check(2, cells)
    assert problems == []
    assert getattr(row, field) == code


@pytest.mark.parametrize(
    ("position", "standing", "expected"),
    [
        ("ผู้อำนวยการโรงเรียน", "ผู้อำนวยการชำนาญการพิเศษ", ("director", "senior_professional")),
        ("ผอ.", "", ("director", "")),
        ("รองผู้อำนวยการสถานศึกษา", "ไม่มี", ("deputy_director", "-")),
        ("ครูผู้ช่วย", "", ("assistant_teacher", "")),
        ("ครูผู้ช่วย", "ไม่มี", ("assistant_teacher", "assistant")),
        ("ครูชำนาญการ", "", ("teacher", "professional")),  # position and standing in one cell
    ],
)
def test_positions_with_their_standings(position: str, standing: str, expected: tuple[str, str]) -> None:
    cells = dict(zip([c.field for c in PEOPLE_COLUMNS], person_row(position=position, standing=standing), strict=True))
    row, problems = PeopleChecker().check(2, cells)
    assert problems == []
    assert row is not None
    assert (row.position, row.standing) == expected


def test_the_blank_forms_have_a_header_an_example_and_instructions(cast: Cast) -> None:
    client = logged_in(cast.user("area_officer"))
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/rosters/forms/people.xlsx").content))
    assert workbook.sheetnames == ["ข้อมูล", "คำอธิบาย"]
    data = workbook["ข้อมูล"]
    assert [cell.value for cell in data[1]] == [str(column.label) for column in PEOPLE_COLUMNS]
    assert [cell.value for cell in data[2]][:5] == ["1234567890121", "นางสาว", "ตัวอย่าง", "ใจดี", "ครู"]
    assert data["A3"].number_format == "@"  # national IDs typed as text, not numbers
    assert workbook["คำอธิบาย"]["A1"].value == "วิธีกรอก"
    csv_form = client.get("/rosters/forms/schools.csv")
    assert csv_form["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_form.content.decode("utf-8").splitlines()[0] == "\ufeff" + ",".join(str(c.label) for c in SCHOOL_COLUMNS)


def test_the_blank_form_filled_in_imports_and_its_example_row_is_refused(cast: Cast, run_import: Any) -> None:
    client = logged_in(cast.user("director"))
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/rosters/forms/people.xlsx").content))
    number = new_national_id()
    workbook["ข้อมูล"].append([number, "นาย", "สมชาย", "เรียนดี", "ครู", "", "ภาษาไทย", "", "", ""])
    filled = io.BytesIO()
    workbook.save(filled)
    job = run_import(cast.user("director"), f"/rosters/schools/{cast.school.pk}/", filled.getvalue(), name="ครู.xlsx")
    assert job.problems == [[2, "บรรทัดนี้เป็นตัวอย่างจากแบบฟอร์ม กรุณาลบออกก่อนนำเข้า"]]
    workbook["ข้อมูล"].delete_rows(2)
    filled = io.BytesIO()
    workbook.save(filled)
    job = run_import(cast.user("director"), f"/rosters/schools/{cast.school.pk}/", filled.getvalue(), name="ครู.xlsx")
    assert (job.state, job.created) == ("done", 1)
    person = Person.objects.get(national_id_digest=national_id_digest(number))
    assert (person.full_name, person.standing, person.learning_area) == ("นายสมชาย เรียนดี", "teacher", "thai")
