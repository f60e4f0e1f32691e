"""Reminders as scheduled background work (Django's Tasks API): arguments are plain values for any backend.

`daily_reminders` queues the next day's run before it does today's work, so the chain survives a failed run;
the queued runs live in the task queue's table (or Redis), so they survive restarts; at most one run is ever
queued per day (`ReminderTick`), and every reminder is idempotent by key, so a run repeated or resumed after a
crash sends nothing twice.
"""

from __future__ import annotations

from datetime import date

from django.tasks import task
from django.utils import timezone

from notifications.services import deliveries_resume
from reminders.scheduling import schedule_next
from reminders.sending import reminders_send


@task()
def send_due_reminders(today_iso: str) -> int:
    """Send the reminders due on `today_iso` (YYYY-MM-DD); returns how many notifications were new."""
    return reminders_send(date.fromisoformat(today_iso))


@task()
def daily_reminders(run_on_iso: str) -> int:
    """The daily run: queue tomorrow's first, then send today's and queue again deliveries that were lost."""
    # A run the worker picks up late (it was down) works for the day it actually runs.
    today = max(date.fromisoformat(run_on_iso), timezone.localdate())
    schedule_next(today)
    created = reminders_send(today)
    deliveries_resume()
    return created
