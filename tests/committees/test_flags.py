"""Disagreement flags between the three members' sheets (committees.flags), as plain values: no database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from committees.flags import Disagreements, ItemFlag, TotalFlag, disagreements

CODES = ("1.1", "1.2", "2.1", "method")
THREE_75 = (Decimal(75), Decimal(75), Decimal(75))


def flags(
    levels: Sequence[Mapping[str, int]],
    totals: Sequence[Decimal] = THREE_75,
    codes: Sequence[str] = CODES,
) -> Disagreements:
    return disagreements(levels, totals, item_codes=codes, level_gap=2, total_gap=Decimal(15))


def test_a_gap_of_exactly_two_levels_flags_the_item() -> None:
    found = flags([{"1.1": 3}, {"1.1": 1}, {"1.1": 3}])
    assert found.items == (ItemFlag(code="1.1", levels=(3, 1, 3), gap=2),)
    assert found.total is None
    assert (bool(found), found.count) == (True, 1)


def test_a_gap_of_one_level_is_not_a_flag() -> None:
    found = flags([{"1.1": 3, "1.2": 4}, {"1.1": 2, "1.2": 3}, {"1.1": 3, "1.2": 4}])
    assert found == Disagreements(items=(), total=None)
    assert (bool(found), found.count) == (False, 0)


def test_a_missing_level_is_ignored_not_read_as_zero() -> None:
    # Member 2 has not chosen 1.1: 4 against nothing is no disagreement, and 4 against 3 is only one level.
    assert flags([{"1.1": 4}, {}, {"1.1": 3}]).items == ()
    # With only one level given there is nothing to compare.
    assert flags([{"1.1": 4}, {}, {}]).items == ()
    # The gap is measured between the levels given: 4 and 2 differ by two.
    assert flags([{"1.1": 4}, {}, {"1.1": 2}]).items == (ItemFlag(code="1.1", levels=(4, None, 2), gap=2),)


def test_a_totals_spread_of_15_flags_and_14_5_does_not() -> None:
    spread_15 = flags([{}, {}, {}], totals=(Decimal(75), Decimal(60), Decimal("74.5")))
    assert spread_15.total == TotalFlag(totals=(Decimal(75), Decimal(60), Decimal("74.5")), gap=Decimal(15))
    assert spread_15.count == 1
    spread_14_5 = flags([{}, {}, {}], totals=(Decimal("74.5"), Decimal(60), Decimal(70)))
    assert spread_14_5.total is None
    assert not spread_14_5


def test_several_items_are_flagged_in_the_order_of_the_item_codes() -> None:
    sheets = [
        {"method": 4, "2.1": 1, "1.2": 3, "1.1": 1},
        {"method": 2, "2.1": 3, "1.2": 3, "1.1": 4},
        {"method": 3, "2.1": 2, "1.2": 2, "1.1": 3},
    ]
    found = flags(sheets, totals=(Decimal(80), Decimal("62.5"), Decimal(70)))
    assert [(flag.code, flag.levels, flag.gap) for flag in found.items] == [
        ("1.1", (1, 4, 3), 3),
        ("2.1", (1, 3, 2), 2),
        ("method", (4, 2, 3), 2),
    ]
    assert found.total == TotalFlag(totals=(Decimal(80), Decimal("62.5"), Decimal(70)), gap=Decimal("17.5"))
    assert found.count == 4
    # The caller's order decides, not the sheets' key order.
    reordered = flags(sheets, codes=("method", "2.1", "1.2", "1.1"))
    assert [flag.code for flag in reordered.items] == ["method", "2.1", "1.1"]


def test_codes_not_asked_for_are_not_flagged() -> None:
    assert flags([{"9.9": 1}, {"9.9": 4}, {}]).items == ()


def test_the_thresholds_come_from_the_caller() -> None:
    sheets = [{"1.1": 3}, {"1.1": 2}, {"1.1": 3}]
    totals = (Decimal(75), Decimal(65), Decimal(75))
    strict = disagreements(sheets, totals, item_codes=CODES, level_gap=1, total_gap=Decimal(10))
    assert [flag.code for flag in strict.items] == ["1.1"]
    assert strict.total is not None
    assert strict.total.gap == Decimal(10)


def test_a_single_total_has_no_spread() -> None:
    assert flags([{}], totals=(Decimal(40),)).total is None
