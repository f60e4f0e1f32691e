"""Small real files, built here byte by byte: what teachers upload, and what an attacker would rename."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R /Size 4 >>\n%%EOF\n"
)
PDF_JAVASCRIPT = PDF.replace(b"/Pages 2 0 R >>", b"/Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>")
PDF_JAVASCRIPT_ESCAPED = PDF.replace(
    b"/Pages 2 0 R >>", b"/Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (x) >> >>"
)
PDF_LAUNCH = PDF.replace(b"/Pages 2 0 R >>", b"/Pages 2 0 R /OpenAction << /S /Launch /F (cmd.exe) >> >>")
# The word "JavaScript" in the text of a page is no action: it is inside a string, not a name.
PDF_MENTIONS_JAVASCRIPT = PDF.replace(b"/Count 1 >>", b"/Count 1 /Title (JavaScript lesson) >>")

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free"
QUICKTIME = b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  " + b"\x00\x00\x00\x08wide"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML_AFTER_BOM = b"\xef\xbb\xbf\n  <html><script>alert(1)</script></html>"
HTML_UTF16 = "\ufeff<html><script>alert(1)</script></html>".encode("utf-16-le")
SHELL = b"#!/bin/sh\nrm -rf ~\n"
WINDOWS_PROGRAM = b"MZ\x90\x00" + b"\x00" * 60


def pdf_with_object_stream(objects: bytes, *, compress: bool = True) -> bytes:
    """A PDF 1.5 whose objects sit in a compressed object stream, where a byte scan cannot see them."""
    data = zlib.compress(objects) if compress else objects
    header = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>" % len(data)
    stream = b"4 0 obj\n" + header + b"\nstream\n" + data + b"\nendstream\nendobj\n"
    return PDF.replace(b"trailer", stream + b"trailer")


def png(width: int = 1, height: int = 1) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _row in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


_MAIN_PARTS = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
    "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    "xlsm": ("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
}


def office(kind: str, *, extra_parts: dict[str, bytes] | None = None) -> bytes:
    """A minimal Office Open XML package made with zipfile, as Word, Excel or PowerPoint write them."""
    part, content_type = _MAIN_PARTS[kind]
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{content_type}"/>'
        "</Types>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'officeDocument" Target="{part}"/></Relationships>',
        )
        archive.writestr(part, '<?xml version="1.0"?><document>ครูสมศรี</document>')
        for name, body in (extra_parts or {}).items():
            archive.writestr(name, body)
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/one.txt", "not an office file")
    return buffer.getvalue()


def padded(head: bytes, size: int) -> bytes:
    """A file of exactly `size` bytes that starts like `head` (a long video, a big scan)."""
    return head + b"\x00" * (size - len(head))
