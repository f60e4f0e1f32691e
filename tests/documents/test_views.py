"""Downloads, the public verify page and school bundles through the client, with who may get what."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from typing import Any

import docx
import pytest
from django.test import Client
from django.utils import timezone

from agreements.services import agreement_amend, section_save
from audit.models import AuditEntry
from committees.services import results_publish, sheet_reopen
from documents.models import Bundle, IssuedDocument
from documents.services import bundles_purge, normalised_code
from tests.committees.factories import Round, member_user, round_for, score
from tests.conftest import CAST_USERS, Cast, logged_in
from tests.documents.reading import contains, docx_text, pypdf_pages
from thaitext import be_datetime

FORGED = "ZZZZ-ZZZZ-ZZZZ"


def scored(cast: Cast, *, publish: bool = False) -> Round:
    round_ = round_for(cast)
    for number in (1, 2, 3):
        score(cast, round_, number, 3)
    if publish:
        results_publish(actor=cast.user("director"), evaluations=[round_.evaluation])
    return round_


def urls(round_: Round) -> dict[str, str]:
    sheet = round_.evaluation.sheets.get(seat__number=2)
    return {
        "pa1": f"/documents/agreements/{round_.agreement.pk}/pa1.pdf",
        "pa2": f"/documents/sheets/{sheet.pk}/pa2.pdf",
        "pa3": f"/documents/evaluations/{round_.evaluation.pk}/pa3.pdf",
        "order": f"/documents/committees/{round_.committee.pk}/order.pdf",
    }


def code_on(pdf: bytes) -> str:
    text = pypdf_pages(pdf)[0]
    line = next(line for line in text.splitlines() if line.startswith("รหัสตรวจสอบเอกสาร "))
    return line.removeprefix("รหัสตรวจสอบเอกสาร ").strip()


def test_a_pdf_and_a_docx_download_with_thai_file_names(cast: Cast) -> None:
    round_ = scored(cast)
    client = logged_in(cast.user("director"))
    pdf = client.get(f"/documents/evaluations/{round_.evaluation.pk}/pa3.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "PA3_2570_" in pdf["Content-Disposition"]
    assert pdf["Content-Disposition"].startswith("attachment; filename*=utf-8''PA3_2570_")
    assert "นางสาวสมศรี ใจดี" in pypdf_pages(pdf.content)[0]
    word = client.get(f"/documents/evaluations/{round_.evaluation.pk}/pa3.docx")
    assert word.status_code == 200
    assert word["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert any("นางสาวสมศรี ใจดี" in p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert client.get(f"/documents/evaluations/{round_.evaluation.pk}/pa3.exe").status_code == 404


def test_the_same_content_keeps_its_code_and_a_change_supersedes_it(cast: Cast) -> None:
    round_ = round_for(cast)
    teacher = logged_in(cast.user("teacher"))
    url = f"/documents/agreements/{round_.agreement.pk}/pa1.pdf"
    first = code_on(teacher.get(url).content)
    assert code_on(teacher.get(url).content) == first  # printing again changes nothing
    assert code_on(logged_in(cast.user("director")).get(url).content) == first
    assert IssuedDocument.objects.count() == 1
    anyone = Client()
    page = anyone.get(f"/verify/{first}/")
    assert page.status_code == 200
    assert "เอกสารฉบับจริง และเป็นฉบับล่าสุด" in page.content.decode()
    # The agreement changes after it was printed: an amendment saves new text into Part 2.
    agreement = agreement_amend(actor=cast.user("teacher"), agreement=round_.agreement, reason="แก้ชื่อประเด็นท้าทาย")
    section = agreement.sections.get(key="challenge")
    body = {**section.content, "title": "การพัฒนาทักษะการอ่านออกเสียง (ฉบับแก้ไข)"}
    section_save(
        actor=cast.user("teacher"), agreement=agreement, key="challenge", body=body, base_revision=section.revision
    )
    assert "เอกสารฉบับจริง แต่มีฉบับใหม่กว่าแล้ว" in anyone.get(f"/verify/{first}/").content.decode()
    second = code_on(teacher.get(url).content)
    assert second != first
    assert "เอกสารฉบับจริง และเป็นฉบับล่าสุด" in anyone.get(f"/verify/{second}/").content.decode()


def test_a_forged_code_is_not_found_and_the_page_shows_only_name_school_and_year(cast: Cast) -> None:
    round_ = scored(cast)
    director = logged_in(cast.user("director"))
    code = code_on(director.get(f"/documents/evaluations/{round_.evaluation.pk}/pa3.pdf").content)
    forged = Client().get(f"/verify/{FORGED}/")
    assert forged.status_code == 404
    assert "ไม่พบเอกสารที่มีรหัสนี้" in forged.content.decode()
    typed = Client().get("/verify/", {"code": code.lower().replace("-", " ")})  # as a person might type it
    html = typed.content.decode()
    assert typed.status_code == 200
    assert "เอกสารฉบับจริง และเป็นฉบับล่าสุด" in html
    for shown in ("นางสาวสมศรี ใจดี", "โรงเรียนอนุบาลทดสอบ", "2570", code):
        assert shown in html
    # What the page says of the document, without its code and issue time (either may contain "45").
    issued = IssuedDocument.objects.get(code=normalised_code(code))
    verdict = html.split('id="verdict"')[1].replace(code, "").replace(be_datetime(issued.issued_at), "")
    for hidden in ("75", "45", cast.supervisor.full_name, "ผ่านเกณฑ์", cast.teacher.national_id_masked):
        assert hidden not in verdict  # no score, no committee, no ID


def test_reopening_a_sheet_supersedes_the_printed_pa3(cast: Cast) -> None:
    round_ = scored(cast)
    director = logged_in(cast.user("director"))
    code = code_on(director.get(f"/documents/evaluations/{round_.evaluation.pk}/pa3.pdf").content)
    sheet = round_.evaluation.sheets.get(seat__number=3)
    sheet_reopen(actor=cast.user("director"), sheet=sheet, reason="กรรมการขอแก้ไขคะแนนตัวชี้วัด 1.1")
    assert "แต่มีฉบับใหม่กว่าแล้ว" in Client().get(f"/verify/{code}/").content.decode()
    assert normalised_code(code) == IssuedDocument.objects.get(kind="pa3").code


# Who may download each document of a scored (not yet published) evaluation: exactly who may read its record.
BEFORE_PUBLISHING = {
    "pa1": {
        "teacher",
        "director",
        "school_admin",
        "supervisor",
        "other_school_teacher",
        "area_officer",
        "system_admin",
    },
    "pa2": {"director", "supervisor", "other_school_teacher", "area_officer"},
    "pa3": {"director", "supervisor", "other_school_teacher", "area_officer"},
    "order": {"director", "school_admin", "supervisor", "other_school_teacher", "area_officer", "system_admin"},
}


@pytest.mark.parametrize("kind", sorted(BEFORE_PUBLISHING))
def test_nobody_downloads_a_document_of_a_record_they_cannot_read(cast: Cast, kind: str) -> None:
    round_ = scored(cast)
    url = urls(round_)[kind]
    allowed = {name for name in CAST_USERS if logged_in(cast.user(name)).get(url).status_code == 200}
    refused = {name for name in CAST_USERS if name not in allowed}
    assert allowed == BEFORE_PUBLISHING[kind]
    assert {"outsider", "other_area_officer", "lecturer"} <= refused
    assert Client().get(url).status_code == 302  # to the login page


def test_the_teacher_gets_her_pa3_once_published_and_never_a_draft(cast: Cast) -> None:
    round_ = round_for(cast)
    score(cast, round_, 1, 3)
    score(cast, round_, 2, 3, submit=False)
    teacher = logged_in(cast.user("teacher"))
    assert teacher.get(f"/documents/evaluations/{round_.evaluation.pk}/pa3.pdf").status_code == 404
    draft = round_.evaluation.sheets.get(seat__number=2)
    assert teacher.get(f"/documents/sheets/{draft.pk}/pa2.pdf").status_code == 404
    assert logged_in(cast.user("director")).get(f"/documents/sheets/{draft.pk}/pa2.pdf").status_code == 404
    member = logged_in(member_user(cast, 2))
    own = member.get(f"/documents/sheets/{draft.pk}/pa2.pdf")
    assert own.status_code == 200
    assert "ฉบับร่าง" in pypdf_pages(own.content)[0]
    score(cast, round_, 2, 3)
    score(cast, round_, 3, 3)
    assert teacher.get(f"/documents/evaluations/{round_.evaluation.pk}/pa3.pdf").status_code == 404
    results_publish(actor=cast.user("director"), evaluations=[round_.evaluation])
    published = teacher.get(f"/documents/evaluations/{round_.evaluation.pk}/pa3.pdf")
    assert published.status_code == 200
    assert "ผ่านเกณฑ์" in "".join(pypdf_pages(published.content))


def test_a_school_bundle_zips_every_pa3_with_its_progress(cast: Cast, django_capture_on_commit_callbacks: Any) -> None:
    round_ = scored(cast)
    director = logged_in(cast.user("director"))
    page = director.get(f"/documents/schools/{cast.school.pk}/2570/bundles/")
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the task is queued once the request commits
        response = director.post(f"/documents/schools/{cast.school.pk}/2570/bundles/", {"kind": "pa3"})
    bundle = Bundle.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/documents/bundles/{bundle.pk}/"
    assert (bundle.state, bundle.done, bundle.total, bundle.percent) == ("done", 1, 1, 100)  # tasks run at once here
    progress = director.get(f"/documents/bundles/{bundle.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'value="100"' in progress
    assert "hx-trigger" not in progress  # finished: the page stops asking
    download = director.get(f"/documents/bundles/{bundle.pk}/download")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))  # type: ignore[attr-defined]
    (name,) = archive.namelist()
    assert name == "PA3_2570_นางสาวสมศรี ใจดี.pdf"
    assert "นางสาวสมศรี ใจดี" in pypdf_pages(archive.read(name))[0]
    assert code_on(archive.read(name)) == code_on(
        director.get(f"/documents/evaluations/{round_.evaluation.pk}/pa3.pdf").content
    )


def test_bundles_are_made_and_seen_only_by_the_school_and_the_person_who_asked(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    scored(cast)
    director = logged_in(cast.user("director"))
    with django_capture_on_commit_callbacks(execute=True):
        director.post(f"/documents/schools/{cast.school.pk}/2570/bundles/", {"kind": "pa1"})
    bundle = Bundle.objects.get()
    assert bundle.total == 1
    for name in ("teacher", "outsider", "area_officer", "supervisor", "school_admin"):
        client = logged_in(cast.user(name))
        assert client.get(f"/documents/bundles/{bundle.pk}/").status_code == 404
        assert client.get(f"/documents/bundles/{bundle.pk}/download").status_code == 404
    for name in ("teacher", "outsider", "supervisor", "other_area_officer"):
        client = logged_in(cast.user(name))
        assert client.post(f"/documents/schools/{cast.school.pk}/2570/bundles/", {"kind": "pa3"}).status_code == 404
    assert Bundle.objects.count() == 1
    refused = director.post(f"/documents/schools/{cast.school.pk}/2570/bundles/", {"kind": "evil"})
    assert refused.status_code == 302
    assert Bundle.objects.count() == 1
    assert director.get(f"/documents/schools/{cast.school.pk}/2999/bundles/").status_code == 404


def test_a_pa3_bundle_holds_only_the_results_its_requester_may_read(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    """The school admin account sees who is evaluated but never the scores; a system admin reads them only as the
    single download allows: the bundle follows the single PA 3 download, file by file."""
    round_ = scored(cast)  # all three sheets in, not published
    for name in ("school_admin", "system_admin"):
        client = logged_in(cast.user(name))
        assert client.get(f"/documents/evaluations/{round_.evaluation.pk}/pa3.pdf").status_code == 404
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/documents/schools/{cast.school.pk}/2570/bundles/", {"kind": "pa3"})
        bundle = Bundle.objects.get(requested_by=cast.user(name))
        assert (bundle.state, bundle.total) == ("done", 0)
        page = client.get(f"/documents/bundles/{bundle.pk}/").content.decode()
        assert "ยังไม่มีเอกสารที่รวมได้ในปีงบประมาณนี้" in page
        download = client.get(f"/documents/bundles/{bundle.pk}/download")
        assert zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist() == []  # type: ignore[attr-defined]


def test_the_school_chooses_thai_digits_for_its_documents(cast: Cast) -> None:
    round_ = scored(cast)
    director = logged_in(cast.user("director"))
    url = f"/documents/evaluations/{round_.evaluation.pk}/pa3.pdf"
    assert "ปีงบประมาณ พ.ศ. 2570" in pypdf_pages(director.get(url).content)[0]
    settings_url = f"/documents/schools/{cast.school.pk}/2570/settings/"
    assert logged_in(cast.user("teacher")).post(settings_url, {"thai_digits": "on"}).status_code == 404
    assert director.post(settings_url, {"thai_digits": "on"}).status_code == 302
    assert "ปีงบประมาณ พ.ศ. ๒๕๗๐" in pypdf_pages(director.get(url).content)[0]
    assert AuditEntry.objects.filter(action="school.documents_configured", target_id=str(cast.school.pk)).count() == 1


def test_old_bundles_are_purged_with_their_files(cast: Cast, django_capture_on_commit_callbacks: Any) -> None:
    scored(cast)
    director = logged_in(cast.user("director"))
    with django_capture_on_commit_callbacks(execute=True):
        director.post(f"/documents/schools/{cast.school.pk}/2570/bundles/", {"kind": "pa3"})
    bundle = Bundle.objects.get()
    storage, name = bundle.file.storage, str(bundle.file.name)
    assert storage.exists(name)
    assert bundles_purge() == 0  # new: kept
    Bundle.objects.filter(pk=bundle.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert bundles_purge() == 1
    assert not storage.exists(name)
    assert Bundle.objects.count() == 0


def test_every_record_page_offers_its_documents_to_those_who_may_read_it(cast: Cast) -> None:
    round_ = scored(cast)
    director = logged_in(cast.user("director"))
    pages = {
        f"/agreements/{round_.agreement.pk}/step/3/": f"/documents/agreements/{round_.agreement.pk}/pa1.pdf",
        f"/evaluations/{round_.evaluation.pk}/result/": f"/documents/evaluations/{round_.evaluation.pk}/pa3.pdf",
        f"/committees/{round_.committee.pk}/": f"/documents/committees/{round_.committee.pk}/order.pdf",
    }
    sheet = round_.evaluation.sheets.get(seat__number=2)
    pages[f"/sheets/{sheet.pk}/"] = f"/documents/sheets/{sheet.pk}/pa2.pdf"
    for page, download in pages.items():
        html = director.get(page).content.decode()
        assert f'href="{download}"' in html, page
        assert f'href="{download.removesuffix(".pdf")}.docx"' in html, page
        assert director.get(download).status_code == 200
    teacher_step = logged_in(cast.user("teacher")).get(f"/agreements/{round_.agreement.pk}/step/1/").content.decode()
    assert f'href="/documents/agreements/{round_.agreement.pk}/pa1.pdf"' in teacher_step


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["pa1", "pa2", "pa3"])
def test_the_blank_forms_are_public_and_carry_the_forms_words(kind: str) -> None:
    client = Client()
    pdf = client.get(f"/forms/{kind}.pdf")
    assert pdf.status_code == 200
    text = "".join(pypdf_pages(pdf.content))
    assert f"PA {kind[-1]}/ส" in text
    assert "(ลงชื่อ)" in text
    if kind != "pa3":
        assert contains(text, "1.1 สร้างและหรือพัฒนาหลักสูตร")
        assert contains(text, "3.3 นำความรู้ ความสามารถ ทักษะที่ได้จากการพัฒนาตนเองและวิชาชีพ")
    word = client.get(f"/forms/{kind}.docx")
    assert word.status_code == 200
    assert f"PA {kind[-1]}/ส" in docx_text(word.content)
    assert client.get(f"/forms/{kind}.exe").status_code == 404
    assert client.get("/forms/pa9.pdf").status_code == 404


@pytest.mark.django_db
def test_the_help_centre_links_to_the_blank_forms() -> None:
    html = Client().get("/help/").content.decode()
    for kind in ("pa1", "pa2", "pa3"):
        assert f'href="/forms/{kind}.pdf"' in html
        assert f'href="/forms/{kind}.docx"' in html
