"""Changes to help pages: create, save (with a revision), publish, unpublish, attach and remove files.

Every change is atomic and audited. A save names the revision the editor started from, so two officers
editing one page never overwrite each other silently. Publishing indexes the page's words for search.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from evidence import sniff
from evidence.messages import refusal_error
from helpcentre.access import ScopeChoice, may_edit
from helpcentre.models import Page, PageFile, PageKey, PageRevision, PageWord
from helpcentre.search import index_words
from helpcentre.text import plain_text, render_markdown
from org.models import User

TITLE_WEIGHT = 3  # a word in the title counts as often as three in the body
FILE_TYPES = (sniff.PDF, sniff.DOCX, sniff.XLSX, sniff.PPTX, sniff.JPEG, sniff.PNG)


@dataclass(frozen=True)
class PageDraft:
    """What an editor typed."""

    kind: str
    title: str
    body: str
    summary: str = ""
    audience: str = ""
    keys: tuple[str, ...] = ()
    position: int = 100
    note: str = ""


DRAFT_FIELDS = ("kind", "audience", "title", "summary", "body", "position")


class StalePageError(Exception):
    """Someone saved the page after the editor opened it; nothing was overwritten."""

    def __init__(self, revision: int, updated_by: str) -> None:
        super().__init__(f"page changed: now at revision {revision}")
        self.revision = revision
        self.updated_by = updated_by


def _apply(page: Page, draft: PageDraft) -> list[str]:
    """Copy the draft onto the page; the names of the fields that changed."""
    changed = [name for name in DRAFT_FIELDS if getattr(page, name) != getattr(draft, name)]
    for name in DRAFT_FIELDS:
        setattr(page, name, getattr(draft, name))
    page.body_html = render_markdown(page.body)
    page.body_text = plain_text(page.body_html)
    return changed


def _set_keys(page: Page, keys: tuple[str, ...]) -> bool:
    current = set(page.keys.values_list("key", flat=True))
    if current == set(keys):
        return False
    page.keys.exclude(key__in=keys).delete()
    PageKey.objects.bulk_create([PageKey(page=page, key=key) for key in keys if key not in current])
    return True


def _remember(page: Page, actor: User, draft: PageDraft) -> None:
    PageRevision.objects.create(
        page=page,
        number=page.revision,
        title=page.title,
        summary=page.summary,
        body=page.body,
        keys=" ".join(draft.keys),
        note=draft.note,
        author=actor,
    )


def _index(page: Page) -> None:
    """Replace the page's words in the search index (published pages only)."""
    PageWord.objects.filter(page=page).delete()
    if not page.is_published:
        return
    counts = index_words(page.summary + "\n" + page.body_text)
    for word, count in index_words(page.title).items():
        counts[word] += count * TITLE_WEIGHT
    PageWord.objects.bulk_create([PageWord(page=page, word=word, count=count) for word, count in counts.items()])


@transaction.atomic
def page_create(*, actor: User, scope: ScopeChoice, draft: PageDraft, publish: bool = False) -> Page:
    """A new page in `scope` (national, a province or an area office); a draft unless `publish`."""
    if not may_edit(actor, scope):
        raise PermissionDenied
    page = Page(area_office=scope.area_office, province=scope.province, created_by=actor, updated_by=actor, revision=1)
    _apply(page, draft)
    page.save()
    _set_keys(page, draft.keys)
    _remember(page, actor, draft)
    audit_record(actor, "help_page.created", page, kind=page.kind, scope=scope.value, keys=list(draft.keys))
    if publish:
        _publish(page, actor)
    return page


@transaction.atomic
def page_save(*, actor: User, page: Page, draft: PageDraft, base_revision: int) -> Page:
    """Save the editor's text as a new revision, unless someone saved since `base_revision`."""
    locked = Page.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=page.pk)
    if not may_edit(actor, locked):
        raise PermissionDenied
    if locked.revision != base_revision:
        raise StalePageError(locked.revision, str(locked.updated_by or ""))
    changed = _apply(locked, draft)
    keys_changed = _set_keys(locked, draft.keys)
    if not changed and not keys_changed:
        return locked
    locked.revision += 1
    locked.updated_by = actor
    locked.save(update_fields=[*DRAFT_FIELDS, "body_html", "body_text", "revision", "updated_by", "updated_at"])
    _remember(locked, actor, draft)
    _index(locked)
    audit_record(
        actor, "help_page.saved", locked, revision=locked.revision, fields=changed + (["keys"] if keys_changed else [])
    )
    return locked


def _publish(page: Page, actor: User) -> None:
    page.status, page.published_at, page.updated_by = Page.Status.PUBLISHED, timezone.now(), actor
    page.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    _index(page)
    audit_record(actor, "help_page.published", page, revision=page.revision)


@transaction.atomic
def page_publish(*, actor: User, page: Page) -> Page:
    locked = Page.objects.select_for_update().get(pk=page.pk)
    if not may_edit(actor, locked):
        raise PermissionDenied
    if not locked.title.strip() or not locked.body.strip():
        raise ValidationError(_("หน้าที่จะเผยแพร่ต้องมีชื่อและเนื้อหา"))
    if not locked.is_published:
        _publish(locked, actor)
    return locked


@transaction.atomic
def page_unpublish(*, actor: User, page: Page) -> Page:
    """Back to draft: readers no longer see it and search no longer finds it."""
    locked = Page.objects.select_for_update().get(pk=page.pk)
    if not may_edit(actor, locked):
        raise PermissionDenied
    if locked.is_published:
        locked.status, locked.updated_by = Page.Status.DRAFT, actor
        locked.save(update_fields=["status", "updated_by", "updated_at"])
        _index(locked)
        audit_record(actor, "help_page.unpublished", locked, revision=locked.revision)
    return locked


def file_limit_bytes() -> int:
    return int(settings.HELP_FILE_MAX_MB) * 1024 * 1024


def _checked_type(upload: IO[bytes], size: int, name: str) -> sniff.FileType:
    if size > file_limit_bytes():
        raise ValidationError(
            _("ไฟล์ใหญ่เกิน %(limit)s MB กรุณาย่อขนาดไฟล์ก่อน") % {"limit": settings.HELP_FILE_MAX_MB}, code="too_big"
        )
    try:
        file_type = sniff.sniff(upload)
    except sniff.RefusedFileError as refused:
        raise refusal_error(refused.reason, name) from refused
    if file_type not in FILE_TYPES:
        raise ValidationError(_("แนบได้เฉพาะไฟล์ PDF, Word, Excel, PowerPoint หรือรูปภาพ"), code="file_type")
    return file_type


@transaction.atomic
def page_file_add(*, actor: User, page: Page, upload: File[Any], title: str) -> PageFile:
    """Attach a file, checked by its content (not its name): the blank official forms, a circular."""
    if not may_edit(actor, page):
        raise PermissionDenied
    file_type = _checked_type(upload, upload.size or 0, upload.name or "")
    shown = title.strip() or (upload.name or file_type.label)
    attached = PageFile(
        page=page,
        title=shown[:200],
        content_type=file_type.content_type,
        file_type=file_type.code,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    attached.file.save(f"{uuid.uuid4().hex}{file_type.extension}", upload, save=False)
    attached.save()
    audit_record(actor, "help_file.attached", page, file=attached.pk, title=attached.title, type=file_type.code)
    return attached


@transaction.atomic
def page_file_remove(*, actor: User, attached: PageFile) -> None:
    if not may_edit(actor, attached.page):
        raise PermissionDenied
    name = attached.file.name
    audit_record(actor, "help_file.removed", attached.page, file=attached.pk, title=attached.title)
    attached.delete()
    if name:
        storage = attached.file.storage
        transaction.on_commit(lambda: storage.delete(name))
