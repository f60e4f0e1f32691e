"""Request parsing for the evidence views: where an upload goes, the chunk protocol, where to go back to."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from agreements.access import agreement_for
from agreements.models import Agreement
from evidence import services
from evidence.access import may_attach
from evidence.models import UploadSession
from org.access import own_person
from org.http import AuthenticatedRequest
from org.models import Person

_CONTENT_RANGE = re.compile(r"bytes (\d{1,15})-(\d{1,15})/(\d{1,15})", re.ASCII)
_READ_BLOCK = 64 * 1024


def upload_target(request: AuthenticatedRequest) -> tuple[Person, Agreement | None, str]:
    """Whose library a new item goes into, and the agreement section to attach it to, if any.

    From an agreement's page it is the agreement's teacher (the school admin account may act for her);
    otherwise the user's own library.
    """
    agreement_pk = request.POST.get("agreement", "")
    if not agreement_pk:
        return own_person(request.user), None, ""
    agreement = agreement_for(request.user, agreement_pk)
    if not may_attach(request.user, agreement):
        raise PermissionDenied
    return agreement.teacher, agreement, request.POST.get("section", "")


def next_url(request: AuthenticatedRequest) -> str:
    """Back to the page the form was on (same site only), or the library."""
    candidate = request.POST.get("next", "")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("evidence_library")


def json_error(message: str, status: int = 422) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def session_state(session: UploadSession) -> dict[str, Any]:
    return {
        "id": str(session.pk),
        "offset": session.received_bytes,
        "size": session.total_size,
        "chunk_size": services.chunk_bytes(),
        "url": reverse("evidence_upload_session", args=[session.pk]),
        "finish_url": reverse("evidence_upload_finish", args=[session.pk]),
    }


@contextmanager
def read_chunk(request: AuthenticatedRequest, session: UploadSession) -> Iterator[tuple[IO[bytes], int, int]]:
    """The chunk in the request body, as a temporary file, with its offset and length.

    Read from the stream in blocks (never `request.body`, which holds it all in memory); a chunk at the
    wrong offset is answered before its body is read, so a resuming client learns the offset at once.
    """
    match = _CONTENT_RANGE.fullmatch(request.headers.get("Content-Range", "").strip())
    if match is None:
        raise ValidationError(_("ส่วนของไฟล์ที่ส่งมาไม่ถูกต้อง กรุณาเริ่มอัปโหลดใหม่"), code="chunk_invalid")
    first, last, total = (int(value) for value in match.groups())
    length = last - first + 1
    if total != session.total_size or length <= 0:
        raise ValidationError(_("ส่วนของไฟล์ที่ส่งมาไม่ถูกต้อง กรุณาเริ่มอัปโหลดใหม่"), code="chunk_invalid")
    if first != session.received_bytes:
        raise services.UploadOffsetError(session.received_bytes)
    if length > services.chunk_bytes():
        raise ValidationError(_("ส่วนของไฟล์ใหญ่เกินกำหนด กรุณาเริ่มอัปโหลดใหม่"), code="chunk_too_large")
    with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as chunk:
        received = 0
        while received <= length and (block := request.read(min(_READ_BLOCK, length + 1 - received))):
            chunk.write(block)
            received += len(block)
        if received != length:  # the body was cut short: the client resends from where the upload stands
            raise services.UploadOffsetError(session.received_bytes)
        chunk.seek(0)
        yield chunk, first, length
