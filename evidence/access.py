"""Who may see and change evidence; the one way views fetch it.

- An item: its owner always. Anyone else only through an attachment shared with the committee on an
  agreement they may see (`agreements.access.agreement_filter`), so when the committees app widens
  who sees an agreement, the evidence follows.
- Attach: whoever may edit the agreement (its teacher, or the school admin account on her behalf),
  while it is a draft or returned.
- Remove: the same people until a committee member opens a score sheet on the agreement; from then on
  the committee evaluates what is attached, so it may still be added to but not taken away.

Every helper raises the same 404 for "missing" and "not yours".
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.utils import timezone

from agreements.access import acts_for_teacher, agreement_filter, evaluation_started
from agreements.models import Agreement
from evidence.models import EvidenceAttachment, EvidenceItem, UploadSession
from org.access import fetch_or_404, not_found
from org.scope import scope_of

ItemNeed = Literal["view", "manage"]


def visible_agreements(user: Any) -> QuerySet[Agreement]:
    return Agreement.objects.filter(agreement_filter(user))


def item_filter(user: Any, need: ItemNeed = "view") -> Q:
    scope = scope_of(user)
    own = Q(owner_id=scope.person_id) if scope.person_id else Q(pk__in=[])
    if need == "manage":
        return own
    attachments = EvidenceAttachment.objects.filter(agreement__in=visible_agreements(user))
    reachable = Q(shared_with_committee=True)
    if scope.admin_school_ids:
        reachable |= Q(agreement__school_id__in=scope.admin_school_ids)  # the school admin account acts for the teacher
    return own | Q(pk__in=attachments.filter(reachable).values("item_id"))


def evidence_item_for(user: Any, pk: int | str, *, need: ItemNeed = "view") -> EvidenceItem:
    """An item the user may see (`view`) or change and delete (`manage`: its owner only)."""
    queryset = EvidenceItem.objects.filter(item_filter(user, need), upload_completed=True).select_related("owner")
    return fetch_or_404(queryset, pk)


def library_item_for(agreement: Agreement, pk: int | str) -> EvidenceItem:
    """An item from the library of the agreement's teacher, for someone already allowed to edit the agreement."""
    return fetch_or_404(EvidenceItem.objects.filter(owner_id=agreement.teacher_id, upload_completed=True), pk)


def evidence_attachment_for(user: Any, pk: int | str) -> EvidenceAttachment:
    """An attachment on an agreement the user may see; unshared ones only for those acting for its teacher."""
    attachment = fetch_or_404(
        EvidenceAttachment.objects.select_related("agreement", "item").filter(agreement__in=visible_agreements(user)),
        pk,
    )
    if not attachment.shared_with_committee and not acts_for_teacher(user, attachment.agreement):
        raise not_found()
    return attachment


def upload_session_for(user: Any, pk: uuid.UUID | str) -> UploadSession:
    """An unexpired upload of the user's own: nobody else can add to it, read its offset or finish it."""
    try:
        return UploadSession.objects.select_related("owner").get(
            pk=pk, started_by_id=getattr(user, "pk", None), expires_at__gt=timezone.now()
        )
    except (ValueError, ObjectDoesNotExist) as error:
        raise not_found() from error


def may_attach(user: Any, agreement: Agreement) -> bool:
    return acts_for_teacher(user, agreement)


def may_detach(user: Any, agreement: Agreement) -> bool:
    # Evidence comes from the year's real work, so it is added after approval too (DOMAIN §3).
    # Score sheets only open on an approved agreement, so only then is the question asked of the database.
    if not acts_for_teacher(user, agreement):
        return False  # asked first: it needs no query, and a committee member never removes anything
    return not (agreement.state == Agreement.State.APPROVED and evaluation_started(agreement))
