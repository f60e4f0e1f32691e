"""Downloads of the official documents, the public verify page, and school bundles with their progress.

Each download view fetches the record through `documents.access` (the record's own access helper), renders
the one document and answers it as a file; nothing is stored but the issued code and content hash.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents import access
from documents.content.blank import KINDS, blank_document
from documents.models import Bundle, Kind
from documents.pdf import render_pdf
from documents.services import (
    bundle_request,
    document_docx,
    document_pdf,
    document_verify,
    school_documents_configure,
    shown_code,
)
from documents.sources import Source
from documents.word import render_docx
from org.access import not_found
from org.http import AuthenticatedRequest
from rounds.queries import current_fiscal_year
from rulebook import load_edition

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = ("pdf", "docx")


def _file(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response


def _download(request: AuthenticatedRequest, source: Source, fmt: str) -> HttpResponse:
    if fmt == "docx":
        return _file(document_docx(source), DOCX, source.file_name("docx"))
    rendered = document_pdf(source, actor=request.user)
    return _file(rendered.data, "application/pdf", source.file_name("pdf"))


def _download_view(fetch: Callable[[AuthenticatedRequest, int], Source]) -> Callable[..., HttpResponse]:
    @login_required
    def view(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
        if fmt not in FORMATS:
            raise not_found()
        return _download(request, fetch(request, pk), fmt)

    return view


pa1_download = _download_view(lambda request, pk: access.pa1_source_for(request.user, pk))
pa2_download = _download_view(lambda request, pk: access.pa2_source_for(request.user, pk))
pa3_download = _download_view(lambda request, pk: access.pa3_source_for(request.user, pk))
order_download = _download_view(lambda request, pk: access.order_source_for(request.user, pk))


def blank_form(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """Public: a blank PA 1/ส, PA 2/ส or PA 3/ส of the current fiscal year's rulebook edition, to print."""
    if kind not in KINDS or fmt not in FORMATS:
        raise not_found()
    fiscal_year = current_fiscal_year(timezone.localdate())
    edition = fiscal_year.edition if fiscal_year else load_edition()
    document = blank_document(kind, edition)
    name = f"{document.form_code.split('/')[0].replace(' ', '')}_แบบฟอร์มเปล่า.{fmt}"
    if fmt == "docx":
        return _file(render_docx(document, font=settings.DOCUMENTS_DOCX_FONT), DOCX, name)
    return _file(render_pdf(document).data, "application/pdf", name)


def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    """Public: is the document with this code genuine and current? Shows only name, school and fiscal year."""
    typed = code or request.GET.get("code", "")
    verdict = document_verify(typed) if typed else None
    context = {
        "typed": typed,
        "verdict": verdict,
        "shown_code": shown_code(verdict.issued.code) if verdict and verdict.issued else "",
    }
    status = 404 if verdict is not None and verdict.issued is None else 200
    return render(request, "documents/verify.html", context, status=status)


@login_required
def school_bundles(request: AuthenticatedRequest, pk: int, year: int) -> HttpResponse:
    school, fiscal_year = access.bundle_school_for(request.user, pk, year)
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind not in access.BUNDLE_KINDS:
            messages.error(request, _("กรุณาเลือกเอกสารที่ต้องการรวมเป็นไฟล์เดียว"))
            return redirect("school_bundles", pk=school.pk, year=fiscal_year.year)
        bundle = bundle_request(actor=request.user, school=school, fiscal_year=fiscal_year, kind=kind)
        return redirect("bundle_detail", pk=bundle.pk)
    bundles = Bundle.objects.filter(school=school, fiscal_year=fiscal_year, requested_by=request.user)[:20]
    context = {"school": school, "fiscal_year": fiscal_year, "bundles": bundles, "kinds": Kind}
    return render(request, "documents/school_bundles.html", context)


@login_required
@require_POST
def school_document_settings(request: AuthenticatedRequest, pk: int, year: int) -> HttpResponse:
    school, fiscal_year = access.bundle_school_for(request.user, pk, year)
    thai = request.POST.get("thai_digits") == "on"
    school_documents_configure(actor=request.user, school=school, thai_digits=thai)
    messages.success(request, _("บันทึกแล้ว: เอกสารใช้เลขไทย") if thai else _("บันทึกแล้ว: เอกสารใช้เลขอารบิก"))
    return redirect("school_bundles", pk=school.pk, year=fiscal_year.year)


@login_required
def bundle_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    bundle = access.bundle_for(request.user, pk)
    template = "documents/_bundle_progress.html" if request.htmx else "documents/bundle_detail.html"
    return render(request, template, {"bundle": bundle})


@login_required
def bundle_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    bundle = access.bundle_for(request.user, pk)
    if bundle.state != Bundle.State.DONE or not bundle.file:
        raise Http404(_("ไฟล์รวมยังไม่เสร็จ"))
    name = str(bundle.file.name).rsplit("/", 1)[-1]
    return FileResponse(bundle.file.open("rb"), as_attachment=True, filename=name, content_type="application/zip")


@login_required
@require_POST
def bundle_retry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    bundle = access.bundle_for(request.user, pk)
    again = bundle_request(actor=request.user, school=bundle.school, fiscal_year=bundle.fiscal_year, kind=bundle.kind)
    return redirect("bundle_detail", pk=again.pk)
