"""Help page services: who may write where, revisions, publishing and the search index, files."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from helpcentre.access import may_edit, page_for, scope_choices
from helpcentre.models import Page, PageKey, PageRevision, PageWord
from helpcentre.services import (
    PageDraft,
    StalePageError,
    page_file_add,
    page_file_remove,
    page_publish,
    page_save,
    page_unpublish,
)
from tests.conftest import Cast
from tests.helpcentre.factories import area_scope, make_page, national, province_scope

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize(
    ("who", "scope_name", "allowed"),
    [
        ("system_admin", "national", True),
        ("area_officer", "national", False),
        ("area_officer", "area", True),
        ("other_area_officer", "area", False),
        ("inspector", "area", False),
        ("inspector", "province", True),
        ("area_officer", "province", False),
        ("teacher", "area", False),
        ("director", "area", False),
        ("outsider", "national", False),
    ],
)
def test_only_an_office_writes_its_own_scope(cast: Cast, who: str, scope_name: str, allowed: bool) -> None:
    scope = {"national": national(), "area": area_scope(cast.area), "province": province_scope(cast.province)}[
        scope_name
    ]
    if allowed:
        page = make_page(cast.user(who), scope)
        assert (page.area_office_id, page.province_id) == (
            scope.area_office and cast.area.pk,
            scope.province and cast.province.pk,
        )
    else:
        with pytest.raises(PermissionDenied):
            make_page(cast.user(who), scope)
        assert Page.objects.count() == 0


def test_staff_of_one_area_cannot_edit_another_areas_page(cast: Cast) -> None:
    page = make_page(cast.user("area_officer"), area_scope(cast.area), title="คู่มือของเขต 1")
    assert may_edit(cast.user("other_area_officer"), page) is False
    draft = PageDraft(kind=page.kind, title="แก้โดยเขต 2", body="x")
    with pytest.raises(PermissionDenied):
        page_save(actor=cast.user("other_area_officer"), page=page, draft=draft, base_revision=page.revision)
    with pytest.raises(PermissionDenied):
        page_unpublish(actor=cast.user("other_area_officer"), page=page)
    page.refresh_from_db()
    assert (page.title, page.revision, page.status) == ("คู่มือของเขต 1", 1, Page.Status.PUBLISHED)


def test_scope_choices_follow_the_offices_of_the_user(cast: Cast) -> None:
    assert [choice.value for choice in scope_choices(cast.user("system_admin"))] == ["national"]
    assert [choice.value for choice in scope_choices(cast.user("area_officer"))] == [f"area:{cast.area.pk}"]
    assert [choice.value for choice in scope_choices(cast.user("inspector"))] == [f"province:{cast.province.pk}"]
    assert scope_choices(cast.user("teacher")) == []


def test_a_save_keeps_a_revision_with_its_author_and_an_audit_entry(cast: Cast) -> None:
    officer = cast.user("area_officer")
    page = make_page(officer, area_scope(cast.area), title="ภาระงาน", body="ชั่วโมงสอน 12", keys=("section:workload",))
    draft = PageDraft(kind=page.kind, title="ภาระงานของครู", body="ชั่วโมงสอนไม่น้อยกว่า 12", keys=("pa1",), note="แก้ชื่อ")
    saved = page_save(actor=officer, page=page, draft=draft, base_revision=1)
    assert saved.revision == 2
    revisions = list(
        PageRevision.objects.filter(page=page)
        .order_by("number")
        .values_list("number", "title", "keys", "note", "author")
    )
    assert revisions == [
        (1, "ภาระงาน", "section:workload", "", officer.pk),
        (2, "ภาระงานของครู", "pa1", "แก้ชื่อ", officer.pk),
    ]
    assert list(PageKey.objects.filter(page=page).values_list("key", flat=True)) == ["pa1"]
    entry = AuditEntry.objects.filter(action="help_page.saved").get()
    assert (entry.actor_id, entry.target_id, entry.data) == (
        officer.pk,
        str(page.pk),
        {"revision": 2, "fields": ["title", "body", "keys"]},
    )


def test_a_stale_save_is_refused_and_overwrites_nothing(cast: Cast) -> None:
    officer = cast.user("area_officer")
    page = make_page(officer, area_scope(cast.area), title="เดิม")
    page_save(actor=officer, page=page, draft=PageDraft(kind=page.kind, title="ฉบับที่สอง", body="ข"), base_revision=1)
    with pytest.raises(StalePageError) as stale:
        page_save(
            actor=officer, page=page, draft=PageDraft(kind=page.kind, title="จากแท็บเก่า", body="ค"), base_revision=1
        )
    assert stale.value.revision == 2
    page.refresh_from_db()
    assert (page.title, page.revision) == ("ฉบับที่สอง", 2)


def test_an_unchanged_save_makes_no_revision(cast: Cast) -> None:
    officer = cast.user("area_officer")
    page = make_page(officer, area_scope(cast.area), title="เดิม", body="ข้อความ")
    same = PageDraft(kind=page.kind, title="เดิม", body="ข้อความ")
    assert page_save(actor=officer, page=page, draft=same, base_revision=1).revision == 1
    assert PageRevision.objects.filter(page=page).count() == 1


def test_publishing_indexes_words_and_unpublishing_removes_them(cast: Cast) -> None:
    officer = cast.user("area_officer")
    page = make_page(officer, area_scope(cast.area), title="ตารางสอน", body="ครูสอน", publish=False)
    assert PageWord.objects.filter(page=page).count() == 0
    page_publish(actor=officer, page=page)
    assert dict(PageWord.objects.filter(page=page).values_list("word", "count")) == {"ตารางสอน": 3, "ครู": 1, "สอน": 1}
    page_unpublish(actor=officer, page=page)
    page.refresh_from_db()
    assert (page.status, PageWord.objects.filter(page=page).count()) == (Page.Status.DRAFT, 0)


def test_an_empty_page_cannot_be_published(cast: Cast) -> None:
    officer = cast.user("area_officer")
    page = make_page(officer, area_scope(cast.area), title="ยังไม่มีเนื้อหา", body="", publish=False)
    with pytest.raises(ValidationError):
        page_publish(actor=officer, page=page)
    page.refresh_from_db()
    assert page.status == Page.Status.DRAFT


def test_drafts_are_read_only_by_their_editors(cast: Cast) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    page = make_page(cast.user("area_officer"), area_scope(cast.area), publish=False)
    assert page_for(cast.user("area_officer"), page.pk) == page
    assert page_for(cast.user("system_admin"), page.pk) == page
    for reader in (cast.user("teacher"), cast.user("other_area_officer"), cast.user("inspector"), AnonymousUser()):
        with pytest.raises(Http404):
            page_for(reader, page.pk)


def test_a_file_is_checked_by_its_content_and_can_be_removed(cast: Cast, django_capture_on_commit_callbacks) -> None:
    officer = cast.user("area_officer")
    page = make_page(officer, area_scope(cast.area), kind=Page.Kind.FORMS, title="แบบฟอร์ม")
    attached = page_file_add(
        actor=officer,
        page=page,
        upload=SimpleUploadedFile("pa1.pdf", PDF_BYTES, "application/pdf"),
        title="PA 1/ส (เปล่า)",
    )
    assert (attached.title, attached.file_type, attached.content_type, attached.size) == (
        "PA 1/ส (เปล่า)",
        "pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    stored = attached.file.name or ""
    assert attached.file.storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        page_file_remove(actor=officer, attached=attached)
    assert not attached.file.storage.exists(stored)
    assert list(
        AuditEntry.objects.filter(target_type="helpcentre.page", target_id=str(page.pk))
        .values_list("action", flat=True)
        .order_by("pk")
    ) == [
        "help_page.created",
        "help_page.published",
        "help_file.attached",
        "help_file.removed",
    ]


def test_a_web_page_disguised_as_a_pdf_is_refused(cast: Cast) -> None:
    officer = cast.user("area_officer")
    page = make_page(officer, area_scope(cast.area), kind=Page.Kind.FORMS)
    upload = SimpleUploadedFile("form.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    with pytest.raises(ValidationError) as refused:
        page_file_add(actor=officer, page=page, upload=upload, title="")
    assert refused.value.messages[0].startswith("ไฟล์นี้ไม่ใช่ PDF จริง")
    assert page.files.count() == 0


def test_another_area_cannot_attach_files(cast: Cast) -> None:
    page = make_page(cast.user("area_officer"), area_scope(cast.area), kind=Page.Kind.FORMS)
    with pytest.raises(PermissionDenied):
        page_file_add(
            actor=cast.user("other_area_officer"),
            page=page,
            upload=SimpleUploadedFile("a.pdf", PDF_BYTES),
            title="",
        )
    assert io.BytesIO(PDF_BYTES).read(4) == b"%PDF"
