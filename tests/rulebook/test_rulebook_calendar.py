"""Fiscal years, salary rounds and semesters (DOMAIN.md §3)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from rulebook import (
    Edition,
    be_year,
    ce_year,
    dpa_entry_deadline,
    fiscal_year_bounds,
    fiscal_year_of,
    load_edition_file,
    salary_round_of,
    salary_rounds_of_fiscal_year,
    semesters_of_fiscal_year,
)

DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 12, 31))


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (date(2025, 9, 30), 2568),
        (date(2025, 10, 1), 2569),
        (date(2026, 3, 31), 2569),
        (date(2026, 4, 1), 2569),
        (date(2026, 9, 30), 2569),
        (date(2021, 10, 1), 2565),
        (date(2024, 2, 29), 2567),
    ],
)
def test_fiscal_year_of(day: date, fiscal_year: int) -> None:
    assert fiscal_year_of(day) == fiscal_year


def test_fiscal_year_bounds() -> None:
    assert fiscal_year_bounds(2569) == (date(2025, 10, 1), date(2026, 9, 30))


def test_buddhist_era() -> None:
    assert (be_year(2025), ce_year(2569)) == (2568, 2026)


@pytest.mark.parametrize(
    ("day", "number", "start", "end"),
    [
        (date(2025, 10, 1), 1, date(2025, 10, 1), date(2026, 3, 31)),
        (date(2026, 3, 31), 1, date(2025, 10, 1), date(2026, 3, 31)),
        (date(2024, 2, 29), 1, date(2023, 10, 1), date(2024, 3, 31)),
        (date(2026, 4, 1), 2, date(2026, 4, 1), date(2026, 9, 30)),
        (date(2026, 9, 30), 2, date(2026, 4, 1), date(2026, 9, 30)),
    ],
)
def test_salary_round_of(day: date, number: int, start: date, end: date) -> None:
    salary_round = salary_round_of(day)
    assert (salary_round.fiscal_year, salary_round.number) == (fiscal_year_of(day), number)
    assert (salary_round.start, salary_round.end) == (start, end)


def test_semesters_of_fiscal_year() -> None:
    assert semesters_of_fiscal_year(2569) == ("2/2568", "1/2569")


def test_dpa_entry_deadline() -> None:
    assert dpa_entry_deadline(2569) == date(2026, 9, 30)


def test_a_calendar_year_fiscal_year(raw_edition: dict[str, Any], tmp_path: Path) -> None:
    raw_edition["calendar"].update(
        fiscal_year_start="01-01",
        salary_rounds=[
            {"number": 1, "start": "01-01", "end": "06-30"},
            {"number": 2, "start": "07-01", "end": "12-31"},
        ],
    )
    path = tmp_path / "calendar-year.yaml"
    path.write_text(yaml.safe_dump(raw_edition, allow_unicode=True), encoding="utf-8")
    edition = load_edition_file(path)
    assert fiscal_year_of(date(2026, 5, 5), edition) == 2569
    assert fiscal_year_bounds(2569, edition) == (date(2026, 1, 1), date(2026, 12, 31))
    assert salary_round_of(date(2026, 7, 1), edition).number == 2


@given(first=DATES, second=DATES)
def test_fiscal_year_never_goes_backwards(first: date, second: date) -> None:
    earlier, later = sorted((first, second))
    assert fiscal_year_of(earlier) <= fiscal_year_of(later)


@given(day=DATES)
def test_each_date_lies_within_its_fiscal_year(day: date, edition: Edition) -> None:
    start, end = fiscal_year_bounds(fiscal_year_of(day, edition), edition)
    assert start <= day <= end
    assert fiscal_year_of(start - timedelta(days=1)) == fiscal_year_of(day) - 1


@given(day=DATES)
def test_each_date_lies_within_its_salary_round(day: date) -> None:
    salary_round = salary_round_of(day)
    assert salary_round.start <= day <= salary_round.end
    rounds = salary_rounds_of_fiscal_year(salary_round.fiscal_year)
    assert (rounds[0].start, rounds[-1].end) == fiscal_year_bounds(salary_round.fiscal_year)
