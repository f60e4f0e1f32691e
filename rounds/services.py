"""Opening fiscal years."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_record
from rounds.models import FiscalYear, validate_edition
from rulebook import DEFAULT_EDITION, fiscal_year_of, load_edition


@transaction.atomic
def fiscal_year_open(*, actor: Any, year: int, edition_code: str = DEFAULT_EDITION) -> FiscalYear:
    """Open a fiscal year (BE) on a rulebook edition; opening it again changes nothing."""
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if fiscal_year is not None:
        return fiscal_year
    check_edition_covers(year, edition_code)
    fiscal_year = FiscalYear(year=year, edition_code=edition_code)
    fiscal_year.set_bounds()
    fiscal_year.full_clean()
    fiscal_year.save()
    audit_record(actor, "fiscal_year.opened", fiscal_year, edition=edition_code)
    return fiscal_year


def check_edition_covers(year: int, edition_code: str) -> None:
    """Refuse an unknown edition, or a year before the edition came into force (a CE year typed by mistake)."""
    try:
        validate_edition(edition_code)
    except ValidationError as error:
        # Checked before the bounds are computed: they come from the edition's calendar.
        raise ValidationError({"edition_code": error.error_list}) from error
    edition = load_edition(edition_code)
    first_year = fiscal_year_of(edition.effective_from, edition)
    if year < first_year:
        raise ValidationError(
            {
                "year": _("ปีงบประมาณ พ.ศ. %(year)d อยู่ก่อนที่เกณฑ์ %(circular)s มีผลใช้บังคับ (ปีแรกคือ พ.ศ. %(first)d)")
                % {"year": year, "circular": edition.circular, "first": first_year}
            }
        )
