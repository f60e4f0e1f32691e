"""Dashboard figures on a small hand-built year equal hand-computed numbers at school, area and province level.

The year (fiscal year 2570, the cast's area A1 = School S + School T, province P = A1 + A2):
- School S: สมศรี (the cast's teacher, ชำนาญการ) approved, on a committee, all three sheets in and published;
  member 1 gives every item level 3 (45 + 30 = 75), member 2 level 4 (60 + 40 = 100), member 3 level 3 but
  indicator 1.1 level 2 (44 + 30 = 74): passes (every member ≥ 70), flagged (1.1 is 2 levels apart, totals
  26 apart). มานี writes a draft; ปิติ has none.
- School T: กาญจนา (senior teacher, a committee member at S) has none; คนนอก (the outsider) has submitted.
So A1 has 5 teachers: no agreement 2, draft 1, submitted 1, approved 1, committee 1, scored 1, published 1,
passed 1, flagged 1 → approved, committee and published shares 20.0 %, pass rate 100.0 %; averages
1.1 = (3 + 4 + 2) / 3 = 3.00 and every other indicator (3 + 4 + 3) / 3 = 3.33.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from agreements.services import agreement_start, agreement_submit, section_save
from committees.points import item_codes
from committees.services import results_publish
from dashboards.access import rows_of
from dashboards.figures import grouped, total
from dashboards.filters import Filters
from dashboards.models import GroupSummary
from dashboards.pages import area_page, indicator_items
from dashboards.school import state_counts, teacher_rows
from dashboards.summaries import summaries_catch_up, summaries_rebuild
from rounds.models import FiscalYear
from tests.agreements.factories import complete_sections
from tests.committees.factories import round_for, score
from tests.conftest import Cast, make_person


def build_year(cast: Cast) -> FiscalYear:
    round_ = round_for(cast)
    codes = item_codes(round_.agreement.fiscal_year.edition)
    score(cast, round_, 1, 3)
    score(cast, round_, 2, 4)
    score(cast, round_, 3, {**dict.fromkeys(codes, 3), "1.1": 2})
    results_publish(actor=cast.user("director"), evaluations=[round_.evaluation])
    year = round_.agreement.fiscal_year
    manee = make_person(school=cast.school, first_name="มานี", last_name="มีนา")
    make_person(school=cast.school, first_name="ปิติ", last_name="ยินดี")
    assert manee.user is not None
    agreement_start(actor=manee.user, teacher=manee, fiscal_year=year)
    outsider = cast.outsider
    assert outsider.user is not None
    draft = agreement_start(actor=outsider.user, teacher=outsider, fiscal_year=year)
    for key, body in complete_sections(year.edition).items():
        section_save(actor=outsider.user, agreement=draft, key=key, body=body, base_revision=0)
    agreement_submit(actor=outsider.user, agreement=draft, requested_at=timezone.now())
    return year


@pytest.fixture
def year(cast: Cast) -> FiscalYear:
    built = build_year(cast)
    summaries_rebuild()
    return built


EXPECTED_A1 = {
    "teachers": 5,
    "no_agreement": 2,
    "draft": 1,
    "submitted": 1,
    "returned": 0,
    "approved": 1,
    "with_committee": 1,
    "sheets_submitted": 3,
    "scored": 1,
    "published": 1,
    "passed": 1,
    "failed": 0,
    "flagged": 1,
    "item_sheets": 3,
}


def test_area_figures_equal_the_hand_computed_numbers(cast: Cast, year: FiscalYear) -> None:
    area = total(rows_of(cast.area, year.pk))
    assert area.counts == EXPECTED_A1
    assert (area.approved_share, area.committee_share, area.published_share) == (Decimal("20.0"),) * 3
    assert area.pass_rate == Decimal("100.0")
    codes = item_codes(year.edition)
    assert area.item_average(codes.index("1.1")) == Decimal("3.00")
    assert {area.item_average(codes.index(code)) for code in codes if code != "1.1"} == {Decimal("3.33")}


def test_school_and_province_figures_add_up_the_same_way(cast: Cast, year: FiscalYear) -> None:
    per_school = {figure.key: figure for figure in grouped(rows_of(cast.area, year.pk), "school")}
    assert set(per_school) == {cast.school.pk, cast.other_school.pk}
    school_s, school_t = per_school[cast.school.pk], per_school[cast.other_school.pk]
    assert (school_s.teachers, school_s.no_agreement, school_s.draft, school_s.published) == (3, 1, 1, 1)
    assert (school_t.teachers, school_t.no_agreement, school_t.submitted, school_t.item_sheets) == (2, 1, 1, 0)
    assert school_s.approved_share == Decimal("33.3")  # 1 of 3
    assert school_t.item_average(0) is None  # no sheet: no average, not zero
    province = total(rows_of(cast.province, year.pk))
    assert province.counts == EXPECTED_A1  # A2 has no schools with teachers
    assert total(rows_of(cast.far_area, year.pk)).counts["teachers"] == 0


def test_the_heatmap_by_learning_area_and_the_weakest_indicator(cast: Cast, year: FiscalYear) -> None:
    page = area_page(cast.area, Filters(fiscal_year=year), rows_of(cast.area, year.pk))
    assert [(weak.code, weak.average) for weak in page.weakest] == [
        ("1.1", Decimal("3.00")),
        ("1.2", Decimal("3.33")),
        ("1.3", Decimal("3.33")),
    ]
    heatmap = page.table("heatmap_schools")
    by_name = {row[0]: row for row in heatmap.rows}
    school_s = by_name[cast.school.name]
    assert school_s[1:4] == (3, Decimal("3.00"), Decimal("3.33"))
    assert heatmap.headings[2:4] == ("1.1", "1.2")
    assert len(heatmap.headings) == 2 + len(indicator_items(year.edition))
    progress = {row[0]: row for row in page.table("schools").rows}
    assert progress[cast.other_school.name][1:5] == (2, 1, 0, 1)  # teachers, no agreement, draft, submitted


def test_the_school_dashboard_lists_every_teachers_step(cast: Cast, year: FiscalYear) -> None:
    rows = teacher_rows(cast.school, year)
    assert [(row.person.first_name, row.state, row.sheets, row.passed) for row in rows] == [
        ("ปิติ", "none", 0, None),
        ("มานี", "draft", 0, None),
        ("สมศรี", "published", 3, True),
    ]
    counts = {state: count for state, _label, count in state_counts(rows)}
    assert counts == {
        "none": 1,
        "draft": 1,
        "returned": 0,
        "submitted": 0,
        "approved": 0,
        "committee": 0,
        "scored": 0,
        "published": 1,
    }


def test_filters_narrow_to_a_learning_area_and_a_standing(cast: Cast, year: FiscalYear) -> None:
    rows = rows_of(cast.area, year.pk)
    assert total(Filters(fiscal_year=year, standing="senior_professional").apply(rows)).counts["teachers"] == 1
    assert total(Filters(fiscal_year=year, standing="professional").apply(rows)).counts["teachers"] == 4
    assert total(Filters(fiscal_year=year, learning_area="science").apply(rows)).counts["teachers"] == 0
    assert total(Filters(fiscal_year=year, school=cast.other_school).apply(rows)).counts["submitted"] == 1


def test_a_change_through_a_service_reaches_the_figures_by_the_audit_trail(cast: Cast, year: FiscalYear) -> None:
    assert summaries_catch_up() == 0  # nothing new since the rebuild
    piti = GroupSummary.objects.get(school=cast.school, fiscal_year=year, standing="professional")
    assert piti.no_agreement == 1
    person = make_person(school=cast.school, first_name="ชูใจ", last_name="ใจดี")
    assert person.user is not None
    agreement_start(actor=person.user, teacher=person, fiscal_year=year)
    assert summaries_catch_up() >= 1
    after = total(rows_of(cast.school, year.pk))
    assert (after.teachers, after.draft, after.no_agreement) == (4, 2, 1)


def test_rebuilding_twice_gives_the_same_rows(cast: Cast, year: FiscalYear) -> None:
    def snapshot() -> list[dict[str, Any]]:
        return list(GroupSummary.objects.order_by("school", "learning_area", "standing").values(*EXPECTED_A1))

    first = snapshot()
    summaries_rebuild()
    assert snapshot() == first


def test_the_area_rows_add_up_to_the_school_rows_and_follow_changes(cast: Cast, year: FiscalYear) -> None:
    from dashboards.access import area_rows_of
    from dashboards.models import AreaUsage

    assert total(area_rows_of(cast.province, year.pk)).counts == EXPECTED_A1
    assert total(area_rows_of(None, year.pk)).counts == total(rows_of(None, year.pk)).counts
    usage = AreaUsage.objects.get(fiscal_year=year, area_office=cast.area)
    assert (usage.schools, usage.active_schools) == (2, 2)
    person = make_person(school=cast.school, first_name="ชูใจ", last_name="ใจดี")
    assert person.user is not None
    agreement_start(actor=person.user, teacher=person, fiscal_year=year)
    summaries_catch_up()
    assert total(area_rows_of(cast.province, year.pk)).counts["draft"] == 2
