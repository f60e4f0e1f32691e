"""PA 2 member scores and the PA 3 result (ว 9/2564, DOMAIN.md §7)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from rulebook import Edition, RulebookError, member_score, pa3_result

LevelsFor = Callable[[int], tuple[dict[str, int], dict[str, int]]]
LEVEL = st.sampled_from([1, 2, 3, 4])
# Member totals on the half-point grid a sheet can produce, from 0 to 100.
TOTAL = st.integers(min_value=0, max_value=200).map(lambda halves: Decimal(halves) / 2)


@pytest.mark.parametrize(
    ("level", "part1", "part2", "total"),
    [(3, 45, 30, 75), (4, 60, 40, 100), (1, 15, 10, 25), (2, 30, 20, 50)],
)
def test_every_item_at_one_level(
    edition: Edition, levels_for: LevelsFor, level: int, part1: int, part2: int, total: int
) -> None:
    score = member_score(*levels_for(level), edition)
    assert (score.part1, score.part2, score.total) == (Decimal(part1), Decimal(part2), Decimal(total))


def test_a_mixed_sheet_keeps_halves(edition: Edition, levels_for: LevelsFor) -> None:
    part1, _ = levels_for(3)
    part1.update({"1.1": 4, "3.3": 2})
    score = member_score(part1, {"method": 3, "quantitative": 1, "qualitative": 4}, edition)
    assert (score.part1, score.part2, score.total) == (Decimal(45), Decimal("27.5"), Decimal("72.5"))
    assert str(score.total) == "72.5"


def test_a_missing_indicator_is_named(edition: Edition, levels_for: LevelsFor) -> None:
    part1, part2 = levels_for(3)
    del part1["2.4"]
    with pytest.raises(RulebookError, match="no level given for indicator 2.4"):
        member_score(part1, part2, edition)


def test_a_missing_part2_item_is_named(edition: Edition, levels_for: LevelsFor) -> None:
    part1, part2 = levels_for(3)
    del part2["qualitative"]
    with pytest.raises(RulebookError, match="no level given for part 2 item qualitative"):
        member_score(part1, part2, edition)


def test_an_unknown_code_is_named(edition: Edition, levels_for: LevelsFor) -> None:
    part1, part2 = levels_for(3)
    part1["4.1"] = 3
    with pytest.raises(RulebookError, match="unknown indicator codes: 4.1"):
        member_score(part1, part2, edition)


@pytest.mark.parametrize("level", [0, 5, True, "3", 3.0])
def test_an_invalid_level_is_named(edition: Edition, levels_for: LevelsFor, level: object) -> None:
    part1, part2 = levels_for(3)
    part2["method"] = level  # type: ignore[assignment]
    with pytest.raises(RulebookError, match="part 2 item method: level"):
        member_score(part1, part2, edition)


@pytest.mark.parametrize(
    ("totals", "workload_ok", "passed", "reaching"),
    [
        (("70", "70", "70"), True, True, (True, True, True)),
        (("100", "100", "69.5"), True, False, (True, True, False)),
        (("100", "100", "100"), False, False, (True, True, True)),
        (("69.5", "100", "100"), False, False, (False, True, True)),
    ],
)
def test_every_member_must_reach_the_threshold(
    edition: Edition, totals: tuple[str, ...], workload_ok: bool, passed: bool, reaching: tuple[bool, ...]
) -> None:
    result = pa3_result([Decimal(t) for t in totals], workload_ok=workload_ok, edition=edition)
    assert (result.passed, result.members_reaching_threshold) == (passed, reaching)


def test_a_high_mean_does_not_save_one_low_member(edition: Edition) -> None:
    result = pa3_result([Decimal(100), Decimal(100), Decimal(40)], workload_ok=True, edition=edition)
    assert not result.passed
    assert result.reasons == ("กรรมการคนที่ 3 ให้คะแนนรวม 40 คะแนน ต่ำกว่าเกณฑ์ร้อยละ 70",)


def test_reasons_for_a_failed_round(edition: Edition) -> None:
    result = pa3_result([Decimal("69.5"), Decimal(70), Decimal("52.5")], workload_ok=False, edition=edition)
    assert result.reasons == (
        "ภาระงานไม่เป็นไปตามที่ ก.ค.ศ. กำหนด",
        "กรรมการคนที่ 1 ให้คะแนนรวม 69.5 คะแนน ต่ำกว่าเกณฑ์ร้อยละ 70",
        "กรรมการคนที่ 3 ให้คะแนนรวม 52.5 คะแนน ต่ำกว่าเกณฑ์ร้อยละ 70",
    )


def test_a_passed_round_has_no_reasons(edition: Edition) -> None:
    assert pa3_result([Decimal(75)] * 3, workload_ok=True, edition=edition).reasons == ()


@pytest.mark.parametrize("count", [0, 2, 4])
def test_the_wrong_number_of_members_is_refused(edition: Edition, count: int) -> None:
    with pytest.raises(RulebookError, match=f"expected 3 member totals, got {count}"):
        pa3_result([Decimal(80)] * count, workload_ok=True, edition=edition)


@pytest.mark.parametrize("total", ["-1", "100.5"])
def test_a_total_outside_the_scale_is_refused(edition: Edition, total: str) -> None:
    with pytest.raises(RulebookError, match="member 2 total"):
        pa3_result([Decimal(80), Decimal(total), Decimal(80)], workload_ok=True, edition=edition)


# Properties --------------------------------------------------------------------------------------


@st.composite
def sheets(draw: st.DrawFn, edition: Edition) -> tuple[dict[str, int], dict[str, int]]:
    part1 = {indicator.code: draw(LEVEL) for indicator in edition.indicators}
    part2 = {item.code: draw(LEVEL) for item in edition.scoring.part2_items}
    return part1, part2


def _lowest_total(edition: Edition) -> Decimal:
    part1 = edition.scoring.part1_points[0][1] * len(edition.indicators)
    return part1 + sum(item.points[0][1] for item in edition.scoring.part2_items)


@given(data=st.data())
def test_totals_stay_on_the_scale(edition: Edition, data: st.DataObject) -> None:
    score = member_score(*data.draw(sheets(edition)), edition)
    assert _lowest_total(edition) <= score.total <= edition.scoring.total_max
    assert score.part1 + score.part2 == score.total
    assert score.part1 <= edition.scoring.part1_max
    assert score.part2 <= edition.scoring.part2_max


@given(data=st.data())
def test_raising_one_level_raises_the_total(edition: Edition, data: st.DataObject) -> None:
    part1, part2 = data.draw(sheets(edition))
    before = member_score(part1, part2, edition)
    top = max(edition.level_values)
    raisable = [(1, c) for c, lv in part1.items() if lv < top]
    raisable += [(2, c) for c, lv in part2.items() if lv < top]
    assume(raisable)
    part, code = data.draw(st.sampled_from(raisable))
    levels = part1 if part == 1 else part2
    levels[code] += 1
    after = member_score(part1, part2, edition)
    assert after.part1 >= before.part1
    assert after.part2 >= before.part2
    assert after.total > before.total


@given(totals=st.lists(TOTAL, min_size=3, max_size=3), low=st.integers(min_value=0, max_value=139))
def test_one_member_below_the_threshold_always_fails(
    edition: Edition,
    totals: list[Decimal],
    low: int,
) -> None:
    totals[low % 3] = Decimal(low) / 2  # at most 69.5
    assert not pa3_result(totals, workload_ok=True, edition=edition).passed


@given(totals=st.lists(TOTAL, min_size=3, max_size=3), workload_ok=st.booleans())
def test_passing_needs_workload_and_every_member(
    edition: Edition,
    totals: list[Decimal],
    workload_ok: bool,
) -> None:
    result = pa3_result(totals, workload_ok=workload_ok, edition=edition)
    threshold = edition.scoring.pass_threshold_per_member
    assert result.passed == (workload_ok and all(total >= threshold for total in totals))
    assert result.members_reaching_threshold == tuple(total >= threshold for total in totals)


@given(totals=st.lists(TOTAL, min_size=3, max_size=3), workload_ok=st.booleans(), data=st.data())
def test_the_result_does_not_depend_on_member_order(
    edition: Edition, totals: list[Decimal], workload_ok: bool, data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(totals))
    result = pa3_result(totals, workload_ok=workload_ok, edition=edition)
    again = pa3_result(shuffled, workload_ok=workload_ok, edition=edition)
    assert result.passed == again.passed
    assert sorted(result.members_reaching_threshold) == sorted(again.members_reaching_threshold)
    assert len(result.reasons) == len(again.reasons)
