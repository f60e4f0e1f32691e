"""Buddhist-era dates and Thai digits: the functions and the template filters print the same thing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from thaitext import be_date, be_datetime, thai_digits, thai_sorted

BANGKOK = ZoneInfo("Asia/Bangkok")


@pytest.mark.parametrize(
    ("value", "thai", "thai_with_digits", "english"),
    [
        (date(2025, 10, 1), "1 ตุลาคม 2568", "๑ ตุลาคม ๒๕๖๘", "1 October 2568 BE"),
        (date(2026, 9, 30), "30 กันยายน 2569", "๓๐ กันยายน ๒๕๖๙", "30 September 2569 BE"),
        (date(2024, 2, 29), "29 กุมภาพันธ์ 2567", "๒๙ กุมภาพันธ์ ๒๕๖๗", "29 February 2567 BE"),
        (date(2021, 1, 9), "9 มกราคม 2564", "๙ มกราคม ๒๕๖๔", "9 January 2564 BE"),
        (date(2025, 12, 31), "31 ธันวาคม 2568", "๓๑ ธันวาคม ๒๕๖๘", "31 December 2568 BE"),
    ],
)
def test_be_date_in_thai_thai_digits_and_english(value: date, thai: str, thai_with_digits: str, english: str) -> None:
    assert be_date(value) == thai
    assert be_date(value, digits=True) == thai_with_digits
    assert be_date(value, language="en") == english
    assert be_date(value, language="en-us") == english


def test_be_date_of_nothing_is_empty() -> None:
    assert (be_date(None), be_datetime(None)) == ("", "")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # 20:00 UTC on 30 September is 03:00 on 1 October in Bangkok: a new fiscal year already.
        (datetime(2025, 9, 30, 20, 0, tzinfo=UTC), "1 ตุลาคม 2568"),
        (datetime(2025, 9, 30, 16, 59, tzinfo=UTC), "30 กันยายน 2568"),
        (datetime(2025, 9, 30, 17, 0, tzinfo=UTC), "1 ตุลาคม 2568"),
        (datetime(2025, 10, 1, 6, 0, tzinfo=timezone(timedelta(hours=-5))), "1 ตุลาคม 2568"),
        (datetime(2025, 10, 1, 0, 30, tzinfo=BANGKOK), "1 ตุลาคม 2568"),
    ],
)
def test_aware_datetimes_are_shown_in_bangkok_time(moment: datetime, expected: str) -> None:
    assert be_date(moment) == expected


def test_be_datetime_shows_the_bangkok_clock() -> None:
    moment = datetime(2025, 9, 30, 20, 5, tzinfo=UTC)
    assert be_datetime(moment) == "1 ตุลาคม 2568 03:05 น."
    assert be_datetime(moment, digits=True) == "๑ ตุลาคม ๒๕๖๘ ๐๓:๐๕ น."
    assert be_datetime(moment, language="en") == "1 October 2568 BE 03:05"


def test_thai_digits_replaces_every_arabic_digit_only() -> None:
    assert thai_digits("ปีงบประมาณ 2569 ข้อ 1.10") == "ปีงบประมาณ ๒๕๖๙ ข้อ ๑.๑๐"
    assert thai_digits(1234567890) == "๑๒๓๔๕๖๗๘๙๐"
    assert thai_digits("PA 1/ส") == "PA ๑/ส"


def render(source: str, **context: object) -> str:
    return Template("{% load thai %}" + source).render(Context(context))


def test_the_filters_print_what_the_functions_print_in_thai() -> None:
    day = date(2025, 10, 1)
    moment = datetime(2025, 9, 30, 20, 5, tzinfo=UTC)
    with translation.override("th"):
        assert render("{{ day|be_date }}", day=day) == "1 ตุลาคม 2568"
        assert render("{{ day|be_date:thai_digits }}", day=day, thai_digits=True) == "๑ ตุลาคม ๒๕๖๘"
        assert render("{{ day|be_date:thai_digits }}", day=day, thai_digits=False) == "1 ตุลาคม 2568"
        assert render("{{ moment|be_date }}", moment=moment) == "1 ตุลาคม 2568"
        assert render("{{ moment|be_datetime }}", moment=moment) == "1 ตุลาคม 2568 03:05 น."
        assert render("{{ moment|be_datetime:True }}", moment=moment) == "๑ ตุลาคม ๒๕๖๘ ๐๓:๐๕ น."
        assert render("{{ number|digits:True }}", number=2569) == "๒๕๖๙"
        assert render("{{ number|digits }}", number=2569) == "2569"
        assert render("[{{ nothing|be_date }}]", nothing=None) == "[]"


def test_the_filters_follow_the_english_locale() -> None:
    with translation.override("en"):
        assert render("{{ day|be_date }}", day=date(2025, 10, 1)) == "1 October 2568 BE"
        assert render("{{ moment|be_datetime }}", moment=datetime(2025, 9, 30, 20, 5, tzinfo=UTC)) == (
            "1 October 2568 BE 03:05"
        )


def test_thai_sorted_puts_leading_vowels_under_their_consonant() -> None:
    names = ["ไพรวัลย์", "สมชาย", "เกศินี", "กมล", "แก้วตา", "ฮานา"]
    assert thai_sorted(names, key=str) == ["กมล", "เกศินี", "แก้วตา", "ไพรวัลย์", "สมชาย", "ฮานา"]


def test_thai_sorted_keeps_items_with_equal_keys() -> None:
    rows = [("สมชาย", 1), ("กมล", 2), ("สมชาย", 3)]
    assert thai_sorted(rows, key=lambda row: row[0]) == [("กมล", 2), ("สมชาย", 1), ("สมชาย", 3)]
