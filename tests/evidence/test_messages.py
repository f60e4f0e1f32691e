"""Every refusal has its own Thai sentence, naming what the file claimed to be and what to do."""

from __future__ import annotations

import pytest

from evidence.messages import refusal_error, too_big_error
from evidence.sniff import Refusal

MESSAGES = {
    Refusal.EMPTY: "ไฟล์นี้ว่างเปล่า ไม่มีข้อมูล กรุณาเลือกไฟล์ใหม่",
    Refusal.MARKUP: "ไฟล์นี้ไม่ใช่ PDF จริง เนื้อในเป็นหน้าเว็บหรือภาพ SVG (HTML/SVG/XML) ซึ่งระบบไม่รับ เพราะอาจมีคำสั่งที่ทำงานได้",
    Refusal.PROGRAM: "ไฟล์นี้ไม่ใช่ PDF จริง เนื้อในเป็นโปรแกรมหรือสคริปต์ ระบบไม่รับ",
    Refusal.UNKNOWN: "ไฟล์นี้ไม่ใช่ PDF จริง ระบบรับเฉพาะไฟล์ PDF, JPEG, PNG, Word (.docx), Excel (.xlsx), "
    "PowerPoint (.pptx), MP4",
    Refusal.LEGACY_OFFICE: "ระบบยังไม่รับไฟล์ Word, Excel หรือ PowerPoint รุ่นเก่า (.doc .xls .ppt) "
    "กรุณาเปิดไฟล์แล้วบันทึกเป็น .docx .xlsx หรือ .pptx แล้วอัปโหลดใหม่",
    Refusal.MACRO: "ไฟล์นี้มีมาโครหรือส่วนควบคุมที่ทำงานได้ (macro/ActiveX) ระบบไม่รับ "
    "กรุณาบันทึกเป็น .docx .xlsx หรือ .pptx แบบไม่มีมาโคร แล้วอัปโหลดใหม่",
    Refusal.PDF_ACTIVE: "ไฟล์ PDF นี้มีสคริปต์หรือคำสั่งเปิดโปรแกรม (JavaScript/Launch) ระบบไม่รับ "
    "กรุณาสั่งพิมพ์เป็น PDF ใหม่ (Print to PDF) แล้วอัปโหลดอีกครั้ง",
    Refusal.PDF_UNREADABLE: "ระบบตรวจเนื้อในของไฟล์ PDF นี้ไม่ได้ (อาจถูกล็อกด้วยรหัสผ่าน) "
    "กรุณาบันทึกเป็น PDF ใหม่โดยไม่ใส่รหัสผ่าน แล้วอัปโหลดอีกครั้ง",
    Refusal.DAMAGED: "ไฟล์นี้ไม่ใช่ PDF จริง ไฟล์เสียหรือไม่ครบ เปิดอ่านไม่ได้ กรุณาตรวจไฟล์แล้วอัปโหลดใหม่",
}


def test_every_refusal_has_a_message() -> None:
    assert set(MESSAGES) == set(Refusal)


@pytest.mark.parametrize("reason", list(Refusal))
def test_each_refusal_reads_in_thai(reason: Refusal) -> None:
    error = refusal_error(reason, "แผนการสอน.pdf")
    assert (error.messages, error.code) == ([MESSAGES[reason]], f"refused_{reason}")


def test_a_name_that_claims_nothing_is_not_called_fake() -> None:
    assert refusal_error(Refusal.UNKNOWN, "บันทึก").messages == [
        "ระบบรับเฉพาะไฟล์ PDF, JPEG, PNG, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), MP4"
    ]


def test_size_messages_name_the_limit_and_the_size() -> None:
    assert too_big_error(25 * 1024 * 1024 + 300_000, 20, video=False).messages == [
        "ไฟล์ใหญ่เกิน 20 MB (ไฟล์นี้ 25.3 MB) กรุณาย่อขนาดไฟล์หรือแบ่งเป็นหลายไฟล์"
    ]
