"""The fiscal year's calendar: a date per step set by each area office, tightened by its schools.

The rulebook gives the DPA entry default (`rulebook.dpa_entry_deadline`); area offices set the other steps
(ว 9/2564 leaves deadlines per step to each area office or school). A school may only bring a date forward.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from org.models import AreaOffice, School
from rounds.models import FiscalYear


class Step(models.TextChoices):
    AGREEMENT_SUBMISSION = "agreement_submission", _("ครูส่งข้อตกลงในการพัฒนางาน (PA 1)")
    DIRECTOR_APPROVAL = "director_approval", _("ผู้อำนวยการพิจารณาเห็นชอบข้อตกลง")
    COMMITTEE_APPOINTMENT = "committee_appointment", _("แต่งตั้งคณะกรรมการประเมิน")
    SCORING = "scoring", _("คณะกรรมการส่งแบบประเมิน (PA 2)")
    PUBLISHING = "publishing", _("ประกาศผลการประเมิน")
    DPA_ENTRY = "dpa_entry", _("บันทึกผลการประเมินเข้าระบบ DPA")


class Deadline(models.Model):
    """One step's last day in one fiscal year, for an area office (inherited) or a school (tightened)."""

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="deadlines")
    area_office = models.ForeignKey(
        AreaOffice, on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines")
    step = models.CharField(_("ขั้นตอน"), max_length=30, choices=Step)
    due_on = models.DateField(_("ภายในวันที่"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("กำหนดส่ง")
        verbose_name_plural = _("กำหนดส่ง")
        constraints = [
            models.CheckConstraint(
                name="deadline_for_area_or_school",
                condition=Q(area_office__isnull=False, school__isnull=True)
                | Q(area_office__isnull=True, school__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "area_office", "step"],
                condition=Q(area_office__isnull=False),
                name="deadline_one_per_area_step",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "school", "step"],
                condition=Q(school__isnull=False),
                name="deadline_one_per_school_step",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year_id}:{self.area_office_id or ''}/{self.school_id or ''}:{self.step}={self.due_on}"


class ReminderTick(models.Model):
    """A day the daily reminder run is queued for: at most one run is ever queued per day, so restarts,
    deploys and `send_reminders --schedule` never start a second daily chain."""

    run_on = models.DateField(unique=True)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("รอบส่งการเตือน")
        verbose_name_plural = _("รอบส่งการเตือน")

    def __str__(self) -> str:
        return self.run_on.isoformat()
