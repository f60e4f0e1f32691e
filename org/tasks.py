"""Background work for accounts: sending mail off the request path (Django's Tasks API).

Arguments are plain values only, so any backend — the database queue or Celery on Redis — can carry them.
"""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task()
def send_account_email(*, subject: str, body: str, to: list[str], html_body: str = "") -> int:
    """Send one email; returns the number sent (0 or 1), which the task result keeps."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()
