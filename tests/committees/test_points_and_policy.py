"""Running totals and the policy table: plain Python, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from committees import policy
from committees.points import item_codes, running_totals
from rulebook import DEFAULT_EDITION, load_edition

EDITION = load_edition(DEFAULT_EDITION)

# Hand-written from the circular (DOMAIN §7): Part 2 item points = item max × level ÷ 4.
PART2_POINTS = {
    ("method", 1): "5",
    ("method", 2): "10",
    ("method", 3): "15",
    ("method", 4): "20",
    ("quantitative", 1): "2.5",
    ("quantitative", 2): "5",
    ("quantitative", 3): "7.5",
    ("quantitative", 4): "10",
    ("qualitative", 1): "2.5",
    ("qualitative", 2): "5",
    ("qualitative", 3): "7.5",
    ("qualitative", 4): "10",
}


@pytest.mark.parametrize(("item", "level"), sorted(PART2_POINTS))
def test_part2_level_to_points_for_every_level_of_every_item(item: str, level: int) -> None:
    totals = running_totals({item: level}, EDITION)
    assert totals.part2 == Decimal(PART2_POINTS[item, level])
    assert totals.part1 == 0
    assert totals.total == Decimal(PART2_POINTS[item, level])


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_part1_indicator_points_equal_the_level(level: int) -> None:
    totals = running_totals({"1.1": level}, EDITION)
    assert (totals.part1, totals.part2) == (Decimal(level), Decimal(0))


def test_all_levels_3_give_45_30_75() -> None:
    totals = running_totals(dict.fromkeys(item_codes(EDITION), 3), EDITION)
    assert (totals.part1, totals.part2, totals.total) == (Decimal(45), Decimal(30), Decimal(75))
    assert totals.complete


def test_a_half_point_total_is_kept_exact() -> None:
    levels = dict.fromkeys(item_codes(EDITION), 3)
    levels.update({"1.1": 2, "1.2": 2, "1.3": 2, "qualitative": 2})  # 42 + 15 + 7.5 + 5
    totals = running_totals(levels, EDITION)
    assert totals.total == Decimal("69.5")


def test_items_without_a_level_count_nothing_and_are_counted_as_missing() -> None:
    totals = running_totals({"1.1": 4, "method": 4}, EDITION)
    assert (totals.part1, totals.part2, totals.chosen, totals.items) == (Decimal(4), Decimal(20), 2, 18)
    assert not totals.complete


def test_item_codes_are_the_15_indicators_then_the_3_part2_items() -> None:
    codes = item_codes(EDITION)
    assert codes[:15] == tuple(i.code for i in EDITION.indicators)
    assert codes[15:] == ("method", "quantitative", "qualitative")


def test_a_member_may_score_only_a_draft_and_see_others_only_when_all_three_are_in() -> None:
    assert {policy.SCORE, policy.SUBMIT} <= policy.allowed([policy.MEMBER], policy.DRAFT)
    for state in (policy.FORMING, policy.SUBMITTED, policy.SCORED, policy.PUBLISHED):
        assert policy.SCORE not in policy.allowed([policy.MEMBER], state)
    for state in (policy.FORMING, policy.DRAFT, policy.SUBMITTED):
        assert policy.VIEW_SHEETS not in policy.allowed([policy.MEMBER, policy.DIRECTOR, policy.AREA_STAFF], state)
    assert policy.VIEW_SHEETS in policy.allowed([policy.MEMBER], policy.SCORED)


def test_the_teacher_sees_only_a_published_result() -> None:
    for state in policy.STATES:
        expected = frozenset({policy.VIEW_RESULT}) if state == policy.PUBLISHED else frozenset()
        assert policy.allowed([policy.TEACHER], state) == expected


def test_only_the_director_publishes_and_reopens() -> None:
    for role in policy.ROLES:
        for state in policy.STATES:
            actions = policy.allowed([role], state)
            if role != policy.DIRECTOR:
                assert policy.PUBLISH not in actions
                assert policy.REOPEN not in actions
    assert policy.allowed([policy.DIRECTOR], policy.SCORED) >= {policy.PUBLISH, policy.REOPEN}
    assert policy.PUBLISH not in policy.allowed([policy.DIRECTOR], policy.PUBLISHED)


def test_roles_combine_by_union() -> None:
    both = policy.allowed([policy.DIRECTOR, policy.MEMBER], policy.DRAFT)
    assert both == policy.allowed([policy.DIRECTOR], policy.DRAFT) | policy.allowed([policy.MEMBER], policy.DRAFT)


def test_unknown_roles_and_states_are_refused() -> None:
    with pytest.raises(ValueError, match="state"):
        policy.allowed([policy.MEMBER], "nonsense")
    with pytest.raises(ValueError, match="role"):
        policy.allowed(["janitor"], policy.DRAFT)


def test_the_table_names_only_known_roles_states_and_actions() -> None:
    for (role, state), actions in policy.table().items():
        assert role in policy.ROLES
        assert state in policy.STATES
        assert actions <= set(policy.ACTIONS)
