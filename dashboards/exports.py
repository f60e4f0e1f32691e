"""A dashboard table as an Excel workbook (openpyxl) or a CSV file that Excel opens with its Thai intact."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dashboards.tables import Table, Value

SHEET_TITLE_MAX = 31  # Excel's limit on a worksheet name
# A text cell starting with one of these is read as a formula by Excel and LibreOffice (CSV injection): names,
# phones and emails are typed by directors and offices, so an exported file must never run what they typed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Value) -> int | float | str | None:
    if isinstance(value, Decimal):
        return float(value)
    return value


def xlsx(table: Table, *, note: str = "") -> bytes:
    """One worksheet: the title, an optional note (filters, as of when), the headings in bold, the rows."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = table.title[:SHEET_TITLE_MAX].replace("/", "-")
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=14)
    if note:
        sheet.append([note])
    sheet.append(list(table.headings))
    heading_row = sheet.max_row
    for cell in sheet[heading_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_cell(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl took a text starting with "=" for a formula: keep it text
                cell.data_type = "s"
    sheet.freeze_panes = sheet.cell(row=heading_row + 1, column=2)
    sheet.column_dimensions[get_column_letter(1)].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel reads the Thai as mojibake."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(table.headings)
    for row in table.rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def _csv_cell(value: Value) -> Value:
    """Empty for None; a text that a spreadsheet would run as a formula gets a leading apostrophe (shown as text)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
