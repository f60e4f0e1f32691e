"""Reading fiscal years."""

from __future__ import annotations

from datetime import date

from rounds.models import FiscalYear
from rulebook import fiscal_year_of


def current_fiscal_year(today: date) -> FiscalYear | None:
    """The fiscal year that contains `today`, if it has been opened."""
    return FiscalYear.objects.filter(year=fiscal_year_of(today)).first()
