"""Telling an asker that their question has a new answer.

The notifications app (in-app bell, email, LINE) was being built alongside this one and had no
`services.notify` yet, so this sends an email through the accounts' mail task. `_tell_asker` is the only
function that knows how; switching to `notifications.services.notify(...)` is a change here alone.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from org.tasks import send_account_email
from questions.models import Answer


def _tell_asker(answer: Answer) -> None:
    """Email the asker about `answer` (called after the answer's transaction commits)."""
    question = answer.question
    user = question.asker.user
    if user is None or not user.email or not user.is_active:
        return
    url = settings.SITE_URL.rstrip("/") + reverse("question_detail", args=[question.pk])
    with translation.override("th"):
        subject = _("มีคำตอบใหม่สำหรับคำถามของคุณ: %(title)s") % {"title": question.title[:80]}
        body = render_to_string(
            "questions/email_new_answer.txt",
            {"question": question, "answer": answer, "url": url, "role": answer.get_role_display()},
        )
    send_account_email.enqueue(subject=subject, body=body, to=[user.email])
