"""Queueing tomorrow's reminder run on the task worker, once per day whoever asks.

A task backend that cannot defer (the inline backend of tests and single commands) queues nothing: cron
(`manage.py send_reminders`) is then the scheduler.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from reminders.models import ReminderTick


def next_run(today: date) -> datetime:
    """Tomorrow at REMINDER_SEND_HOUR, Bangkok time."""
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), time(settings.REMINDER_SEND_HOUR)))


def schedule_next(today: date) -> bool:
    """Queue the run for the day after `today` unless one is queued already; True when this call queued it."""
    from reminders.tasks import daily_reminders

    if not daily_reminders.get_backend().supports_defer:
        return False
    run_at = next_run(today)
    try:
        with transaction.atomic():
            ReminderTick.objects.create(run_on=run_at.date())
            # On the database queue this row commits with the tick; on Celery it is sent once the tick commits.
            transaction.on_commit(
                lambda: daily_reminders.using(run_after=run_at).enqueue(run_on_iso=run_at.date().isoformat())
            )
    except IntegrityError:
        return False
    return True
