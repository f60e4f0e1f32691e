"""Exported tables keep what people typed as text: a name or phone that looks like a formula never runs."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from dashboards.exports import csv_bytes, xlsx
from dashboards.tables import Table

TYPED = '=HYPERLINK("http://example.invalid","คลิก")'
TABLE = Table(
    name="behind",
    title="โรงเรียนที่ยังช้า",
    headings=("โรงเรียน", "โทรศัพท์", "อีเมล", "ความก้าวหน้า (ร้อยละ)"),
    rows=((TYPED, "+66 55 123 456", "@ครู", -5), ("โรงเรียนบ้านนา", "055-123-456", "", 40)),
)


def test_csv_cells_that_would_run_as_formulas_start_with_an_apostrophe() -> None:
    rows = list(csv.reader(io.StringIO(csv_bytes(TABLE).decode("utf-8-sig"))))
    assert rows[1] == ["'" + TYPED, "'+66 55 123 456", "'@ครู", "-5"]  # a number stays a number
    assert rows[2] == ["โรงเรียนบ้านนา", "055-123-456", "", "40"]


def test_xlsx_keeps_a_text_starting_with_equals_as_text() -> None:
    sheet = load_workbook(io.BytesIO(xlsx(TABLE))).active
    assert sheet is not None
    first = next(row for row in sheet.iter_rows() if row[0].value == TYPED)
    assert [cell.data_type for cell in first] == ["s", "s", "s", "n"]
    assert [cell.value for cell in first] == [TYPED, "+66 55 123 456", "@ครู", -5]
