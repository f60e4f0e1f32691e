"""The library, the chunked upload endpoints (JSON), links, attach and detach, and the one download door.

Every file leaves through `evidence_file`, after `evidence_item_for` has said yes: storage URLs are
never handed out.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agreements.access import agreement_for
from agreements.models import Agreement
from evidence import services
from evidence.access import (
    evidence_attachment_for,
    evidence_item_for,
    library_item_for,
    upload_session_for,
)
from evidence.http import (
    json_error,
    next_url,
    read_chunk,
    session_state,
    upload_target,
)
from evidence.models import EvidenceAttachment, EvidenceItem
from evidence.names import download_name
from evidence.queries import evidence_index
from org.access import own_person
from org.http import AuthenticatedRequest
from org.scope import scope_of

LIBRARY_MAX = 500


@login_required
def evidence_library(request: AuthenticatedRequest) -> HttpResponse:
    person = own_person(request.user)
    attachments = EvidenceAttachment.objects.select_related("agreement__fiscal_year").order_by(
        "-agreement__fiscal_year__year", "section"
    )
    items = (
        EvidenceItem.objects.filter(owner=person, upload_completed=True)
        .prefetch_related(Prefetch("attachments", queryset=attachments))
        .order_by("-created_at", "-pk")[:LIBRARY_MAX]
    )
    context = {"person": person, "items": items, "limits": _limits()}
    return render(request, "evidence/evidence_library.html", context)


@login_required
def evidence_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = evidence_item_for(request.user, pk)
    is_owner = item.owner_id == scope_of(request.user).person_id
    attachments = (
        item.attachments.select_related("agreement__fiscal_year").order_by("-agreement__fiscal_year__year", "section")
        if is_owner
        else EvidenceAttachment.objects.none()
    )
    context = {"item": item, "is_owner": is_owner, "attachments": attachments}
    return render(request, "evidence/evidence_detail.html", context)


@login_required
def evidence_agreement(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One agreement's evidence, section by section: for the teacher, her director and the committee."""
    agreement = agreement_for(request.user, pk)
    edition = agreement.fiscal_year.edition
    sections = [
        (f"indicator:{indicator.code}", f"{indicator.code} {indicator.name}") for indicator in edition.indicators
    ]
    sections.append(("challenge", _("ประเด็นท้าทาย")))
    context = {
        "agreement": agreement,
        "sections": sections,
        "evidence_index": evidence_index(request.user, agreement),
        "editable": agreement.is_editable,
    }
    return render(request, "evidence/evidence_agreement.html", context)


@login_required
@require_GET
def evidence_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    item = evidence_item_for(request.user, pk)
    file_type = item.file_type
    if item.kind != EvidenceItem.Kind.FILE or file_type is None:
        raise Http404(_("ไม่พบข้อมูลที่ขอ หรือคุณไม่มีสิทธิ์เข้าถึง"))
    response = FileResponse(
        item.file.storage.open(item.file.name or "", "rb"),
        content_type=item.content_type,
        as_attachment=not file_type.shows_inline,
        filename=download_name(item.title, file_type.extension),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = file_type.serving_policy
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    return response


# --- Uploads ----------------------------------------------------------------------------------------


@login_required
@require_POST
def evidence_upload_form(request: AuthenticatedRequest) -> HttpResponse:
    """The whole file in one form post: what the upload form does when JavaScript is off."""
    owner, agreement, section = upload_target(request)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("กรุณาเลือกไฟล์ที่จะอัปโหลด"))
        return redirect(next_url(request))
    return _add_then_attach(
        request,
        lambda: services.evidence_file_add(actor=request.user, owner=owner, upload=upload, name=upload.name or ""),
        agreement,
        section,
    )


def _add_then_attach(
    request: AuthenticatedRequest,
    add: Callable[[], EvidenceItem],
    agreement: Agreement | None,
    section: str,
) -> HttpResponse:
    """Put a new item into the library, then tie it to the section it was added from; say why if refused."""
    try:
        item = add()
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect(next_url(request))
    _attach_new(request, item, agreement, section, shared=request.POST.get("shared", "on") == "on")
    return redirect(next_url(request))


@login_required
@require_POST
def evidence_upload_start(request: AuthenticatedRequest) -> JsonResponse:
    owner, agreement, section = upload_target(request)
    try:
        size = int(request.POST.get("size", ""))
    except ValueError:
        return json_error(_("ไม่ทราบขนาดไฟล์ กรุณาเลือกไฟล์ใหม่"))
    try:
        session = services.evidence_upload_start(
            actor=request.user,
            owner=owner,
            name=request.POST.get("name", ""),
            size=size,
            agreement=agreement,
            section=section,
            shared=request.POST.get("shared", "on") == "on",
        )
    except ValidationError as refused:
        return json_error(" ".join(refused.messages))
    return JsonResponse(session_state(session), status=201)


@login_required
@require_http_methods(["GET", "POST", "DELETE"])
def evidence_upload_session(request: AuthenticatedRequest, pk: uuid.UUID) -> JsonResponse:
    """GET: where the upload stands (to resume). POST: one chunk, `Content-Range: bytes a-b/total`. DELETE: cancel."""
    session = upload_session_for(request.user, pk)
    if request.method == "GET":
        return JsonResponse(session_state(session))
    if request.method == "DELETE":
        services.evidence_upload_discard(actor=request.user, session=session, reason="cancelled")
        return JsonResponse({"cancelled": True})
    try:
        with read_chunk(request, session) as (chunk, offset, length):
            received = services.evidence_upload_chunk(
                actor=request.user, session=session, offset=offset, chunk=chunk, length=length
            )
    except services.UploadOffsetError as elsewhere:
        return JsonResponse({**session_state(session), "offset": elsewhere.offset}, status=409)
    except ValidationError as refused:
        return json_error(" ".join(refused.messages), status=422 if refused.code != "chunk_too_large" else 413)
    return JsonResponse({**session_state(session), "offset": received})


@login_required
@require_POST
def evidence_upload_finish(request: AuthenticatedRequest, pk: uuid.UUID) -> JsonResponse:
    session = upload_session_for(request.user, pk)
    agreement, section, shared = session.agreement, session.section, session.shared_with_committee
    try:
        item = services.evidence_upload_finish(actor=request.user, session=session)
    except services.UploadOffsetError as elsewhere:
        return JsonResponse({**session_state(session), "offset": elsewhere.offset}, status=409)
    except ValidationError as refused:
        return json_error(" ".join(refused.messages))
    _attach_new(request, item, agreement, section, shared=shared)
    return JsonResponse({"item": item.pk, "title": item.title, "redirect": next_url(request)}, status=201)


def _attach_new(
    request: AuthenticatedRequest, item: EvidenceItem, agreement: Agreement | None, section: str, *, shared: bool
) -> None:
    """After an upload from an agreement's section, tie the new item to it; say what happened either way."""
    if agreement is None:
        messages.success(request, _("เพิ่มเข้าคลังหลักฐานแล้ว: %(title)s") % {"title": item.title})
        return
    try:
        services.evidence_attach(actor=request.user, agreement=agreement, section=section, item=item, shared=shared)
    except PermissionDenied:
        reason = _("ข้อตกลงแก้ไขไม่ได้ในขณะนี้")
    except ValidationError as refused:
        reason = " ".join(refused.messages)
    else:
        reason = ""
    if reason:
        messages.warning(
            request,
            _("เพิ่ม %(title)s เข้าคลังหลักฐานแล้ว แต่แนบกับข้อตกลงไม่ได้: %(reason)s") % {"title": item.title, "reason": reason},
        )
        return
    messages.success(request, _("แนบหลักฐานแล้ว: %(title)s") % {"title": item.title})


# --- Links, attach, detach, delete ------------------------------------------------------------------


@login_required
@require_POST
def evidence_link_add(request: AuthenticatedRequest) -> HttpResponse:
    owner, agreement, section = upload_target(request)
    url, title = request.POST.get("url", ""), request.POST.get("title", "")
    return _add_then_attach(
        request,
        lambda: services.evidence_link_add(actor=request.user, owner=owner, url=url, title=title),
        agreement,
        section,
    )


@login_required
@require_POST
def evidence_attach(request: AuthenticatedRequest) -> HttpResponse:
    agreement = agreement_for(request.user, request.POST.get("agreement", ""))
    item = library_item_for(agreement, request.POST.get("item", ""))
    try:
        services.evidence_attach(
            actor=request.user,
            agreement=agreement,
            section=request.POST.get("section", ""),
            item=item,
            shared=request.POST.get("shared") == "on",
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("แนบหลักฐานแล้ว: %(title)s") % {"title": item.title})
    return redirect(next_url(request))


@login_required
@require_POST
def evidence_detach(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    attachment = evidence_attachment_for(request.user, pk)
    services.evidence_detach(actor=request.user, attachment=attachment)
    messages.success(request, _("นำหลักฐานออกจากข้อตกลงแล้ว (ยังอยู่ในคลังหลักฐานของคุณ)"))
    return redirect(next_url(request))


@login_required
@require_POST
def evidence_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = evidence_item_for(request.user, pk, need="manage")
    try:
        services.evidence_item_delete(actor=request.user, item=item)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("ลบออกจากคลังหลักฐานแล้ว: %(title)s") % {"title": item.title})
    return redirect("evidence_library")


def _limits() -> dict[str, Any]:
    return {"document": settings.EVIDENCE_MAX_DOCUMENT_MB, "video": settings.EVIDENCE_MAX_VIDEO_MB}
