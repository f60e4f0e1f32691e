"""Every kind of bad row comes back with its line number (as Excel shows it: the header is line 1) and the reason
in Thai, and nothing at all is written while any row is bad."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from org.models import EvaluatorKind, Person, Role, School, User
from rosters.models import ImportJob
from tests.conftest import Cast, grant, make_person
from tests.rosters.files import (
    PEOPLE_HEADER,
    SCHOOL_HEADER,
    csv_bytes,
    new_national_id,
    person_row,
    upload,
    xlsx_bytes,
)

NOT_13 = "เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก"
CHECK_DIGIT = "เลขประจำตัวประชาชนไม่ถูกต้อง: เลขตรวจสอบหลักสุดท้ายไม่ตรง กรุณาตรวจสอบอีกครั้ง"
EXAMPLE = "บรรทัดนี้เป็นตัวอย่างจากแบบฟอร์ม กรุณาลบออกก่อนนำเข้า"
OTHER_SCHOOL = (
    "เลขประจำตัวประชาชนนี้เป็นของบุคลากรที่สังกัดโรงเรียนอื่นอยู่แล้ว ระบบไม่ย้ายโรงเรียนให้เอง: ให้โรงเรียนเดิมหรือสำนักงานเขตพื้นที่ดำเนินการ"
)
NOT_STAFF = "เลขประจำตัวประชาชนนี้มีบัญชีในระบบอยู่แล้ว แต่ไม่ใช่บุคลากรของโรงเรียนนี้ กรุณาติดต่อสำนักงานเขตพื้นที่"
POSITIONS = "ครู ครูผู้ช่วย ผู้อำนวยการสถานศึกษา รองผู้อำนวยการสถานศึกษา"
STANDINGS = "ครูผู้ช่วย ครู ครูชำนาญการ ครูชำนาญการพิเศษ ครูเชี่ยวชาญ ครูเชี่ยวชาญพิเศษ"
LEARNING_AREAS = (
    "ภาษาไทย คณิตศาสตร์ วิทยาศาสตร์และเทคโนโลยี สังคมศึกษา ศาสนา และวัฒนธรรม สุขศึกษาและพลศึกษา ศิลปะ การงานอาชีพ "
    "ภาษาต่างประเทศ ปฐมวัย การศึกษาพิเศษ แนะแนวและกิจกรรมพัฒนาผู้เรียน"
)
PREFIXES = "นาย นาง นางสาว ว่าที่ร้อยตรี ว่าที่ร้อยตรีหญิง ดร. ผศ. รศ. ศ."


def bad_id() -> str:
    number = new_national_id()
    return number[:12] + str((int(number[12]) + 1) % 10)


def test_every_kind_of_bad_people_row_is_named_with_its_line(cast: Cast, run_import: Any) -> None:
    elsewhere = new_national_id()
    make_person(school=cast.other_school, national_id_value=elsewhere, first_name="ย้าย", last_name="มาใหม่")
    evaluator = new_national_id()
    grant(
        make_person(national_id_value=evaluator, first_name="ภายนอก"),
        Role.EXTERNAL_EVALUATOR,
        evaluator_kind=EvaluatorKind.EXPERT,
    )
    good = person_row(email="good@example.com")
    code = cast.school.code
    rows = [
        good,  # 2
        person_row(first_name=""),  # 3
        person_row(national_id_value=bad_id()),  # 4
        person_row(national_id_value="123456789012"),  # 5
        person_row(national_id_value="1.23457E+12"),  # 6
        person_row(prefix="คุณ"),  # 7
        person_row(position="ภารโรง"),  # 8
        person_row(standing="ครูชำนาญงาน"),  # 9
        person_row(position="ครูผู้ช่วย", standing="ชำนาญการ"),  # 10
        person_row(position="ครู", standing="ครูผู้ช่วย"),  # 11
        person_row(position="ครูชำนาญการ", standing="ชำนาญการพิเศษ"),  # 12
        person_row(learning_area="ดาราศาสตร์"),  # 13
        person_row(email="somchai@"),  # 14
        person_row(national_id_value=good[0]),  # 15
        person_row(email="GOOD@example.com"),  # 16
        person_row(cast.other_school.code),  # 17
        person_row("1065019999"),  # 18
        person_row("123"),  # 19
        person_row(national_id_value=elsewhere),  # 20
        person_row(national_id_value=evaluator),  # 21
        person_row(email="somsri@example.com"),  # 22: the cast teacher's
        person_row(national_id_value="1234567890121", first_name="ตัวอย่าง"),  # 23: the template's example row
        person_row(first_name="ก" * 101),  # 24
        ["", "", "", "", "", "", "", "", "", ""],  # 25: blank, skipped
        person_row(national_id_value=""),  # 26
        person_row(national_id_value="", prefix="", first_name="", last_name="", position=""),  # 27
    ]
    people = Person.objects.count()
    job = run_import(cast.user("director"), f"/rosters/schools/{cast.school.pk}/", csv_bytes(PEOPLE_HEADER, rows))
    assert job.state == ImportJob.State.REJECTED
    assert job.problems == [
        [3, "ไม่ได้กรอก “ชื่อ”"],
        [4, CHECK_DIGIT],
        [5, NOT_13],
        [
            6,
            "เลขประจำตัวประชาชน “1.23457E+12” ถูก Excel แปลงเป็นเลขยกกำลังจนตัวเลขหายไป: "
            "จัดรูปแบบคอลัมน์เป็นข้อความ (Text) แล้วพิมพ์เลขใหม่",
        ],
        [7, f"ไม่รู้จักคำนำหน้า “คุณ” (ใช้ได้: {PREFIXES})"],
        [8, f"ไม่รู้จักตำแหน่ง “ภารโรง” (ใช้ได้: {POSITIONS})"],
        [9, f"ไม่รู้จักวิทยฐานะ “ครูชำนาญงาน” (ใช้ได้: {STANDINGS} หรือ “ไม่มี”)"],
        [10, "ครูผู้ช่วยยังไม่มีวิทยฐานะ: เว้นช่องวิทยฐานะว่างไว้"],
        [11, "วิทยฐานะ “ครูผู้ช่วย” ใช้กับตำแหน่งครูผู้ช่วยเท่านั้น"],
        [12, "ตำแหน่ง “ครูชำนาญการ” ไม่ตรงกับวิทยฐานะ “ชำนาญการพิเศษ”"],
        [13, f"ไม่รู้จักกลุ่มสาระการเรียนรู้ “ดาราศาสตร์” (ใช้ได้: {LEARNING_AREAS})"],
        [14, "อีเมล “somchai@” ไม่ถูกต้อง"],
        [15, "เลขประจำตัวประชาชนซ้ำกับบรรทัดที่ 2"],
        [16, "อีเมลซ้ำกับบรรทัดที่ 2"],
        [17, f"นำเข้าได้เฉพาะบุคลากรของโรงเรียนอนุบาลทดสอบ (รหัส {code}) แต่บรรทัดนี้เป็นรหัสโรงเรียน 1065010002"],
        [18, "ไม่พบโรงเรียนรหัส 1065019999 ในระบบ"],
        [19, "รหัสโรงเรียนต้องเป็นตัวเลข 10 หลัก"],
        [20, OTHER_SCHOOL],
        [21, NOT_STAFF],
        [22, "อีเมลนี้ถูกใช้กับบัญชีอื่นแล้ว"],
        [23, EXAMPLE],
        [24, "“ชื่อ” ยาวเกิน 100 ตัวอักษร"],
        [26, "ไม่ได้กรอก “เลขประจำตัวประชาชน”"],
        [27, "ไม่ได้กรอก “เลขประจำตัวประชาชน”"],
        [27, "ไม่ได้กรอก “คำนำหน้า”"],
        [27, "ไม่ได้กรอก “ชื่อ”"],
        [27, "ไม่ได้กรอก “นามสกุล”"],
        [27, "ไม่ได้กรอก “ตำแหน่ง”"],
    ]
    assert (job.problem_count, job.rows, job.to_create, job.parsed.name, job.upload.name) == (28, 25, 1, "", "")
    assert Person.objects.count() == people  # the good row is not written either
    page = Client()
    page.force_login(cast.user("director"))
    html = page.get(f"/rosters/imports/{job.pk}/").content.decode()
    assert "พบข้อผิดพลาด 28 รายการ: ยังไม่ได้บันทึกอะไร" in html
    assert '<td class="num">20</td><td>' + OTHER_SCHOOL + "</td>" in html
    assert "ยืนยันการนำเข้า" not in html


def test_an_area_import_names_schools_outside_the_area_and_needs_a_school_code(cast: Cast, run_import: Any) -> None:
    rows = [person_row(cast.school.code), person_row(cast.far_school.code), person_row("")]
    job = run_import(cast.user("area_officer"), f"/rosters/areas/{cast.area.pk}/", csv_bytes(PEOPLE_HEADER, rows))
    assert job.problems == [
        [3, "โรงเรียนรหัส 1064010001 ไม่อยู่ในสำนักงานเขตพื้นที่การศึกษา 6501"],
        [4, "ไม่ได้กรอก “รหัสโรงเรียน”"],
    ]


def test_every_kind_of_bad_school_row_is_named_with_its_line(cast: Cast, run_import: Any) -> None:
    User.objects.create_user("1065010077", "x-not-used-99", display_name="บัญชีเดิม")
    rows = [
        ["1065010050", "โรงเรียนบ้านใหม่", "6501", "เมืองพิษณุโลก", "055000000"],  # 2
        ["1065010051", "", "6501", "", ""],  # 3
        ["10650", "โรงเรียนรหัสสั้น", "6501", "", ""],  # 4
        ["1065010052", "โรงเรียนเขตอื่น", "6502", "", ""],  # 5
        ["1065010050", "โรงเรียนซ้ำ", "6501", "", ""],  # 6
        [cast.far_school.code, "โรงเรียนต่างจังหวัด", "6501", "", ""],  # 7
        ["9999999999", "โรงเรียนบ้านตัวอย่าง", "6501", "", ""],  # 8: the template's example row
        ["1065010077", "โรงเรียนชื่อผู้ใช้ซ้ำ", "6501", "", ""],  # 9
        ["1065010053", "โรงเรียนไม่มีเขต", "", "", ""],  # 10
    ]
    schools = School.objects.count()
    data = xlsx_bytes(SCHOOL_HEADER, rows)
    job = run_import(
        cast.user("area_officer"), f"/rosters/areas/{cast.area.pk}/", data, name="โรงเรียน.xlsx", kind="schools"
    )
    assert job.problems == [
        [3, "ไม่ได้กรอก “ชื่อโรงเรียน”"],
        [4, "รหัสโรงเรียนต้องเป็นตัวเลข 10 หลัก"],
        [
            5,
            "รหัสเขตพื้นที่ 6502 ไม่ใช่ของสำนักงานเขตพื้นที่การศึกษา 6501 (รหัส 6501): นำเข้าได้เฉพาะโรงเรียนในเขตพื้นที่ของท่าน",
        ],
        [6, "รหัสโรงเรียนซ้ำกับบรรทัดที่ 2"],
        [7, "รหัสโรงเรียน 1064010001 เป็นของโรงเรียนในเขตพื้นที่อื่นอยู่แล้ว ระบบไม่ย้ายเขตพื้นที่ให้เอง"],
        [8, EXAMPLE],
        [9, "มีบัญชีผู้ใช้ชื่อ 1065010077 อยู่แล้ว จึงสร้างบัญชีผู้ดูแลของโรงเรียนนี้ไม่ได้ กรุณาติดต่อผู้ดูแลระบบ"],
        [10, "ไม่ได้กรอก “รหัสเขตพื้นที่”"],
    ]
    assert School.objects.count() == schools


def test_a_file_without_a_needed_column_is_refused_at_its_header(cast: Cast, run_import: Any) -> None:
    header = ["ลำดับ", "เลขประจำตัวประชาชน", "ชื่อ", "ตำแหน่ง"]
    data = xlsx_bytes(header, [["1", new_national_id(), "มานี", "ครู"]], above=[["รายชื่อครู ปีการศึกษา 2568"], []])
    job = run_import(cast.user("director"), f"/rosters/schools/{cast.school.pk}/", data, name="ครู.xlsx")
    assert job.problems == [[3, "ไม่พบคอลัมน์ที่ต้องมี: “คำนำหน้า”, “นามสกุล”"]]


def test_a_file_with_no_rows_or_not_a_table_is_refused(cast: Cast, run_import: Any) -> None:
    header_only = run_import(cast.user("director"), f"/rosters/schools/{cast.school.pk}/", csv_bytes(PEOPLE_HEADER, []))
    assert header_only.problems == [[1, "ไฟล์นี้ไม่มีข้อมูลใต้แถวหัวตาราง"]]
    blank = run_import(cast.user("director"), f"/rosters/schools/{cast.school.pk}/", b"\n,,\n")
    assert blank.problems == [[1, "ไฟล์นี้ไม่มีข้อมูล"]]
    other = run_import(cast.user("director"), f"/rosters/schools/{cast.school.pk}/", b"a,b\n1,2\n")
    assert other.problems == [[1, "ไม่พบแถวหัวตาราง: ใช้หัวคอลัมน์ตามแบบฟอร์มของระบบ"]]
    broken = run_import(
        cast.user("director"), f"/rosters/schools/{cast.school.pk}/", b"PK\x03\x04 not a zip", name="a.xlsx"
    )
    assert broken.problems == [[1, "เปิดไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ไฟล์ .xlsx"]]


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("ครู.xls", b"x", "รับเฉพาะไฟล์ .xlsx หรือ .csv (ไฟล์ .xls รุ่นเก่า ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx)"),
        ("ครู.csv", b"", "ไฟล์นี้ไม่มีข้อมูล"),
    ],
)
def test_a_file_of_the_wrong_type_or_empty_is_refused_at_upload(cast: Cast, name: str, data: bytes, error: str) -> None:
    client = Client()
    client.force_login(cast.user("director"))
    response = client.post(f"/rosters/schools/{cast.school.pk}/", {"kind": "people", "people-file": upload(data, name)})
    assert response.status_code == 200
    assert response.context["forms"]["people"].errors == {"file": [error]}
    assert ImportJob.objects.count() == 0


def test_a_file_larger_than_the_limit_is_refused_at_upload(cast: Cast, settings: Any) -> None:
    settings.ROSTERS_MAX_UPLOAD_MB = 1
    client = Client()
    client.force_login(cast.user("director"))
    big = upload(b"x" * (1024 * 1024 + 1), "ครู.csv")
    response = client.post(f"/rosters/schools/{cast.school.pk}/", {"kind": "people", "people-file": big})
    assert response.context["forms"]["people"].errors == {"file": ["ไฟล์ใหญ่เกิน 1 MB: แบ่งเป็นหลายไฟล์"]}
