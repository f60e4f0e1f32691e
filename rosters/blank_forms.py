"""The downloadable forms: an .xlsx with the header row, an example row and a sheet of instructions, and a .csv
(UTF-8 with a BOM, which Excel opens as Thai) with the header and example rows. Always in Thai: that is the
language of the files offices keep."""

from __future__ import annotations

import csv
import io

from django.utils import translation
from django.utils.translation import gettext as _

from rosters import labels
from rosters.labels import Column, example_school_code

TEXT_FIELDS = {"national_id", "school_code", "area_code", "phone"}  # kept as text, or Excel drops digits


def example_row(columns: tuple[Column, ...]) -> list[str]:
    return [example_school_code() if column.field == "school_code" else column.example for column in columns]


def blank_csv(kind: str) -> bytes:
    with translation.override("th"):
        columns = labels.COLUMNS[kind]
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow([str(column.label) for column in columns])
        writer.writerow(example_row(columns))
        return "\ufeff".encode() + buffer.getvalue().encode()


def blank_xlsx(kind: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    with translation.override("th"):
        columns = labels.COLUMNS[kind]
        workbook = Workbook()
        data = workbook.active
        assert data is not None
        data.title = _("ข้อมูล")
        data.append([str(column.label) for column in columns])
        data.append(example_row(columns))
        for index, column in enumerate(columns, start=1):
            letter = data.cell(row=1, column=index).column_letter
            data.column_dimensions[letter].width = max(14, len(str(column.label)) + 6)
            data.cell(row=1, column=index).font = Font(bold=True)
            data.cell(row=1, column=index).fill = PatternFill("solid", fgColor="DDEBF7")
            if column.field in TEXT_FIELDS:
                for row in range(2, 2000):
                    data.cell(row=row, column=index).number_format = "@"
        data.freeze_panes = "A2"
        _instructions(workbook.create_sheet(_("คำอธิบาย")), kind, columns)
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()


def _instructions(sheet: object, kind: str, columns: tuple[Column, ...]) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    lines: list[tuple[str, ...]] = [
        (_("วิธีกรอก"),),
        (_("กรอกหนึ่งแถวต่อหนึ่งคนในแผ่นงาน “ข้อมูล” ลบแถวตัวอย่างออกก่อนนำเข้า สลับลำดับคอลัมน์หรือเพิ่มคอลัมน์อื่นได้"),),
        (_("ระบบตรวจทุกแถวก่อน และแสดงแถวที่ต้องแก้พร้อมเลขบรรทัด ยังไม่บันทึกอะไรจนกว่าจะกดยืนยัน นำเข้าไฟล์เดิมซ้ำได้โดยไม่เกิดรายชื่อซ้ำ"),),
        (_("ช่องที่ไม่บังคับซึ่งเว้นว่าง ระบบจะคงค่าเดิมไว้"),),
        (),
        (_("คอลัมน์"), _("ต้องกรอก"), _("คำอธิบาย")),
    ]
    for column in columns:
        lines.append((str(column.label), _("ต้องกรอก") if column.required else _("ไม่บังคับ"), str(column.help)))
    if kind == "people":
        lines += [
            (),
            (_("ตำแหน่งที่ใช้ได้"), labels.position_names()),
            (_("วิทยฐานะที่ใช้ได้"), labels.standing_names()),
            (_("กลุ่มสาระการเรียนรู้ที่ใช้ได้"), labels.learning_area_names()),
            (),
            (_("บัญชีใหม่ได้รับรหัสผ่านครั้งแรกในใบรหัสผ่านของโรงเรียน ซึ่งผู้นำเข้าดาวน์โหลดได้ครั้งเดียว"),),
        ]
    else:
        lines += [(), (_("โรงเรียนใหม่ได้รับบัญชีผู้ดูแลของโรงเรียน (ชื่อผู้ใช้คือรหัสโรงเรียน) พร้อมรหัสผ่านครั้งแรก"),)]
    for line in lines:
        sheet.append(list(line))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 80
