"""Wipe one-time passwords kept too long and the files of imports nobody finished (run hourly, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rosters.services import roster_files_purge
from rosters.sheets import password_sheets_wipe


class Command(BaseCommand):
    help = "ลบรหัสผ่านครั้งแรกที่เก็บเกินกำหนด (ROSTERS_SHEET_KEEP_HOURS) และไฟล์ของการนำเข้าที่ค้างไว้ (ROSTERS_FILE_KEEP_HOURS)"

    def handle(self, *args: Any, **options: Any) -> None:
        sheets = password_sheets_wipe()
        imports = roster_files_purge()
        self.stdout.write(f"wiped {sheets} password sheet(s), removed the files of {imports} import(s)")
