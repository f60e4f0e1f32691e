"""What a file is, by its bytes: the accepted kinds, and everything refused whatever its name says."""

from __future__ import annotations

import io
import zipfile

import pytest

from evidence import sniff
from evidence.sniff import Refusal, RefusedFileError
from tests.evidence import files

ACCEPTED = [
    ("pdf", files.PDF, sniff.PDF),
    ("pdf that mentions JavaScript in its text", files.PDF_MENTIONS_JAVASCRIPT, sniff.PDF),
    ("pdf with a harmless object stream", files.pdf_with_object_stream(b"5 0 << /Type /Font >>"), sniff.PDF),
    (
        "pdf with an uncompressed object stream",
        files.pdf_with_object_stream(b"5 0 << /Type /Font >>", compress=False).replace(b" /Filter /FlateDecode", b""),
        sniff.PDF,
    ),
    ("png", files.png(), sniff.PNG),
    ("jpeg", files.JPEG, sniff.JPEG),
    ("mp4", files.MP4, sniff.MP4),
    ("quicktime from a phone", files.QUICKTIME, sniff.QUICKTIME),
    ("docx", files.office("docx"), sniff.DOCX),
    ("xlsx", files.office("xlsx"), sniff.XLSX),
    ("pptx", files.office("pptx"), sniff.PPTX),
]

REFUSED = [
    ("empty file", b"", Refusal.EMPTY),
    ("html renamed .pdf", files.HTML, Refusal.MARKUP),
    ("svg renamed .pdf", files.SVG, Refusal.MARKUP),
    ("html after a byte-order mark and blank lines", files.HTML_AFTER_BOM, Refusal.MARKUP),
    ("html in UTF-16", files.HTML_UTF16, Refusal.MARKUP),
    ("shell script", files.SHELL, Refusal.PROGRAM),
    ("windows program", files.WINDOWS_PROGRAM, Refusal.PROGRAM),
    ("pdf with JavaScript", files.PDF_JAVASCRIPT, Refusal.PDF_ACTIVE),
    ("pdf with JavaScript spelt with #xx escapes", files.PDF_JAVASCRIPT_ESCAPED, Refusal.PDF_ACTIVE),
    ("pdf with a launch action", files.PDF_LAUNCH, Refusal.PDF_ACTIVE),
    (
        "pdf with JavaScript inside a compressed object stream",
        files.pdf_with_object_stream(b"5 0 << /S /JavaScript /JS (app.alert(1)) >>"),
        Refusal.PDF_ACTIVE,
    ),
    (
        "pdf whose object stream cannot be opened (as when encrypted)",
        files.pdf_with_object_stream(b"\x13\x37" * 40, compress=False),
        Refusal.PDF_UNREADABLE,
    ),
    (
        "macro-enabled word (docm)",
        files.office("docm", extra_parts={"word/vbaProject.bin": b"\xd0\xcf"}),
        Refusal.MACRO,
    ),
    ("macro-enabled excel (xlsm)", files.office("xlsm"), Refusal.MACRO),
    ("docx carrying a vbaProject.bin", files.office("docx", extra_parts={"word/vbaProject.bin": b"x"}), Refusal.MACRO),
    (
        "docx with an ActiveX control",
        files.office("docx", extra_parts={"word/activeX/activeX1.xml": b"x"}),
        Refusal.MACRO,
    ),
    ("zip that is not an office file", files.plain_zip(), Refusal.UNKNOWN),
    ("truncated docx", files.office("docx")[:200], Refusal.DAMAGED),
    ("legacy word (.doc)", files.OLE, Refusal.LEGACY_OFFICE),
    ("heic photo", files.HEIC, Refusal.UNKNOWN),
    ("plain text", "บันทึกหลังสอน".encode(), Refusal.UNKNOWN),
]


@pytest.mark.parametrize(("case", "content", "expected"), ACCEPTED, ids=[case for case, *_rest in ACCEPTED])
def test_accepted_files_are_named_by_their_content(case: str, content: bytes, expected: sniff.FileType) -> None:
    assert sniff.sniff(io.BytesIO(content)) == expected


@pytest.mark.parametrize(("case", "content", "reason"), REFUSED, ids=[case for case, *_rest in REFUSED])
def test_refused_files_say_why(case: str, content: bytes, reason: Refusal) -> None:
    with pytest.raises(RefusedFileError) as refused:
        sniff.sniff(io.BytesIO(content))
    assert refused.value.reason == reason


def test_a_zip_is_only_provisionally_a_document_until_verified() -> None:
    assert sniff.identify(files.office("docx")[: sniff.HEAD_BYTES]) == sniff.OFFICE_ZIP
    assert sniff.OFFICE_ZIP.is_video is False


@pytest.mark.parametrize(
    ("name", "label"),
    [("แผนการสอน.PDF", "PDF"), ("photo.jpeg", "JPEG"), ("งาน.docx", "Word"), ("clip.mov", "MP4"), ("README", None)],
)
def test_the_name_only_tells_what_a_file_claims_to_be(name: str, label: str | None) -> None:
    assert sniff.claimed_label(name) == label


def test_images_and_pdfs_open_in_the_browser_and_the_rest_download() -> None:
    inline = {file_type.code for file_type in sniff.ALL_TYPES if file_type.shows_inline}
    assert inline == {"pdf", "jpeg", "png"}


def office_with_huge_content_types() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types>" + " " * (2 * 1024 * 1024) + "</Types>")
    return buffer.getvalue()


def office_without_a_main_part() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", '<Types><Default Extension="xml" ContentType="application/xml"/></Types>'
        )
    return buffer.getvalue()


EDGE_CASES = [
    ("mp4 with an impossible ftyp box size", b"\x00\x00\x00\x04ftypmp42\x00\x00\x00\x00", Refusal.UNKNOWN),
    (
        "uncompressed object stream: its JavaScript is in the open",
        files.pdf_with_object_stream(b"5 0 << /S /JavaScript >>", compress=False).replace(
            b" /Filter /FlateDecode", b""
        ),
        Refusal.PDF_ACTIVE,
    ),
    (
        "object stream in a filter the check cannot read",
        files.pdf_with_object_stream(b"5 0 << >>").replace(b"/FlateDecode", b"/LZWDecode"),
        Refusal.PDF_UNREADABLE,
    ),
    (
        "object stream that unpacks beyond reason",
        files.pdf_with_object_stream(b"\x00" * (33 * 1024 * 1024)),
        Refusal.PDF_UNREADABLE,
    ),
    ("office package with a content-types part beyond reason", office_with_huge_content_types(), Refusal.DAMAGED),
    ("office package with no Word, Excel or PowerPoint part", office_without_a_main_part(), Refusal.UNKNOWN),
]


@pytest.mark.parametrize(("case", "content", "reason"), EDGE_CASES, ids=[case for case, *_rest in EDGE_CASES])
def test_edge_cases_are_refused_too(case: str, content: bytes, reason: Refusal) -> None:
    with pytest.raises(RefusedFileError) as refused:
        sniff.sniff(io.BytesIO(content))
    assert refused.value.reason == reason
