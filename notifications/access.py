"""Fetching a notification someone asked for: only their own, with the same 404 for "missing" and "not yours"."""

from __future__ import annotations

from typing import Any

from notifications.models import Notification
from org.access import fetch_or_404


def notification_for(user: Any, pk: int | str) -> Notification:
    return fetch_or_404(Notification.objects.visible_to(user), pk)
