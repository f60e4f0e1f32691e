"""`manage.py send_reminders`: today's deadline reminders, for cron; `--schedule` starts the daily run on the
task worker instead (once: asking again changes nothing)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from notifications.services import deliveries_resume
from reminders.scheduling import next_run, schedule_next
from reminders.sending import reminders_send


class Command(BaseCommand):
    help = "Send today's deadline reminders (run daily from cron), or --schedule the daily run on the task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to send for, YYYY-MM-DD (default: today, Bangkok time)")
        parser.add_argument("--schedule", action="store_true", help="queue the daily run on the task worker")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["schedule"]:
            # The first run is today's if its hour is still to come, else tomorrow's.
            first = today if timezone.localtime().hour < settings.REMINDER_SEND_HOUR else today + timedelta(days=1)
            if schedule_next(first - timedelta(days=1)):
                self.stdout.write(f"daily reminders queued from {next_run(first - timedelta(days=1)).isoformat()}")
            else:
                self.stdout.write("daily reminders already queued (or the task backend cannot defer: use cron)")
            return
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else today
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        created = reminders_send(day)
        resumed = deliveries_resume()
        self.stdout.write(
            f"reminders {day.isoformat()}: {created} new notifications, {resumed} deliveries queued again"
        )
