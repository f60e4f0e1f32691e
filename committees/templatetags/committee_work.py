"""Committee work on any home page, and how a sheet prints points.

    {% load committee_work %}
    {% committee_work %}            {# appointments to answer, sheets to score, one's own published results #}
    {{ points|points }}             {# 7.5, 15: exact, never 15.00 #}

`committee_work` costs at most two queries and renders nothing when the person has nothing to do or see.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.db.models import Count, Exists, OuterRef, Q

from committees.models import Evaluation, ScoreSheet, Seat
from org.scope import scope_of
from rulebook import format_number

register = template.Library()

RESULTS_SHOWN = 5  # the newest published results of one's own on the card


@register.filter(name="points")
def points(value: Decimal | int | None) -> str:
    """Points as a person writes them: 3, 7.5, 60."""
    if value is None:
        return ""
    return format_number(Decimal(value))


def _counts(person_id: int) -> dict[str, int]:
    """Appointments waiting for an answer, and teachers still to score on committees where the seat is accepted."""
    submitted = ScoreSheet.objects.filter(
        evaluation_id=OuterRef("committee__evaluations"), seat_id=OuterRef("pk"), state=ScoreSheet.State.SUBMITTED
    )
    to_score = Q(
        ~Exists(submitted),
        status=Seat.Status.ACCEPTED,
        committee__evaluations__isnull=False,
        committee__evaluations__published_at__isnull=True,
    )
    return Seat.objects.filter(person_id=person_id, status__in=Seat.HELD).aggregate(
        pending=Count("pk", filter=Q(status=Seat.Status.PENDING), distinct=True),
        to_score=Count("committee__evaluations", filter=to_score, distinct=True),
    )


@register.inclusion_tag("committees/scoring/_committee_work.html", takes_context=True)
def committee_work(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    person_id = scope_of(getattr(request, "user", None)).person_id
    if person_id is None:
        return {"show": False}
    counts = _counts(person_id)
    results = list(
        Evaluation.objects.filter(agreement__teacher_id=person_id, published_at__isnull=False)
        .select_related("agreement__fiscal_year")
        .order_by("-agreement__fiscal_year__year")[:RESULTS_SHOWN]
    )
    return {
        "show": bool(counts["pending"] or counts["to_score"] or results),
        "pending": counts["pending"],
        "to_score": counts["to_score"],
        "results": [
            {"evaluation": evaluation, "scoring": evaluation.agreement.fiscal_year.edition.scoring}
            for evaluation in results
        ],
        "thai_digits": context.get("thai_digits", False),
    }
