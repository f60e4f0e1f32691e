"""Fiscal years: opening one on a rulebook edition, and finding the one a day falls in."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from org.models import User
from rounds.models import FiscalYear
from rounds.queries import current_fiscal_year
from rounds.services import fiscal_year_open
from rulebook import DEFAULT_EDITION

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("year", "starts_on", "ends_on"),
    [
        (2569, date(2025, 10, 1), date(2026, 9, 30)),
        (2570, date(2026, 10, 1), date(2027, 9, 30)),
        (2565, date(2021, 10, 1), date(2022, 9, 30)),
        # A leap February inside: still 1 Oct – 30 Sep.
        (2567, date(2023, 10, 1), date(2024, 9, 30)),
    ],
)
def test_fiscal_year_open_sets_the_bounds_from_1_october_of_the_year_before(
    year: int, starts_on: date, ends_on: date
) -> None:
    fiscal_year = fiscal_year_open(actor=None, year=year)
    stored = FiscalYear.objects.get(pk=fiscal_year.pk)
    assert (stored.year, stored.edition_code, stored.starts_on, stored.ends_on) == (
        year,
        DEFAULT_EDITION,
        starts_on,
        ends_on,
    )
    assert str(stored) == f"ปีงบประมาณ พ.ศ. {year}"
    assert stored.edition.code == DEFAULT_EDITION


def test_fiscal_year_open_records_who_opened_it() -> None:
    admin = User.objects.create_user("admin", "x")
    fiscal_year = fiscal_year_open(actor=admin, year=2569)
    assert list(AuditEntry.objects.values_list("action", "target_type", "target_id", "actor_id", "data")) == [
        ("fiscal_year.opened", "rounds.fiscalyear", str(fiscal_year.pk), admin.pk, {"edition": DEFAULT_EDITION})
    ]


def test_opening_a_year_again_changes_nothing() -> None:
    first = fiscal_year_open(actor=None, year=2569)
    again = fiscal_year_open(actor=None, year=2569)
    assert again.pk == first.pk
    assert FiscalYear.objects.count() == 1
    assert AuditEntry.objects.filter(action="fiscal_year.opened").count() == 1


def test_a_year_already_open_keeps_its_edition() -> None:
    # A later circular becomes a new edition; a year already opened stays on the one it started with.
    first = fiscal_year_open(actor=None, year=2569)
    again = fiscal_year_open(actor=None, year=2569, edition_code="w99-2599-teacher")
    assert (again.pk, FiscalYear.objects.get(pk=first.pk).edition_code) == (first.pk, DEFAULT_EDITION)


@pytest.mark.parametrize("code", ["w99-2599-teacher", "", "W9-2564-TEACHER"])
def test_an_unknown_edition_is_refused_in_thai_and_nothing_is_saved(code: str) -> None:
    with pytest.raises(ValidationError) as raised:
        fiscal_year_open(actor=None, year=2569, edition_code=code)
    assert raised.value.message_dict == {"edition_code": [f"ไม่พบเกณฑ์ฉบับ “{code}”"]}
    assert (FiscalYear.objects.count(), AuditEntry.objects.count()) == (0, 0)


@pytest.mark.parametrize("year", [2025, 2564, 12])
def test_a_year_before_the_edition_came_into_force_is_refused(year: int) -> None:
    # 2025 is what someone types who means 2568 BE; ว 9/2564 applies from 1 Oct 2021, fiscal year 2565.
    with pytest.raises(ValidationError) as raised:
        fiscal_year_open(actor=None, year=year)
    assert raised.value.message_dict == {
        "year": [f"ปีงบประมาณ พ.ศ. {year} อยู่ก่อนที่เกณฑ์ ว 9/2564 มีผลใช้บังคับ (ปีแรกคือ พ.ศ. 2565)"]
    }
    assert FiscalYear.objects.count() == 0


@pytest.fixture
def opened(db: Any) -> dict[int, FiscalYear]:
    return {year: fiscal_year_open(actor=None, year=year) for year in (2568, 2569)}


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2024, 10, 1), 2568),
        (date(2025, 9, 30), 2568),
        (date(2025, 10, 1), 2569),
        (date(2026, 2, 28), 2569),
        (date(2026, 9, 30), 2569),
        (date(2026, 10, 1), None),  # 2570 is not open
        (date(2024, 9, 30), None),  # 2567 is not open
    ],
)
def test_current_fiscal_year_is_the_open_year_containing_today(
    opened: dict[int, FiscalYear], today: date, expected: int | None
) -> None:
    current = current_fiscal_year(today)
    assert (current.year if current else None) == expected
    by_bounds = FiscalYear.objects.current(today)
    assert (by_bounds.year if by_bounds else None) == expected
