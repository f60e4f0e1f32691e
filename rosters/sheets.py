"""The one-time password sheet of a school as a PDF (documents.pdf), and wiping plain passwords on time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from documents.blocks import Cell, Document, Row, Space, Table, Text
from rosters.models import PasswordSheet
from thaitext import be_date, be_datetime


def sheet_document(sheet: PasswordSheet, lines: Sequence[tuple[str, str, str]], *, codes_expire: datetime) -> Document:
    """The sheet: who, how they log in, their one-time password; a table whose header repeats on every page."""
    language = get_language() or "th"
    schools = sheet.school_id is None  # the area's sheet of new schools' admin accounts
    how = (
        _("แต่ละโรงเรียนเข้าสู่ระบบที่ %(site)s ด้วยรหัสโรงเรียนและรหัสผ่านครั้งแรกด้านล่าง")
        if schools
        else _("แต่ละคนเข้าสู่ระบบที่ %(site)s ด้วยเลขประจำตัวประชาชน 13 หลักของตนเอง (หรืออีเมลที่แสดง) และรหัสผ่านครั้งแรกด้านล่าง")
    ) % {"site": settings.SITE_URL}
    rules = _(
        "ระบบจะให้ตั้งรหัสผ่านใหม่ของตนเองทันทีที่เข้าสู่ระบบครั้งแรก รหัสผ่านครั้งแรกใช้ได้ถึงวันที่ %(date)s "
        "ตัดแจกให้แต่ละคนเป็นการส่วนตัวและเก็บเป็นความลับ ระบบไม่เก็บรหัสเหล่านี้ไว้อีกหลังจากดาวน์โหลดใบนี้"
    ) % {"date": be_date(codes_expire, language=language)}
    header = Row(
        (
            Cell(_("ที่"), bold=True, align="C", shade=True),
            Cell(_("โรงเรียน") if schools else _("ชื่อ–นามสกุล"), bold=True, shade=True),
            Cell(_("เข้าสู่ระบบด้วย"), bold=True, shade=True),
            Cell(_("รหัสผ่านครั้งแรก"), bold=True, shade=True),
        )
    )
    rows = tuple(
        Row((Cell(str(number), align="C"), Cell(name), Cell(login), Cell(password)))
        for number, (name, login, password) in enumerate(lines, start=1)
    )
    title = _("รหัสผ่านสำหรับเข้าสู่ระบบครั้งแรก")
    made = be_datetime(sheet.created_at, language=language)
    return Document(
        kind="password_sheet",
        form_code="",
        title=title,
        blocks=(
            Text(title, bold=True, align="C", size=18),
            Text(_("%(name)s · นำเข้าเมื่อ %(moment)s") % {"name": sheet.title, "moment": made}, align="C", space_after=2),
            Text(how),
            Text(rules, space_after=2),
            Table(widths=(6, 40, 30, 22), header=(header,), rows=rows, size=14),
            Space(),
            Text(_("จำนวน %(count)d บัญชี") % {"count": len(lines)}),
        ),
    )


def codes_expire_at(sheet: PasswordSheet) -> datetime:
    return sheet.created_at + timedelta(days=settings.ROSTERS_LOGIN_CODE_DAYS)


def password_sheets_wipe(now: datetime | None = None) -> int:
    """Wipe the plain passwords of sheets kept ROSTERS_SHEET_KEEP_HOURS and not downloaded; returns how many."""
    moment = now or timezone.now()
    cutoff = moment - timedelta(hours=settings.ROSTERS_SHEET_KEEP_HOURS)
    return PasswordSheet.objects.filter(wiped_at__isnull=True, created_at__lt=cutoff).update(
        entries=[], wiped_at=moment
    )
