"""Every evidence view through the test client: uploads with and without JavaScript, downloads, panels."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.template import Context, Template
from django.test import Client, RequestFactory

from agreements.models import Agreement
from evidence.models import EvidenceAttachment, EvidenceItem, UploadSession
from org.scope import scope_of
from tests.conftest import Cast
from tests.evidence import files
from tests.evidence.conftest import THAI_EMOJI_NAME, add_file, attach, set_state, stored

MB = 1024 * 1024
STEP3 = "/agreements/{pk}/step/3/#evidence-indicator-1-1"
# Django's multipart parser drops characters Python deems unprintable from uploaded file names, the emoji
# joiner U+200D among them; the chunked path (upload.js) sends the name as a text field and keeps even that.
FORM_SAFE_NAME = "แผนการสอน ป.๔ น้ำท่วม ผู้อำนวยการ café 👩🏽🇹🇭✔️.pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
VIDEO_NAME = THAI_EMOJI_NAME.removesuffix(".pdf") + ".mp4"


def texts_of(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def teacher_client(cast: Cast, client: Client, media: Path) -> Client:
    client.force_login(cast.user("teacher"))
    return client


# --- The form that works without JavaScript ----------------------------------------------------------


def test_a_plain_form_upload_lands_in_the_section_it_came_from(
    teacher_client: Client, agreement: Agreement, media: Path
) -> None:
    next_page = STEP3.format(pk=agreement.pk)
    response = teacher_client.post(
        "/evidence/upload/",
        {
            "file": SimpleUploadedFile(FORM_SAFE_NAME, files.PDF),
            "agreement": agreement.pk,
            "section": "indicator:1.1",
            "shared": "on",
            "next": next_page,
        },
    )
    assert (response.status_code, response["Location"]) == (302, next_page)
    item = EvidenceItem.objects.get()
    assert item.title == FORM_SAFE_NAME
    assert list(EvidenceAttachment.objects.values_list("section", "item_id")) == [("indicator:1.1", item.pk)]
    assert texts_of(response) == [f"แนบหลักฐานแล้ว: {FORM_SAFE_NAME}"]


def test_a_refused_plain_upload_says_why_and_keeps_nothing(teacher_client: Client, media: Path) -> None:
    response = teacher_client.post("/evidence/upload/", {"file": SimpleUploadedFile("ภาพ.png", files.SVG)})
    assert (response.status_code, response["Location"]) == (302, "/evidence/")
    assert texts_of(response) == [
        "ไฟล์นี้ไม่ใช่ PNG จริง เนื้อในเป็นหน้าเว็บหรือภาพ SVG (HTML/SVG/XML) ซึ่งระบบไม่รับ เพราะอาจมีคำสั่งที่ทำงานได้"
    ]
    assert (EvidenceItem.objects.count(), stored(media)) == (0, [])


def test_a_foreign_next_address_is_not_followed(teacher_client: Client, media: Path) -> None:
    response = teacher_client.post(
        "/evidence/upload/", {"file": SimpleUploadedFile("a.pdf", files.PDF), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/evidence/"


# --- The chunked protocol (upload.js) ----------------------------------------------------------------


def put(client: Client, url: str, content: bytes, first: int, last: int) -> Any:
    headers = {"Content-Range": f"bytes {first}-{last}/{len(content)}"}
    return client.post(url, content[first : last + 1], "application/octet-stream", headers=headers)


def test_the_chunked_protocol_resumes_after_a_lost_answer(
    teacher_client: Client, agreement: Agreement, media: Path, settings: Any
) -> None:
    settings.EVIDENCE_CHUNK_MB = 1
    video = files.padded(files.MP4, MB + 500)
    started = teacher_client.post(
        "/evidence/uploads/",
        {"name": VIDEO_NAME, "size": len(video), "agreement": agreement.pk, "section": "challenge"},
    )
    assert started.status_code == 201
    state = started.json()
    assert (state["offset"], state["size"], state["chunk_size"]) == (0, len(video), MB)
    assert put(teacher_client, state["url"], video, 0, MB - 1).json()["offset"] == MB
    # The connection dropped before the client saw that answer: it sends the first chunk again.
    again = put(teacher_client, state["url"], video, 0, MB - 1)
    assert (again.status_code, again.json()["offset"]) == (409, MB)
    # After a failure it asks where to resume, and goes on from there.
    assert teacher_client.get(state["url"]).json()["offset"] == MB
    assert put(teacher_client, state["url"], video, MB, len(video) - 1).json()["offset"] == len(video)
    finished = teacher_client.post(state["finish_url"], {"next": f"/agreements/{agreement.pk}/step/4/"})
    assert finished.status_code == 201
    item = EvidenceItem.objects.get()
    assert finished.json() == {"item": item.pk, "title": VIDEO_NAME, "redirect": f"/agreements/{agreement.pk}/step/4/"}
    assert item.title == VIDEO_NAME
    assert list(EvidenceAttachment.objects.values_list("section", flat=True)) == ["challenge"]
    assert stored(media) == [item.file.name]


def test_finishing_early_answers_the_offset_and_writes_nothing(teacher_client: Client, media: Path) -> None:
    state = teacher_client.post("/evidence/uploads/", {"name": "คลิป.mp4", "size": len(files.MP4)}).json()
    response = teacher_client.post(state["finish_url"])
    assert (response.status_code, response.json()["offset"]) == (409, 0)
    assert EvidenceItem.objects.count() == 0


def test_a_disguised_first_chunk_is_answered_with_a_thai_error(teacher_client: Client, media: Path) -> None:
    state = teacher_client.post("/evidence/uploads/", {"name": "แผน.pdf", "size": len(files.HTML)}).json()
    response = put(teacher_client, state["url"], files.HTML, 0, len(files.HTML) - 1)
    assert response.status_code == 422
    assert response.json()["error"].startswith("ไฟล์นี้ไม่ใช่ PDF จริง")
    assert teacher_client.get(state["url"]).status_code == 404  # the upload is over
    assert (UploadSession.objects.count(), stored(media)) == (0, [])


@pytest.mark.parametrize(
    ("content_range", "status"),
    [("", 422), ("bytes 0-9/11", 422), ("bytes 0-99/100", 422), ("items 0-9/10", 422)],
)
def test_malformed_chunks_are_refused(teacher_client: Client, media: Path, content_range: str, status: int) -> None:
    state = teacher_client.post("/evidence/uploads/", {"name": "คลิป.mp4", "size": 10}).json()
    response = teacher_client.post(
        state["url"], b"0123456789", "application/octet-stream", headers={"Content-Range": content_range}
    )
    assert response.status_code == status
    assert UploadSession.objects.get().received_bytes == 0


def test_a_chunk_larger_than_the_chunk_size_is_refused(teacher_client: Client, media: Path, settings: Any) -> None:
    settings.EVIDENCE_CHUNK_MB = 1
    video = files.padded(files.MP4, MB + 1)
    state = teacher_client.post("/evidence/uploads/", {"name": "คลิป.mp4", "size": len(video)}).json()
    assert put(teacher_client, state["url"], video, 0, MB).status_code == 413


def test_an_upload_can_be_cancelled(teacher_client: Client, media: Path) -> None:
    state = teacher_client.post("/evidence/uploads/", {"name": "คลิป.mp4", "size": 100}).json()
    assert teacher_client.delete(state["url"]).json() == {"cancelled": True}
    assert UploadSession.objects.count() == 0


def test_only_the_teacher_side_may_upload_into_an_agreement(
    cast: Cast, teacher_client: Client, agreement: Agreement, media: Path
) -> None:
    set_state(agreement, Agreement.State.APPROVED)
    fields = {"name": "คลิป.mp4", "size": 100, "agreement": agreement.pk, "section": "challenge"}
    assert teacher_client.post("/evidence/uploads/", fields).status_code == 201
    director = Client()
    director.force_login(cast.user("director"))
    assert director.post("/evidence/uploads/", fields).status_code == 403


# --- Downloads -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "content_type", "disposition", "sandboxed"),
    [
        (files.PDF, THAI_EMOJI_NAME, "application/pdf", "inline", False),
        (files.png(), "ภาพ.png", "image/png", "inline", True),
        (files.office("docx"), "รายงาน.docx", DOCX_TYPE, "attachment", True),
        (files.MP4, "คลิป.mp4", "video/mp4", "attachment", True),
    ],
    ids=["pdf", "png", "docx", "mp4"],
)
def test_downloads_are_typed_named_and_fenced(
    cast: Cast,
    teacher_client: Client,
    content: bytes,
    name: str,
    content_type: str,
    disposition: str,
    sandboxed: bool,
) -> None:
    item = add_file(cast, content, name=name)
    response = teacher_client.get(f"/evidence/{item.pk}/file/")
    assert isinstance(response, FileResponse)
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f"{disposition}; filename*=utf-8''{quote(name)}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox") is sandboxed
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "private" in response["Cache-Control"]


def test_a_link_has_no_file_to_download(cast: Cast, teacher_client: Client) -> None:
    from evidence.services import evidence_link_add

    link = evidence_link_add(actor=cast.user("teacher"), owner=cast.teacher, url="https://drive.google.com/x")
    assert teacher_client.get(f"/evidence/{link.pk}/file/").status_code == 404


# --- Links, attach, detach, delete ---------------------------------------------------------------


def test_a_link_added_from_a_section_is_attached_there(teacher_client: Client, agreement: Agreement) -> None:
    response = teacher_client.post(
        "/evidence/links/",
        {"url": "https://youtu.be/abc", "title": "คลิปการสอน", "agreement": agreement.pk, "section": "indicator:1.1"},
    )
    assert response.status_code == 302
    attachment = EvidenceAttachment.objects.select_related("item").get()
    assert (attachment.section, attachment.item.title, attachment.item.host) == (
        "indicator:1.1",
        "คลิปการสอน",
        "youtu.be",
    )


def test_a_bad_link_is_refused_with_a_message(teacher_client: Client) -> None:
    response = teacher_client.post("/evidence/links/", {"url": "javascript:alert(1)"})
    assert texts_of(response) == ["ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://"]
    assert EvidenceItem.objects.count() == 0


def test_attach_from_the_library_and_detach_again(cast: Cast, teacher_client: Client, agreement: Agreement) -> None:
    item = add_file(cast)
    response = teacher_client.post(
        "/evidence/attach/", {"agreement": agreement.pk, "section": "indicator:1.2", "item": item.pk, "shared": "on"}
    )
    assert response.status_code == 302
    attachment = EvidenceAttachment.objects.get()
    assert (attachment.section, attachment.shared_with_committee) == ("indicator:1.2", True)
    assert teacher_client.post(f"/evidence/attachments/{attachment.pk}/detach/").status_code == 302
    assert EvidenceAttachment.objects.count() == 0


def test_evidence_gathered_during_the_year_is_attached_after_approval(
    cast: Cast, teacher_client: Client, agreement: Agreement
) -> None:
    set_state(agreement, Agreement.State.APPROVED)
    item = add_file(cast)
    response = teacher_client.post(
        "/evidence/attach/", {"agreement": agreement.pk, "section": "challenge", "item": item.pk}
    )
    assert response.status_code in (200, 302)
    assert list(EvidenceAttachment.objects.values_list("section", "item_id")) == [("challenge", item.pk)]


def test_deleting_from_the_library(cast: Cast, teacher_client: Client, media: Path) -> None:
    item = add_file(cast)
    assert teacher_client.post(f"/evidence/{item.pk}/delete/").status_code == 302
    assert (EvidenceItem.objects.count(), stored(media)) == (0, [])


# --- Pages and the panel -------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_the_library_page_costs_the_same_at_1_and_3_items(
    cast: Cast, teacher_client: Client, agreement: Agreement, django_assert_num_queries: Any, count: int
) -> None:
    for number in range(count):
        attach(cast, agreement, add_file(cast, name=f"หลักฐาน{number}.pdf"))
    # session, user, memberships with the own person's id, own person (page), items, their attachments
    with django_assert_num_queries(6):
        response = teacher_client.get("/evidence/")
    titles = re.findall(r'<a href="/evidence/\d+/">([^<]*)</a>', response.content.decode())
    assert titles == [f"หลักฐาน{number}.pdf" for number in reversed(range(count))]


@pytest.mark.parametrize("count", [1, 3])
def test_the_agreement_evidence_page_costs_the_same_at_1_and_3_items(
    cast: Cast, client: Client, agreement: Agreement, media: Path, django_assert_num_queries: Any, count: int
) -> None:
    for number in range(count):
        attach(cast, agreement, add_file(cast, name=f"หลักฐาน{number}.pdf"), f"indicator:1.{number + 1}")
    client.force_login(cast.user("director"))
    # session, user, memberships with the own person's id, agreement, attachments of every section
    with django_assert_num_queries(5):
        response = client.get(f"/evidence/agreements/{agreement.pk}/")
    page = response.content.decode()
    assert [title for title in (f"หลักฐาน{n}.pdf" for n in range(count)) if title in page] == [
        f"หลักฐาน{n}.pdf" for n in range(count)
    ]
    # A director reads; only the teacher (or whoever acts for her) changes.
    assert ("evidence-upload" in page, "นำออก" in page) == (False, False)


def render_panel(cast: Cast, agreement: Agreement, source: str, user_name: str = "teacher") -> str:
    request = RequestFactory().get(f"/agreements/{agreement.pk}/step/3/")
    request.user = cast.user(user_name)
    scope_of(request.user)  # the page has read the user's scope before any panel
    return Template("{% load evidence_tags %}" + source).render(Context({"request": request, "agreement": agreement}))


@pytest.mark.parametrize("count", [1, 3])
def test_one_panel_costs_two_queries_whatever_its_items(
    cast: Cast, agreement: Agreement, media: Path, django_assert_num_queries: Any, count: int
) -> None:
    for number in range(count):
        attach(cast, agreement, add_file(cast, name=f"ภาพ{number}.png", content=files.png()))
    with django_assert_num_queries(2):  # the section's attachments, the teacher's library
        html = render_panel(cast, agreement, '{% evidence_panel agreement "indicator:1.1" True %}')
    assert html.count('class="evidence-thumb"') == count
    assert html.count('src="/static/evidence/upload.js"') == 1


@pytest.mark.parametrize("count", [1, 3])
def test_prefetched_panels_cost_two_queries_for_the_whole_page(
    cast: Cast, agreement: Agreement, media: Path, django_assert_num_queries: Any, count: int
) -> None:
    for number in range(count):
        attach(cast, agreement, add_file(cast, name=f"แผน{number}.pdf"), "indicator:1.1")
        attach(cast, agreement, add_file(cast, name=f"งาน{number}.pdf"), "challenge")
    source = (
        "{% evidence_index agreement as evidence_index %}"
        '{% evidence_panel agreement "indicator:1.1" True %}{% evidence_panel agreement "indicator:1.2" True %}'
        '{% evidence_panel agreement "challenge" True %}'
    )
    with django_assert_num_queries(2):
        html = render_panel(cast, agreement, source)
    assert html.count('src="/static/evidence/upload.js"') == 1
    assert html.count("/detach/") == 2 * count


def test_the_panel_offers_only_what_the_user_may_do(cast: Cast, agreement: Agreement, media: Path) -> None:
    attach(cast, agreement, add_file(cast, name="แผน.pdf"))
    add_file(cast, name="ยังไม่แนบ.pdf")
    source = '{% evidence_panel agreement "indicator:1.1" editable %}'.replace("editable", "True")
    teacher = render_panel(cast, agreement, source)
    assert ("ยังไม่แนบ.pdf</option>" in teacher, "data-evidence-upload" in teacher, "/detach/" in teacher) == (
        True,
        True,
        True,
    )
    director = render_panel(cast, agreement, source, "director")
    assert ("แผน.pdf" in director, "<form" in director) == (True, False)
    set_state(agreement, Agreement.State.SUBMITTED)
    submitted = render_panel(cast, agreement, source)
    assert ("data-evidence-upload" in submitted, "/detach/" in submitted) == (True, True)


# --- What the views say when something is refused ------------------------------------------------------


def test_the_plain_form_asks_for_a_file(teacher_client: Client) -> None:
    response = teacher_client.post("/evidence/upload/", {})
    assert texts_of(response) == ["กรุณาเลือกไฟล์ที่จะอัปโหลด"]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"name": "คลิป.mp4", "size": "ไม่ทราบ"}, "ไม่ทราบขนาดไฟล์ กรุณาเลือกไฟล์ใหม่"),
        ({"name": "คลิป.mp4", "size": "0"}, "ไฟล์นี้ว่างเปล่า ไม่มีข้อมูล กรุณาเลือกไฟล์ใหม่"),
    ],
)
def test_a_refused_start_answers_a_thai_error(teacher_client: Client, fields: dict[str, str], error: str) -> None:
    response = teacher_client.post("/evidence/uploads/", fields)
    assert (response.status_code, response.json()) == (422, {"error": error})


def test_a_refused_finish_answers_a_thai_error(teacher_client: Client, media: Path) -> None:
    active = files.PDF_JAVASCRIPT
    state = teacher_client.post("/evidence/uploads/", {"name": "แผน.pdf", "size": len(active)}).json()
    put(teacher_client, state["url"], active, 0, len(active) - 1)
    response = teacher_client.post(state["finish_url"])
    assert response.status_code == 422
    assert response.json()["error"].startswith("ไฟล์ PDF นี้มีสคริปต์หรือคำสั่งเปิดโปรแกรม")
    assert (EvidenceItem.objects.count(), stored(media)) == (0, [])


def test_an_upload_finished_after_submission_is_still_attached(
    teacher_client: Client, agreement: Agreement, media: Path
) -> None:
    state = teacher_client.post(
        "/evidence/uploads/",
        {"name": "คลิป.mp4", "size": len(files.MP4), "agreement": agreement.pk, "section": "challenge"},
    ).json()
    put(teacher_client, state["url"], files.MP4, 0, len(files.MP4) - 1)
    set_state(agreement, Agreement.State.SUBMITTED)  # sent to the director while the video travelled
    response = teacher_client.post(state["finish_url"])
    assert response.status_code == 201
    assert texts_of(response) == ["แนบหลักฐานแล้ว: คลิป.mp4"]
    assert (EvidenceItem.objects.count(), EvidenceAttachment.objects.count()) == (1, 1)


def test_attaching_to_a_section_that_does_not_exist_says_so(
    cast: Cast, teacher_client: Client, agreement: Agreement
) -> None:
    item = add_file(cast)
    response = teacher_client.post(
        "/evidence/attach/", {"agreement": agreement.pk, "section": "workload", "item": item.pk}
    )
    assert texts_of(response) == ["ไม่พบหัวข้อนี้ในข้อตกลง"]


def test_an_attached_item_is_not_deleted(cast: Cast, teacher_client: Client, agreement: Agreement) -> None:
    item = add_file(cast)
    attach(cast, agreement, item)
    response = teacher_client.post(f"/evidence/{item.pk}/delete/")
    assert texts_of(response) == ["หลักฐานนี้ยังแนบอยู่กับข้อตกลง กรุณานำออกจากข้อตกลงก่อนแล้วจึงลบ"]
    assert EvidenceItem.objects.count() == 1


def test_the_detail_page_tells_the_owner_where_an_item_is_used(
    cast: Cast, teacher_client: Client, agreement: Agreement
) -> None:
    item = add_file(cast, files.png(), name="ภาพ.png")
    attach(cast, agreement, item, "indicator:3.2", shared=False)
    page = teacher_client.get(f"/evidence/{item.pk}/").content.decode()
    assert "ปีงบประมาณ 2570</a> · ตัวชี้วัด 3.2" in page
    assert "ยังไม่ให้คณะกรรมการเห็น" in page
    assert f'<img src="/evidence/{item.pk}/file/"' in page


def test_a_chunk_cut_short_is_answered_with_the_offset_to_resend_from(teacher_client: Client, media: Path) -> None:
    state = teacher_client.post("/evidence/uploads/", {"name": "คลิป.mp4", "size": 10}).json()
    response = teacher_client.post(
        state["url"], b"01234", "application/octet-stream", headers={"Content-Range": "bytes 0-9/10"}
    )
    assert (response.status_code, response.json()["offset"]) == (409, 0)


def test_a_small_first_chunk_is_judged_when_the_file_is_whole(teacher_client: Client, media: Path) -> None:
    page = files.padded(files.HTML, 10_000)
    state = teacher_client.post("/evidence/uploads/", {"name": "แผน.pdf", "size": len(page)}).json()
    assert put(teacher_client, state["url"], page, 0, 99).status_code == 200  # too little to judge yet
    assert put(teacher_client, state["url"], page, 100, len(page) - 1).status_code == 200
    response = teacher_client.post(state["finish_url"])
    assert response.status_code == 422
    assert response.json()["error"].startswith("ไฟล์นี้ไม่ใช่ PDF จริง")
    assert (EvidenceItem.objects.count(), stored(media)) == (0, [])


@pytest.mark.parametrize(
    ("section", "name", "anchor"),
    [("indicator:2.3", "ตัวชี้วัด 2.3", "evidence-indicator-2-3"), ("challenge", "ประเด็นท้าทาย", "evidence-challenge")],
)
def test_section_names_and_anchors(section: str, name: str, anchor: str) -> None:
    html = Template("{% load evidence_tags %}{{ key|evidence_section }}|{{ key|evidence_anchor }}").render(
        Context({"key": section})
    )
    assert html == f"{name}|{anchor}"


def test_the_agreement_pages_carry_the_evidence_panels(cast: Cast, agreement: Agreement, media: Path) -> None:
    attach(cast, agreement, add_file(cast, name="แผนการจัดการเรียนรู้.pdf"))
    set_state(agreement, Agreement.State.SUBMITTED)
    teacher = Client()
    teacher.force_login(cast.user("teacher"))
    part1 = teacher.get(f"/agreements/{agreement.pk}/step/3/").content.decode()
    assert "แผนการจัดการเรียนรู้.pdf" in part1
    assert part1.count("data-evidence-upload") == 15  # one upload per indicator, even after submission
    director = Client()
    director.force_login(cast.user("director"))
    review = director.get(f"/agreements/{agreement.pk}/review/").content.decode()
    assert "แผนการจัดการเรียนรู้.pdf" in review
    assert "data-evidence-upload" not in review
