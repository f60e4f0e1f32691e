"""The Thai sentences for refused files: what is wrong and what the teacher can do about it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from evidence import sniff

ACCEPTED = "PDF, JPEG, PNG, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), MP4"


def refusal_error(reason: sniff.Refusal, declared_name: str) -> ValidationError:
    claimed = sniff.claimed_label(declared_name)
    return ValidationError(_refusal_message(reason, claimed), code=f"refused_{reason}")


def _refusal_message(reason: sniff.Refusal, claimed: str | None) -> str:
    not_real = _("ไฟล์นี้ไม่ใช่ %(kind)s จริง") % {"kind": claimed} + " " if claimed else ""
    if reason == sniff.Refusal.EMPTY:
        return _("ไฟล์นี้ว่างเปล่า ไม่มีข้อมูล กรุณาเลือกไฟล์ใหม่")
    if reason == sniff.Refusal.MARKUP:
        return not_real + _("เนื้อในเป็นหน้าเว็บหรือภาพ SVG (HTML/SVG/XML) ซึ่งระบบไม่รับ เพราะอาจมีคำสั่งที่ทำงานได้")
    if reason == sniff.Refusal.PROGRAM:
        return not_real + _("เนื้อในเป็นโปรแกรมหรือสคริปต์ ระบบไม่รับ")
    if reason == sniff.Refusal.LEGACY_OFFICE:
        return _(
            "ระบบยังไม่รับไฟล์ Word, Excel หรือ PowerPoint รุ่นเก่า (.doc .xls .ppt) "
            "กรุณาเปิดไฟล์แล้วบันทึกเป็น .docx .xlsx หรือ .pptx แล้วอัปโหลดใหม่"
        )
    if reason == sniff.Refusal.MACRO:
        return _(
            "ไฟล์นี้มีมาโครหรือส่วนควบคุมที่ทำงานได้ (macro/ActiveX) ระบบไม่รับ "
            "กรุณาบันทึกเป็น .docx .xlsx หรือ .pptx แบบไม่มีมาโคร แล้วอัปโหลดใหม่"
        )
    if reason == sniff.Refusal.PDF_ACTIVE:
        return _(
            "ไฟล์ PDF นี้มีสคริปต์หรือคำสั่งเปิดโปรแกรม (JavaScript/Launch) ระบบไม่รับ "
            "กรุณาสั่งพิมพ์เป็น PDF ใหม่ (Print to PDF) แล้วอัปโหลดอีกครั้ง"
        )
    if reason == sniff.Refusal.PDF_UNREADABLE:
        return _("ระบบตรวจเนื้อในของไฟล์ PDF นี้ไม่ได้ (อาจถูกล็อกด้วยรหัสผ่าน) กรุณาบันทึกเป็น PDF ใหม่โดยไม่ใส่รหัสผ่าน แล้วอัปโหลดอีกครั้ง")
    if reason == sniff.Refusal.DAMAGED:
        return not_real + _("ไฟล์เสียหรือไม่ครบ เปิดอ่านไม่ได้ กรุณาตรวจไฟล์แล้วอัปโหลดใหม่")
    return not_real + _("ระบบรับเฉพาะไฟล์ %(accepted)s") % {"accepted": ACCEPTED}


def too_big_error(size: int, limit_mb: int, *, video: bool) -> ValidationError:
    values = {"limit": limit_mb, "size": f"{size / (1024 * 1024):.1f}"}
    message = (
        _("ไฟล์วิดีโอใหญ่เกิน %(limit)s MB (ไฟล์นี้ %(size)s MB)")
        if video
        else _("ไฟล์ใหญ่เกิน %(limit)s MB (ไฟล์นี้ %(size)s MB) กรุณาย่อขนาดไฟล์หรือแบ่งเป็นหลายไฟล์")
    )
    return ValidationError(message % values, code="too_big")
