"""Help centre pages through the client: public reading, search, context help, the editor and its history."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from helpcentre.models import Page
from helpcentre.queries import area_help_url
from tests.conftest import Cast, grant, logged_in, make_area_office, make_national_id, make_person
from tests.helpcentre.factories import area_scope, make_page, national, province_scope

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def text(response: Any) -> str:
    return str(response.content.decode())


def fresh(school: Any) -> Any:
    """A new teacher of `school`: her login."""
    person = make_person(
        school=school, first_name="ครูไกล", last_name="ต่างจังหวัด", national_id_value=make_national_id(880_001)
    )
    return person.user


def page_titles(html: str) -> list[str]:
    return re.findall(r'<a href="/help/pages/\d+/(?:\?area=\d+)?">([^<]+)</a>', html)


@pytest.fixture
def pages(cast: Cast) -> dict[str, Page]:
    admin = cast.user("system_admin")
    return {
        "national": make_page(admin, national(), title="หลักเกณฑ์ส่วนกลาง"),
        "area": make_page(cast.user("area_officer"), area_scope(cast.area), title="กำหนดการเขต 1"),
        "other_area": make_page(cast.user("other_area_officer"), area_scope(cast.other_area), title="กำหนดการเขต 2"),
        "province": make_page(cast.user("inspector"), province_scope(cast.province), title="ประกาศจังหวัด"),
        "far": make_page(admin, area_scope(cast.far_area), title="ของต่างจังหวัด"),
        "draft": make_page(cast.user("area_officer"), area_scope(cast.area), title="ร่างของเขต 1", publish=False),
    }


def test_the_area_help_centre_opens_without_a_login_and_shows_national_area_and_province_pages(
    client: Client, cast: Cast, pages: dict[str, Page]
) -> None:
    response = client.get(f"/help/area/{cast.area.code}/")
    assert response.status_code == 200
    assert sorted(page_titles(text(response))) == sorted(["หลักเกณฑ์ส่วนกลาง", "กำหนดการเขต 1", "ประกาศจังหวัด"])


def test_the_poster_url_is_this_systems_area_help_centre(cast: Cast, settings: Any) -> None:
    settings.SITE_URL = "https://pa.example.go.th/"
    assert area_help_url(cast.area) == f"https://pa.example.go.th/help/area/{cast.area.code}/"


def test_a_teacher_sees_national_pages_and_those_of_her_area_and_province(cast: Cast, pages: dict[str, Page]) -> None:
    html = text(logged_in(cast.user("teacher")).get("/help/"))
    assert sorted(page_titles(html)) == sorted(["หลักเกณฑ์ส่วนกลาง", "กำหนดการเขต 1", "ประกาศจังหวัด"])


def test_anonymous_readers_see_national_pages_and_can_choose_an_area(
    client: Client, cast: Cast, pages: dict[str, Page]
) -> None:
    html = text(client.get("/help/"))
    assert page_titles(html) == ["หลักเกณฑ์ส่วนกลาง"]
    assert f'<option value="{cast.area.code}">' in html
    response = client.get(f"/help/?area={cast.other_area.code}")
    assert (response.status_code, response["Location"]) == (302, f"/help/area/{cast.other_area.code}/")


def test_a_published_page_is_public_and_a_draft_is_not(client: Client, cast: Cast, pages: dict[str, Page]) -> None:
    assert "หลักเกณฑ์ส่วนกลาง" in text(client.get(f"/help/pages/{pages['national'].pk}/"))
    assert client.get(f"/help/pages/{pages['draft'].pk}/").status_code == 404
    assert logged_in(cast.user("teacher")).get(f"/help/pages/{pages['draft'].pk}/").status_code == 404
    assert logged_in(cast.user("other_area_officer")).get(f"/help/pages/{pages['draft'].pk}/").status_code == 404
    assert "ฉบับร่าง ยังไม่เผยแพร่" in text(logged_in(cast.user("area_officer")).get(f"/help/pages/{pages['draft'].pk}/"))


def test_search_in_an_areas_help_centre_finds_words_of_that_area(client: Client, cast: Cast) -> None:
    make_page(cast.user("area_officer"), area_scope(cast.area), title="การประเมินของเขต", body="ขั้นตอนการประเมิน")
    make_page(cast.user("other_area_officer"), area_scope(cast.other_area), title="การประเมินเขตอื่น", body="ประเมิน")
    html = text(client.get("/help/search/", {"q": "ประเมิน", "area": cast.area.code}))
    assert re.findall(r'<h2><a href="/help/pages/\d+/\?area=\d+">([^<]+)</a>', html) == ["การประเมินของเขต"]
    assert "<mark>การประเมิน</mark>" in html


def test_a_help_key_opens_the_nearest_offices_page_and_falls_back_to_a_search(cast: Cast) -> None:
    national_page = make_page(
        cast.user("system_admin"), national(), title="ภาระงาน (ส่วนกลาง)", keys=("section:workload",)
    )
    area_page = make_page(
        cast.user("area_officer"), area_scope(cast.area), title="ภาระงาน (เขต 1)", keys=("section:workload",)
    )
    teacher = logged_in(cast.user("teacher"))
    response = teacher.get("/help/key/section:workload/")
    assert (response.status_code, response["Location"]) == (302, f"/help/pages/{area_page.pk}/")
    far_teacher = logged_in(fresh(cast.far_school))
    assert far_teacher.get("/help/key/section:workload/")["Location"] == f"/help/pages/{national_page.pk}/"
    fallback = teacher.get("/help/key/indicator:1.2/")
    assert fallback["Location"] == "/help/search/?" + urlencode({"q": "1.2 ออกแบบการจัดการเรียนรู้"})


def test_the_agreement_form_and_the_score_sheet_link_each_indicator_to_its_help(cast: Cast) -> None:
    from tests.committees.factories import member_user, round_for

    round_ = round_for(cast)
    agreement = round_.agreement
    html = text(logged_in(cast.user("teacher")).get(f"/agreements/{agreement.pk}/step/3/"))
    assert html.count('class="help-link" href="/help/key/indicator:') == 15
    assert 'href="/help/key/indicator:1.1/"' in html
    step2 = text(logged_in(cast.user("teacher")).get(f"/agreements/{agreement.pk}/step/2/"))
    assert 'href="/help/key/section:workload/"' in step2
    member = logged_in(member_user(cast, 2))
    sheet = member.get(f"/evaluations/{round_.evaluation.pk}/sheet/", follow=True)
    assert sheet.status_code == 200
    assert text(sheet).count('class="help-link" href="/help/key/indicator:') == 15
    assert text(sheet).count('class="help-link" href="/help/key/section:challenge/"') == 3


def test_an_officer_writes_previews_publishes_and_sees_the_history(cast: Cast) -> None:
    officer = logged_in(cast.user("area_officer"))
    form = text(officer.get("/help/pages/new/"))
    assert f'<option value="area:{cast.area.pk}"' in form
    response = officer.post(
        "/help/pages/new/",
        {
            "scope": f"area:{cast.area.pk}",
            "kind": "manual",
            "audience": "teacher",
            "title": "คู่มือครู",
            "summary": "",
            "body": "1. เข้าสู่ระบบ",
            "keys": "pa1 section:workload",
            "position": "10",
            "note": "",
        },
    )
    page = Page.objects.get(title="คู่มือครู")
    assert (response.status_code, response["Location"]) == (302, f"/help/pages/{page.pk}/edit/")
    assert (page.status, page.audience, page.area_office_id) == (Page.Status.DRAFT, "teacher", cast.area.pk)
    preview = officer.post("/help/preview/", {"body": "**ตัวหนา** <script>x()</script>"})
    assert text(preview) == '<div class="help-body"><p><strong>ตัวหนา</strong> </p></div>\n'
    officer.post(
        f"/help/pages/{page.pk}/edit/",
        {
            "kind": "manual",
            "audience": "teacher",
            "title": "คู่มือครู",
            "summary": "",
            "body": "1. เข้าสู่ระบบด้วยอีเมล",
            "keys": "pa1",
            "position": "10",
            "note": "เพิ่มอีเมล",
            "revision": "1",
        },
    )
    officer.post(f"/help/pages/{page.pk}/publish/")
    page.refresh_from_db()
    assert (page.status, page.revision) == (Page.Status.PUBLISHED, 2)
    history = text(officer.get(f"/help/pages/{page.pk}/history/"))
    assert "<ins>ด้วย</ins><ins>อีเมล</ins>" in history or "<ins>ด้วยอีเมล</ins>" in history
    assert "เพิ่มอีเมล" in history


def test_a_stale_edit_is_refused_with_the_text_kept(cast: Cast) -> None:
    page = make_page(cast.user("area_officer"), area_scope(cast.area), title="เดิม")
    officer = logged_in(cast.user("area_officer"))
    data = {
        "kind": "criteria",
        "audience": "",
        "title": "ใหม่",
        "summary": "",
        "body": "ข้อความใหม่ของฉัน",
        "keys": "",
        "position": "100",
        "note": "",
        "revision": "0",
    }
    response = officer.post(f"/help/pages/{page.pk}/edit/", data)
    assert response.status_code == 409
    assert "ข้อความใหม่ของฉัน</textarea>" in text(response)
    page.refresh_from_db()
    assert page.title == "เดิม"


def test_another_areas_officer_gets_404_on_every_editor_page(cast: Cast) -> None:
    page = make_page(cast.user("area_officer"), area_scope(cast.area), title="ของเขต 1")
    other = logged_in(cast.user("other_area_officer"))
    for url in (f"/help/pages/{page.pk}/edit/", f"/help/pages/{page.pk}/history/"):
        assert other.get(url).status_code == 404
    for url in (f"/help/pages/{page.pk}/edit/", f"/help/pages/{page.pk}/unpublish/", f"/help/pages/{page.pk}/files/"):
        assert other.post(url, {"title": "x"}).status_code == 404
    page.refresh_from_db()
    assert (page.title, page.status) == ("ของเขต 1", Page.Status.PUBLISHED)
    assert logged_in(cast.user("teacher")).get("/help/manage/").status_code == 403
    assert logged_in(cast.user("outsider")).get("/help/pages/new/").status_code == 403


def test_a_file_downloads_for_anyone_once_the_page_is_published(client: Client, cast: Cast) -> None:
    officer = logged_in(cast.user("area_officer"))
    page = make_page(cast.user("area_officer"), area_scope(cast.area), kind="forms", title="แบบฟอร์ม")
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer.post(
        f"/help/pages/{page.pk}/files/", {"title": "PA 1 เปล่า", "upload": SimpleUploadedFile("a.pdf", PDF_BYTES)}
    )
    attached = page.files.get()
    response = client.get(f"/help/files/{attached.pk}/")
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert (response.status_code, response["Content-Type"], body) == (
        200,
        "application/pdf",
        PDF_BYTES,
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=300"
    assert not response["Content-Security-Policy"].startswith("sandbox")  # Chrome's PDF viewer will not run in one
    officer.post(f"/help/pages/{page.pk}/unpublish/")
    assert client.get(f"/help/files/{attached.pk}/").status_code == 404
    draft = officer.get(f"/help/files/{attached.pk}/")  # its editor still reads it, never through a shared cache
    assert draft.status_code == 200
    assert set(draft["Cache-Control"].split(", ")) == {"private", "no-store"}


def test_only_an_editor_of_the_page_removes_its_file(cast: Cast) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer = logged_in(cast.user("area_officer"))
    page = make_page(cast.user("area_officer"), area_scope(cast.area), kind="forms", title="แบบฟอร์ม")
    officer.post(f"/help/pages/{page.pk}/files/", {"title": "PA 1", "upload": SimpleUploadedFile("a.pdf", PDF_BYTES)})
    attached = page.files.get()
    for name in ("teacher", "other_area_officer", "outsider"):
        assert logged_in(cast.user(name)).post(f"/help/files/{attached.pk}/remove/").status_code == 404
    assert page.files.count() == 1
    assert officer.post(f"/help/files/{attached.pk}/remove/").status_code == 302
    assert page.files.count() == 0


# --- query counts: list pages cost the same at 1 and at 3 items ----------------------------------------


def _area_pages(cast: Cast, count: int) -> None:
    for number in range(count):
        make_page(cast.user("area_officer"), area_scope(cast.area), title=f"ประเมินหน้า {number}", body="การประเมิน")


@pytest.mark.parametrize("count", [1, 3])
def test_area_help_centre_queries_do_not_grow(
    client: Client, cast: Cast, django_assert_num_queries: Any, count: int
) -> None:
    _area_pages(cast, count)
    # area office, pages with their offices
    with django_assert_num_queries(2):
        html = text(client.get(f"/help/area/{cast.area.code}/"))
    assert len(page_titles(html)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_help_home_queries_do_not_grow(cast: Cast, django_assert_num_queries: Any, count: int) -> None:
    _area_pages(cast, count)
    teacher = logged_in(cast.user("teacher"))
    # session, user, memberships, the teacher's areas, pages, the list of areas to choose from
    with django_assert_num_queries(6):
        html = text(teacher.get("/help/"))
    assert len(page_titles(html)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_search_queries_do_not_grow(client: Client, cast: Cast, django_assert_num_queries: Any, count: int) -> None:
    _area_pages(cast, count)
    # area office, ranked words, pages
    with django_assert_num_queries(3):
        response = client.get("/help/search/", {"q": "ประเมิน", "area": cast.area.code})
    assert len(response.context["results"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_manage_queries_do_not_grow(cast: Cast, django_assert_num_queries: Any, count: int) -> None:
    _area_pages(cast, count)
    officer = logged_in(cast.user("area_officer"))
    # session, user, memberships, pages with their offices and editors
    with django_assert_num_queries(4):
        response = officer.get("/help/manage/")
    assert len(response.context["pages"]) == count


def test_a_new_area_without_pages_shows_the_empty_state(client: Client, cast: Cast) -> None:
    area = make_area_office(cast.province, "6599")
    grant(cast.area_officer, "area_staff", area_office=area)
    assert "ยังไม่มีหน้าที่เผยแพร่" in text(client.get(f"/help/area/{area.code}/"))


def test_the_help_centre_reads_in_english_when_english_is_chosen(client: Client, cast: Cast) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/help/"})
    html = text(client.get(f"/help/area/{cast.area.code}/"))
    assert "<h1>PA help centre</h1>" in html
    assert "Ask a question" in html
    assert "ศูนย์ช่วยเหลือ PA" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_history_queries_do_not_grow(cast: Cast, django_assert_num_queries: Any, count: int) -> None:
    from helpcentre.services import PageDraft, page_save

    officer = cast.user("area_officer")
    page = make_page(officer, area_scope(cast.area), title="ฉบับ 1", body="ข้อความ 1")
    for number in range(2, count + 1):
        draft = PageDraft(kind=page.kind, title=f"ฉบับ {number}", body=f"ข้อความ {number}")
        page = page_save(actor=officer, page=page, draft=draft, base_revision=number - 1)
    client = logged_in(officer)
    # session, user, memberships, the page with its offices and editor, revisions with their authors
    with django_assert_num_queries(5):
        response = client.get(f"/help/pages/{page.pk}/history/")
    assert len(response.context["rows"]) == count
