"""Display names keep the teacher's Thai and emoji exactly; only what can mislead or break a header goes."""

from __future__ import annotations

import pytest

from evidence.names import TITLE_MAX, display_name, download_name
from tests.evidence.conftest import THAI_EMOJI_NAME


def test_thai_combining_marks_and_emoji_are_kept_exactly() -> None:
    assert display_name(THAI_EMOJI_NAME) == THAI_EMOJI_NAME


def test_decomposed_accents_are_not_normalised() -> None:
    decomposed = "cafe\u0301 ที่ดี้.pdf"
    assert display_name(decomposed) == decomposed


@pytest.mark.parametrize(
    ("declared", "shown"),
    [
        ("C:\\fakepath\\รายงาน.pdf", "รายงาน.pdf"),
        ("folder/sub/ภาพ.png", "ภาพ.png"),
        ("bad\u202eexe.pdf", "badexe.pdf"),
        ("line\r\nbreak.pdf", "linebreak.pdf"),
        ("  ชื่อ.pdf  ", "ชื่อ.pdf"),
    ],
)
def test_folders_controls_and_bidi_overrides_are_removed(declared: str, shown: str) -> None:
    assert display_name(declared) == shown


def test_a_long_name_is_cut_between_clusters() -> None:
    name = "ก" * (TITLE_MAX - 2) + "น้ำ"  # the cut would fall between น้ and ำ
    shortened = display_name(name)
    assert shortened == "ก" * (TITLE_MAX - 2)


def test_an_emoji_sequence_is_not_split() -> None:
    name = "ก" * (TITLE_MAX - 3) + "👩🏽‍🏫"
    assert display_name(name) == "ก" * (TITLE_MAX - 3)


@pytest.mark.parametrize(
    ("title", "extension", "saved_as"),
    [
        ("แผน.pdf", ".pdf", "แผน.pdf"),
        ("ภาพ.JPEG", ".jpg", "ภาพ.JPEG"),
        ("แผน.pdf", ".png", "แผน.pdf.png"),
        ("แผน", ".pdf", "แผน.pdf"),
    ],
)
def test_downloads_carry_the_real_types_extension(title: str, extension: str, saved_as: str) -> None:
    assert download_name(title, extension) == saved_as
