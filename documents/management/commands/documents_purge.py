"""Remove school bundles older than DOCUMENTS_BUNDLE_KEEP_DAYS, with their ZIP files (run from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from documents.services import bundles_purge


class Command(BaseCommand):
    help = "ลบไฟล์รวมเอกสารของโรงเรียนที่เก่ากว่ากำหนด (DOCUMENTS_BUNDLE_KEEP_DAYS)"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"removed {bundles_purge()} bundle(s)")
