"""Background work for committees (Django's Tasks API): arguments are plain values for any backend."""

from __future__ import annotations

from django.tasks import task

from committees.services import seats_expire


@task()
def expire_seats() -> int:
    """Return unanswered appointments to their directors; safe to run as often as wanted."""
    return seats_expire()
