"""Reading evidence for pages: one agreement's attachments by section, in two queries whatever their number."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agreements.access import acts_for_teacher
from agreements.models import Agreement
from evidence.access import may_attach, may_detach
from evidence.models import EvidenceAttachment, EvidenceItem

LIBRARY_CHOICES_MAX = 300  # the newest items offered in "attach from my library"


@dataclass(frozen=True)
class EvidenceIndex:
    """What the evidence panels of one agreement show to one user."""

    agreement_id: int
    by_section: dict[str, list[EvidenceAttachment]]
    library: list[EvidenceItem] = field(default_factory=list)  # offered for attaching; empty unless editable
    editable: bool = False
    removable: bool = False

    def attachments(self, section: str) -> list[EvidenceAttachment]:
        return self.by_section.get(section, [])

    def choices(self, section: str) -> list[EvidenceItem]:
        attached = {attachment.item_id for attachment in self.attachments(section)}
        return [item for item in self.library if item.pk not in attached]


def evidence_index(user: Any, agreement: Agreement, *, section: str | None = None) -> EvidenceIndex:
    """The attachments of every section (or of one) the user may see, and the library when they may attach.

    The teacher and whoever acts for her see unshared attachments too; everyone else only shared ones.
    """
    attachments = EvidenceAttachment.objects.for_panel(agreement)
    if section is not None:
        attachments = attachments.filter(section=section)
    if not acts_for_teacher(user, agreement):
        attachments = attachments.shared()
    by_section: dict[str, list[EvidenceAttachment]] = {}
    for attachment in attachments:
        by_section.setdefault(attachment.section, []).append(attachment)
    editable = may_attach(user, agreement)
    library = (
        list(
            EvidenceItem.objects.filter(owner_id=agreement.teacher_id, upload_completed=True).only(
                "pk", "title", "kind", "content_type", "url", "created_at"
            )[:LIBRARY_CHOICES_MAX]
        )
        if editable
        else []
    )
    return EvidenceIndex(
        agreement_id=agreement.pk,
        by_section=by_section,
        library=library,
        editable=editable,
        removable=may_detach(user, agreement),
    )
