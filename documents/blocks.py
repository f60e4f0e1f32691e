"""What an official document says, independent of its file format: a list of blocks.

The content builders (documents/content/) turn records into a `Document`; `documents.pdf` and
`documents.word` turn the same `Document` into a PDF and a DOCX, so the two files cannot say different
things, and `Document.content_hash` identifies the content for the verify page whatever the format.
Plain Python: no Django, no file format.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

Align = Literal["L", "C", "R"]


@dataclass(frozen=True)
class Text:
    """A paragraph; `\\n` starts a new line inside it. Long lines wrap at Thai word boundaries."""

    text: str
    bold: bool = False
    align: Align = "L"
    indent: float = 0.0  # millimetres from the left margin
    size: float | None = None  # points; the document's size when None
    space_after: float = 0.0  # millimetres


@dataclass(frozen=True)
class Fields:
    """A row of label–value pairs on one line where they fit ("ชื่อ … ตำแหน่ง …"), the values underlined."""

    pairs: tuple[tuple[str, str], ...]
    indent: float = 0.0


@dataclass(frozen=True)
class Check:
    """One tick-box line: a box, ticked or not, and its text."""

    text: str
    checked: bool
    indent: float = 0.0


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False
    align: Align = "L"
    span: int = 1  # columns this cell covers
    shade: bool = False
    mark: bool = False  # a tick drawn in the cell (the chosen level); text is kept for the text layer


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    keep_with_next: bool = False  # a group heading stays on the page of the row after it


@dataclass(frozen=True)
class Table:
    """A table whose header rows repeat on every page it runs over; a row taller than a page is split."""

    widths: tuple[float, ...]  # relative column widths
    header: tuple[Row, ...]
    rows: tuple[Row, ...]
    size: float | None = None


@dataclass(frozen=True)
class Signature:
    """The official arrangement: "(ลงชื่อ) ……", the full name in parentheses, position, role, date."""

    name: str
    position: str = ""
    role: str = ""
    date: str = ""  # filled when the system knows it; a dotted line to write on otherwise
    dated: bool = True  # False: no date line (an order is dated above its signature)


@dataclass(frozen=True)
class Signatures:
    """One signature centred, or several side by side (PA 3: the chair centred, then the two members)."""

    people: tuple[Signature, ...]


@dataclass(frozen=True)
class Space:
    height: float = 4.0  # millimetres


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Text | Fields | Check | Table | Signatures | Space | PageBreak


@dataclass(frozen=True)
class Document:
    """One document: its form code (top right of each page), title and blocks."""

    kind: str  # pa1, pa2, pa3, order
    form_code: str  # "PA 1/ส"; empty for the appointment order
    title: str
    blocks: tuple[Block, ...]
    thai_digits: bool = False  # the school's choice: digits in the text as ๐–๙
    landscape: bool = False
    meta: dict[str, str] = field(default_factory=dict, compare=False)  # file name parts; not content

    def content_hash(self) -> str:
        """SHA-256 of what the document says (not of a file: PDFs carry dates and ids of their own)."""
        payload = {
            "kind": self.kind,
            "form_code": self.form_code,
            "title": self.title,
            "thai_digits": self.thai_digits,
            "landscape": self.landscape,
            "blocks": [[type(block).__name__, asdict(block)] for block in self.blocks],
        }
        canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()
