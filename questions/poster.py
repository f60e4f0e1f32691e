"""The printable help poster of an area office: its name, a large QR code of its help centre, how to use it.

It lives here rather than in helpcentre because it is drawn with the documents app's PDF renderer (Sarabun,
Thai line breaking, a text layer that copies ำ back exactly), which sits beside helpcentre in the layer
contract and so may not be imported by it. The QR code encodes `helpcentre.queries.area_help_url`: an
address of this system that opens the area's help centre without a login.
"""

from __future__ import annotations

import segno

from documents.blocks import Block, Document, Space, Text
from documents.pdf import MARGIN_LEFT, PdfRenderer
from helpcentre.queries import area_help_url
from org.models import AreaOffice

QR_MM = 105.0
QR_BORDER_MODULES = 2

# A printed notice for Thai schools: Thai whatever the language of the session that prints it.
HEADING = "ศูนย์ช่วยเหลือ\nข้อตกลงในการพัฒนางาน (PA)"
SCAN = "สแกนคิวอาร์โค้ดด้วยกล้องโทรศัพท์ เพื่อเปิดหลักเกณฑ์ แบบฟอร์ม ระเบียบ และคู่มือการใช้งานทีละขั้นตอน ไม่ต้องเข้าสู่ระบบ"
ASK = "มีคำถาม? เข้าสู่ระบบแล้วกด “ถามคำถาม” เจ้าหน้าที่สำนักงานเขตพื้นที่และครูพี่เลี้ยงช่วยตอบ"


def poster_qr(url: str) -> segno.QRCode:
    return segno.make(url, error="q")


class _PosterRenderer(PdfRenderer):
    """The documents renderer, with the QR code drawn as vector squares where the poster leaves room."""

    def __init__(self, document: Document, url: str, room: Space) -> None:
        super().__init__(document)
        self.url = url
        self.room = room

    def _block(self, block: Block) -> None:
        if block is self.room:
            self._qr()
            return
        super()._block(block)

    def _qr(self) -> None:
        self._room(QR_MM)
        matrix = poster_qr(self.url).matrix
        module = QR_MM / (len(matrix) + 2 * QR_BORDER_MODULES)
        left = MARGIN_LEFT + (self.usable - QR_MM) / 2 + QR_BORDER_MODULES * module
        top = self.pdf.get_y() + QR_BORDER_MODULES * module
        for row, cells in enumerate(matrix):
            start: int | None = None
            for column, dark in enumerate([*cells, 0]):
                if dark and start is None:
                    start = column
                elif not dark and start is not None:
                    # A hair taller than a module, so no light seam shows between rows when printed.
                    self.pdf.rect(
                        left + start * module, top + row * module, (column - start) * module, module * 1.04, "F"
                    )
                    start = None
        self.pdf.set_y(self.pdf.get_y() + QR_MM)

    def _footers(self, pages: int) -> None:
        """A poster has no page numbers."""


def poster_document(area: AreaOffice, url: str) -> tuple[Document, Space]:
    room = Space(QR_MM)
    contact = " · ".join(part for part in (area.phone and f"โทรศัพท์ {area.phone}", area.email) if part)
    blocks: list[Block] = [
        Text(area.name, bold=True, align="C", size=22, space_after=3),
        Text(HEADING, bold=True, align="C", size=28, space_after=4),
        room,
        Space(2),
        Text(url, align="C", size=14, space_after=4),
        Text(SCAN, align="C", size=18, space_after=3),
        Text(ASK, align="C", size=16, space_after=3),
    ]
    if contact:
        blocks.append(Text(contact, align="C", size=16))
    title = f"{HEADING.replace(chr(10), ' ')} {area.name}"
    return Document(kind="poster", form_code="", title=title, blocks=tuple(blocks)), room


def area_poster_pdf(area: AreaOffice) -> bytes:
    url = area_help_url(area)
    document, room = poster_document(area, url)
    return _PosterRenderer(document, url, room).render().data
