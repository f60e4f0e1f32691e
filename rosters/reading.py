"""Reading an office's file as it is kept: .xlsx (openpyxl, read-only) or .csv (UTF-8 with or without a BOM, or the
Thai code page Excel saves as "CSV" on a Thai Windows, CP874/TIS-620), its header row found among the first rows,
each data row as text cells by field with the line number people see in Excel (the header of the template is
line 1).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO

from django.utils.translation import gettext as _

from rosters.labels import Column, key

HEADER_SCAN_ROWS = 10  # a title or a blank row or two above the header is common
DELIMITERS = ",;\t"


class UnreadableFileError(Exception):
    """The file as a whole cannot be used; the message is for the person who uploaded it."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Header:
    line: int
    positions: dict[str, int]  # field → column index
    ignored: tuple[str, ...]  # headers that name no field of this kind of file


@dataclass(frozen=True)
class Table:
    header: Header
    records: Iterator[tuple[int, dict[str, str]]]  # (line, field → text), blank rows skipped
    estimated_rows: int  # data rows, for the progress bar only


def cell_text(value: object) -> str:
    """A cell as the text a person typed: whole numbers without ".0", spaces squeezed, invisible characters gone."""
    if value.__class__ is str:  # nearly every cell, and nearly always tidy already: tabs, line breaks, no-break
        text = value.strip()  # type: ignore[attr-defined]  # and zero-width spaces are not "printable"
        return text if text.isprintable() and "  " not in text else _tidy(text)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return _tidy(str(value))


def _tidy(text: str) -> str:
    return " ".join(text.replace("\u200b", "").replace("\ufeff", "").split())


def read_table(file: IO[bytes], file_name: str, columns: tuple[Column, ...]) -> Table:
    """The file's header and records. Raises UnreadableFileError for a file that is not a table of these columns."""
    lowered = file_name.lower()
    if lowered.endswith(".xlsx"):
        return _xlsx_table(file, columns)
    if lowered.endswith(".csv"):
        return _csv_table(file.read(), columns)
    raise UnreadableFileError(_("รับเฉพาะไฟล์ .xlsx หรือ .csv (ไฟล์ .xls รุ่นเก่า ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx)"))


def decode_csv(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874")
    except UnicodeDecodeError as error:
        raise UnreadableFileError(_("อ่านตัวอักษรในไฟล์ CSV ไม่ได้: กรุณาบันทึกเป็น CSV UTF-8 หรือ .xlsx")) from error


def _csv_table(data: bytes, columns: tuple[Column, ...]) -> Table:
    text = decode_csv(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = (list(map(cell_text, row)) for row in reader)
    return _table(enumerate(rows, start=1), columns, estimated=text.count("\n"))


def _xlsx_table(file: IO[bytes], columns: tuple[Column, ...]) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFileError(_("เปิดไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ไฟล์ .xlsx")) from error
    problem: UnreadableFileError | None = None
    for sheet in workbook.worksheets:
        estimated = int(getattr(sheet, "max_row", 0) or 0)
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # some programs declare a wrong size; read every row there is
        rows = (list(map(cell_text, row)) for row in sheet.iter_rows(min_row=1, values_only=True))
        try:
            return _table(enumerate(rows, start=1), columns, estimated=estimated)
        except UnreadableFileError as unreadable:  # e.g. the instruction sheet first: try the next sheet
            problem = problem or unreadable
    raise problem or UnreadableFileError(_("ไฟล์นี้ไม่มีแผ่นงาน (sheet) ที่มีข้อมูล"))


def _table(rows: Iterator[tuple[int, list[str]]], columns: tuple[Column, ...], *, estimated: int) -> Table:
    scanned: list[tuple[int, list[str]]] = []
    for line, cells in rows:
        scanned.append((line, cells))
        if len(scanned) >= HEADER_SCAN_ROWS:
            break
    header = find_header(scanned, columns)
    after = ((line, cells) for line, cells in scanned if line > header.line)
    records = _records(itertools.chain(after, rows), header)
    return Table(header=header, records=records, estimated_rows=max(estimated - header.line, 0))


def find_header(scanned: list[tuple[int, list[str]]], columns: tuple[Column, ...]) -> Header:
    """The row among the first ones that names the most columns; refused when a required column is missing."""
    by_key = {spelling: column.field for column in columns for spelling in column.spellings()}
    best: tuple[int, dict[str, int], list[str]] | None = None
    for line, cells in scanned:
        positions: dict[str, int] = {}
        ignored: list[str] = []
        for index, cell in enumerate(cells):
            field = by_key.get(key(cell))
            if field is None or field in positions:
                if cell:
                    ignored.append(cell)
                continue
            positions[field] = index
        if positions and (best is None or len(positions) > len(best[1])):
            best = (line, positions, ignored)
    if best is None:
        if not any(any(cells) for _line, cells in scanned):
            raise UnreadableFileError(_("ไฟล์นี้ไม่มีข้อมูล"))
        raise UnreadableFileError(_("ไม่พบแถวหัวตาราง: ใช้หัวคอลัมน์ตามแบบฟอร์มของระบบ"))
    line, positions, ignored = best
    missing = [str(column.label) for column in columns if column.required and column.field not in positions]
    if missing:
        raise UnreadableFileError(
            _("ไม่พบคอลัมน์ที่ต้องมี: %(columns)s") % {"columns": ", ".join(f"“{label}”" for label in missing)}, line
        )
    return Header(line=line, positions=positions, ignored=tuple(ignored))


def _records(rows: Iterator[tuple[int, list[str]]], header: Header) -> Iterator[tuple[int, dict[str, str]]]:
    positions = header.positions
    for line, cells in rows:
        if not any(cells):
            continue
        yield line, {field: cells[index] if index < len(cells) else "" for field, index in positions.items()}
