"""What a file really is, judged by its bytes and never by its name. Plain Python: no Django here.

`identify(head)` names the type from the first bytes, so an upload can be refused (or given the video
size limit) as soon as its first chunk arrives; `verify(file_type, stream)` then reads the whole file for
what the first bytes cannot show: JavaScript in a PDF, macros in an Office file. Both raise
`RefusedFileError` with a `Refusal` reason, which the services turn into a Thai message.

Accepted: PDF, JPEG, PNG, MP4 (and the QuickTime files phones record), Word/Excel/PowerPoint in their
Office Open XML form (.docx .xlsx .pptx) without macros. Everything else is refused, on purpose
including legacy .doc/.xls/.ppt: telling a Word 97 file with macros from one without means parsing
the OLE container, and "save as .docx" is an easy answer for the teacher.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from enum import StrEnum
from typing import IO

HEAD_BYTES = 4096  # what `identify` needs from the start of a file


class Refusal(StrEnum):
    EMPTY = "empty"
    MARKUP = "markup"  # HTML, SVG, XML: a browser would run what is inside
    PROGRAM = "program"  # scripts and executables
    UNKNOWN = "unknown"
    LEGACY_OFFICE = "legacy_office"
    MACRO = "macro"  # VBA, Excel 4 macro sheets, ActiveX controls
    PDF_ACTIVE = "pdf_active"  # /JavaScript, /JS, /Launch
    PDF_UNREADABLE = "pdf_unreadable"  # an object stream we cannot open (often an encrypted PDF)
    DAMAGED = "damaged"


class RefusedFileError(Exception):
    def __init__(self, reason: Refusal, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else str(reason))
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class FileType:
    code: str
    content_type: str
    extension: str
    label: str
    is_image: bool = False
    is_video: bool = False

    @property
    def shows_inline(self) -> bool:
        """Images and PDFs open in the browser; everything else is downloaded."""
        return self.is_image or self.code == "pdf"

    @property
    def serving_policy(self) -> str:
        """The Content-Security-Policy a stored file of this type is served with."""
        return PDF_POLICY if self.code == "pdf" else SANDBOX_POLICY


# Images open in the browser inside a sandbox that runs nothing. PDFs open in the browser's own viewer,
# which refuses to start inside a CSP sandbox (Chrome and Safari show an empty page), so they get no
# sandbox: the declared type with nosniff keeps their bytes away from the HTML parser, and PDFs with
# JavaScript or launch actions are refused at upload. Everything else is a download.
SANDBOX_POLICY = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"
PDF_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'"


PDF = FileType("pdf", "application/pdf", ".pdf", "PDF")
JPEG = FileType("jpeg", "image/jpeg", ".jpg", "JPEG", is_image=True)
PNG = FileType("png", "image/png", ".png", "PNG", is_image=True)
MP4 = FileType("mp4", "video/mp4", ".mp4", "MP4", is_video=True)
QUICKTIME = FileType("mov", "video/quicktime", ".mov", "MP4", is_video=True)
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word")
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel")
PPTX = FileType(
    "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", "PowerPoint"
)
# A ZIP container before `verify` has looked inside; a document either way, so the document size limit holds.
OFFICE_ZIP = FileType("ooxml", "application/zip", ".zip", "Office")

ALL_TYPES = (PDF, JPEG, PNG, MP4, QUICKTIME, DOCX, XLSX, PPTX)
BY_CONTENT_TYPE = {file_type.content_type: file_type for file_type in ALL_TYPES}

# What a file name claims, for the message "this is not a real PDF".
CLAIMED_LABELS = {
    "pdf": "PDF",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "doc": "Word",
    "docx": "Word",
    "xls": "Excel",
    "xlsx": "Excel",
    "ppt": "PowerPoint",
    "pptx": "PowerPoint",
    "mp4": "MP4",
    "m4v": "MP4",
    "mov": "MP4",
}

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
_EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# ISO base media brands of ordinary video; HEIC photos and M4A audio share the container and are refused.
_VIDEO_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"mp71", b"avc1", b"M4V ",
    b"M4VH", b"M4VP", b"f4v ", b"dash", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"MSNV", b"XAVC",
}  # fmt: skip
_QUICKTIME_BRAND = b"qt  "


def claimed_label(filename: str) -> str | None:
    """The kind of file a name claims to be ("PDF" for "แผน.pdf"), or None."""
    _stem, dot, extension = filename.rpartition(".")
    return CLAIMED_LABELS.get(extension.lower()) if dot else None


def identify(head: bytes) -> FileType:
    """The type the first bytes show; ZIP files come back as OFFICE_ZIP until `verify` looks inside."""
    if not head:
        raise RefusedFileError(Refusal.EMPTY)
    if _looks_like_markup(head):
        raise RefusedFileError(Refusal.MARKUP)
    if head.startswith(b"#!") or head.startswith(_EXECUTABLE_SIGNATURES):
        raise RefusedFileError(Refusal.PROGRAM)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(_PNG_SIGNATURE):
        return PNG
    if head.startswith(_ZIP_SIGNATURE):
        return OFFICE_ZIP
    if head.startswith(_OLE_SIGNATURE):
        raise RefusedFileError(Refusal.LEGACY_OFFICE)
    video = _video_type(head)
    if video is not None:
        return video
    raise RefusedFileError(Refusal.UNKNOWN)


def verify(file_type: FileType, stream: IO[bytes]) -> FileType:
    """Read the whole file for what its first bytes cannot show; the final type (a ZIP becomes DOCX…)."""
    stream.seek(0)
    if file_type == PDF:
        _verify_pdf(stream.read())
    elif file_type == OFFICE_ZIP:
        file_type = _office_type(stream)
    stream.seek(0)
    return file_type


def sniff(stream: IO[bytes]) -> FileType:
    """`identify` and `verify` in one call, for callers that check no size limit in between."""
    stream.seek(0)
    return verify(identify(stream.read(HEAD_BYTES)), stream)


def _looks_like_markup(head: bytes) -> bool:
    """HTML, SVG, XML: a `<` first, after any byte-order mark and white space, in UTF-8 or UTF-16."""
    text = head[:1024]
    for bom in _BOMS:
        if text.startswith(bom):
            text = text[len(bom) :]
            break
    if b"\x00" in text[:8]:  # UTF-16 or UTF-32 text
        text = text.replace(b"\x00", b"")
    return text.lstrip(b" \t\r\n\x0c").startswith(b"<")


def _video_type(head: bytes) -> FileType | None:
    """MP4 and QuickTime: an `ftyp` box at offset 4 with a video brand."""
    if len(head) < 12 or head[4:8] != b"ftyp":
        return None
    box_size = int.from_bytes(head[0:4], "big")
    if not 8 <= box_size <= 4096:
        return None
    brands = {head[8:12]} | {head[offset : offset + 4] for offset in range(16, min(box_size, len(head)) - 3, 4)}
    if head[8:12] == _QUICKTIME_BRAND:
        return QUICKTIME
    return MP4 if brands & _VIDEO_BRANDS else None


# --- PDF ------------------------------------------------------------------------------------------
_ACTIVE_PDF_NAMES = {b"JavaScript", b"JS", b"Launch"}
_PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r \[\]()<>{}/%]{1,127})")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_OBJECT_STREAM_MAX = 32 * 1024 * 1024  # decompressed bytes per object stream


def _pdf_names(data: bytes) -> set[bytes]:
    """Every name in the data, with `#xx` escapes decoded (`/J#61vaScript` is `/JavaScript`)."""
    return {_PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), m[1]) for m in _PDF_NAME.finditer(data)}


def _verify_pdf(data: bytes) -> None:
    """No JavaScript or launch actions, neither in the open nor inside compressed object streams."""
    if _pdf_names(data) & _ACTIVE_PDF_NAMES:
        raise RefusedFileError(Refusal.PDF_ACTIVE)
    for stream_start in _PDF_STREAM.finditer(data):
        header_start = data.rfind(b"obj", max(0, stream_start.start() - 4096), stream_start.start())
        names = _pdf_names(data[header_start : stream_start.start()]) if header_start >= 0 else set()
        if b"ObjStm" in names and _pdf_names(_object_stream(data, stream_start.end(), names)) & _ACTIVE_PDF_NAMES:
            raise RefusedFileError(Refusal.PDF_ACTIVE)


def _object_stream(data: bytes, start: int, header_names: set[bytes]) -> bytes:
    """The objects packed in a compressed object stream (PDF 1.5), where actions can hide from a byte scan."""
    if not header_names & {b"Filter", b"FlateDecode", b"Fl"}:
        return b""  # stored uncompressed: already part of the scan of the whole file
    if not header_names & {b"FlateDecode", b"Fl"} or header_names & {b"Encrypt", b"Crypt"}:
        raise RefusedFileError(Refusal.PDF_UNREADABLE)
    decompressor = zlib.decompressobj()
    try:
        objects = decompressor.decompress(data[start:], _OBJECT_STREAM_MAX)
    except zlib.error as error:  # an encrypted PDF's streams are not zlib data
        raise RefusedFileError(Refusal.PDF_UNREADABLE, str(error)) from error
    if decompressor.unconsumed_tail:
        raise RefusedFileError(Refusal.PDF_UNREADABLE, "object stream too large")
    return objects


# --- Office Open XML --------------------------------------------------------------------------------
_OFFICE_MAIN_PARTS = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
_ACTIVE_OFFICE_MARKS = (b"macroenabled", b"vbaproject", b"activex", b"macrosheet", b"ms-office.vba")
_CONTENT_TYPES_MAX = 1024 * 1024


def _office_type(stream: IO[bytes]) -> FileType:
    """A ZIP whose [Content_Types].xml names a Word, Excel or PowerPoint main part, and nothing that runs."""
    try:
        with zipfile.ZipFile(stream) as archive:
            part_names = " ".join(archive.namelist()).lower().encode()
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_MAX:
                raise RefusedFileError(Refusal.DAMAGED, "[Content_Types].xml too large")
            content_types = archive.read(info).lower()
    except KeyError as error:
        raise RefusedFileError(Refusal.UNKNOWN, "a ZIP file, not an Office document") from error
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as error:
        raise RefusedFileError(Refusal.DAMAGED, str(error)) from error
    if any(mark in part_names or mark in content_types for mark in _ACTIVE_OFFICE_MARKS):
        raise RefusedFileError(Refusal.MACRO)
    for main_part, file_type in _OFFICE_MAIN_PARTS.items():
        if main_part in content_types:
            return file_type
    raise RefusedFileError(Refusal.UNKNOWN, "no Word, Excel or PowerPoint main part")
