"""Drop chunked uploads that expired before they were finished, with their chunks in storage."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from evidence.services import evidence_uploads_purge


class Command(BaseCommand):
    help = "Drop expired evidence uploads and their chunks (run daily, e.g. from cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        while purged := evidence_uploads_purge(now=timezone.now()):
            total += purged
        self.stdout.write(f"{total} expired uploads purged")
