"""Bring the dashboards' summaries up to date (cron), or rebuild them from scratch (--rebuild)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dashboards.summaries import summaries_catch_up, summaries_rebuild


class Command(BaseCommand):
    help = "ปรับปรุงตัวเลขสรุปของแดชบอร์ดตามการเปลี่ยนแปลงล่าสุด (--rebuild สร้างใหม่ทั้งหมด)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="recompute every school of every fiscal year")

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        if options["rebuild"]:
            rows = summaries_rebuild()
            self.stdout.write(f"rebuilt {rows} summary row(s) in {time.perf_counter() - start:.1f} s")
            return
        schools = 0
        while refreshed := summaries_catch_up():
            schools += refreshed
        self.stdout.write(f"refreshed {schools} school(s) in {time.perf_counter() - start:.1f} s")
