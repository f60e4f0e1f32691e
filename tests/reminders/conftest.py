"""Reminders tests run on a fixed day of fiscal year 2570 (1 Oct 2569 – 30 Sep 2570 BE): time is the outside
world, so `today` stops the clock at 20 October 2026 for every `timezone.localdate()` the code asks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from reminders.calendar import Dates
from reminders.services import calendar_save
from rounds.models import FiscalYear
from tests.committees.factories import fiscal_year
from tests.conftest import Cast
from tests.notifications.line_server import line_server

__all__ = ["line_server"]

TODAY = date(2026, 10, 20)


def days(count: int) -> date:
    return TODAY + timedelta(days=count)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    real = timezone.localdate

    def localdate(value: Any = None, timezone: Any = None) -> date:
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def year(cast: Cast) -> FiscalYear:
    return fiscal_year()


def set_area_dates(cast: Cast, year: FiscalYear, dates: Dates, area: Any = None) -> None:
    calendar_save(
        actor=cast.user("area_officer" if area is None else "other_area_officer"),
        fiscal_year=year,
        dates=dates,
        area_office=area or cast.area,
    )
