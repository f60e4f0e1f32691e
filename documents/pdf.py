"""A `Document` as an A4 PDF: Sarabun 16 pt, Thai line breaking at word boundaries, tables whose header rows
repeat on every page, official signature blocks, page numbers and a verification code with its QR code.

fpdf2 with HarfBuzz shaping (see documents/thai_font.py for the text layer). fpdf2 breaks lines only at
spaces and Thai is written without them, so lines are broken here: paragraphs are segmented into words
(pythainlp newmm), a word longer than a line into Thai character clusters, and each line is drawn on its
own — no zero-width spaces end up in the text a reader copies.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import segno
from fpdf import FPDF
from fpdf.enums import TextDirection

from documents.blocks import Block, Cell, Check, Document, Fields, PageBreak, Row, Signature, Signatures, Space, Table
from documents.blocks import Text as TextBlock
from documents.thai_font import FAMILY, add_fonts, drawable, missing_characters
from thaitext import thai_digits, thai_words

SIZE = 16.0  # points: the official size for TH Sarabun documents
FOOTER_SIZE = 11.0
MM_PER_PT = 25.4 / 72
LEADING = 1.4  # line height as a multiple of the font size: room for Thai marks above and below
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP = 25.0, 18.0, 18.0
FOOTER_HEIGHT = 22.0  # the verification strip at the foot of every page
CELL_PAD = 1.4
QR_SIZE = 17.0
DOTS = "." * 36
TICK_WIDTH = 0.5
DATE_LINE = "วันที่ ..... เดือน .............. พ.ศ. ......"  # written in by hand when no date is known


@dataclass(frozen=True)
class Verification:
    """What the foot of every page says about the document's authenticity."""

    code: str
    url: str


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    missing: tuple[str, ...]  # characters the font could not draw (shown as ■)


def line_height(size: float) -> float:
    return size * MM_PER_PT * LEADING


def signature_lines(person: Signature) -> list[str]:
    """A signature block's lines, top to bottom; the DOCX (documents.word) writes the same ones."""
    lines = [f"(ลงชื่อ){DOTS}", f"({person.name})"]
    lines += [text for text in (person.position, person.role) if text]
    if person.dated:
        lines.append(person.date or DATE_LINE)
    return lines


@lru_cache(maxsize=20_000)
def _tokens(paragraph: str) -> tuple[str, ...]:
    return tuple(thai_words(paragraph))


@lru_cache(maxsize=5_000)
def _clusters(word: str) -> tuple[str, ...]:
    """A word in Thai character clusters: the smallest pieces a line may break between."""
    from pythainlp.tokenize import subword_tokenize

    return tuple(subword_tokenize(word, engine="tcc"))


class _Page(FPDF):
    """An A4 page whose header carries the form code at the top right."""

    form_code = ""

    def header(self) -> None:
        if not self.form_code:
            return
        self.set_font(FAMILY, "B", SIZE)
        self.set_xy(MARGIN_LEFT, 8)
        self.cell(self.w - MARGIN_LEFT - MARGIN_RIGHT, line_height(SIZE), self.form_code, align="R")

    def footer(self) -> None:
        """Footers are drawn once the page count is known (`PdfRenderer._footers`)."""

    def _preload_bidirectional_text(self, text: str, markdown: bool) -> Any:
        # Thai and English both run left to right: skip fpdf2's bidi algorithm, a third of the render time.
        assert self.text_shaping is not None  # add_fonts turns shaping on before any text
        self.text_shaping["paragraph_direction"] = TextDirection.LTR
        self.text_shaping["fragment_direction"] = TextDirection.LTR
        return self._preload_font_styles(text, markdown)


class PdfRenderer:
    """Lays out one document; `render()` returns the PDF."""

    def __init__(self, document: Document, verification: Verification | None = None) -> None:
        self.document = document
        self.verification = verification
        self.pdf = _Page(orientation="L" if document.landscape else "P", unit="mm", format="A4")
        self.pdf.form_code = document.form_code
        self.pdf.set_margins(MARGIN_LEFT, MARGIN_TOP + 4, MARGIN_RIGHT)
        self.pdf.set_auto_page_break(False)
        self.pdf.c_margin = 0
        self.pdf.set_title(document.title)
        self.pdf.set_lang("th")
        self.pdf.set_creator("teacherpa")
        add_fonts(self.pdf)
        self.missing: set[str] = set()
        self.widths: dict[tuple[str, float, str], float] = {}

    # --- geometry --------------------------------------------------------------------------------------

    @property
    def usable(self) -> float:
        return self.pdf.w - MARGIN_LEFT - MARGIN_RIGHT

    @property
    def bottom(self) -> float:
        return self.pdf.h - FOOTER_HEIGHT - 4

    def top_of_page(self) -> float:
        return MARGIN_TOP + line_height(SIZE) + 2

    def _new_page(self) -> None:
        self.pdf.add_page()
        self.pdf.set_y(self.top_of_page())

    def _room(self, height: float) -> None:
        """Start a new page unless `height` millimetres still fit on this one."""
        if self.pdf.get_y() + height > self.bottom:
            self._new_page()

    # --- text ------------------------------------------------------------------------------------------

    def _text(self, text: str) -> str:
        shown, missing = drawable(thai_digits(text) if self.document.thai_digits else text)
        self.missing |= missing
        return shown

    def _font(self, bold: bool, size: float) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size)

    def _width(self, text: str, bold: bool, size: float) -> float:
        key = ("B" if bold else "", size, text)
        if key not in self.widths:
            self._font(bold, size)
            self.widths[key] = self.pdf.get_string_width(text)
        return self.widths[key]

    def wrap(self, text: str, width: float, *, bold: bool = False, size: float = SIZE) -> list[str]:
        """`text` in lines no wider than `width` mm, broken between Thai words (or at spaces)."""
        lines: list[str] = []
        for paragraph in self._text(text).split("\n"):
            lines.extend(self._wrap_paragraph(paragraph, width, bold, size))
        return lines

    def _wrap_paragraph(self, paragraph: str, width: float, bold: bool, size: float) -> list[str]:
        measure: Callable[[str], float] = lambda piece: self._width(piece, bold, size)  # noqa: E731
        lines: list[str] = []
        line, used = "", 0.0
        for token in _tokens(paragraph):
            pieces = [token] if measure(token) <= width or token.isspace() else list(_clusters(token))
            for piece in pieces:
                piece_width = measure(piece)
                if used + piece_width <= width or not line.strip():
                    line, used = line + piece, used + piece_width
                    continue
                lines.append(line.rstrip())
                line, used = ("", 0.0) if piece.isspace() else (piece, piece_width)
        lines.append(line.rstrip())
        return lines

    def _line(self, x: float, y: float, width: float, text: str, *, bold: bool, size: float, align: str) -> None:
        self._font(bold, size)
        self.pdf.set_xy(x, y)
        self.pdf.cell(width, line_height(size), text, align=align)

    # --- blocks ----------------------------------------------------------------------------------------

    def render(self) -> RenderedPdf:
        self._new_page()
        for block in self.document.blocks:
            self._block(block)
        pages = self.pdf.page
        self._footers(pages)
        data = bytes(self.pdf.output())
        missing = self.missing | set(missing_characters(self.pdf))
        return RenderedPdf(data=data, pages=pages, missing=tuple(sorted(missing)))

    def _block(self, block: Block) -> None:
        match block:
            case TextBlock():
                self._paragraph(block)
            case Fields():
                self._fields(block)
            case Check():
                self._check(block)
            case Table():
                TableLayout(self, block).draw()
            case Signatures():
                self._signatures(block)
            case Space():
                self.pdf.set_y(min(self.pdf.get_y() + block.height, self.bottom))
            case PageBreak():
                self._new_page()

    def _paragraph(self, block: TextBlock) -> None:
        size = block.size or SIZE
        height = line_height(size)
        width = self.usable - block.indent
        for text in self.wrap(block.text, width, bold=block.bold, size=size):
            self._room(height)
            y = self.pdf.get_y()
            self._line(MARGIN_LEFT + block.indent, y, width, text, bold=block.bold, size=size, align=block.align)
            self.pdf.set_y(y + height)
        self.pdf.set_y(self.pdf.get_y() + block.space_after)

    def _fields(self, block: Fields) -> None:
        """Label–value pairs flowing along the line, the values in bold, each pair kept whole where it fits."""
        height = line_height(SIZE)
        gap = 4.0
        left = MARGIN_LEFT + block.indent
        x = left
        self._room(height)
        for label, value in block.pairs:
            label_text, value_text = self._text(label), self._text(value or "-")
            label_width = self._width(label_text + " ", False, SIZE)
            value_width = self._width(value_text, True, SIZE)
            if x > left and x + label_width + value_width > MARGIN_LEFT + self.usable:
                self.pdf.set_y(self.pdf.get_y() + height)
                self._room(height)
                x = left
            if label_width + value_width > self.usable - block.indent:
                self._paragraph(TextBlock(f"{label} {value}", indent=block.indent))
                self.pdf.set_y(self.pdf.get_y() - height)
                x = MARGIN_LEFT + self.usable
                continue
            y = self.pdf.get_y()
            self._line(x, y, label_width, label_text, bold=False, size=SIZE, align="L")
            self._line(x + label_width, y, value_width, value_text, bold=True, size=SIZE, align="L")
            x += label_width + value_width + gap
        self.pdf.set_y(self.pdf.get_y() + height)

    def _check(self, block: Check) -> None:
        height = line_height(SIZE)
        box = 3.6
        lines = self.wrap(block.text, self.usable - block.indent - box - 2.5)
        self._room(height * len(lines))
        x, y = MARGIN_LEFT + block.indent, self.pdf.get_y()
        top = y + (height - box) / 2
        self.pdf.set_line_width(0.25)
        self.pdf.rect(x, top, box, box)
        if block.checked:
            tick(self.pdf, x, top, box, box)
        for number, text in enumerate(lines):
            self._line(x + box + 2.5, y + number * height, self.usable, text, bold=False, size=SIZE, align="L")
        self.pdf.set_y(y + height * len(lines))

    def _signatures(self, block: Signatures) -> None:
        """Each person's lines centred in their column; a line too long for it (a long position) wraps."""
        height = line_height(SIZE)
        columns = len(block.people)
        width = self.usable / columns if columns > 1 else min(self.usable, 110.0)
        blocks = [
            [piece for line in signature_lines(person) for piece in self.wrap(line, width - 4)]
            for person in block.people
        ]
        rows = max(len(lines) for lines in blocks)
        self._room(height * rows + 2)
        y = self.pdf.get_y() + 2
        for column, lines in enumerate(blocks):
            x = MARGIN_LEFT + column * width if columns > 1 else MARGIN_LEFT + (self.usable - width) / 2
            for number, text in enumerate(lines):
                self._line(x, y + number * height, width, text, bold=False, size=SIZE, align="C")
        self.pdf.set_y(y + height * rows + 2)

    # --- the foot of every page ------------------------------------------------------------------------

    def _footers(self, pages: int) -> None:
        qr = self._qr()
        for number in range(1, pages + 1):
            self.pdf.page = number
            top = self.pdf.h - FOOTER_HEIGHT
            self.pdf.set_draw_color(150, 150, 150)
            self.pdf.set_line_width(0.2)
            self.pdf.line(MARGIN_LEFT, top, self.pdf.w - MARGIN_RIGHT, top)
            self.pdf.set_draw_color(0, 0, 0)
            page_text = f"หน้า {number}/{pages}"
            if self.document.thai_digits:
                page_text = thai_digits(page_text)
            height = line_height(FOOTER_SIZE)
            self._line(MARGIN_LEFT, top + 1.5, self.usable, page_text, bold=False, size=FOOTER_SIZE, align="R")
            if self.verification is None or qr is None:
                continue
            self.pdf.image(qr, x=MARGIN_LEFT, y=top + 1.5, w=QR_SIZE, h=QR_SIZE)
            text_x = MARGIN_LEFT + QR_SIZE + 3
            width = self.usable - QR_SIZE - 30
            code = f"รหัสตรวจสอบเอกสาร {self.verification.code}"
            self._line(text_x, top + 1.5, width, code, bold=True, size=FOOTER_SIZE, align="L")
            note = "สแกนคิวอาร์โค้ดหรือเปิดลิงก์เพื่อตรวจสอบว่าเป็นฉบับจริงและเป็นฉบับล่าสุด"
            self._line(text_x, top + 1.5 + height, width, note, bold=False, size=FOOTER_SIZE, align="L")
            self._line(text_x, top + 1.5 + 2 * height, width, self.verification.url, bold=False, size=9, align="L")
        self.pdf.page = pages

    def _qr(self) -> io.BytesIO | None:
        if self.verification is None:
            return None
        buffer = io.BytesIO()
        segno.make(self.verification.url, error="m").save(buffer, kind="png", scale=4, border=0)
        buffer.seek(0)
        return buffer


def tick(pdf: FPDF, x: float, y: float, width: float, height: float) -> None:
    """A tick mark drawn in the box at (x, y): Sarabun has no ✓ glyph."""
    pdf.set_line_width(TICK_WIDTH)
    size = min(width, height, 4.0)
    left, top = x + (width - size) / 2, y + (height - size) / 2
    pdf.line(left + size * 0.15, top + size * 0.55, left + size * 0.42, top + size * 0.85)
    pdf.line(left + size * 0.42, top + size * 0.85, left + size * 0.9, top + size * 0.12)
    pdf.set_line_width(0.25)


class TableLayout:
    """Draws a `Table` row by row, repeating the header rows at the top of each page the table runs on."""

    def __init__(self, renderer: PdfRenderer, table: Table) -> None:
        self.r = renderer
        self.table = table
        self.size = table.size or SIZE
        self.height = line_height(self.size)
        total = sum(table.widths)
        self.columns = [renderer.usable * width / total for width in table.widths]

    def _cells(self, row: Row) -> list[tuple[float, float, Cell, list[str]]]:
        placed = []
        x, column = MARGIN_LEFT, 0
        for cell in row.cells:
            width = sum(self.columns[column : column + cell.span])
            lines = self.r.wrap(cell.text, width - 2 * CELL_PAD, bold=cell.bold, size=self.size) if cell.text else []
            placed.append((x, width, cell, lines))
            x += width
            column += cell.span
        return placed

    def _row_height(self, cells: list[tuple[float, float, Cell, list[str]]]) -> float:
        return max(1, *(len(lines) for *_, lines in cells)) * self.height + 2 * CELL_PAD

    def draw(self) -> None:
        header = [self._cells(row) for row in self.table.header]
        header_height = sum(self._row_height(cells) for cells in header)
        rows = [self._cells(row) for row in self.table.rows]
        self.r._room(header_height + (self._row_height(rows[0]) if rows else 0))
        self._draw_header(header)
        for index, cells in enumerate(rows):
            need = self._row_height(cells)
            if self.table.rows[index].keep_with_next and index + 1 < len(rows):
                need += min(self._row_height(rows[index + 1]), self.height * 2 + 2 * CELL_PAD)
            # A row that fits on a fresh page is kept whole (moved to the next page); only a row taller
            # than a whole page is split, so a reader copies each cell's text in one piece.
            page_room = self.r.bottom - self.r.top_of_page() - header_height
            if self.r.pdf.get_y() + min(need, page_room) > self.r.bottom:
                self._next_page(header)
            self._draw_row(cells, header)
        self.r.pdf.set_y(self.r.pdf.get_y() + 2)

    def _next_page(self, header: list[list[tuple[float, float, Cell, list[str]]]]) -> None:
        self.r._new_page()
        self._draw_header(header)

    def _draw_header(self, header: list[list[tuple[float, float, Cell, list[str]]]]) -> None:
        for cells in header:
            self._draw_cells(cells, self._row_height(cells), first_line=0, last_line=None, shade_all=True)

    def _draw_row(self, cells: list[tuple[float, float, Cell, list[str]]], header: list[list[Any]]) -> None:
        """Draw a row; one too tall for the rest of the page continues on the next, under the header again."""
        total_lines = max(1, *(len(lines) for *_, lines in cells))
        first = 0
        while first < total_lines:
            room = int((self.r.bottom - self.r.pdf.get_y() - 2 * CELL_PAD) // self.height)
            if room <= 0:
                self._next_page(header)
                continue
            last = min(total_lines, first + room)
            height = (last - first) * self.height + 2 * CELL_PAD
            self._draw_cells(cells, height, first_line=first, last_line=last, shade_all=False)
            first = last
            if first < total_lines:
                self._next_page(header)

    def _draw_cells(
        self,
        cells: list[tuple[float, float, Cell, list[str]]],
        height: float,
        *,
        first_line: int,
        last_line: int | None,
        shade_all: bool,
    ) -> None:
        pdf = self.r.pdf
        y = pdf.get_y()
        pdf.set_line_width(0.25)
        for x, width, cell, lines in cells:
            if cell.shade or shade_all:
                pdf.set_fill_color(235, 235, 235)
                pdf.rect(x, y, width, height, style="DF")
            else:
                pdf.rect(x, y, width, height)
            if cell.mark and first_line == 0:
                tick(pdf, x, y, width, min(height, self.height + 2 * CELL_PAD))
            for number, text in enumerate(lines[first_line:last_line]):
                line_y = y + CELL_PAD + number * self.height
                self.r._line(
                    x + CELL_PAD, line_y, width - 2 * CELL_PAD, text, bold=cell.bold, size=self.size, align=cell.align
                )
        pdf.set_y(y + height)


def render_pdf(document: Document, verification: Verification | None = None) -> RenderedPdf:
    return PdfRenderer(document, verification).render()
