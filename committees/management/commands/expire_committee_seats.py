"""Expire appointments not answered in time (run from cron or a scheduler; pages also do it lazily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from committees.services import seats_expire


class Command(BaseCommand):
    help = "คืนที่นั่งกรรมการที่ไม่ตอบรับภายในกำหนดให้ผู้อำนวยการแต่งตั้งใหม่"

    def handle(self, *args: Any, **options: Any) -> None:
        count = seats_expire()
        self.stdout.write(f"expired {count} seat(s)")
