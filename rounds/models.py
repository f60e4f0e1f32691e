"""Fiscal years (evaluation rounds) and the rulebook edition each one uses."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from rulebook import Edition, available_editions, fiscal_year_bounds, load_edition


def edition_choices() -> list[tuple[str, str]]:
    return [(code, load_edition(code).title) for code in available_editions()]


def validate_edition(code: str) -> None:
    if code not in available_editions():
        raise ValidationError(_("ไม่พบเกณฑ์ฉบับ “%(code)s”"), params={"code": code}, code="edition_unknown")


class FiscalYearQuerySet(models.QuerySet["FiscalYear"]):
    def current(self, today: date) -> FiscalYear | None:
        return self.filter(starts_on__lte=today, ends_on__gte=today).first()


class FiscalYear(models.Model):
    """ปีงบประมาณ: one evaluation round, named by the Buddhist-era year it ends in."""

    year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"), unique=True)
    # A later circular becomes a new edition file; years already using an edition keep it.
    edition_code = models.CharField(_("เกณฑ์ที่ใช้"), max_length=60, choices=edition_choices, validators=[validate_edition])
    starts_on = models.DateField(_("วันเริ่มต้น"), editable=False)
    ends_on = models.DateField(_("วันสิ้นสุด"), editable=False)

    objects = FiscalYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("ปีงบประมาณ")
        verbose_name_plural = _("ปีงบประมาณ")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"ปีงบประมาณ พ.ศ. {self.year}"

    @property
    def edition(self) -> Edition:
        return load_edition(self.edition_code)

    def set_bounds(self) -> None:
        self.starts_on, self.ends_on = fiscal_year_bounds(self.year, self.edition)
