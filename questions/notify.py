"""Telling an asker that their question has a new answer, through the one notification path.

`_tell_asker` is called inside the answer's transaction: the notification (bell) commits with the answer,
and the email (the whole answer) or LINE message goes out after commit, as the asker chose.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.models import Kind
from notifications.services import notify
from questions.models import Answer

EXCERPT = 300  # characters of the answer shown in the bell and on LINE


def _tell_asker(answer: Answer) -> None:
    """Notify the asker about `answer` (inactive or login-less askers get nothing)."""
    question = answer.question
    path = reverse("question_detail", args=[question.pk])
    url = settings.SITE_URL.rstrip("/") + path
    with translation.override("th"):
        title = _("มีคำตอบใหม่สำหรับคำถามของคุณ: %(title)s") % {"title": question.title[:80]}
        email_text = render_to_string(
            "questions/email_new_answer.txt",
            {"question": question, "answer": answer, "url": url, "role": answer.get_role_display()},
        )
        body = f"{answer.author} ({answer.get_role_display()}): {answer.body[:EXCERPT]}"
    notify(
        [question.asker.user_id],
        kind=Kind.QUESTION_ANSWERED,
        key=f"answer:{answer.pk}",
        title=title,
        body=body,
        url=path,
        email_text=email_text,
    )
