"""The evidence panel of one agreement section, for any page that shows an agreement.

    {% load evidence_tags %}
    {% evidence_index agreement as evidence_index %}          {# once per page: two queries in all #}
    {% evidence_panel agreement row.key editable %}           {# per section: no query of its own #}

`evidence_panel` reads the prefetched index from the context variable named exactly `evidence_index`
when it belongs to the same agreement; without it, each panel costs two queries of its own (its
attachments and, when the user may attach, the teacher's library). `editable` narrows what the panel
offers (pass False on a read-only page); it never widens it: forms appear only when the user may attach
to the agreement, and remove buttons only when they may remove (draft, submitted or returned).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from agreements.models import Agreement
from evidence.queries import EvidenceIndex
from evidence.queries import evidence_index as build_index

register = template.Library()

_ASSETS_EMITTED = "evidence_assets_emitted"


@register.filter(name="evidence_anchor")
def anchor_of(section_key: str) -> str:
    """The id of a section's panel: "indicator:1.1" → "evidence-indicator-1-1"."""
    return "evidence-" + section_key.replace(":", "-").replace(".", "-")


@register.filter(name="evidence_section")
def section_name(section_key: str) -> str:
    """A short Thai name of a section: "ตัวชี้วัด 1.1" or "ประเด็นท้าทาย"."""
    if section_key == "challenge":
        return _("ประเด็นท้าทาย")
    return _("ตัวชี้วัด %(code)s") % {"code": section_key.removeprefix("indicator:")}


@register.simple_tag(takes_context=True)
def evidence_index(context: template.Context, agreement: Agreement) -> EvidenceIndex:
    request = context.get("request")
    return build_index(getattr(request, "user", None), agreement)


@register.inclusion_tag("evidence/_panel.html", takes_context=True)
def evidence_panel(
    context: template.Context, agreement: Agreement, section_key: str, editable: bool = True
) -> dict[str, Any]:
    request = context.get("request")
    index = context.get("evidence_index")
    if not isinstance(index, EvidenceIndex) or index.agreement_id != agreement.pk:
        index = build_index(getattr(request, "user", None), agreement, section=section_key)
    anchor = anchor_of(section_key)
    first_panel = not context.render_context.get(_ASSETS_EMITTED, False)
    context.render_context[_ASSETS_EMITTED] = True
    panel: dict[str, Any] = {
        "agreement": agreement,
        "section_key": section_key,
        "anchor": anchor,
        "attachments": index.attachments(section_key),
        "editable": bool(editable) and index.editable,
        "removable": index.removable,
        "emit_assets": first_panel,
    }
    if panel["editable"] or panel["removable"]:  # what only the forms read: a read-only panel skips it
        panel["choices"] = index.choices(section_key) if panel["editable"] else []
        panel["next"] = f"{request.get_full_path()}#{anchor}" if request is not None else ""
        panel["limits"] = {"document": settings.EVIDENCE_MAX_DOCUMENT_MB, "video": settings.EVIDENCE_MAX_VIDEO_MB}
    return panel
