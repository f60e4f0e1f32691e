"""The agreement's sections as plain Python: their shapes, completeness and workload hours. No database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreements.content import (
    CHALLENGE_FIELDS,
    PLAN_FIELDS,
    Problem,
    check_complete,
    check_shape,
    check_workload,
    empty_section,
    parse_hours,
    section_keys,
    workload_hours,
)
from rulebook import load_edition

EDITION = load_edition()
YEAR = 2570
SEMESTERS = ("2/2569", "1/2570")  # semester 2 of academic year 2569, semester 1 of 2570
INDICATOR_CODES = [
    *("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"),
    *("2.1", "2.2", "2.3", "2.4"),
    *("3.1", "3.2", "3.3"),
]
INDICATOR_KEYS = [f"indicator:{code}" for code in INDICATOR_CODES]
REQUIRED_CATEGORIES = {
    "teaching": "ชั่วโมงสอนตามตารางสอน รวมกิจกรรมพัฒนาผู้เรียน",
    "learning_support": "งานส่งเสริมและสนับสนุนการจัดการเรียนรู้",
    "quality_development": "งานพัฒนาคุณภาพการจัดการศึกษาของสถานศึกษา",
}
# Thai with stacked vowels and tone marks (น้ำ, ผู้, ที่), Thai digits, and emoji including a ZWJ sequence.
THAI_TEXT = "น้ำใจของผู้เรียนที่ดีขึ้น ๑๒ คน 👩🏽‍🏫📚 ครูสอนดี"


def item(category: str = "teaching", hours: Any = "4", name: str = "ภาษาไทย", code: str = "ท21101") -> dict[str, Any]:
    return {"category": category, "code": code, "name": name, "hours": hours}


def workload(*items: Any) -> dict[str, Any]:
    return {"items": list(items)}


def plan(text: str = "ทำ", **extra: Any) -> dict[str, Any]:
    return {**dict.fromkeys(PLAN_FIELDS, text), "by_semester": False, "semesters": {}, **extra}


def complete_sections() -> dict[str, dict[str, Any]]:
    sections: dict[str, dict[str, Any]] = {
        "classroom": {"types": ["general"]},
        "workload": workload(
            item("teaching", "14"),
            item("learning_support", "4", name="งานทะเบียน", code=""),
            item("quality_development", "3", name="งานประกันคุณภาพ", code=""),
        ),
        "challenge": dict.fromkeys(CHALLENGE_FIELDS, "ข้อความ"),
    }
    sections.update({key: plan() for key in INDICATOR_KEYS})
    return sections


def shape(key: str, content: Any) -> list[Problem]:
    return check_shape(key, content, EDITION, YEAR)


# --- Section keys -------------------------------------------------------------------------------


def test_section_keys_follow_the_form() -> None:
    assert section_keys(EDITION) == ("classroom", "workload", *INDICATOR_KEYS, "challenge")
    assert len(section_keys(EDITION)) == 18


# --- Shape: accept what is unfinished -------------------------------------------------------------


@pytest.mark.parametrize("key", ["classroom", "workload", "indicator:1.1", "indicator:3.3", "challenge"])
def test_an_empty_section_has_a_valid_shape(key: str) -> None:
    assert shape(key, empty_section(key)) == []


@pytest.mark.parametrize(
    ("key", "content"),
    [
        ("classroom", {"types": []}),
        ("workload", workload(item(hours=""), item(hours=None), {"category": "policy_response"})),
        ("indicator:1.1", {"tasks": "เริ่มเขียน"}),
        ("indicator:1.1", plan("", by_semester=True, semesters={"2/2569": {"tasks": "ภาคเรียนที่ 2"}})),
        ("challenge", {"title": "ประเด็นท้าทาย"}),
    ],
)
def test_unfinished_content_has_a_valid_shape(key: str, content: dict[str, Any]) -> None:
    assert shape(key, content) == []


def test_thai_with_combining_marks_and_emoji_is_kept_as_typed() -> None:
    body = {**dict.fromkeys(CHALLENGE_FIELDS, ""), "title": THAI_TEXT}
    assert shape("challenge", body) == []
    assert body["title"] == THAI_TEXT
    # Marks and emoji count as the code points they are, so a full-length Thai answer fits exactly.
    full = ("น้ำ" * 3334)[:10_000]
    assert shape("challenge", {"problem": full}) == []


# --- Shape: refuse what cannot be stored ----------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "content", "expected"),
    [
        ("indicator:9.9", plan(), [Problem("indicator:9.9", "", "unknown_section")]),
        ("comments", {}, [Problem("comments", "", "unknown_section")]),
        ("challenge", ["ข้อความ"], [Problem("challenge", "", "malformed")]),
        ("classroom", "general", [Problem("classroom", "", "malformed")]),
        ("indicator:1.1", None, [Problem("indicator:1.1", "", "malformed")]),
        ("classroom", {"types": ["general", "online"]}, [Problem("classroom", "types", "unknown_choice")]),
        ("classroom", {"types": "general"}, [Problem("classroom", "types", "unknown_choice")]),
        ("challenge", {"title": 5}, [Problem("challenge", "title", "malformed")]),
    ],
)
def test_content_that_cannot_be_stored_is_refused(key: str, content: Any, expected: list[Problem]) -> None:
    assert shape(key, content) == expected


def test_a_field_of_10000_characters_fits_and_10001_does_not() -> None:
    assert shape("challenge", {"title": "ก" * 10_000}) == []
    assert shape("challenge", {"title": "ก" * 10_001}) == [
        Problem("challenge", "title", "too_long", {"limit": 10_000, "length": 10_001})
    ]


@pytest.mark.parametrize(
    ("key", "content", "field"),
    [
        ("indicator:1.2", plan(outcomes="ข" * 10_001), "outcomes"),
        (
            "indicator:1.2",
            plan(by_semester=True, semesters={"1/2570": {"tasks": "ข" * 10_001}}),
            "semesters.1/2570.tasks",
        ),
        ("workload", workload(item(), item(name="ข" * 10_001)), "items.1.name"),
    ],
)
def test_the_length_limit_holds_in_every_field(key: str, content: dict[str, Any], field: str) -> None:
    assert shape(key, content) == [Problem(key, field, "too_long", {"limit": 10_000, "length": 10_001})]


@pytest.mark.parametrize("hours", ["-1", "abc", "1e999", "NaN", "Infinity", "1e1", "4.5.6", "1 2"])
def test_hours_that_are_not_a_plain_number_are_refused(hours: str) -> None:
    assert shape("workload", workload(item(hours=hours))) == [Problem("workload", "items.0.hours", "hours_not_number")]


def test_more_than_60_hours_in_one_item_is_refused() -> None:
    assert shape("workload", workload(item(hours="60"))) == []
    assert shape("workload", workload(item(hours="61"))) == [
        Problem("workload", "items.0.hours", "hours_too_many", {"limit": Decimal(60)})
    ]


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("๑๒", Decimal(12)),
        ("12", Decimal(12)),
        (" 4 ", Decimal(4)),
        ("1.5", Decimal("1.5")),
        ("๐.๕", Decimal("0.5")),
        (".5", Decimal("0.5")),
        (3, Decimal(3)),  # a JSON number rather than typed text
        (1.5, Decimal("1.5")),
    ],
)
def test_hours_are_read_from_arabic_or_thai_digits(typed: Any, hours: Decimal) -> None:
    assert parse_hours(typed) == hours
    assert shape("workload", workload(item(hours=typed))) == []


@pytest.mark.parametrize("typed", ["-1", "abc", "1e999", "1e1", "NaN", "sNaN", "Infinity", "+4", "1_0", None, True])
def test_parse_hours_reads_nothing_but_a_plain_non_negative_number(typed: Any) -> None:
    assert parse_hours(typed) is None


def test_an_unknown_workload_category_is_refused() -> None:
    body = workload(item(), item(category="sports"), "not an item")
    assert shape("workload", body) == [
        Problem("workload", "items.1.category", "unknown_choice"),
        Problem("workload", "items.2.category", "unknown_choice"),
    ]


def test_at_most_60_workload_items() -> None:
    assert shape("workload", workload(*[item(hours="1")] * 60)) == []
    assert shape("workload", workload(*[item(hours="1")] * 61)) == [
        Problem("workload", "items", "too_many", {"limit": 60})
    ]
    assert shape("workload", {"items": "ภาษาไทย"}) == [Problem("workload", "items", "malformed")]


def test_semesters_must_be_the_fiscal_years_own() -> None:
    own = plan(by_semester=True, semesters={label: plan() for label in SEMESTERS})
    assert shape("indicator:1.1", own) == []
    for label in ["1/2569", "2/2570", "ภาคเรียนที่ 1"]:
        body = plan(by_semester=True, semesters={"2/2569": plan(), label: plan()})
        assert shape("indicator:1.1", body) == [Problem("indicator:1.1", "semesters", "malformed")], label
    assert shape("indicator:1.1", plan(semesters=["2/2569"])) == [Problem("indicator:1.1", "semesters", "malformed")]
    assert shape("indicator:1.1", plan(semesters={"2/2569": "ทำ"})) == [
        Problem("indicator:1.1", "semesters.2/2569", "malformed")
    ]


# --- Completeness ---------------------------------------------------------------------------------


def test_a_complete_agreement_has_no_problems() -> None:
    assert check_complete(complete_sections(), EDITION, YEAR) == []


def test_an_empty_agreement_lists_everything_missing_in_form_order() -> None:
    expected = [
        Problem("classroom", "types", "required"),
        *(
            Problem("workload", f"category.{code}", "category_required", {"category": name})
            for code, name in REQUIRED_CATEGORIES.items()
        ),
        *(Problem(key, name, "required") for key in INDICATOR_KEYS for name in PLAN_FIELDS),
        *(Problem("challenge", name, "required") for name in CHALLENGE_FIELDS),
    ]
    assert check_complete({}, EDITION, YEAR) == expected
    assert len(expected) == 1 + 3 + 45 + 5


def test_missing_and_invalid_parts_are_listed_in_form_order() -> None:
    sections = complete_sections()
    sections["challenge"]["qualitative"] = "   "
    sections["indicator:2.3"]["outcomes"] = ""
    sections["classroom"] = {"types": ["online"]}
    sections["workload"]["items"][2]["name"] = ""
    assert check_complete(sections, EDITION, YEAR) == [
        Problem("classroom", "types", "unknown_choice"),
        Problem("workload", "items.2.name", "required"),
        Problem("indicator:2.3", "outcomes", "required"),
        Problem("challenge", "qualitative", "required"),
    ]


def test_partly_written_sections_list_their_missing_fields() -> None:
    sections = complete_sections()
    sections["indicator:1.1"] = {"tasks": "เริ่มเขียน"}
    sections["challenge"] = {"title": "ประเด็นท้าทาย", "method": "วิธีการ"}
    assert check_complete(sections, EDITION, YEAR) == [
        Problem("indicator:1.1", "outcomes", "required"),
        Problem("indicator:1.1", "change_indicators", "required"),
        Problem("challenge", "problem", "required"),
        Problem("challenge", "quantitative", "required"),
        Problem("challenge", "qualitative", "required"),
    ]


def test_by_semester_needs_each_semesters_three_fields() -> None:
    sections = complete_sections()
    sections["indicator:1.3"] = plan(
        "", by_semester=True, semesters={"2/2569": plan(), "1/2570": {"tasks": "ทำ", "outcomes": " "}}
    )
    assert check_complete(sections, EDITION, YEAR) == [
        Problem("indicator:1.3", "semesters.1/2570.outcomes", "required"),
        Problem("indicator:1.3", "semesters.1/2570.change_indicators", "required"),
    ]
    sections["indicator:1.3"]["semesters"] = {}
    assert check_complete(sections, EDITION, YEAR) == [
        Problem("indicator:1.3", f"semesters.{label}.{name}", "required") for label in SEMESTERS for name in PLAN_FIELDS
    ]


def test_by_semester_off_needs_the_three_fields_of_the_whole_year() -> None:
    sections = complete_sections()
    sections["indicator:1.3"] = plan("", semesters={label: plan() for label in SEMESTERS})
    assert check_complete(sections, EDITION, YEAR) == [
        Problem("indicator:1.3", name, "required") for name in PLAN_FIELDS
    ]


def test_workload_needs_hours_in_each_required_category_but_not_policy_response() -> None:
    sections = complete_sections()
    assert [i["category"] for i in sections["workload"]["items"]] == list(REQUIRED_CATEGORIES)
    assert check_complete(sections, EDITION, YEAR) == []
    sections["workload"]["items"][1]["hours"] = "0"
    sections["workload"]["items"].append(item("policy_response", "", name="โครงการโรงเรียนสุจริต"))
    assert check_complete(sections, EDITION, YEAR) == [
        Problem("workload", "items.3.hours", "required"),
        Problem(
            "workload",
            "category.learning_support",
            "category_required",
            {"category": REQUIRED_CATEGORIES["learning_support"]},
        ),
    ]


@pytest.mark.parametrize("hours", ["", "  ", None])
def test_a_workload_item_without_hours_is_listed(hours: Any) -> None:
    sections = complete_sections()
    sections["workload"]["items"].append(item("teaching", hours, name="ชุมนุม"))
    assert check_complete(sections, EDITION, YEAR) == [Problem("workload", "items.3.hours", "required")]


# --- Workload hours -------------------------------------------------------------------------------


def test_workload_hours_sum_per_category() -> None:
    body = workload(
        item("teaching", "4"),
        item("teaching", "๑๐.๕"),
        item("learning_support", "2"),
        item("learning_support", "abc"),
        item("policy_response", ""),
        item("quality_development", 3),
    )
    assert workload_hours(body) == {
        "teaching": Decimal("14.5"),
        "learning_support": Decimal(2),
        "quality_development": Decimal(3),
    }
    assert workload_hours({"items": []}) == {}


def test_short_teaching_hours_give_the_rulebooks_reason() -> None:
    body = workload(item("teaching", "10"), item("learning_support", "6"), item("quality_development", "4"))
    check = check_workload(body, EDITION)
    assert check.ok is False
    assert [failure.message for failure in check.failures] == ["ชั่วโมงสอนรวม 10 ชั่วโมง/สัปดาห์ ต่ำกว่าเกณฑ์ 12"]
    assert check_workload(workload(item("teaching", "12"), item("learning_support", "8")), EDITION).ok is True


_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
CATEGORY_CODES = [category.code for category in EDITION.workload.categories]
_typed_items = st.tuples(
    st.sampled_from(CATEGORY_CODES),
    st.decimals(min_value=0, max_value=60, places=2, allow_nan=False, allow_infinity=False),
    st.booleans(),
)


@given(st.lists(_typed_items, max_size=60))
def test_workload_hours_total_the_typed_hours_per_category(typed: list[tuple[str, Decimal, bool]]) -> None:
    items = [
        item(category, format(hours, "f").translate(_THAI) if thai else format(hours, "f"))
        for category, hours, thai in typed
    ]
    expected: dict[str, Decimal] = {}
    for category, hours, _thai in typed:
        expected[category] = expected.get(category, Decimal(0)) + hours
    assert shape("workload", workload(*items)) == []
    assert workload_hours(workload(*items)) == expected
