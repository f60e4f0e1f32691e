"""A `Document` as an editable DOCX (python-docx): the same words as the PDF (documents.pdf), in a layout
Word and LibreOffice can reflow — A4, the Thai font at 16 pt, the form code at the top right of every page,
page numbers as fields, real tables whose header rows repeat, the official signature blocks.

Word and LibreOffice draw Thai with a run's complex-script properties, so every run (and the document's
defaults) names the font in all four `w:rFonts` slots and carries `w:szCs`, `w:bCs` and `w:lang w:bidi`;
without them Thai falls back to another font or size. Line breaking is left to the word processor.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt
from docx.table import Table as WordTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from documents.blocks import Align, Block, Cell, Check, Document, Fields, PageBreak, Row, Signature, Signatures, Space
from documents.blocks import Table as TableBlock
from documents.blocks import Text as TextBlock
from documents.pdf import FOOTER_HEIGHT, FOOTER_SIZE, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, SIZE, signature_lines
from thaitext import thai_digits

FONT = "TH SarabunPSK"
LANGUAGE = "th-TH"
A4 = (210.0, 297.0)  # millimetres, portrait
HEADER_DISTANCE, FOOTER_DISTANCE = 8.0, 10.0  # millimetres from the page's edge
TABLE_GAP = 2.0  # millimetres after a table, as in the PDF; also keeps two tables from merging into one
SIGNATURE_GAP = 2.0
SHADE = "EBEBEB"  # the PDF's fill colour (235, 235, 235)
TICK = "\u2713"  # ✓ for Cell.mark
BOX_CHECKED, BOX_EMPTY = "\u2611", "\u2610"  # ☑ ☐
FIELD_GAP = "   "  # between two label–value pairs (the PDF leaves 4 mm)
TITLE_LIMIT = 255  # characters a core property may hold
ALIGNMENT = {"L": WD_ALIGN_PARAGRAPH.LEFT, "C": WD_ALIGN_PARAGRAPH.CENTER, "R": WD_ALIGN_PARAGRAPH.RIGHT}

# Schema order of the children of the property elements this module writes (ECMA-376 Part 1, §17).
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)  # fmt: skip
TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
    "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
    "w:tblLook", "w:tblCaption", "w:tblDescription",
)  # fmt: skip
TRPR_ORDER = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
    "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange",
)  # fmt: skip
TCPR_ORDER = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
    "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
    "w:cellMerge", "w:tcPrChange",
)  # fmt: skip
BORDERS = ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV")
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")  # would override FONT_SLOTS


# --- XML -------------------------------------------------------------------------------------------------


def child(parent: BaseOxmlElement, tag: str, order: tuple[str, ...], attrs: dict[str, str] | None = None) -> Any:
    """`parent`'s `tag` element, added in schema order when missing, with `attrs` (prefixed names) set."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        successors = {qn(later) for later in order[order.index(tag) + 1 :]}
        after = next((index for index, existing in enumerate(parent) if existing.tag in successors), len(parent))
        parent.insert(after, element)
    for name, value in (attrs or {}).items():
        element.set(qn(name), value)
    return element


def thai_run_properties(rpr: BaseOxmlElement, font: str, *, size: float | None, bold: bool = False) -> None:
    """Font, size, weight and language for Latin and complex script (Thai) alike."""
    fonts = child(rpr, "w:rFonts", RPR_ORDER, dict.fromkeys(FONT_SLOTS, font))
    for theme in THEME_SLOTS:
        fonts.attrib.pop(qn(theme), None)
    if bold:
        child(rpr, "w:b", RPR_ORDER)
        child(rpr, "w:bCs", RPR_ORDER)
    if size is not None:
        half_points = str(round(size * 2))
        child(rpr, "w:sz", RPR_ORDER, {"w:val": half_points})
        child(rpr, "w:szCs", RPR_ORDER, {"w:val": half_points})
    child(rpr, "w:lang", RPR_ORDER, {"w:val": LANGUAGE, "w:bidi": LANGUAGE})


def mark_header_row(row: _Row) -> None:
    """The row repeats at the top of every page the table runs over and is never split across pages."""
    trpr = row._tr.get_or_add_trPr()
    child(trpr, "w:cantSplit", TRPR_ORDER)
    child(trpr, "w:tblHeader", TRPR_ORDER)


def keep_row_together(row: _Row) -> None:
    child(row._tr.get_or_add_trPr(), "w:cantSplit", TRPR_ORDER)


def shade(cell: _Cell) -> None:
    child(cell._tc.get_or_add_tcPr(), "w:shd", TCPR_ORDER, {"w:val": "clear", "w:color": "auto", "w:fill": SHADE})


def table_width(table: WordTable, width: Length) -> None:
    child(table._tbl.tblPr, "w:tblW", TBLPR_ORDER, {"w:w": str(width.twips), "w:type": "dxa"})


def no_borders(table: WordTable) -> None:
    borders = child(table._tbl.tblPr, "w:tblBorders", TBLPR_ORDER)
    for side in BORDERS:
        child(borders, side, BORDERS, {"w:val": "nil"})


# --- the renderer ----------------------------------------------------------------------------------------


class WordRenderer:
    """Builds one DOCX; `render()` returns its bytes."""

    def __init__(self, document: Document, font: str = FONT) -> None:
        self.source = document
        self.font = font
        self.word: WordDocument = docx.Document()
        page_width, _ = self._page_size()
        self.usable = Mm(page_width - MARGIN_LEFT - MARGIN_RIGHT)

    def render(self) -> bytes:
        self._page()
        self._defaults()
        self._header()
        self._footer()
        self._properties()
        for block in self.source.blocks:
            self._block(block)
        buffer = io.BytesIO()
        self.word.save(buffer)
        return buffer.getvalue()

    # --- the document ----------------------------------------------------------------------------------

    def _page_size(self) -> tuple[float, float]:
        width, height = A4
        return (height, width) if self.source.landscape else (width, height)

    def _page(self) -> None:
        section = self.word.sections[0]
        width, height = self._page_size()
        section.orientation = WD_ORIENT.LANDSCAPE if self.source.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(FOOTER_HEIGHT)
        section.header_distance, section.footer_distance = Mm(HEADER_DISTANCE), Mm(FOOTER_DISTANCE)

    def _defaults(self) -> None:
        """The Thai font, 16 pt, single spacing and no space after paragraphs, for every style."""
        styles = self.word.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        thai_run_properties(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), self.font, size=SIZE)
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        normal = self.word.styles["Normal"]
        thai_run_properties(normal.element.get_or_add_rPr(), self.font, size=SIZE)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0

    def _header(self) -> None:
        if not self.source.form_code:
            return
        paragraph = self.word.sections[0].header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._run(paragraph, self.source.form_code, bold=True, localise=False)

    def _footer(self) -> None:
        """The page number at the right, "หน้า 1/2", its numbers PAGE and NUMPAGES fields."""
        paragraph = self.word.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._run(paragraph, "หน้า ", size=FOOTER_SIZE)
        self._field(paragraph, "PAGE")
        self._run(paragraph, "/", size=FOOTER_SIZE)
        self._field(paragraph, "NUMPAGES")

    def _field(self, paragraph: Paragraph, code: str) -> None:
        """A field Word and LibreOffice compute when they lay the pages out; "1" until they do."""
        self._field_char(paragraph, "begin")
        instruction = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
        instruction.text = f" {code} "
        self._run(paragraph, "", size=FOOTER_SIZE)._r.append(instruction)
        self._field_char(paragraph, "separate")
        self._run(paragraph, "1", size=FOOTER_SIZE, localise=False)
        self._field_char(paragraph, "end")

    def _field_char(self, paragraph: Paragraph, kind: str) -> None:
        self._run(paragraph, "", size=FOOTER_SIZE)._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))

    def _properties(self) -> None:
        properties = self.word.core_properties
        properties.title = self.source.title[:TITLE_LIMIT]
        properties.language = LANGUAGE
        properties.author = properties.last_modified_by = "teacherpa"
        properties.comments = ""
        properties.created = properties.modified = datetime.now(tz=UTC)

    # --- text ------------------------------------------------------------------------------------------

    def _text(self, text: str) -> str:
        return thai_digits(text) if self.source.thai_digits else text

    def _run(
        self, paragraph: Paragraph, text: str, *, bold: bool = False, size: float = SIZE, localise: bool = True
    ) -> Run:
        """A run of `text` ("\\n" as line breaks) in the Thai font; digits as ๐–๙ when the school wants."""
        run = paragraph.add_run(self._text(text) if localise else text)
        thai_run_properties(run._r.get_or_add_rPr(), self.font, size=size, bold=bold)
        return run

    def _paragraph(
        self,
        paragraph: Paragraph,
        *,
        align: Align = "L",
        indent: float = 0.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
        keep_with_next: bool = False,
    ) -> Paragraph:
        paragraph.alignment = ALIGNMENT[align]
        form = paragraph.paragraph_format
        if indent:
            form.left_indent = Mm(indent)
        form.space_before, form.space_after = Mm(space_before), Mm(space_after)
        if keep_with_next:
            form.keep_with_next = True
        return paragraph

    def _gap(self, height: float) -> Paragraph:
        """An empty paragraph exactly `height` millimetres high."""
        paragraph = self._paragraph(self.word.add_paragraph())
        paragraph.paragraph_format.line_spacing = Mm(height)
        return paragraph

    # --- blocks ----------------------------------------------------------------------------------------

    def _block(self, block: Block) -> None:
        match block:
            case TextBlock():
                self._text_block(block)
            case Fields():
                self._fields(block)
            case Check():
                self._check(block)
            case TableBlock():
                self._table(block)
            case Signatures():
                self._signatures(block)
            case Space():
                if block.height > 0:
                    self._gap(block.height)
            case PageBreak():
                self._page_break()

    def _text_block(self, block: TextBlock) -> None:
        paragraph = self._paragraph(
            self.word.add_paragraph(), align=block.align, indent=block.indent, space_after=block.space_after
        )
        self._run(paragraph, block.text, bold=block.bold, size=block.size or SIZE)

    def _fields(self, block: Fields) -> None:
        """The pairs on one line, labels plain and values bold ("-" when empty, as in the PDF)."""
        paragraph = self._paragraph(self.word.add_paragraph(), indent=block.indent)
        for number, (label, value) in enumerate(block.pairs):
            self._run(paragraph, f"{FIELD_GAP if number else ''}{label} ")
            self._run(paragraph, value or "-", bold=True)

    def _check(self, block: Check) -> None:
        paragraph = self._paragraph(self.word.add_paragraph(), indent=block.indent)
        self._run(paragraph, f"{BOX_CHECKED if block.checked else BOX_EMPTY} {block.text}")

    def _page_break(self) -> None:
        """A page break in a paragraph 1 pt high, so that the next page starts at its top margin."""
        paragraph = self._paragraph(self.word.add_paragraph())
        paragraph.paragraph_format.line_spacing = Pt(1)
        self._run(paragraph, "").add_break(WD_BREAK.PAGE)

    # --- tables ----------------------------------------------------------------------------------------

    def _columns(self, widths: Iterable[float]) -> list[Length]:
        relative = list(widths)
        total = sum(relative)
        return [Length(round(self.usable * width / total)) for width in relative]

    def _grid(self, columns: list[Length], style: str | None) -> WordTable:
        """An empty table of fixed column widths (on the grid and, as rows are added, on every cell)."""
        table: WordTable = self.word.add_table(rows=0, cols=len(columns))
        table.style = style
        table.autofit = False
        table_width(table, Length(sum(columns)))
        for column, width in zip(table.columns, columns, strict=True):
            column.width = width
        return table

    def _table(self, block: TableBlock) -> None:
        if not (block.header or block.rows):
            return  # Word calls a table without rows unreadable content
        columns = self._columns(block.widths)
        table = self._grid(columns, "Table Grid")
        size = block.size or SIZE
        for row in block.header:
            mark_header_row(self._row(table, row, columns, size=size, header=True))
        for row in block.rows:
            self._row(table, row, columns, size=size, header=False)
        self._gap(TABLE_GAP)

    def _row(self, table: WordTable, row: Row, columns: list[Length], *, size: float, header: bool) -> _Row:
        """One `w:tc` per cell, a span being `gridSpan` columns wide; columns left over stay empty cells.

        Built directly: python-docx's `Table.cell` and `merge` recompute the grid each call (quadratic).
        """
        if sum(cell.span for cell in row.cells) > len(columns):
            raise ValueError(f"a table row spans more than the table's {len(columns)} columns")
        added = new_row(table, [])
        column = 0
        for cell in row.cells:
            tc = added._tr.add_tc()
            tc.grid_span = cell.span
            tc.width = Length(sum(columns[column : column + cell.span]))
            keep = header or row.keep_with_next
            self._cell(_Cell(tc, table), cell, size=size, shaded=header or cell.shade, keep=keep)
            column += cell.span
        for width in columns[column:]:
            added._tr.add_tc().width = width
        return added

    def _cell(self, target: _Cell, cell: Cell, *, size: float, shaded: bool, keep: bool) -> None:
        """The cell's text ("\\n" as line breaks); a marked cell shows ✓ before it."""
        text = " ".join(part for part in (TICK if cell.mark else "", cell.text) if part)
        paragraph = self._paragraph(target.paragraphs[0], align=cell.align, keep_with_next=keep)
        if text:
            self._run(paragraph, text, bold=cell.bold, size=size)
        if shaded:
            shade(target)

    # --- signatures ------------------------------------------------------------------------------------

    def _signatures(self, block: Signatures) -> None:
        """One person centred on the page; several side by side in a borderless table, a column each."""
        if not block.people:
            return
        if len(block.people) == 1:
            self._signature(self.word.add_paragraph, block.people[0], gaps=True)
            return
        self._gap(SIGNATURE_GAP).paragraph_format.keep_with_next = True
        columns = self._columns([1.0] * len(block.people))
        table = self._grid(columns, None)
        no_borders(table)
        row = new_row(table, columns)
        keep_row_together(row)
        for cell, person in zip(row.cells, block.people, strict=True):
            self._signature(cell_paragraphs(cell), person, gaps=False)
        self._gap(SIGNATURE_GAP)

    def _signature(self, new_paragraph: Callable[[], Paragraph], person: Signature, *, gaps: bool) -> None:
        """The PDF's lines (`signature_lines`), each a centred paragraph, kept on one page."""
        lines = signature_lines(person)
        for number, line in enumerate(lines):
            last = number == len(lines) - 1
            paragraph = self._paragraph(
                new_paragraph(),
                align="C",
                space_before=SIGNATURE_GAP if gaps and number == 0 else 0.0,
                space_after=SIGNATURE_GAP if gaps and last else 0.0,
                keep_with_next=not last,
            )
            self._run(paragraph, line)


def new_row(table: WordTable, columns: list[Length]) -> _Row:
    """A row added at the bottom of `table`, with an empty cell of each width in `columns`."""
    tr = table._tbl.add_tr()
    for width in columns:
        tr.add_tc().width = width
    return _Row(tr, table)


def cell_paragraphs(cell: _Cell) -> Callable[[], Paragraph]:
    """Paragraphs for a cell's lines: its own empty first paragraph, then new ones."""
    first = [cell.paragraphs[0]]

    def next_paragraph() -> Paragraph:
        paragraph: Paragraph = first.pop() if first else cell.add_paragraph()
        return paragraph

    return next_paragraph


def render_docx(document: Document, *, font: str = FONT) -> bytes:
    """The document as DOCX bytes, in `font` (installed on the reader's computer; TH SarabunPSK by default)."""
    return WordRenderer(document, font).render()
