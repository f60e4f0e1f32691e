"""Thai search matches words, not pieces of words: the segmentation is what makes it right."""

from __future__ import annotations

from collections import Counter

import pytest

from helpcentre.access import Places
from helpcentre.queries import search_pages
from helpcentre.search import forms_of, index_words, query_groups, snippet
from tests.conftest import Cast
from tests.helpcentre.factories import make_page, national


def test_a_nominalised_word_is_indexed_with_its_stem() -> None:
    assert forms_of("การประเมิน") == frozenset({"การประเมิน", "ประเมิน"})
    assert forms_of("ความรู้") == frozenset({"ความรู้", "รู้"})
    assert forms_of("ตาราง") == frozenset({"ตาราง"})


def test_index_words_are_newmm_words_without_function_words_or_punctuation() -> None:
    assert index_words("ข้อตกลงในการพัฒนางาน, ภาระงาน!") == Counter(
        {"ข้อตกลง": 1, "การพัฒนา": 1, "พัฒนา": 1, "งาน": 2, "ภาระ": 1}
    )


def test_query_groups_keep_order_drop_repeats_and_read_thai_digits() -> None:
    assert query_groups("ตัวชี้วัด ๑.๑ ตัวชี้วัด") == [
        frozenset({"ตัว"}),
        frozenset({"ชี้"}),
        frozenset({"วัด"}),
        frozenset({"1.1"}),
    ]


@pytest.fixture
def pages(cast: Cast) -> dict[str, int]:
    admin = cast.user("system_admin")
    return {
        "evaluate": make_page(admin, national(), title="ขั้นตอน", body="กรรมการประเมินครูสามคน").pk,
        "table": make_page(admin, national(), title="ตารางสอน", body="ตารางเรียนของโรงเรียน").pk,
        "eye": make_page(admin, national(), title="สุขภาพ", body="ดูแลตาของนักเรียน").pk,
    }


def titles(query: str) -> list[str]:
    return [result.page.title for result in search_pages(query, Places())]


def test_a_query_for_the_noun_finds_a_page_that_uses_the_verb(pages: dict[str, int]) -> None:
    assert titles("การประเมิน") == ["ขั้นตอน"]


def test_a_short_word_does_not_match_inside_a_longer_word(pages: dict[str, int]) -> None:
    # Substring search would find "ตา" in "ตารางสอน" and "ตารางเรียน"; word search finds only the page about eyes.
    from helpcentre.models import Page

    assert sorted(Page.objects.filter(body_text__contains="ตา").values_list("title", flat=True)) == [
        "ตารางสอน",
        "สุขภาพ",
    ]
    assert titles("ตา") == ["สุขภาพ"]


def test_pages_rank_by_how_many_query_words_they_contain(cast: Cast) -> None:
    admin = cast.user("system_admin")
    make_page(admin, national(), title="ภาระงาน", body="ชั่วโมงสอน")
    make_page(admin, national(), title="ภาระงานและประเด็นท้าทาย", body="ชั่วโมงสอนและประเด็นท้าทาย")
    assert titles("ภาระงาน ประเด็นท้าทาย") == ["ภาระงานและประเด็นท้าทาย", "ภาระงาน"]


def test_drafts_are_not_found(cast: Cast) -> None:
    make_page(cast.user("system_admin"), national(), title="ร่างคู่มือ", body="การประเมิน", publish=False)
    assert titles("การประเมิน") == []


def test_a_snippet_marks_whole_words_only() -> None:
    pieces = snippet("ตารางสอนและการดูแลตาของนักเรียน", query_groups("ตา"))
    assert [text for text, matched in pieces if matched] == ["ตา"]
    assert "".join(text for text, _matched in pieces) == "ตารางสอนและการดูแลตาของนักเรียน"
