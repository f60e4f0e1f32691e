"""Changes to evidence: upload (in one request or in chunks), add a link, attach, detach, delete. Audited.

A file becomes an EvidenceItem only whole and checked: its bytes sniffed (`evidence.sniff`), its size
within the limit for its real type, its SHA-256 taken, and the copy in storage made, before the row
is written. A refused or unfinished upload leaves no item and no stored file behind.

Chunks are separate objects in the default storage (local folder or S3), named from the upload's id,
so any app server can take any chunk; the finish step copies them, in order, into one local temporary
file to check, then saves that to storage under a random name. Chunks are not audited one by one; the
start, the refusal and the finished item are.
"""

from __future__ import annotations

import hashlib
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import IO, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.content import section_keys
from agreements.models import Agreement
from audit.services import audit_record
from evidence import sniff
from evidence.access import may_attach, may_detach
from evidence.messages import refusal_error, too_big_error
from evidence.models import UPLOADS_IN_PROGRESS, EvidenceAttachment, EvidenceItem, UploadSession
from evidence.names import display_name
from org.models import Person, User
from org.scope import scope_of

MB = 1024 * 1024
URL_MAX = 2000
OPEN_UPLOADS_MAX = 5  # per person; starting another drops the oldest


class UploadOffsetError(Exception):
    """A chunk sent for the wrong place: `offset` is where the upload stands, for the client to resume."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"the upload stands at {offset}")
        self.offset = offset


# --- Limits -------------------------------------------------------------------------------------------


def chunk_bytes() -> int:
    return int(settings.EVIDENCE_CHUNK_MB) * MB


def limit_mb(file_type: sniff.FileType | None) -> int:
    """The size limit of a type; with no type yet, the largest any file may be."""
    document, video = int(settings.EVIDENCE_MAX_DOCUMENT_MB), int(settings.EVIDENCE_MAX_VIDEO_MB)
    if file_type is None:
        return max(document, video)
    return video if file_type.is_video else document


def check_size(size: int, file_type: sniff.FileType | None = None) -> None:
    if size <= 0:
        raise refusal_error(sniff.Refusal.EMPTY, "")
    if size > limit_mb(file_type) * MB:
        raise too_big_error(size, limit_mb(file_type), video=file_type is not None and file_type.is_video)


def evidence_sections(agreement: Agreement) -> tuple[str, ...]:
    """The sections evidence can be tied to: each indicator of Part 1, and the challenge."""
    keys = section_keys(agreement.fiscal_year.edition)
    return tuple(key for key in keys if key.startswith("indicator:") or key == "challenge")


def check_section(agreement: Agreement, section: str) -> None:
    if section not in evidence_sections(agreement):
        raise ValidationError(_("ไม่พบหัวข้อนี้ในข้อตกลง"), code="section_unknown")


# --- Uploads ------------------------------------------------------------------------------------------


@transaction.atomic
def evidence_upload_start(
    *,
    actor: User,
    owner: Person,
    name: str,
    size: int,
    agreement: Agreement | None = None,
    section: str = "",
    shared: bool = True,
) -> UploadSession:
    """Open a chunked upload into `owner`'s library, and (when given) on to an agreement's section."""
    title = display_name(name)
    if not title:
        raise ValidationError(_("ไฟล์ไม่มีชื่อ กรุณาตั้งชื่อไฟล์แล้วเลือกใหม่"), code="name_missing")
    check_size(size)
    if agreement is not None:
        _check_target(actor, agreement, section, owner)
    _make_room(owner)
    now = timezone.now()
    session_id = uuid.uuid4()
    session = UploadSession.objects.create(
        id=session_id,
        owner=owner,
        started_by=actor,
        declared_name=title,
        total_size=size,
        temp_path=f"{UPLOADS_IN_PROGRESS}/{session_id.hex}",
        agreement=agreement,
        section=section if agreement is not None else "",
        shared_with_committee=shared,
        expires_at=now + _lifetime(),
    )
    audit_record(actor, "evidence_upload.started", session, name=title, size=size)
    return session


def evidence_upload_chunk(*, actor: User, session: UploadSession, offset: int, chunk: IO[bytes], length: int) -> int:
    """Add the bytes at `offset`; the new offset. UploadOffsetError when the upload stands elsewhere.

    The first chunk is sniffed at once, so a disguised or oversized file is refused before the rest
    of it travels.
    """
    if offset != session.received_bytes:
        raise UploadOffsetError(session.received_bytes)
    if length <= 0 or length > chunk_bytes() or offset + length > session.total_size:
        raise ValidationError(_("ส่วนของไฟล์ที่ส่งมาไม่ถูกต้อง กรุณาเริ่มอัปโหลดใหม่"), code="chunk_invalid")
    if offset == 0:
        _check_first_chunk(actor, session, chunk)
    name = default_storage.save(f"{session.temp_path}-{offset:015d}-{uuid.uuid4().hex[:8]}.part", File(chunk))
    try:
        with transaction.atomic():
            locked = UploadSession.objects.select_for_update().get(pk=session.pk)
            if locked.received_bytes != offset:
                raise UploadOffsetError(locked.received_bytes)
            locked.chunks = [*locked.chunks, name]
            locked.received_bytes += length
            locked.expires_at = timezone.now() + _lifetime()
            locked.save(update_fields=["chunks", "received_bytes", "expires_at", "updated_at"])
    except Exception:
        default_storage.delete(name)  # a chunk the upload did not take
        raise
    session.received_bytes, session.chunks = locked.received_bytes, locked.chunks
    return locked.received_bytes


def evidence_upload_finish(*, actor: User, session: UploadSession) -> EvidenceItem:
    """Assemble, check and store the file; the new item. A refused file ends the upload (ValidationError)."""
    if session.received_bytes != session.total_size:
        raise UploadOffsetError(session.received_bytes)
    try:
        with _assembled(session.chunks, session.total_size) as (local, digest):
            item = _item_store(
                actor=actor,
                owner=session.owner,
                local=local,
                size=session.total_size,
                digest=digest,
                declared_name=session.declared_name,
                session=session,
            )
    except ValidationError as refused:
        evidence_upload_discard(actor=actor, session=session, reason=refused.code or "")
        raise
    _chunks_delete(session.chunks)
    return item


def evidence_upload_discard(*, actor: User | None, session: UploadSession, reason: str = "") -> None:
    """End an upload without an item: the teacher cancelled (`reason` "cancelled"), the file was refused
    (the refusal's code), or it expired or made room for a newer one (no reason, no audit entry)."""
    with transaction.atomic():
        deleted, _rows = UploadSession.objects.filter(pk=session.pk).delete()
        if deleted and reason:
            audit_record(actor, "evidence_upload.discarded", session, name=session.declared_name, reason=reason)
    _chunks_delete(session.chunks)


def evidence_uploads_purge(*, now: datetime, owner: Person | None = None, limit: int = 500) -> int:
    """Drop expired uploads and their chunks; how many."""
    expired = UploadSession.objects.filter(expires_at__lte=now)
    if owner is not None:
        expired = expired.filter(owner=owner)
    sessions = list(expired.order_by("expires_at")[:limit])
    for session in sessions:
        evidence_upload_discard(actor=None, session=session)
    return len(sessions)


def evidence_file_add(*, actor: User, owner: Person, upload: File[Any], name: str) -> EvidenceItem:
    """A whole file in one request (the form that works without JavaScript)."""
    upload.seek(0)
    _check_head(upload.read(sniff.HEAD_BYTES), upload.size or 0, name)
    with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as local:
        digest = _copy(upload.chunks(), local)
        local.seek(0)
        return _item_store(
            actor=actor, owner=owner, local=local, size=upload.size or 0, digest=digest, declared_name=name
        )


def _check_first_chunk(actor: User, session: UploadSession, chunk: IO[bytes]) -> None:
    head = chunk.read(sniff.HEAD_BYTES)
    chunk.seek(0)
    if len(head) < min(sniff.HEAD_BYTES, session.total_size):
        return  # too little to judge; the finish step checks the whole file anyway
    try:
        _check_head(head, session.total_size, session.declared_name)
    except ValidationError as refused:
        evidence_upload_discard(actor=actor, session=session, reason=refused.code or "")
        raise


def _check_head(head: bytes, size: int, declared_name: str) -> None:
    """Refuse early what the first bytes and the size already show: before a long copy or upload."""
    try:
        file_type = sniff.identify(head)
    except sniff.RefusedFileError as refused:
        raise refusal_error(refused.reason, declared_name) from refused
    check_size(size, file_type)


def _check_target(actor: User, agreement: Agreement, section: str, owner: Person) -> None:
    if not may_attach(actor, agreement) or owner.pk != agreement.teacher_id:
        raise PermissionDenied
    check_section(agreement, section)


def _make_room(owner: Person) -> None:
    evidence_uploads_purge(now=timezone.now(), owner=owner)
    for stale in UploadSession.objects.filter(owner=owner).order_by("-updated_at")[OPEN_UPLOADS_MAX - 1 :]:
        evidence_upload_discard(actor=None, session=stale)


def _lifetime() -> timedelta:
    return timedelta(hours=int(settings.EVIDENCE_UPLOAD_EXPIRE_HOURS))


@contextmanager
def _assembled(chunks: list[str], total_size: int) -> Iterator[tuple[IO[bytes], str]]:
    """The chunks, in order, as one local temporary file, with its SHA-256."""
    with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as local:
        digest = hashlib.sha256()
        for name in chunks:
            with default_storage.open(name, "rb") as chunk:
                for block in chunk.chunks():
                    digest.update(block)
                    local.write(block)
        if local.tell() != total_size:
            raise refusal_error(sniff.Refusal.DAMAGED, "")
        local.seek(0)
        yield local, digest.hexdigest()


def _copy(blocks: Iterable[bytes], local: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for block in blocks:
        digest.update(block)
        local.write(block)
    return digest.hexdigest()


def _checked_type(local: IO[bytes], size: int, declared_name: str) -> sniff.FileType:
    local.seek(0)
    try:
        file_type = sniff.identify(local.read(sniff.HEAD_BYTES))
        check_size(size, file_type)
        return sniff.verify(file_type, local)
    except sniff.RefusedFileError as refused:
        raise refusal_error(refused.reason, declared_name) from refused


def _item_store(
    *,
    actor: User,
    owner: Person,
    local: IO[bytes],
    size: int,
    digest: str,
    declared_name: str,
    session: UploadSession | None = None,
) -> EvidenceItem:
    """Check the file, copy it to storage, and only then write the item (with its upload, if any, closed)."""
    file_type = _checked_type(local, size, declared_name)
    item = EvidenceItem(
        owner=owner,
        kind=EvidenceItem.Kind.FILE,
        title=display_name(declared_name) or file_type.label,
        content_type=file_type.content_type,
        size=size,
        sha256=digest,
        upload_completed=True,
        created_by=actor,
    )
    item.file.save(f"evidence{file_type.extension}", File(local), save=False)
    try:
        with transaction.atomic():
            if session is not None and not UploadSession.objects.filter(pk=session.pk).delete()[0]:
                raise ValidationError(_("การอัปโหลดนี้เสร็จไปแล้ว"), code="upload_gone")
            item.save()
            audit_record(actor, "evidence.uploaded", item, size=size, content_type=item.content_type, sha256=digest)
    except Exception:
        item.file.delete(save=False)  # the row was not written: no stored file without it
        raise
    return item


def _chunks_delete(names: Iterable[str]) -> None:
    for name in names:
        default_storage.delete(name)


# --- Links --------------------------------------------------------------------------------------------


@transaction.atomic
def evidence_link_add(*, actor: User, owner: Person, url: str, title: str = "") -> EvidenceItem:
    """A link to a video site or a cloud drive: http or https only, shown with its host, never fetched."""
    url = url.strip()
    check_url(url)
    item = EvidenceItem.objects.create(
        owner=owner,
        kind=EvidenceItem.Kind.LINK,
        url=url,
        title=display_name(title) or (urlsplit(url).hostname or url)[:255],
        upload_completed=True,
        created_by=actor,
    )
    audit_record(actor, "evidence.link_added", item, host=item.host)
    return item


def check_url(url: str) -> None:
    if not url:
        raise ValidationError(_("กรุณาใส่ลิงก์"), code="url_missing")
    if len(url) > URL_MAX:
        raise ValidationError(_("ลิงก์ยาวเกิน %(max)s ตัวอักษร") % {"max": URL_MAX}, code="url_too_long")
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise ValidationError(_("ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://"), code="url_scheme")
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise ValidationError(_("ลิงก์นี้ไม่ถูกต้อง กรุณาคัดลอกลิงก์มาใหม่"), code="url_invalid") from error
    if parts.username is not None or parts.password is not None:
        raise ValidationError(_("ลิงก์ต้องไม่มีชื่อผู้ใช้หรือรหัสผ่านอยู่ในลิงก์"), code="url_credentials")


# --- Attach, detach, delete ------------------------------------------------------------------------------


@transaction.atomic
def evidence_attach(
    *, actor: User, agreement: Agreement, section: str, item: EvidenceItem, shared: bool = True
) -> EvidenceAttachment:
    """Tie one of the teacher's items to a section of her agreement; attaching it again changes nothing."""
    locked = Agreement.objects.select_for_update(of=("self",)).select_related("fiscal_year").get(pk=agreement.pk)
    if not may_attach(actor, locked) or item.owner_id != locked.teacher_id or not item.upload_completed:
        raise PermissionDenied
    check_section(locked, section)
    attachment, created = EvidenceAttachment.objects.get_or_create(
        agreement=locked, section=section, item=item, defaults={"shared_with_committee": shared, "attached_by": actor}
    )
    if created:
        audit_record(actor, "evidence.attached", locked, item=item.pk, section=section, shared=shared)
    return attachment


@transaction.atomic
def evidence_detach(*, actor: User, attachment: EvidenceAttachment) -> None:
    """Take an item off a section; allowed until the agreement is approved. The item stays in the library."""
    locked = Agreement.objects.select_for_update().get(pk=attachment.agreement_id)
    if not may_detach(actor, locked):
        raise PermissionDenied
    EvidenceAttachment.objects.filter(pk=attachment.pk).delete()
    audit_record(actor, "evidence.detached", locked, item=attachment.item_id, section=attachment.section)


def evidence_item_delete(*, actor: User, item: EvidenceItem) -> None:
    """Remove an item from the owner's library, once no agreement has it attached."""
    if item.owner_id != scope_of(actor).person_id:
        raise PermissionDenied
    with transaction.atomic():
        if EvidenceAttachment.objects.filter(item=item).exists():
            raise ValidationError(_("หลักฐานนี้ยังแนบอยู่กับข้อตกลง กรุณานำออกจากข้อตกลงก่อนแล้วจึงลบ"), code="still_attached")
        audit_record(actor, "evidence.deleted", item, title=item.title, sha256=item.sha256)
        name = item.file.name
        item.delete()
    if name:
        default_storage.delete(name)
