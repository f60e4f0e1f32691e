"""The agreement (PA 1): one per teacher per fiscal year, its sections, versions and review comments."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from org.models import Person, School
from rounds.models import FiscalYear


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def visible_to(self, user: Any) -> AgreementQuerySet:
        from agreements.access import agreement_filter

        return self.filter(agreement_filter(user))

    def for_fiscal_year(self, fiscal_year: FiscalYear) -> AgreementQuerySet:
        return self.filter(fiscal_year=fiscal_year)

    def awaiting_review(self) -> AgreementQuerySet:
        return self.filter(state=Agreement.State.SUBMITTED)


class Agreement(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("ฉบับร่าง")
        SUBMITTED = "submitted", _("ส่งแล้ว รอพิจารณา")
        RETURNED = "returned", _("ส่งกลับให้แก้ไข")
        APPROVED = "approved", _("เห็นชอบแล้ว")
        AMENDING = "amending", _("ขอแก้ไขหลังเห็นชอบ")

    teacher = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="agreements")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="agreements")
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="agreements")
    state = models.CharField(_("สถานะ"), max_length=20, choices=State, default=State.DRAFT)
    # The teacher's details as they were when the agreement was last submitted; the standing fixes
    # the expected level the committee will use.
    snapshot = models.JSONField(_("ข้อมูลผู้จัดทำ ณ วันที่ส่ง"), default=dict, blank=True)
    workload_ok = models.BooleanField(_("ภาระงานเป็นไปตามเกณฑ์"), null=True, blank=True)
    workload_failures = models.JSONField(default=list, blank=True)
    submitted_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    approved_at = models.DateTimeField(_("เห็นชอบเมื่อ"), null=True, blank=True)
    # Why an approved agreement was reopened; the approved version stays in the history.
    amendment_reason = models.TextField(_("เหตุผลที่ขอแก้ไข"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("ข้อตกลงในการพัฒนางาน")
        verbose_name_plural = _("ข้อตกลงในการพัฒนางาน")
        constraints = [models.UniqueConstraint(fields=["teacher", "fiscal_year"], name="agreement_one_per_year")]
        indexes = [models.Index(fields=["school", "fiscal_year", "state"], name="agreement_school_state")]

    def __str__(self) -> str:
        return f"PA 1 {self.teacher} {self.fiscal_year}"

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED, self.State.AMENDING)


class AgreementSection(models.Model):
    """One section's content; `revision` rises with every save so a stale save can be refused."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=30)
    content = models.JSONField(default=dict)
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agreement", "key"], name="agreement_section_unique")]

    def __str__(self) -> str:
        return f"{self.agreement_id}:{self.key}@{self.revision}"


class AgreementVersion(models.Model):
    """The whole agreement as submitted: every submission keeps one, so changes can be compared."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sections = models.JSONField()
    snapshot = models.JSONField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_unique")]

    def __str__(self) -> str:
        return f"{self.agreement_id} v{self.number}"


class ReviewDecision(models.Model):
    """The director's decision on one submitted version, with comments per section."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("เห็นชอบ")
        RETURNED = "returned", _("ไม่เห็นชอบ ให้นำไปปรับปรุงแก้ไข")

    version = models.OneToOneField(AgreementVersion, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(max_length=20, choices=Outcome)
    comment = models.TextField(_("ความเห็นของผู้อำนวยการ"), blank=True)
    section_comments = models.JSONField(default=dict, blank=True)  # section key → comment
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.version} {self.outcome}"
