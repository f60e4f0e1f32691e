"""Who sees mentors and examples, and the one way views fetch them.

- mentors: every signed-in user sees active mentors; a mentor also sees her own paused profile.
- examples: every signed-in user sees shared examples; the sharer also sees the ones she withdrew.
- share: only the teacher herself, for her own approved agreement (not the school admin account).
"""

from __future__ import annotations

from typing import Any

from agreements.models import Agreement
from org.access import fetch_or_404
from org.scope import scope_of
from peers.models import Mentor, SharedExample


def mentor_for(user: Any, pk: int | str) -> Mentor:
    mentors = Mentor.objects.select_related("person", "school", "area_office").prefetch_related("learning_areas")
    return fetch_or_404(mentors.visible_to(user), pk)


def example_for(user: Any, pk: int | str) -> SharedExample:
    return fetch_or_404(SharedExample.objects.visible_to(user), pk)


def shareable_agreement_for(user: Any, pk: int | str) -> Agreement:
    """The user's own approved agreement."""
    person_id = scope_of(user).person_id
    agreements = Agreement.objects.select_related("teacher", "school__area_office", "fiscal_year").filter(
        teacher_id=person_id, state=Agreement.State.APPROVED
    )
    return fetch_or_404(agreements if person_id else agreements.none(), pk)


def may_withdraw(user: Any, example: SharedExample) -> bool:
    return example.is_active and example.sharer_id == scope_of(user).person_id
