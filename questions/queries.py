"""Reading questions: what an area office must follow up, and questions like the one being typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from helpcentre.search import query_groups, ranked
from questions.models import Question, QuestionWord


def unanswered_after() -> timedelta:
    return timedelta(hours=int(settings.QUESTIONS_UNANSWERED_HOURS))


def unanswered_for_area(
    area_office_id: int, older_than: timedelta | None = None, *, now: datetime | None = None
) -> QuerySet[Question]:
    """The area office's questions nobody has answered for longer than `older_than`, oldest first.

    `older_than` defaults to QUESTIONS_UNANSWERED_HOURS; dashboards count or list the result.
    """
    cutoff = (now or timezone.now()) - (older_than if older_than is not None else unanswered_after())
    return (
        Question.objects.filter(area_office_id=area_office_id, first_answered_at__isnull=True, created_at__lte=cutoff)
        .select_related("school", "asker")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class Similar:
    question: Question
    matched: int


OVERFETCH = 4  # candidates ranked per question shown, before the reader's access filter


def _recent_words() -> QuerySet[QuestionWord]:
    """The words of the newest QUESTIONS_SIMILAR_RECENT questions (one subquery: the oldest id among them)."""
    recent = int(settings.QUESTIONS_SIMILAR_RECENT)
    oldest = Question.objects.order_by("-pk").values("pk")[recent - 1 : recent]
    return QuestionWord.objects.filter(question_id__gte=Coalesce(Subquery(oldest), Value(0)))


def similar_questions(user: Any, text: str, *, limit: int | None = None) -> list[Similar]:
    """Questions the user may read that share the most words with `text` (Thai word segmentation).

    Only the QUESTIONS_SIMILAR_RECENT newest questions are ranked, so the cost of a keystroke stays the same
    however large the archive grows (and recent questions are about the rules in force). Most questions are
    public, so the words are ranked first and only the best few candidates are checked against what the user
    may read — joining the access filter into the ranking would scan every question. When too few candidates
    survive, the ranking runs again within the readable questions, so the answer is the same either way.
    """
    groups = query_groups(text)
    if not groups:
        return []
    count = limit if limit is not None else int(settings.QUESTIONS_SIMILAR_MAX)
    readable = Question.objects.visible_to(user)
    hits = ranked(_recent_words(), "question_id", groups, count * OVERFETCH)
    found = readable.in_bulk([hit.owner_id for hit in hits])
    kept = [hit for hit in hits if hit.owner_id in found]
    if len(kept) < count and len(hits) == count * OVERFETCH:
        hits = ranked(_recent_words().filter(question__in=readable.values("pk")), "question_id", groups, count)
        found = readable.in_bulk([hit.owner_id for hit in hits])
        kept = [hit for hit in hits if hit.owner_id in found]
    return [Similar(found[hit.owner_id], hit.matched) for hit in kept[:count]]
