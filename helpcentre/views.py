"""The help centre: public reading (what the poster's QR code opens), Thai search, context help, and the editor."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from evidence import sniff
from evidence.names import download_name
from helpcentre import services
from helpcentre.access import (
    Places,
    area_by_code,
    is_editor,
    may_edit,
    page_file_for,
    page_for,
    places_of,
    places_of_area,
    scope_choices,
)
from helpcentre.forms import PageFileForm, PageForm
from helpcentre.keys import KEY_PATTERN, key_query
from helpcentre.models import Page, PageFile
from helpcentre.queries import page_for_key, pages_for, search_pages
from helpcentre.text import render_markdown
from org.http import AuthenticatedRequest
from org.models import AreaOffice
from thaitext import word_diff

HOME_PAGES_MAX = 300
KIND_ORDER = (Page.Kind.CRITERIA, Page.Kind.FORMS, Page.Kind.REGULATIONS, Page.Kind.MANUAL, Page.Kind.FAQ)
HISTORY_MAX = 30
MANAGE_MAX = 500


def _digits(request: HttpRequest) -> bool:
    """The reader's Thai-digit choice; public pages are read signed out too, where no context processor sets it."""
    return bool(getattr(request.user, "thai_digits", False))


def _reader_places(request: HttpRequest, area: AreaOffice | None) -> Places:
    return places_of_area(area) if area is not None else places_of(request.user)


def _area_from_query(request: HttpRequest) -> AreaOffice | None:
    code = request.GET.get("area", "").strip()
    return area_by_code(code) if code else None


def _sections(pages: list[Page]) -> list[dict[str, Any]]:
    by_kind: dict[str, list[Page]] = {kind: [] for kind in KIND_ORDER}
    for page in pages:
        by_kind[page.kind].append(page)
    return [{"kind": kind, "label": Page.Kind(kind).label, "pages": by_kind[kind]} for kind in KIND_ORDER]


def _home(request: HttpRequest, area: AreaOffice | None) -> HttpResponse:
    places = _reader_places(request, area)
    listed = pages_for(places).select_related("area_office", "province").defer("body", "body_html", "body_text")
    pages = list(listed[:HOME_PAGES_MAX])
    context = {
        "area": area,
        "sections": _sections(pages),
        "is_empty": not pages,
        "may_edit": request.user.is_authenticated and is_editor(request.user),
        "areas": AreaOffice.objects.order_by("code").only("code", "short_name") if area is None else [],
        "thai_digits": _digits(request),
    }
    return render(request, "helpcentre/help_home.html", context)


@require_GET
def help_home(request: HttpRequest) -> HttpResponse:
    """National pages, and the reader's own area and province pages when signed in (or the chosen area's)."""
    area = _area_from_query(request)
    if area is not None:
        return redirect("help_area", code=area.code)
    return _home(request, None)


@require_GET
def help_area(request: HttpRequest, code: str) -> HttpResponse:
    """An area office's help centre: the address its poster's QR code opens, no login needed."""
    return _home(request, area_by_code(code))


@require_GET
def help_page(request: HttpRequest, pk: int) -> HttpResponse:
    page = page_for(request.user, pk)
    context = {
        "page": page,
        "files": list(page.files.all()),
        "may_edit": request.user.is_authenticated and may_edit(request.user, page),
        "area_code": request.GET.get("area", ""),
        "thai_digits": _digits(request),
    }
    return render(request, "helpcentre/help_page.html", context)


@require_GET
def help_search(request: HttpRequest) -> HttpResponse:
    area = _area_from_query(request)
    query = request.GET.get("q", "").strip()[:200]
    results = search_pages(query, _reader_places(request, area)) if query else []
    context = {"query": query, "results": results, "area": area, "thai_digits": _digits(request)}
    return render(request, "helpcentre/help_search.html", context)


@require_GET
def help_key(request: HttpRequest, key: str) -> HttpResponse:
    """The "?" next to an indicator or a form section: the page that explains it, or a search for its name."""
    key = key.lower()
    if not KEY_PATTERN.fullmatch(key):
        return redirect("help_search")
    area = _area_from_query(request)
    page = page_for_key(key, _reader_places(request, area))
    if page is not None:
        return redirect("help_page", pk=page.pk)
    return redirect(reverse("help_search") + "?" + urlencode({"q": key_query(key)}))


# --- files ---------------------------------------------------------------------------------------------


@require_GET
def help_file(request: HttpRequest, pk: int) -> FileResponse:
    attached: PageFile = page_file_for(request.user, pk)
    file_type = sniff.BY_CONTENT_TYPE.get(attached.content_type)  # checked at upload: one of FILE_TYPES
    response = FileResponse(
        attached.file.storage.open(attached.file.name or "", "rb"),
        content_type=attached.content_type,
        as_attachment=file_type is None or not file_type.shows_inline,
        filename=download_name(attached.title, file_type.extension if file_type else ""),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = file_type.serving_policy if file_type else sniff.SANDBOX_POLICY
    if attached.page.status == Page.Status.PUBLISHED:  # public: a shared cache may keep it a few minutes
        patch_cache_control(response, public=True, max_age=300)
    else:  # a draft's file is for its editors only: no shared cache may keep it
        patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_POST
def help_file_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = page_for(request.user, pk, need="edit")
    form = PageFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.page_file_add(
                actor=request.user, page=page, upload=form.cleaned_data["upload"], title=form.cleaned_data["title"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("แนบไฟล์แล้ว"))
    else:
        messages.error(request, _("กรุณาเลือกไฟล์ที่จะแนบ"))
    return redirect("help_page_edit", pk=page.pk)


@login_required
@require_POST
def help_file_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    attached = page_file_for(request.user, pk, need="edit")
    services.page_file_remove(actor=request.user, attached=attached)
    messages.success(request, _("นำไฟล์ออกแล้ว"))
    return redirect("help_page_edit", pk=attached.page_id)


# --- editing -------------------------------------------------------------------------------------------


def _require_editor(request: AuthenticatedRequest) -> None:
    if not is_editor(request.user):
        raise PermissionDenied


@login_required
@require_GET
def help_manage(request: AuthenticatedRequest) -> HttpResponse:
    """The pages this officer may edit, drafts included."""
    _require_editor(request)
    pages = (
        Page.objects.editable_by(request.user)
        .select_related("area_office", "province", "updated_by")
        .defer("body", "body_html", "body_text")
        .order_by("-updated_at", "-pk")[:MANAGE_MAX]
    )
    return render(request, "helpcentre/help_manage.html", {"pages": list(pages)})


@login_required
@require_http_methods(["GET", "POST"])
def help_page_new(request: AuthenticatedRequest) -> HttpResponse:
    _require_editor(request)
    scopes = scope_choices(request.user)
    initial = {"kind": request.GET.get("kind", Page.Kind.CRITERIA), "position": 100}
    form = PageForm(request.POST or None, scopes=scopes, initial=initial)
    if request.method == "POST" and form.is_valid():
        page = services.page_create(
            actor=request.user, scope=form.chosen_scope(), draft=form.draft(), publish="publish" in request.POST
        )
        messages.success(request, _("สร้างหน้าแล้ว") if not page.is_published else _("สร้างและเผยแพร่หน้าแล้ว"))
        return redirect("help_page_edit", pk=page.pk)
    return render(request, "helpcentre/help_page_form.html", {"form": form, "page": None})


@login_required
@require_http_methods(["GET", "POST"])
def help_page_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = page_for(request.user, pk, need="edit")
    form = PageForm(request.POST or None, initial=PageForm.initial_for(page))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            page = services.page_save(
                actor=request.user, page=page, draft=form.draft(), base_revision=form.cleaned_data["revision"] or 0
            )
        except services.StalePageError as stale:
            form.add_error(
                None,
                _("%(name)s บันทึกหน้านี้ไปก่อนแล้ว (ฉบับที่ %(revision)s) ข้อความของคุณยังอยู่ด้านล่าง คัดลอกเก็บไว้ แล้วเปิดหน้าใหม่")
                % {"name": stale.updated_by or _("ผู้อื่น"), "revision": stale.revision},
            )
            status = 409
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("help_page_edit", pk=page.pk)
    context = {"form": form, "page": page, "files": list(page.files.all()), "file_form": PageFileForm()}
    return render(request, "helpcentre/help_page_form.html", context, status=status)


@login_required
@require_POST
def help_preview(request: AuthenticatedRequest) -> HttpResponse:
    """The body as readers will see it (htmx), sanitised exactly as a save would."""
    _require_editor(request)
    body = request.POST.get("body", "")[:50_000]
    return render(request, "helpcentre/_preview.html", {"html": render_markdown(body)})


@login_required
@require_POST
def help_page_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = page_for(request.user, pk, need="edit")
    try:
        services.page_publish(actor=request.user, page=page)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("เผยแพร่แล้ว ผู้อ่านเห็นหน้านี้และค้นหาเจอแล้ว"))
    return redirect("help_page_edit", pk=page.pk)


@login_required
@require_POST
def help_page_unpublish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = page_for(request.user, pk, need="edit")
    services.page_unpublish(actor=request.user, page=page)
    messages.success(request, _("ถอนการเผยแพร่แล้ว หน้านี้กลับเป็นฉบับร่าง"))
    return redirect("help_page_edit", pk=page.pk)


@login_required
@require_GET
def help_page_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Who changed what: each revision with its words added and removed against the one before."""
    page = page_for(request.user, pk, need="edit")
    revisions = list(page.revisions.select_related("author")[: HISTORY_MAX + 1])
    rows = []
    for index, revision in enumerate(revisions[:HISTORY_MAX]):
        before = revisions[index + 1] if index + 1 < len(revisions) else None
        rows.append(
            {
                "revision": revision,
                "title_changed": before is not None and before.title != revision.title,
                "keys_changed": before is not None and before.keys != revision.keys,
                "diff": word_diff(before.body, revision.body) if before is not None else [],
            }
        )
    return render(request, "helpcentre/help_page_history.html", {"page": page, "rows": rows})
