"""documents.word: a `Document` as an editable DOCX that says what the PDF says, in a Thai font Word and
LibreOffice actually use (the complex-script properties), with repeating table headers and page fields."""

from __future__ import annotations

import io
import re
import time
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from pypdf import PdfReader

from documents.blocks import (
    Cell,
    Check,
    Document,
    Fields,
    PageBreak,
    Row,
    Signature,
    Signatures,
    Space,
    Table,
    Text,
)
from documents.pdf import render_pdf, signature_lines
from documents.word import render_docx

DOTS = "." * 36
DATE_LINE = "วันที่ ..... เดือน .............. พ.ศ. ......"
TEACHER = Signature("นางสาวสมใจ ใจดี", "ครู")
CHAIR = Signature("นายสมชาย รักดี", "ผู้อำนวยการโรงเรียน", "ประธานกรรมการ", "1 ตุลาคม 2568")
MEMBER = Signature("นางสมหญิง ยิ่งดี", "ศึกษานิเทศก์", "กรรมการ")
TABLE = Table(
    widths=(3.0, 1.0, 1.0),
    header=(
        Row((Cell("ภาระงาน", bold=True, align="C"), Cell("ระดับการปฏิบัติ", bold=True, align="C", span=2))),
        Row((Cell(""), Cell("1", align="C"), Cell("2", align="C"))),
    ),
    rows=(
        Row((Cell("ด้านการจัดการเรียนรู้", bold=True, span=3, shade=True),), keep_with_next=True),
        Row((Cell("ชั่วโมงสอน 18 ชั่วโมง/สัปดาห์"), Cell("", mark=True), Cell("ตำแหน่ง"))),
        Row((Cell("ผู้อำนวยการ"), Cell("ทำได้", mark=True, align="C"), Cell(""))),
    ),
)


def sample(*, thai_digits: bool = False, landscape: bool = False, form_code: str = "PA 1/ส") -> Document:
    return Document(
        kind="pa1",
        form_code=form_code,
        title="ข้อตกลงในการพัฒนางาน (PA) ปีงบประมาณ 2569",
        thai_digits=thai_digits,
        landscape=landscape,
        blocks=(
            Text("ข้อตกลงในการพัฒนางาน\nปีงบประมาณ 2569", bold=True, align="C", space_after=2.0),
            Text("ตำแหน่ง ครู วิทยฐานะ ครูชำนาญการ", indent=10.0, size=14.0),
            Fields((("ชื่อ", "นางสาวสมใจ ใจดี"), ("ตำแหน่ง", "ครู"), ("สังกัด", ""))),
            Check("ครูผู้ช่วย", checked=False),
            Check("ครู", checked=True, indent=5.0),
            Space(6.0),
            TABLE,
            PageBreak(),
            Signatures((TEACHER,)),
            Signatures((CHAIR, MEMBER)),
        ),
    )


def reopen(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def word() -> Any:
    return reopen(render_docx(sample()))


def texts(paragraphs: Any) -> list[str]:
    return [paragraph.text for paragraph in paragraphs if paragraph.text]


def every_run(word: Any) -> list[Any]:
    section = word.sections[0]
    parts = (word.element.body, section.header._element, section.footer._element)
    runs: list[Any] = [run for part in parts for run in part.iter(qn("w:r"))]
    return runs


def attr(element: Any, tag: str, name: str = "w:val") -> str | None:
    found = element.find(qn(tag))
    return None if found is None else found.get(qn(name))


def close(length: int | None, millimetres: float) -> bool:
    """Lengths come back in twips (1/20 pt): equal to within a twentieth of a point."""
    return length is not None and abs(length - Mm(millimetres)) < Pt(0.05)


def cell_tcs(table: Any, row: int) -> list[Any]:
    """The row's `w:tc` elements: one per cell as written, a merged span being one."""
    cells: list[Any] = table.rows[row]._tr.findall(qn("w:tc"))
    return cells


# --- what the document says ------------------------------------------------------------------------------


def test_body_paragraphs_say_exactly_the_blocks_in_order(word):
    assert texts(word.paragraphs) == [
        "ข้อตกลงในการพัฒนางาน\nปีงบประมาณ 2569",
        "ตำแหน่ง ครู วิทยฐานะ ครูชำนาญการ",
        "ชื่อ นางสาวสมใจ ใจดี   ตำแหน่ง ครู   สังกัด -",
        "☐ ครูผู้ช่วย",
        "☑ ครู",
        f"(ลงชื่อ){DOTS}",
        "(นางสาวสมใจ ใจดี)",
        "ครู",
        DATE_LINE,
    ]


def test_a_new_line_in_a_text_is_a_line_break_in_one_paragraph(word):
    title = word.paragraphs[0]
    assert len(title._p.findall(f".//{qn('w:br')}")) == 1
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [run.bold for run in title.runs] == [True]
    assert close(title.paragraph_format.space_after, 2)


def test_indent_and_size_of_a_text(word):
    text = word.paragraphs[1]
    assert close(text.paragraph_format.left_indent, 10)
    run = text.runs[0]._r
    assert (attr(run.rPr, "w:sz"), attr(run.rPr, "w:szCs")) == ("28", "28")


def test_fields_labels_plain_values_bold_and_a_dash_for_an_empty_value(word):
    runs = [(run.text, bool(run.bold)) for run in word.paragraphs[2].runs]
    assert runs == [
        ("ชื่อ ", False),
        ("นางสาวสมใจ ใจดี", True),
        ("   ตำแหน่ง ", False),
        ("ครู", True),
        ("   สังกัด ", False),
        ("-", True),
    ]


def test_check_boxes_and_their_indent(word):
    empty, ticked = word.paragraphs[3], word.paragraphs[4]
    assert (empty.text, ticked.text) == ("☐ ครูผู้ช่วย", "☑ ครู")
    assert close(ticked.paragraph_format.left_indent, 5)


def test_space_is_an_exact_height_and_page_break_a_page_break(word):
    body = word.element.body
    exact = [p for p in word.paragraphs if p.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY]
    assert any(close(p.paragraph_format.line_spacing, 6) for p in exact)
    breaks = [br for br in body.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]
    assert len(breaks) == 1


def test_header_carries_the_form_code_bold_at_the_right(word):
    header = word.sections[0].header
    [paragraph] = header.paragraphs
    assert paragraph.text == "PA 1/ส"
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert all(run.bold for run in paragraph.runs)
    assert paragraph.runs[0]._r.rPr.find(qn("w:bCs")) is not None


def test_no_form_code_no_header_text():
    word = reopen(render_docx(sample(form_code="")))
    assert word.sections[0].header.is_linked_to_previous
    assert texts(word.sections[0].header.paragraphs) == []


def test_footer_numbers_the_pages_with_fields_at_the_right(word):
    [paragraph] = word.sections[0].footer.paragraphs
    assert paragraph.text == "หน้า 1/1"  # the fields' results until Word or LibreOffice lays out the pages
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    codes = [code.text.strip() for code in paragraph._p.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    kinds = [char.get(qn("w:fldCharType")) for char in paragraph._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2


# --- tables ----------------------------------------------------------------------------------------------


def test_table_cells_say_the_cells(word):
    table = word.tables[0]
    assert table.style.name == "Table Grid"
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["ภาระงาน", "ระดับการปฏิบัติ", "ระดับการปฏิบัติ"],
        ["", "1", "2"],
        ["ด้านการจัดการเรียนรู้"] * 3,
        ["ชั่วโมงสอน 18 ชั่วโมง/สัปดาห์", "✓", "ตำแหน่ง"],
        ["ผู้อำนวยการ", "✓ ทำได้", ""],
    ]


def test_header_rows_repeat_and_body_rows_do_not(word):
    rows = word.tables[0].rows
    repeat = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in rows]
    assert repeat == [True, True, False, False, False]


def test_spans_are_merged_cells(word):
    table = word.tables[0]
    spans = [[int(attr(tc.tcPr, "w:gridSpan") or 1) for tc in cell_tcs(table, row)] for row in range(5)]
    assert spans == [[1, 2], [1, 1, 1], [3], [1, 1, 1], [1, 1, 1]]


def test_shading_on_header_rows_and_shaded_cells_only(word):
    table = word.tables[0]
    fills = [[attr(tc.tcPr, "w:shd", "w:fill") for tc in cell_tcs(table, row)] for row in range(5)]
    assert fills == [
        ["EBEBEB", "EBEBEB"],
        ["EBEBEB"] * 3,
        ["EBEBEB"],
        [None] * 3,
        [None] * 3,
    ]


def test_column_widths_are_fixed_on_the_grid_and_every_cell(word):
    table = word.tables[0]
    assert table.autofit is False
    usable = Mm(210 - 25 - 18)
    grid = [column.width for column in table.columns]
    assert abs(sum(grid) - usable) < Mm(0.1)
    assert abs(grid[0] - 3 * grid[1]) < Mm(0.1)
    assert grid[1] == grid[2]
    twips = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    for row in range(5):
        widths = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in cell_tcs(table, row)]
        assert sum(widths) == pytest.approx(sum(twips), abs=2)
    assert [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in cell_tcs(table, 0)] == pytest.approx(
        [twips[0], twips[1] + twips[2]], abs=1
    )


def test_keep_with_next_rows_keep_their_paragraphs_with_the_next(word):
    table = word.tables[0]
    keep = [all(p.paragraph_format.keep_with_next for p in row.cells[0].paragraphs) for row in table.rows]
    assert keep == [True, True, True, False, False]


def test_a_row_wider_than_the_table_is_an_error():
    table = Table(widths=(1.0, 1.0), header=(), rows=(Row((Cell("ก", span=2), Cell("ข"))),))
    with pytest.raises(ValueError, match="spans more than"):
        render_docx(Document(kind="pa1", form_code="", title="t", blocks=(table,)))


def test_a_short_row_is_filled_with_empty_cells_of_the_column_widths():
    table = Table(widths=(2.0, 1.0, 1.0), header=(), rows=(Row((Cell("ก", span=2),)),))
    word = reopen(render_docx(Document(kind="pa1", form_code="", title="t", blocks=(table,))))
    [row] = word.tables[0].rows
    assert [cell.text for cell in row.cells] == ["ก", "ก", ""]
    widths = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in cell_tcs(word.tables[0], 0)]
    assert widths[0] == pytest.approx(3 * widths[1], abs=2)


def test_a_long_table_renders_in_linear_time():
    """python-docx's `Table.cell`/`merge` would take about a minute for this table; the renderer under a second."""
    rows = tuple(Row((Cell(f"ตัวชี้วัดที่ {n}", span=2), *(Cell("ก") for _ in range(4)))) for n in range(300))
    table = Table(widths=(3.0, 3.0, 1.0, 1.0, 1.0, 1.0), header=(Row((Cell("หัว", span=6),)),), rows=rows)
    started = time.perf_counter()
    data = render_docx(Document(kind="pa1", form_code="", title="t", blocks=(table,)))
    assert time.perf_counter() - started < 10
    assert len(reopen(data).tables[0].rows) == 301


def test_two_tables_in_a_row_stay_two_tables():
    table = Table(widths=(1.0,), header=(), rows=(Row((Cell("ก"),)),))
    word = reopen(render_docx(Document(kind="pa1", form_code="", title="t", blocks=(table, table))))
    assert len(word.tables) == 2


# --- signatures ------------------------------------------------------------------------------------------


def test_signature_lines_are_the_official_wording():
    assert signature_lines(CHAIR) == [
        f"(ลงชื่อ){DOTS}",
        "(นายสมชาย รักดี)",
        "ผู้อำนวยการโรงเรียน",
        "ประธานกรรมการ",
        "1 ตุลาคม 2568",
    ]
    assert signature_lines(Signature("นางสาวสมใจ ใจดี")) == [f"(ลงชื่อ){DOTS}", "(นางสาวสมใจ ใจดี)", DATE_LINE]


def test_one_signature_is_centred_paragraphs_kept_together(word):
    lines = [p for p in word.paragraphs if p.text in signature_lines(TEACHER)]
    assert [p.text for p in lines] == signature_lines(TEACHER)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in lines)
    assert [bool(p.paragraph_format.keep_with_next) for p in lines] == [True, True, True, False]


def test_several_signatures_side_by_side_in_a_borderless_table(word):
    table = word.tables[1]
    assert table.style.name != "Table Grid"
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {border.get(qn("w:val")) for border in borders} == {"nil"}
    [row] = table.rows
    assert len(table.columns) == 2
    for cell, person in zip(row.cells, (CHAIR, MEMBER), strict=True):
        assert [p.text for p in cell.paragraphs] == signature_lines(person)
        assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in cell.paragraphs)
    assert [p.text for p in row.cells[1].paragraphs][-1] == DATE_LINE


# --- the Thai font ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("font", ["TH SarabunPSK", "Sarabun"])
def test_every_run_names_the_font_for_thai_with_its_size_and_language(font):
    word = reopen(render_docx(sample(), font=font))
    runs = every_run(word)
    assert len(runs) > 40
    for run in runs:
        rpr = run.rPr
        fonts = rpr.find(qn("w:rFonts"))
        assert [fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")] == [font] * 4
        assert attr(rpr, "w:szCs") == attr(rpr, "w:sz") is not None
        assert (attr(rpr, "w:lang"), attr(rpr, "w:lang", "w:bidi")) == ("th-TH", "th-TH")
        if rpr.find(qn("w:b")) is not None:
            assert rpr.find(qn("w:bCs")) is not None


def test_body_runs_are_16_point_and_the_footer_smaller(word):
    body = {attr(run.rPr, "w:szCs") for run in word.paragraphs[0]._p.iter(qn("w:r"))}
    footer = {attr(run.rPr, "w:szCs") for run in word.sections[0].footer._element.iter(qn("w:r"))}
    assert body == {"32"}
    assert footer == {"22"}


def test_bold_runs_are_bold_for_thai_too(word):
    bold = [run for run in every_run(word) if run.rPr.find(qn("w:b")) is not None]
    assert {run.text for run in bold} >= {"นางสาวสมใจ ใจดี", "ภาระงาน", "PA 1/ส", "ด้านการจัดการเรียนรู้"}
    assert all(run.rPr.find(qn("w:bCs")) is not None for run in bold)


def test_styles_default_to_the_thai_font_without_theme_fonts(word):
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    normal = word.styles["Normal"].element.rPr
    for rpr in (defaults, normal):
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == "TH SarabunPSK"
        assert not [name for name in fonts.attrib if "Theme" in name or "theme" in name]
        assert attr(rpr, "w:szCs") == "32"
        assert attr(rpr, "w:lang", "w:bidi") == "th-TH"
    assert word.styles["Normal"].paragraph_format.space_after == 0


# --- digits, page, properties ----------------------------------------------------------------------------


def all_text(word: Any) -> str:
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join([*texts(word.paragraphs), *cells])


def test_thai_digits_when_the_school_wants_them():
    word = reopen(render_docx(sample(thai_digits=True)))
    text = all_text(word)
    assert "ปีงบประมาณ ๒๕๖๙" in text
    assert "ชั่วโมงสอน ๑๘ ชั่วโมง/สัปดาห์" in text
    assert "๑ ตุลาคม ๒๕๖๘" in text
    assert not re.search(r"[0-9]", text)
    assert word.sections[0].header.paragraphs[0].text == "PA 1/ส"  # the form's name, as in the PDF
    codes = [code.text.strip() for code in word.sections[0].footer._element.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]


def test_arabic_digits_otherwise(word):
    text = all_text(word)
    assert "ปีงบประมาณ 2569" in text
    assert not re.search("[๐-๙]", text)


def test_a4_portrait_with_the_pdf_margins(word):
    section = word.sections[0]
    assert close(section.page_width, 210)
    assert close(section.page_height, 297)
    assert section.orientation == WD_ORIENT.PORTRAIT
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert all(close(got, want) for got, want in zip(margins, (25, 18, 18, 22), strict=True))


def test_landscape():
    word = reopen(render_docx(sample(landscape=True)))
    section = word.sections[0]
    assert close(section.page_width, 297)
    assert close(section.page_height, 210)
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(sum(column.width for column in word.tables[0].columns) - Mm(297 - 25 - 18)) < Mm(0.1)


def test_core_properties(word):
    assert word.core_properties.title == "ข้อตกลงในการพัฒนางาน (PA) ปีงบประมาณ 2569"
    assert word.core_properties.language == "th-TH"


# --- the same words as the PDF ---------------------------------------------------------------------------


def test_says_what_the_pdf_says():
    """Every DOCX line (without the ☐ ☑ ✓ the PDF draws as lines) is in the PDF's text layer, ำ included."""
    document = sample()
    pdf = PdfReader(io.BytesIO(render_pdf(document).data))
    pdf_text = re.sub(r"\s", "", "".join(page.extract_text() for page in pdf.pages))
    word = reopen(render_docx(document))
    lines = [line for chunk in all_text(word).split("\n") for line in [re.sub(r"[\s☐☑✓]", "", chunk)] if line]
    assert lines
    missing = [line for line in lines if line not in pdf_text]
    assert missing == []
