"""Import files as offices keep them: rows of Thai text as .csv (UTF-8, with or without BOM, or CP874) or .xlsx."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from org import national_id

PEOPLE_HEADER = (
    "เลขประจำตัวประชาชน",
    "คำนำหน้า",
    "ชื่อ",
    "นามสกุล",
    "ตำแหน่ง",
    "วิทยฐานะ",
    "กลุ่มสาระการเรียนรู้",
    "รหัสโรงเรียน",
    "อีเมล",
    "โทรศัพท์",
)
SCHOOL_HEADER = ("รหัสโรงเรียน", "ชื่อโรงเรียน", "รหัสเขตพื้นที่", "อำเภอ", "โทรศัพท์")

# IDs of this module start far from the cast's (tests/conftest.py counts from 1).
_numbers = itertools.count(700_000_001)


def new_national_id() -> str:
    first = f"3{next(_numbers):011d}"
    return first + str(national_id.check_digit(first))


def person_row(
    school_code: str = "1065010001",
    *,
    national_id_value: str | None = None,
    first_name: str = "มานี",
    last_name: str = "มีนา",
    position: str = "ครู",
    standing: str = "ครูชำนาญการ",
    learning_area: str = "ภาษาไทย",
    prefix: str = "นางสาว",
    email: str = "",
    phone: str = "",
) -> list[str]:
    number = new_national_id() if national_id_value is None else national_id_value
    return [number, prefix, first_name, last_name, position, standing, learning_area, school_code, email, phone]


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]], *, above: Sequence[Sequence[Any]] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in above:
        sheet.append(list(row))
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload(data: bytes, name: str = "รายชื่อครู.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")
