"""Background work for dashboards (Django's Tasks API)."""

from __future__ import annotations

from django.tasks import task

from dashboards.summaries import summaries_catch_up


@task()
def refresh_summaries() -> int:
    """Fold every change since the last run into the summaries; returns the schools refreshed."""
    total = 0
    while refreshed := summaries_catch_up():
        total += refreshed
    return total
