"""Background delivery (Django's Tasks API): arguments are ids and plain values, for any backend.

A LINE push that LINE asks us to repeat (429, 5xx, no answer) is queued again with a growing delay when the
backend can defer (the database queue, Celery), at once when it cannot (the inline backend of tests), always
with the notification's own retry key.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.tasks import Task, task
from django.utils import timezone

from notifications import delivery, line


def enqueue_later(job: Task[..., Any], delay: timedelta, **kwargs: Any) -> None:
    """Queue `job` to run after `delay` where the backend can defer it, otherwise now."""
    if job.get_backend().supports_defer:
        job.using(run_after=timezone.now() + delay).enqueue(**kwargs)
    else:
        job.enqueue(**kwargs)


@task()
def deliver_email(*, notification_id: int) -> str:
    return delivery.email_deliver(notification_id).value


@task()
def deliver_line(*, notification_id: int, attempt: int = 1) -> str:
    result = delivery.line_deliver(notification_id, attempt)
    if result == delivery.Result.RETRY:
        delay = timedelta(seconds=settings.LINE_RETRY_SECONDS * 2 ** (attempt - 1))
        enqueue_later(deliver_line, delay, notification_id=notification_id, attempt=attempt + 1)
    return result.value


@task()
def line_reply(*, reply_token: str, text: str) -> int | None:
    """Answer a webhook event (the link code was right or wrong, how to link); returns LINE's status."""
    return line.reply(reply_token, text).status
