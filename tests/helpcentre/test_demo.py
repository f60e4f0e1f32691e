"""The demo's help pages: published, searchable, one per manual role, made once however often seed_demo runs."""

from __future__ import annotations

from helpcentre.access import Places
from helpcentre.demo import NATIONAL_PAGES, build_help_demo
from helpcentre.models import Page, PageKey
from helpcentre.queries import page_for_key, search_pages
from tests.conftest import Cast


def test_the_demo_help_pages_are_built_once(cast: Cast) -> None:
    assert cast.area.code == "6501"  # the demo's first area office: it gets a page of its own
    assert build_help_demo() == len(NATIONAL_PAGES) + 1
    assert (
        Page.objects.filter(area_office=cast.area).values_list("title", flat=True).get() == "กำหนดการส่งข้อตกลงของเขตพื้นที่"
    )
    created = Page.objects.count()
    assert build_help_demo() == 0
    assert Page.objects.count() == created
    assert set(Page.objects.values_list("status", flat=True)) == {Page.Status.PUBLISHED}
    manuals = Page.objects.filter(kind=Page.Kind.MANUAL).values_list("audience", flat=True)
    assert sorted(manuals) == ["area_staff", "committee", "director", "teacher"]
    assert sorted(PageKey.objects.values_list("key", flat=True)) == [
        "indicator:1.1",
        "pa1",
        "pa2",
        "pa3",
        "section:challenge",
        "section:workload",
    ]


def test_the_demo_pages_answer_context_help_and_thai_search(cast: Cast) -> None:
    build_help_demo()
    workload = page_for_key("section:workload", Places())
    assert workload is not None
    assert workload.title == "ภาระงานของครู (ว 21/2564)"
    titles = [result.page.title for result in search_pages("การประเมิน", Places())][:1]
    assert titles == ["หลักเกณฑ์การประเมินข้อตกลงในการพัฒนางาน (PA) ตาม ว 9/2564"]


def test_without_a_system_admin_nothing_is_built(db: None) -> None:
    assert build_help_demo() == 0
    assert Page.objects.count() == 0
