"""Who may read, edit and review an agreement; the one way views fetch one.

- read: the teacher, the director and school admin account of its school, staff of its area office,
  system admins, and the members of the committee that evaluates it once it is approved (the committees
  app's seats, reached by relation name so this layer does not import it).
- edit: the teacher, or the school admin account on the teacher's behalf, while it is a draft or returned.
- review: the director of its school, while it is submitted.
- amend: the teacher (or the school admin account) reopening an approved agreement, until a committee
  member has started a score sheet on it.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from agreements.models import Agreement
from org.access import fetch_or_404
from org.scope import scope_of

Need = Literal["view", "edit", "review", "amend"]


def agreement_filter(user: Any) -> Q:
    scope = scope_of(user)
    if scope.is_system_admin:
        return Q()
    if not scope.person_id:
        return Q(school_id__in=scope.managed_school_ids) | Q(school__area_office_id__in=scope.area_office_ids)
    evaluated_by_me = Agreement.objects.filter(
        state=Agreement.State.APPROVED,
        evaluation__committee__seats__person_id=scope.person_id,
        evaluation__committee__seats__status="accepted",
    ).values("pk")
    return (
        Q(teacher_id=scope.person_id)
        | Q(school_id__in=scope.managed_school_ids)
        | Q(school__area_office_id__in=scope.area_office_ids)
        | Q(pk__in=evaluated_by_me)
    )


def evaluation_started(agreement: Agreement) -> bool:
    """A committee member has opened a score sheet on it (the committees app, by relation name)."""
    return Agreement.objects.filter(pk=agreement.pk, evaluation__sheets__isnull=False).exists()


def acts_for_teacher(user: Any, agreement: Agreement) -> bool:
    """The agreement's teacher, or the school admin account that enters data on her behalf."""
    scope = scope_of(user)
    return agreement.teacher_id == scope.person_id or agreement.school_id in scope.admin_school_ids


def may(user: Any, agreement: Agreement, need: Need) -> bool:
    if need == "view":
        return Agreement.objects.filter(agreement_filter(user), pk=agreement.pk).exists()
    if need == "edit":
        return agreement.is_editable and acts_for_teacher(user, agreement)
    if need == "amend":
        return (
            agreement.state == Agreement.State.APPROVED
            and acts_for_teacher(user, agreement)
            and not evaluation_started(agreement)
        )
    return agreement.state == Agreement.State.SUBMITTED and agreement.school_id in scope_of(user).directed_school_ids


def agreement_for(user: Any, pk: int | str, *, need: Need = "view") -> Agreement:
    """Fetch an agreement the user may see, and check `need`; 404 for missing and not-yours alike.

    An agreement the user may see but not change in its current state answers PermissionDenied (403),
    so the page can say why instead of pretending it does not exist.
    """
    agreement = fetch_or_404(
        Agreement.objects.select_related("teacher", "school", "fiscal_year").filter(agreement_filter(user)), pk
    )
    if need != "view" and not may(user, agreement, need):
        raise PermissionDenied(need)
    return agreement
