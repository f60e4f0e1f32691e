"""Weekly workload against the edition's minimums (ก.ค.ศ. ว 21/2564, DOMAIN.md §6)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from rulebook import Edition, RulebookError, load_edition_file, periods_to_hours, workload_check

HOURS = st.decimals(min_value=0, max_value=40, places=1)


def test_ten_teaching_hours_fail_with_the_official_message(edition: Edition) -> None:
    check = workload_check({"teaching": 10, "learning_support": 10}, edition)
    assert not check.ok
    found = [(f.code, f.category, f.actual, f.minimum) for f in check.failures]
    assert found == [("teaching", "teaching", Decimal(10), Decimal(12))]
    assert check.failures[0].message == "ชั่วโมงสอนรวม 10 ชั่วโมง/สัปดาห์ ต่ำกว่าเกณฑ์ 12"


def test_twelve_teaching_and_eight_more_pass(edition: Edition) -> None:
    check = workload_check({"teaching": 12, "quality_development": 8}, edition)
    assert (check.ok, check.total, check.failures) == (True, Decimal(20), ())
    assert dict(check.totals) == {
        "teaching": 12,
        "learning_support": 0,
        "quality_development": 8,
        "policy_response": 0,
    }


def test_nineteen_in_all_fails_on_the_total_only(edition: Edition) -> None:
    check = workload_check({"teaching": 12, "learning_support": "4.5", "policy_response": 2.5}, edition)
    assert [(f.code, f.category) for f in check.failures] == [("total", None)]
    assert check.failures[0].message == "ภาระงานรวม 19 ชั่วโมง/สัปดาห์ ต่ำกว่าเกณฑ์ 20"


def test_half_hours_print_without_trailing_zeros(edition: Edition) -> None:
    check = workload_check({"teaching": Decimal("11.50")}, edition)
    assert [f.message for f in check.failures] == [
        "ชั่วโมงสอนรวม 11.5 ชั่วโมง/สัปดาห์ ต่ำกว่าเกณฑ์ 12",
        "ภาระงานรวม 11.5 ชั่วโมง/สัปดาห์ ต่ำกว่าเกณฑ์ 20",
    ]


def test_no_hours_at_all(edition: Edition) -> None:
    check = workload_check({}, edition)
    assert (check.ok, check.total, len(check.failures)) == (False, Decimal(0), 2)


def test_totals_are_read_only(edition: Edition) -> None:
    check = workload_check({"teaching": 20}, edition)
    with pytest.raises(TypeError):
        check.totals["teaching"] = Decimal(0)  # type: ignore[index]


def test_an_unknown_category_is_refused(edition: Edition) -> None:
    with pytest.raises(RulebookError, match="unknown workload category 'lunch_duty'"):
        workload_check({"teaching": 20, "lunch_duty": 5}, edition)


def test_negative_hours_are_refused(edition: Edition) -> None:
    with pytest.raises(RulebookError, match="hours cannot be negative: learning_support"):
        workload_check({"teaching": 20, "learning_support": -1}, edition)


@pytest.mark.parametrize("hours", ["many", None, True, float("nan")])
def test_hours_that_are_not_numbers_are_refused(edition: Edition, hours: object) -> None:
    with pytest.raises(RulebookError, match="teaching"):
        workload_check({"teaching": hours}, edition)  # type: ignore[dict-item]


def test_an_unknown_profile_is_refused(edition: Edition) -> None:
    with pytest.raises(RulebookError, match="unknown workload profile 'rural'"):
        workload_check({"teaching": 20}, edition, profile="rural")


def test_another_profile_sets_other_floors(raw_edition: dict[str, Any], tmp_path: Path) -> None:
    raw_edition["workload"]["profiles"]["small"] = {"name": "เล็ก", "minimums": {"teaching": 10, "total": 18}}
    path = tmp_path / "profiles.yaml"
    path.write_text(yaml.safe_dump(raw_edition, allow_unicode=True), encoding="utf-8")
    edition = load_edition_file(path)
    hours = {"teaching": 10, "learning_support": 8}
    assert workload_check(hours, edition, profile="small").ok
    assert not workload_check(hours, edition).ok


@pytest.mark.parametrize(
    ("periods", "per_period", "hours"),
    [(12, None, 12), ("7", None, 7), (10, "0.75", "7.5"), (0, 1, 0)],
)
def test_periods_to_hours(
    periods: int | str,
    per_period: str | None,
    hours: str | int,
    edition: Edition,
) -> None:
    assert periods_to_hours(periods, per_period) == Decimal(hours)
    assert periods_to_hours(periods, per_period, edition) == Decimal(hours)


@pytest.mark.parametrize(("periods", "per_period"), [(-1, None), (5, 0), (5, "-1")])
def test_periods_to_hours_refuses_nonsense(periods: int, per_period: int | str | None) -> None:
    with pytest.raises(RulebookError, match="periods must be"):
        periods_to_hours(periods, per_period)


@given(teaching=HOURS, support=HOURS, quality=HOURS, policy=HOURS)
def test_ok_exactly_when_both_minimums_are_met(
    edition: Edition, teaching: Decimal, support: Decimal, quality: Decimal, policy: Decimal
) -> None:
    hours = {"teaching": teaching, "learning_support": support, "quality_development": quality}
    hours["policy_response"] = policy
    check = workload_check(hours, edition)
    floors = edition.workload.profile("default")
    total = teaching + support + quality + policy
    assert check.total == total
    expected = teaching >= floors.minimum_for("teaching") and total >= floors.minimum_for("total")
    assert check.ok == expected
    assert check.ok == (not check.failures)
