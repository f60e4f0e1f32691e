"""Opening fiscal years."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from audit.services import audit_record
from rounds.models import FiscalYear
from rulebook import DEFAULT_EDITION


@transaction.atomic
def fiscal_year_open(*, actor: Any, year: int, edition_code: str = DEFAULT_EDITION) -> FiscalYear:
    """Open a fiscal year (BE) on a rulebook edition; opening it again changes nothing."""
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if fiscal_year is not None:
        return fiscal_year
    fiscal_year = FiscalYear(year=year, edition_code=edition_code)
    fiscal_year.set_bounds()
    fiscal_year.full_clean()
    fiscal_year.save()
    audit_record(actor, "fiscal_year.opened", fiscal_year, edition=edition_code)
    return fiscal_year
