"""Uploads, links, attach and detach: what is written, what is refused, and that a refusal leaves nothing."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agreements.models import Agreement
from audit.models import AuditEntry
from evidence import services
from evidence.models import EvidenceAttachment, EvidenceItem, UploadSession
from tests.conftest import Cast
from tests.evidence import files
from tests.evidence.conftest import THAI_EMOJI_NAME, add_file, attach, set_state, stored

MB = 1024 * 1024


def start(cast: Cast, content: bytes, name: str = "วิดีโอการสอน.mp4", **target: Any) -> UploadSession:
    return services.evidence_upload_start(
        actor=cast.user("teacher"), owner=cast.teacher, name=name, size=len(content), **target
    )


def send(cast: Cast, session: UploadSession, content: bytes, offset: int, length: int) -> int:
    piece = io.BytesIO(content[offset : offset + length])
    return services.evidence_upload_chunk(
        actor=cast.user("teacher"), session=session, offset=offset, chunk=piece, length=len(piece.getvalue())
    )


def upload_all(cast: Cast, session: UploadSession, content: bytes) -> None:
    offset = 0
    while offset < len(content):
        offset = send(cast, session, content, offset, services.chunk_bytes())


# --- One-request uploads -------------------------------------------------------------------------


def test_a_file_becomes_an_item_with_its_detected_type_hash_and_a_random_storage_name(cast: Cast, media: Path) -> None:
    item = add_file(cast, files.png(), name="ภาพกิจกรรม.png")
    assert (item.kind, item.title, item.content_type, item.size) == (
        "file",
        "ภาพกิจกรรม.png",
        "image/png",
        len(files.png()),
    )
    assert item.sha256 == hashlib.sha256(files.png()).hexdigest()
    assert item.upload_completed is True
    [path] = stored(media)
    assert path == item.file.name
    assert re.fullmatch(r"evidence/[0-9a-f]{2}/[0-9a-f]{32}\.png", path)
    assert (media / path).read_bytes() == files.png()
    assert AuditEntry.objects.filter(action="evidence.uploaded", target_id=str(item.pk)).count() == 1


def test_thai_names_with_combining_marks_and_emoji_are_kept_as_the_title(cast: Cast, media: Path) -> None:
    item = add_file(cast, files.PDF, name=THAI_EMOJI_NAME)
    item.refresh_from_db()
    assert item.title == THAI_EMOJI_NAME


def test_the_type_comes_from_the_content_not_the_name(cast: Cast, media: Path) -> None:
    item = add_file(cast, files.office("docx"), name="รายงาน.pdf")
    assert item.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert str(item.file.name).endswith(".docx")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (files.HTML, "ไฟล์นี้ไม่ใช่ PDF จริง เนื้อในเป็นหน้าเว็บหรือภาพ SVG (HTML/SVG/XML)"),
        (files.SVG, "ไฟล์นี้ไม่ใช่ PDF จริง เนื้อในเป็นหน้าเว็บหรือภาพ SVG (HTML/SVG/XML)"),
        (files.PDF_JAVASCRIPT, "ไฟล์ PDF นี้มีสคริปต์หรือคำสั่งเปิดโปรแกรม (JavaScript/Launch) ระบบไม่รับ"),
        (b"", "ไฟล์นี้ว่างเปล่า"),
    ],
    ids=["html", "svg", "javascript", "empty"],
)
def test_a_disguised_or_active_file_is_refused_in_thai_and_nothing_is_saved(
    cast: Cast, media: Path, content: bytes, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        add_file(cast, content, name="แผนการสอน.pdf")
    assert refused.value.messages[0].startswith(message)
    assert (EvidenceItem.objects.count(), stored(media)) == (0, [])


def test_documents_over_the_limit_are_refused_naming_the_limit(cast: Cast, media: Path, settings: object) -> None:
    settings.EVIDENCE_MAX_DOCUMENT_MB = 1  # type: ignore[attr-defined]
    add_file(cast, files.padded(files.PDF, MB), name="พอดี.pdf")
    with pytest.raises(ValidationError) as refused:
        add_file(cast, files.padded(files.PDF, MB + 1), name="ใหญ่.pdf")
    assert refused.value.messages == ["ไฟล์ใหญ่เกิน 1 MB (ไฟล์นี้ 1.0 MB) กรุณาย่อขนาดไฟล์หรือแบ่งเป็นหลายไฟล์"]
    assert EvidenceItem.objects.count() == 1
    assert len(stored(media)) == 1


def test_videos_have_their_own_larger_limit(cast: Cast, media: Path, settings: object) -> None:
    settings.EVIDENCE_MAX_DOCUMENT_MB = 1  # type: ignore[attr-defined]
    settings.EVIDENCE_MAX_VIDEO_MB = 2  # type: ignore[attr-defined]
    video = add_file(cast, files.padded(files.MP4, 2 * MB), name="สอนจริง.mp4")
    assert video.content_type == "video/mp4"
    with pytest.raises(ValidationError) as refused:
        add_file(cast, files.padded(files.MP4, 3 * MB), name="ยาว.mp4")
    assert refused.value.messages == ["ไฟล์วิดีโอใหญ่เกิน 2 MB (ไฟล์นี้ 3.0 MB)"]


# --- Chunked uploads -----------------------------------------------------------------------------


@pytest.fixture
def small_chunks(settings: object) -> int:
    settings.EVIDENCE_CHUNK_MB = 1  # type: ignore[attr-defined]
    return MB


def test_a_chunked_upload_becomes_one_item_and_leaves_no_chunks(cast: Cast, media: Path, small_chunks: int) -> None:
    video = files.padded(files.MP4, 2 * MB + 12345)
    session = start(cast, video, name=THAI_EMOJI_NAME.replace(".pdf", ".mp4"))
    assert send(cast, session, video, 0, small_chunks) == MB
    assert send(cast, session, video, MB, small_chunks) == 2 * MB
    assert send(cast, session, video, 2 * MB, small_chunks) == len(video)
    assert len([path for path in stored(media) if path.startswith("uploads-in-progress/")]) == 3
    item = services.evidence_upload_finish(actor=cast.user("teacher"), session=session)
    assert (item.title, item.size, item.content_type) == (
        THAI_EMOJI_NAME.replace(".pdf", ".mp4"),
        len(video),
        "video/mp4",
    )
    assert item.sha256 == hashlib.sha256(video).hexdigest()
    assert stored(media) == [item.file.name]
    assert (media / str(item.file.name)).read_bytes() == video
    assert UploadSession.objects.count() == 0


def test_a_chunk_at_the_wrong_offset_answers_where_the_upload_stands(
    cast: Cast, media: Path, small_chunks: int
) -> None:
    video = files.padded(files.MP4, 2 * MB)
    session = start(cast, video)
    send(cast, session, video, 0, small_chunks)
    # The answer to the first chunk was lost; the client sends it again, then jumps ahead.
    for offset in (0, 2 * MB - 10):
        with pytest.raises(services.UploadOffsetError) as elsewhere:
            send(cast, session, video, offset, 10)
        assert elsewhere.value.offset == MB
    # It resumes from the offset it was told.
    assert send(cast, session, video, MB, small_chunks) == 2 * MB
    item = services.evidence_upload_finish(actor=cast.user("teacher"), session=session)
    assert (media / str(item.file.name)).read_bytes() == video


def test_an_interrupted_upload_is_never_evidence_and_expires_without_trace(
    cast: Cast, media: Path, small_chunks: int
) -> None:
    video = files.padded(files.MP4, 2 * MB)
    session = start(cast, video)
    send(cast, session, video, 0, small_chunks)
    with pytest.raises(services.UploadOffsetError) as unfinished:
        services.evidence_upload_finish(actor=cast.user("teacher"), session=session)
    assert unfinished.value.offset == MB
    assert EvidenceItem.objects.count() == 0
    later = timezone.now() + timedelta(hours=49)
    assert services.evidence_uploads_purge(now=later) == 1
    assert (UploadSession.objects.count(), stored(media)) == (0, [])


def test_a_disguised_file_is_refused_at_its_first_chunk(cast: Cast, media: Path, small_chunks: int) -> None:
    page = files.padded(files.HTML, 2 * MB)
    session = start(cast, page, name="แผนการสอน.pdf")
    with pytest.raises(ValidationError) as refused:
        send(cast, session, page, 0, small_chunks)
    assert refused.value.messages[0].startswith("ไฟล์นี้ไม่ใช่ PDF จริง")
    assert (UploadSession.objects.count(), EvidenceItem.objects.count(), stored(media)) == (0, 0, [])
    assert list(
        AuditEntry.objects.filter(action="evidence_upload.discarded").values_list("data__reason", flat=True)
    ) == ["refused_markup"]


def test_a_document_declared_as_big_as_a_video_is_refused_at_its_first_chunk(
    cast: Cast, media: Path, small_chunks: int, settings: object
) -> None:
    settings.EVIDENCE_MAX_DOCUMENT_MB = 1  # type: ignore[attr-defined]
    scan = files.padded(files.PDF, 2 * MB)
    session = start(cast, scan, name="สแกน.pdf")
    with pytest.raises(ValidationError) as refused:
        send(cast, session, scan, 0, small_chunks)
    assert refused.value.messages == ["ไฟล์ใหญ่เกิน 1 MB (ไฟล์นี้ 2.0 MB) กรุณาย่อขนาดไฟล์หรือแบ่งเป็นหลายไฟล์"]
    assert stored(media) == []


def test_javascript_deep_in_a_pdf_is_caught_at_finish_and_nothing_is_kept(
    cast: Cast, media: Path, small_chunks: int
) -> None:
    active = files.PDF + b"\x00" * MB + b"<< /S /JavaScript /JS (app.alert(1)) >>"
    session = start(cast, active, name="แผน.pdf")
    upload_all(cast, session, active)
    with pytest.raises(ValidationError) as refused:
        services.evidence_upload_finish(actor=cast.user("teacher"), session=session)
    assert "JavaScript" in refused.value.messages[0]
    assert (UploadSession.objects.count(), EvidenceItem.objects.count(), stored(media)) == (0, 0, [])


def test_an_upload_larger_than_any_limit_is_refused_before_it_starts(cast: Cast, media: Path, settings: object) -> None:
    settings.EVIDENCE_MAX_DOCUMENT_MB = 1  # type: ignore[attr-defined]
    settings.EVIDENCE_MAX_VIDEO_MB = 2  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as refused:
        services.evidence_upload_start(actor=cast.user("teacher"), owner=cast.teacher, name="ทั้งวัน.mp4", size=3 * MB)
    assert refused.value.messages == ["ไฟล์ใหญ่เกิน 2 MB (ไฟล์นี้ 3.0 MB) กรุณาย่อขนาดไฟล์หรือแบ่งเป็นหลายไฟล์"]
    assert UploadSession.objects.count() == 0


def test_starting_more_uploads_than_allowed_drops_the_oldest(cast: Cast, media: Path) -> None:
    sessions = [start(cast, files.MP4, name=f"คลิป{number}.mp4") for number in range(services.OPEN_UPLOADS_MAX + 1)]
    remaining = set(UploadSession.objects.values_list("pk", flat=True))
    assert remaining == {session.pk for session in sessions[1:]}


# --- Links -----------------------------------------------------------------------------------------


def test_a_link_is_kept_with_its_host_and_never_fetched(cast: Cast, media: Path) -> None:
    item = services.evidence_link_add(
        actor=cast.user("teacher"), owner=cast.teacher, url="https://www.youtube.com/watch?v=abc", title=""
    )
    assert (item.kind, item.title, item.host, item.file.name) == ("link", "www.youtube.com", "www.youtube.com", "")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://"),
        ("data:text/html,<script>", "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://"),
        ("ftp://files.example.com/a", "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://"),
        ("https://" + "a" * 2000 + ".com", "ลิงก์ยาวเกิน 2000 ตัวอักษร"),
        ("https://user:secret@drive.example.com/", "ลิงก์ต้องไม่มีชื่อผู้ใช้หรือรหัสผ่านอยู่ในลิงก์"),
        ("https://", "ลิงก์นี้ไม่ถูกต้อง กรุณาคัดลอกลิงก์มาใหม่"),
        ("", "กรุณาใส่ลิงก์"),
    ],
)
def test_only_plain_web_links_are_accepted(cast: Cast, url: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        services.evidence_link_add(actor=cast.user("teacher"), owner=cast.teacher, url=url)
    assert refused.value.messages == [message]
    assert EvidenceItem.objects.count() == 0


# --- Attach and detach ----------------------------------------------------------------------------


def test_attaching_ties_the_item_to_a_section_once_and_audits_it(cast: Cast, media: Path, agreement: Agreement) -> None:
    item = add_file(cast)
    first = attach(cast, agreement, item)
    again = attach(cast, agreement, item)
    assert first.pk == again.pk
    assert (first.section, first.shared_with_committee, first.attached_by) == (
        "indicator:1.1",
        True,
        cast.user("teacher"),
    )
    assert AuditEntry.objects.filter(action="evidence.attached", target_id=str(agreement.pk)).count() == 1


def test_an_item_can_serve_several_sections_and_years(cast: Cast, media: Path, agreement: Agreement) -> None:
    item = add_file(cast)
    attach(cast, agreement, item, "indicator:1.1")
    attach(cast, agreement, item, "challenge")
    assert set(EvidenceAttachment.objects.values_list("section", flat=True)) == {"indicator:1.1", "challenge"}


@pytest.mark.parametrize("section", ["workload", "classroom", "indicator:9.9", ""])
def test_only_indicators_and_the_challenge_take_evidence(
    cast: Cast, media: Path, agreement: Agreement, section: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        attach(cast, agreement, add_file(cast), section)
    assert refused.value.messages == ["ไม่พบหัวข้อนี้ในข้อตกลง"]


def test_nobody_attaches_someone_elses_item(cast: Cast, media: Path, agreement: Agreement) -> None:
    foreign = add_file(cast, owner=cast.outsider)
    with pytest.raises(PermissionDenied):
        attach(cast, agreement, foreign)
    with pytest.raises(PermissionDenied):
        services.evidence_attach(
            actor=cast.user("director"), agreement=agreement, section="challenge", item=add_file(cast)
        )


@pytest.mark.parametrize(
    ("state", "attachable"),
    [("draft", True), ("returned", True), ("submitted", True), ("approved", True), ("amending", True)],
)
def test_the_teacher_attaches_evidence_in_every_state_before_evaluation(
    cast: Cast, media: Path, agreement: Agreement, state: str, attachable: bool
) -> None:
    item = add_file(cast)
    set_state(agreement, state)
    if attachable:
        attach(cast, agreement, item)
    else:
        with pytest.raises(PermissionDenied):
            attach(cast, agreement, item)
    assert EvidenceAttachment.objects.count() == int(attachable)


@pytest.mark.parametrize(
    ("state", "removable"),
    [("draft", True), ("submitted", True), ("returned", True), ("approved", True), ("amending", True)],
)
def test_evidence_can_be_removed_until_the_committee_evaluates(
    cast: Cast, media: Path, agreement: Agreement, state: str, removable: bool
) -> None:
    attachment = attach(cast, agreement, add_file(cast))
    set_state(agreement, state)
    if removable:
        services.evidence_detach(actor=cast.user("teacher"), attachment=attachment)
    else:
        with pytest.raises(PermissionDenied):
            services.evidence_detach(actor=cast.user("teacher"), attachment=attachment)
    assert EvidenceAttachment.objects.count() == int(not removable)
    assert EvidenceItem.objects.count() == 1  # the library keeps the item either way


def test_the_director_cannot_remove_a_teachers_evidence(cast: Cast, media: Path, agreement: Agreement) -> None:
    attachment = attach(cast, agreement, add_file(cast))
    set_state(agreement, Agreement.State.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.evidence_detach(actor=cast.user("director"), attachment=attachment)


def test_an_item_leaves_the_library_only_when_no_agreement_uses_it(
    cast: Cast, media: Path, agreement: Agreement
) -> None:
    item = add_file(cast)
    attachment = attach(cast, agreement, item)
    with pytest.raises(ValidationError):
        services.evidence_item_delete(actor=cast.user("teacher"), item=item)
    services.evidence_detach(actor=cast.user("teacher"), attachment=attachment)
    with pytest.raises(PermissionDenied):
        services.evidence_item_delete(actor=cast.user("director"), item=item)
    services.evidence_item_delete(actor=cast.user("teacher"), item=item)
    assert (EvidenceItem.objects.count(), stored(media)) == (0, [])


# --- Edges of the upload protocol -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [("คลิป.mp4", 0, "ไฟล์นี้ว่างเปล่า ไม่มีข้อมูล กรุณาเลือกไฟล์ใหม่"), ("  ", 10, "ไฟล์ไม่มีชื่อ กรุณาตั้งชื่อไฟล์แล้วเลือกใหม่")],
)
def test_an_upload_needs_a_name_and_some_bytes(cast: Cast, media: Path, name: str, size: int, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        services.evidence_upload_start(actor=cast.user("teacher"), owner=cast.teacher, name=name, size=size)
    assert refused.value.messages == [message]


def test_an_upload_goes_only_into_the_agreements_own_teachers_library(
    cast: Cast, media: Path, agreement: Agreement
) -> None:
    with pytest.raises(PermissionDenied):
        services.evidence_upload_start(
            actor=cast.user("teacher"), owner=cast.outsider, name="a.pdf", size=10, agreement=agreement,
            section="challenge",
        )  # fmt: skip


@pytest.mark.parametrize(("offset", "length"), [(0, MB + 1), (MB, MB + 1)])
def test_chunks_larger_than_allowed_or_past_the_end_are_refused(
    cast: Cast, media: Path, small_chunks: int, offset: int, length: int
) -> None:
    video = files.padded(files.MP4, 2 * MB)
    session = start(cast, video)
    if offset:
        send(cast, session, video, 0, small_chunks)
    with pytest.raises(ValidationError):
        services.evidence_upload_chunk(
            actor=cast.user("teacher"), session=session, offset=offset, chunk=io.BytesIO(b"x" * length), length=length
        )
    assert UploadSession.objects.get().received_bytes == offset


def test_two_requests_with_the_same_chunk_take_it_once(cast: Cast, media: Path, small_chunks: int) -> None:
    video = files.padded(files.MP4, 2 * MB)
    session = start(cast, video)
    stale = UploadSession.objects.get(pk=session.pk)  # a second request loaded the upload at the same moment
    send(cast, session, video, 0, small_chunks)
    with pytest.raises(services.UploadOffsetError) as elsewhere:
        send(cast, stale, video, 0, small_chunks)
    assert elsewhere.value.offset == MB
    assert len([path for path in stored(media) if path.startswith("uploads-in-progress/")]) == 1


def test_a_lost_chunk_in_storage_ends_the_upload_as_damaged(cast: Cast, media: Path, small_chunks: int) -> None:
    video = files.padded(files.MP4, 2 * MB)
    session = start(cast, video)
    upload_all(cast, session, video)
    (media / session.chunks[1]).write_bytes(b"short")
    with pytest.raises(ValidationError) as refused:
        services.evidence_upload_finish(actor=cast.user("teacher"), session=session)
    assert refused.value.code == "refused_damaged"
    assert (EvidenceItem.objects.count(), UploadSession.objects.count(), stored(media)) == (0, 0, [])


def test_finishing_an_upload_someone_else_just_finished_writes_nothing_more(
    cast: Cast, media: Path, small_chunks: int
) -> None:
    session = start(cast, files.MP4)
    upload_all(cast, session, files.MP4)
    UploadSession.objects.filter(pk=session.pk).delete()  # the other request's finish took the row
    with pytest.raises(ValidationError) as refused:
        services.evidence_upload_finish(actor=cast.user("teacher"), session=session)
    assert refused.value.code == "upload_gone"
    assert (EvidenceItem.objects.count(), stored(media)) == (0, [])


def test_the_purge_command_drops_only_expired_uploads(cast: Cast, media: Path) -> None:
    from django.core.management import call_command

    old, fresh = start(cast, files.MP4, name="เก่า.mp4"), start(cast, files.MP4, name="ใหม่.mp4")
    UploadSession.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    out = io.StringIO()
    call_command("evidence_purge_uploads", stdout=out)
    assert out.getvalue() == "1 expired uploads purged\n"
    assert list(UploadSession.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_a_link_leaves_the_library_with_no_file_to_remove(cast: Cast, media: Path) -> None:
    link = services.evidence_link_add(actor=cast.user("teacher"), owner=cast.teacher, url="https://example.com/a")
    services.evidence_item_delete(actor=cast.user("teacher"), item=link)
    assert EvidenceItem.objects.count() == 0
