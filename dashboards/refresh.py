"""Keeping the summaries current: a few changes are folded in before the page is drawn, many in the background.

A page reads how far the summaries have read the audit trail; when a handful of entries are new (a director
just approved an agreement), their schools are refreshed there and then, so the office sees it at once;
when thousands are (a September evening), the refresh is queued and the page says how old its figures are.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from audit.models import AuditEntry
from dashboards.models import RefreshState
from dashboards.summaries import summaries_catch_up
from thaitext import be_datetime


def pending() -> int:
    """Audit entries the summaries have not read yet (counted up to the inline limit and one more)."""
    last = RefreshState.objects.filter(pk=1).values_list("last_audit_id", flat=True).first() or 0
    limit = settings.DASHBOARDS_INLINE_REFRESH_MAX + 1
    return len(AuditEntry.objects.filter(pk__gt=last).values_list("pk", flat=True)[:limit])


def keep_fresh() -> None:
    from dashboards.tasks import refresh_summaries

    waiting = pending()
    if not waiting:
        return
    if waiting <= settings.DASHBOARDS_INLINE_REFRESH_MAX:
        summaries_catch_up()
    else:
        refresh_summaries.enqueue()


def as_of() -> str:
    """When the summaries last took in the changes, as a Thai date and time."""
    refreshed = RefreshState.objects.filter(pk=1).values_list("refreshed_at", flat=True).first()
    return be_datetime(refreshed or timezone.now())
