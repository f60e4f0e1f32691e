"""Pre-computed figures the dashboards add up: one row per school, learning area and standing per fiscal year.

Counting agreements and reading 1.15 M score sheets on every request would take seconds nationally; each
dashboard instead sums these rows (≈ 5 per school), which PostgreSQL does in milliseconds. Rows are
recomputed from the real tables for the schools that changed (`dashboards.summaries`), so they are never
edited by hand and can always be rebuilt.

Per-item level sums sit in numbered columns (`item_01` … `item_20`) in the order of the fiscal year's
rulebook edition (`committees.points.item_codes`): one wide row keeps a national heatmap one SUM per
column over ~150 k rows, instead of a join over millions of (row, item) pairs.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from org.models import AreaOffice, Province, School
from rounds.models import FiscalYear

ITEM_SLOTS = 20  # an edition may score at most this many items (ว 9/2564: 15 indicators + 3 Part 2 items)
ITEM_FIELDS = tuple(f"item_{number:02d}" for number in range(1, ITEM_SLOTS + 1))
COUNT_FIELDS = (
    "teachers",
    "no_agreement",
    "draft",
    "submitted",
    "returned",
    "approved",
    "with_committee",
    "sheets_submitted",
    "scored",
    "published",
    "passed",
    "failed",
    "flagged",
    "item_sheets",
)


class Counts(models.Model):
    """Teachers per step, results and level sums of one group: the columns every summary adds up."""

    teachers = models.PositiveIntegerField(default=0)  # teachers who make a PA (not ครูผู้ช่วย)
    no_agreement = models.PositiveIntegerField(default=0)
    draft = models.PositiveIntegerField(default=0)
    submitted = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)
    approved = models.PositiveIntegerField(default=0)  # approved, or being amended after approval
    with_committee = models.PositiveIntegerField(default=0)
    sheets_submitted = models.PositiveIntegerField(default=0)
    scored = models.PositiveIntegerField(default=0)  # all three sheets in: PA 3 computed
    published = models.PositiveIntegerField(default=0)
    passed = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)  # scored with a disagreement flag
    item_sheets = models.PositiveIntegerField(default=0)  # submitted sheets in the item sums
    item_01 = models.PositiveIntegerField(default=0)
    item_02 = models.PositiveIntegerField(default=0)
    item_03 = models.PositiveIntegerField(default=0)
    item_04 = models.PositiveIntegerField(default=0)
    item_05 = models.PositiveIntegerField(default=0)
    item_06 = models.PositiveIntegerField(default=0)
    item_07 = models.PositiveIntegerField(default=0)
    item_08 = models.PositiveIntegerField(default=0)
    item_09 = models.PositiveIntegerField(default=0)
    item_10 = models.PositiveIntegerField(default=0)
    item_11 = models.PositiveIntegerField(default=0)
    item_12 = models.PositiveIntegerField(default=0)
    item_13 = models.PositiveIntegerField(default=0)
    item_14 = models.PositiveIntegerField(default=0)
    item_15 = models.PositiveIntegerField(default=0)
    item_16 = models.PositiveIntegerField(default=0)
    item_17 = models.PositiveIntegerField(default=0)
    item_18 = models.PositiveIntegerField(default=0)
    item_19 = models.PositiveIntegerField(default=0)
    item_20 = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class GroupSummary(Counts):
    """One school's teachers of one learning area and standing, in one fiscal year."""

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+")
    area_office = models.ForeignKey(AreaOffice, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    learning_area = models.CharField(max_length=30, blank=True)
    standing = models.CharField(max_length=30, blank=True)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("สรุปตัวเลขรายโรงเรียน")
        verbose_name_plural = _("สรุปตัวเลขรายโรงเรียน")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "school", "learning_area", "standing"], name="group_summary_unique"
            )
        ]
        indexes = [
            models.Index(fields=["fiscal_year", "area_office"], name="group_summary_area"),
            models.Index(fields=["fiscal_year", "province"], name="group_summary_province"),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year_id}/{self.school_id}/{self.learning_area}/{self.standing}"


class AreaSummary(Counts):
    """The same sums one level up — an area office's teachers of one learning area and standing — so the
    province and national pages add up ≈ 13 k rows instead of ≈ 270 k. Rebuilt from GroupSummary."""

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+")
    area_office = models.ForeignKey(AreaOffice, on_delete=models.CASCADE, related_name="+")
    learning_area = models.CharField(max_length=30, blank=True)
    standing = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name = _("สรุปตัวเลขรายเขตพื้นที่")
        verbose_name_plural = _("สรุปตัวเลขรายเขตพื้นที่")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "area_office", "learning_area", "standing"], name="area_summary_unique"
            )
        ]
        indexes = [models.Index(fields=["fiscal_year", "province"], name="area_summary_province")]

    def __str__(self) -> str:
        return f"{self.fiscal_year_id}/{self.area_office_id}/{self.learning_area}/{self.standing}"


class AreaUsage(models.Model):
    """How many of an area office's schools have summaries, and how many have at least one agreement."""

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+")
    area_office = models.ForeignKey(AreaOffice, on_delete=models.CASCADE, related_name="+")
    schools = models.PositiveIntegerField(default=0)
    active_schools = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "area_office"], name="area_usage_unique")]

    def __str__(self) -> str:
        return f"{self.fiscal_year_id}/{self.area_office_id}: {self.active_schools}/{self.schools}"


class RefreshState(models.Model):
    """How far the summaries have read the audit trail: entries after `last_audit_id` are changes not yet in."""

    last_audit_id = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"audit>{self.last_audit_id}"
