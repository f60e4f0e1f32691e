"""Delivering one stored notification by email or LINE, at most once per channel.

Each delivery first claims its row (PENDING → SENDING in one UPDATE), so a task run twice, two workers, or a
task queued again by `deliveries_resume` never send it twice; a crash after the claim leaves the row SENDING,
which is never resent (a lost message is better than a repeated one). The texts are Thai, whatever the
language of the request that caused them.
"""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from notifications import line
from notifications.models import Delivery, Notification
from notifications.queries import line_account_of, line_receives
from org.tasks import send_account_email


class Result(StrEnum):
    SENT = "sent"
    SKIPPED = "skipped"  # already claimed or sent, or the channel is no longer there
    RETRY = "retry"
    FAILED = "failed"


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path if path else ""


def email_content(notification: Notification) -> tuple[str, str]:
    """Subject and plain-text body, in Thai."""
    with translation.override("th"):
        body = render_to_string(
            "notifications/email.txt",
            {
                "notification": notification,
                "name": str(notification.user),
                "link": site_url(notification.url),
                "preferences": site_url(reverse("notification_preferences")),
            },
        )
    return notification.title, body


def line_text(notification: Notification) -> str:
    parts = [notification.title, notification.body, site_url(notification.url)]
    return "\n\n".join(part for part in parts if part)


def _claim(notification_id: int, field: str) -> bool:
    claimed = Notification.objects.filter(pk=notification_id, **{field: Delivery.PENDING}).update(
        **{field: Delivery.SENDING}
    )
    return claimed == 1


def _mark(notification_id: int, field: str, status: str, **more: object) -> None:
    Notification.objects.filter(pk=notification_id).update(**{field: status}, **more)


def email_deliver(notification_id: int) -> Result:
    """Send the notification's email; an SMTP error puts it back to PENDING (queued again later) and is raised."""
    if not _claim(notification_id, "email_status"):
        return Result.SKIPPED
    notification = Notification.objects.select_related("user").get(pk=notification_id)
    user = notification.user
    if not user.email or not user.is_active:
        _mark(notification_id, "email_status", Delivery.NONE)
        return Result.SKIPPED
    subject, body = email_content(notification)
    try:
        send_account_email.call(subject=subject, body=body, to=[user.email])
    except Exception:
        _mark(notification_id, "email_status", Delivery.PENDING)
        raise
    _mark(notification_id, "email_status", Delivery.SENT)
    return Result.SENT


def line_deliver(notification_id: int, attempt: int) -> Result:
    """Push the notification to the user's LINE; RETRY when LINE asks to come back later (same retry key)."""
    if not _claim(notification_id, "line_status"):
        return Result.SKIPPED
    notification = Notification.objects.select_related("user__line_account").get(pk=notification_id)
    if not line_receives(notification.user):  # unlinked or unfollowed since it was queued
        _mark(notification_id, "line_status", Delivery.NONE)
        return Result.SKIPPED
    account = line_account_of(notification.user)
    assert account is not None  # line_receives checked it
    outcome = line.push(account.line_user_id, line_text(notification), retry_key=str(notification.token))
    if outcome.delivered:
        _mark(notification_id, "line_status", Delivery.SENT, line_attempts=attempt)
        return Result.SENT
    if outcome.retry and attempt < settings.LINE_MAX_ATTEMPTS:
        _mark(notification_id, "line_status", Delivery.PENDING, line_attempts=attempt)
        return Result.RETRY
    _mark(notification_id, "line_status", Delivery.FAILED, line_attempts=attempt)
    return Result.FAILED
