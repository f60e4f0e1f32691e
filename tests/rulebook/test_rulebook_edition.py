"""The shipped ว 9/2564 edition: codes, official Thai wording and lookups."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rulebook import DEFAULT_EDITION, Edition, RulebookError, available_editions, load_edition

# DOMAIN.md §5, copied exactly.
INDICATORS = {
    "1.1": "สร้างและหรือพัฒนาหลักสูตร",
    "1.2": "ออกแบบการจัดการเรียนรู้",
    "1.3": "จัดกิจกรรมการเรียนรู้",
    "1.4": "สร้างและหรือพัฒนาสื่อ นวัตกรรม เทคโนโลยี และแหล่งเรียนรู้",
    "1.5": "วัดและประเมินผลการเรียนรู้",
    "1.6": "ศึกษา วิเคราะห์ และสังเคราะห์ เพื่อแก้ปัญหาหรือพัฒนาการเรียนรู้",
    "1.7": "จัดบรรยากาศที่ส่งเสริมและพัฒนาผู้เรียน",
    "1.8": "อบรมและพัฒนาคุณลักษณะที่ดีของผู้เรียน",
    "2.1": "จัดทำข้อมูลสารสนเทศของผู้เรียนและรายวิชา",
    "2.2": "ดำเนินการตามระบบดูแลช่วยเหลือผู้เรียน",
    "2.3": "ปฏิบัติงานวิชาการ และงานอื่น ๆ ของสถานศึกษา",
    "2.4": "ประสานความร่วมมือกับผู้ปกครอง ภาคีเครือข่าย และหรือสถานประกอบการ",
    "3.1": (
        "พัฒนาตนเองอย่างเป็นระบบและต่อเนื่อง เพื่อให้มีความรู้ ความสามารถ ทักษะ โดยเฉพาะอย่างยิ่งการใช้ภาษาไทย"
        "และภาษาอังกฤษเพื่อการสื่อสาร และการใช้เทคโนโลยีดิจิทัลเพื่อการศึกษา สมรรถนะวิชาชีพครูและความรอบรู้ในเนื้อหาวิชา"
        "และวิธีการสอน"
    ),
    "3.2": "มีส่วนร่วมในการแลกเปลี่ยนเรียนรู้ทางวิชาชีพ เพื่อพัฒนาการจัดการเรียนรู้",
    "3.3": (
        "นำความรู้ ความสามารถ ทักษะที่ได้จากการพัฒนาตนเองและวิชาชีพ มาใช้ในการพัฒนาการจัดการเรียนรู้ "
        "การพัฒนาคุณภาพผู้เรียน และการพัฒนานวัตกรรมการจัดการเรียนรู้"
    ),
}

# DOMAIN.md §7.
LEVELS = {
    4: "ปฏิบัติได้สูงกว่าระดับการปฏิบัติที่คาดหวัง",
    3: "ปฏิบัติได้ตามระดับการปฏิบัติที่คาดหวัง",
    2: "ปฏิบัติได้ต่ำกว่าระดับการปฏิบัติที่คาดหวัง",
    1: "ปฏิบัติได้ต่ำกว่าระดับการปฏิบัติที่คาดหวังมาก",
}

# code: (rank, name, title, keyword, makes_pa) — DOMAIN.md §5.
STANDINGS = {
    "assistant": (0, "ครูผู้ช่วย", "ยังไม่มีวิทยฐานะ", "ปฏิบัติและเรียนรู้", False),
    "teacher": (1, "ครู", "ยังไม่มีวิทยฐานะ", "ปรับประยุกต์", True),
    "professional": (2, "ครูชำนาญการ", "ชำนาญการ", "แก้ไขปัญหา", True),
    "senior_professional": (3, "ครูชำนาญการพิเศษ", "ชำนาญการพิเศษ", "ริเริ่ม พัฒนา", True),
    "expert": (4, "ครูเชี่ยวชาญ", "เชี่ยวชาญ", "คิดค้น ปรับเปลี่ยน", True),
    "senior_expert": (5, "ครูเชี่ยวชาญพิเศษ", "เชี่ยวชาญพิเศษ", "สร้างการเปลี่ยนแปลง", True),
}


def test_edition_header(edition: Edition) -> None:
    assert (edition.code, edition.circular, edition.effective_from.isoformat()) == (
        "w9-2564-teacher",
        "ว 9/2564",
        "2021-10-01",
    )


def test_default_edition_is_shipped_and_cached() -> None:
    assert DEFAULT_EDITION in available_editions()
    assert load_edition() is load_edition(DEFAULT_EDITION)


def test_unknown_edition_is_refused() -> None:
    with pytest.raises(RulebookError, match="unknown rulebook edition 'w99-2599'"):
        load_edition("w99-2599")


def test_indicators_are_the_fifteen_with_official_names(edition: Edition) -> None:
    assert {indicator.code: indicator.name for indicator in edition.indicators} == INDICATORS
    assert [indicator.code for indicator in edition.indicators] == list(INDICATORS)
    assert [domain.name for domain in edition.domains] == [
        "ด้านการจัดการเรียนรู้",
        "ด้านการส่งเสริมและสนับสนุนการจัดการเรียนรู้",
        "ด้านการพัฒนาตนเองและวิชาชีพ",
    ]
    assert edition.indicator("2.3").domain_code == "2"
    assert edition.domain("3").indicators[0].code == "3.1"


def test_levels_run_four_to_one_with_official_labels(edition: Edition) -> None:
    assert {level.value: level.label for level in edition.levels} == LEVELS
    assert edition.level_values == (4, 3, 2, 1)
    assert edition.level_label(3) == "ปฏิบัติได้ตามระดับการปฏิบัติที่คาดหวัง"


def test_standings_ladder(edition: Edition) -> None:
    found = {s.code: (s.rank, s.name, s.title, s.keyword, s.makes_pa) for s in edition.standings}
    assert found == STANDINGS
    assert [s.code for s in edition.pa_standings] == list(STANDINGS)[1:]
    assert "ว 19/2561" in edition.standing("assistant").explanation
    assert edition.standing("teacher").explanation == ""


def test_standing_comparison(edition: Edition) -> None:
    assert edition.standing_at_least("expert", "senior_professional")
    assert edition.standing_at_least("senior_professional", "senior_professional")
    assert not edition.standing_at_least("professional", "senior_professional")


def test_scoring_tables(edition: Edition) -> None:
    scoring = edition.scoring
    assert (scoring.part1_max, scoring.part2_max, scoring.total_max) == (
        Decimal(60),
        Decimal(40),
        Decimal(100),
    )
    assert (scoring.pass_threshold_per_member, scoring.committee_size) == (Decimal(70), 3)
    assert [(item.code, item.number, item.name) for item in scoring.part2_items] == [
        ("method", "1", "วิธีการดำเนินการ"),
        ("quantitative", "2.1", "ผลลัพธ์เชิงปริมาณ"),
        ("qualitative", "2.2", "ผลลัพธ์เชิงคุณภาพ"),
    ]
    assert [str(points) for _, points in edition.part2_item("quantitative").points] == [
        "2.5",
        "5",
        "7.5",
        "10",
    ]
    assert edition.part2_item("method").max_points == 20


def test_workload_categories_and_default_profile(edition: Edition) -> None:
    workload = edition.workload
    assert [(c.code, c.hours_required) for c in workload.categories] == [
        ("teaching", True),
        ("learning_support", True),
        ("quality_development", True),
        ("policy_response", False),
    ]
    assert workload.category("teaching").name == "ชั่วโมงสอนตามตารางสอน รวมกิจกรรมพัฒนาผู้เรียน"
    default = workload.profile("default")
    assert (default.minimum_for("teaching"), default.minimum_for("total")) == (Decimal(12), Decimal(20))
    assert workload.hours_per_period_default == 1


def test_classroom_types(edition: Edition) -> None:
    assert [(kind.code, kind.name) for kind in edition.classroom_types] == [
        ("general", "ห้องเรียนวิชาสามัญหรือวิชาพื้นฐาน"),
        ("early_childhood", "ห้องเรียนปฐมวัย"),
        ("special_education", "ห้องเรียนการศึกษาพิเศษ"),
        ("vocational", "ห้องเรียนสายวิชาชีพ"),
        ("non_formal", "ห้องเรียนการศึกษานอกระบบ/ตามอัธยาศัย"),
    ]
    assert edition.classroom_type("vocational").name == "ห้องเรียนสายวิชาชีพ"


def test_committee_rules(edition: Edition) -> None:
    committee = edition.committee
    assert [q.code for q in committee.member_qualifications] == [
        "supervisor",
        "lecturer",
        "other_school_teacher",
        "expert",
    ]
    supervisor = committee.qualification("supervisor")
    assert (supervisor.min_standing, supervisor.includes_former) == ("senior_professional", True)
    assert committee.qualification("lecturer").min_academic_rank == "assistant_professor"
    assert committee.qualification("other_school_teacher").other_school_only
    assert committee.qualification("expert").requires_reason
    assert [rank.name for rank in committee.academic_ranks] == [
        "อาจารย์",
        "ผู้ช่วยศาสตราจารย์",
        "รองศาสตราจารย์",
        "ศาสตราจารย์",
    ]
    assert committee.academic_rank_at_least("associate_professor", "assistant_professor")
    assert not committee.academic_rank_at_least("lecturer", "assistant_professor")
    assert committee.extra_conflict_rules == ()


def test_expected_practice_is_none_until_collected(edition: Edition) -> None:
    assert edition.expected_practice("1.1", "expert") is None


@pytest.mark.parametrize(
    ("lookup", "code", "message"),
    [
        ("standing", "principal", "unknown standing 'principal'"),
        ("indicator", "1.9", "unknown indicator '1.9'"),
        ("part2_item", "impact", "unknown part 2 item 'impact'"),
        ("classroom_type", "online", "unknown classroom type 'online'"),
        ("domain", "4", "unknown domain '4'"),
    ],
)
def test_unknown_codes_are_refused(edition: Edition, lookup: str, code: str, message: str) -> None:
    with pytest.raises(RulebookError, match=message):
        getattr(edition, lookup)(code)


def test_unknown_codes_elsewhere_are_refused(edition: Edition) -> None:
    with pytest.raises(RulebookError, match="unknown level 5"):
        edition.level_label(5)
    with pytest.raises(RulebookError, match="unknown workload profile 'rural'"):
        edition.workload.profile("rural")
    with pytest.raises(RulebookError, match="unknown academic rank 'dean'"):
        edition.committee.academic_rank("dean")
    with pytest.raises(RulebookError, match="unknown member qualification 'parent'"):
        edition.committee.qualification("parent")
    with pytest.raises(RulebookError, match="unknown indicator '9.9'"):
        edition.expected_practice("9.9", "teacher")


def test_rulebook_error_is_a_value_error() -> None:
    assert issubclass(RulebookError, ValueError)
