"""Committees, their three seats, the teachers they evaluate, each member's sheet (PA 2) and the result (PA 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from org.models import LearningArea, Person, School
from rounds.models import FiscalYear

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

CHAIR_SEAT = 1
SEAT_NUMBERS = (1, 2, 3)


class CommitteeQuerySet(models.QuerySet["Committee"]):
    def visible_to(self, user: Any) -> CommitteeQuerySet:
        from committees.access import committee_filter

        return self.filter(committee_filter(user))


class Committee(models.Model):
    """One committee of a school for a fiscal year (a school may have several, e.g. one per learning area)."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="committees")
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="committees")
    name = models.CharField(_("ชื่อคณะกรรมการ"), max_length=200)
    learning_area = models.CharField(_("กลุ่มสาระการเรียนรู้"), max_length=30, choices=LearningArea, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommitteeQuerySet.as_manager()

    if TYPE_CHECKING:
        seats: RelatedManager[Seat]
        evaluations: RelatedManager[Evaluation]

    class Meta:
        verbose_name = _("คณะกรรมการประเมิน")
        verbose_name_plural = _("คณะกรรมการประเมิน")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["school", "fiscal_year", "name"], name="committee_unique_name"),
        ]
        indexes = [models.Index(fields=["school", "fiscal_year"], name="committee_school_year")]

    def __str__(self) -> str:
        return self.name


class Seat(models.Model):
    """A person in one of the committee's three seats; seat 1 is the chair.

    A seat is held while pending or accepted; declined, expired and removed seats stay as history, and
    the director appoints someone else to the same number.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("รอตอบรับ")
        ACCEPTED = "accepted", _("ตอบรับแล้ว")
        DECLINED = "declined", _("ปฏิเสธ")
        EXPIRED = "expired", _("ไม่ตอบรับภายในกำหนด")
        REMOVED = "removed", _("ถูกเปลี่ยนตัว")

    class Kind(models.TextChoices):
        CHAIR = "chair", _("ผู้อำนวยการสถานศึกษา (ประธานกรรมการ)")
        SUBSTITUTE_CHAIR = "substitute_chair", _("ผู้อำนวยการสถานศึกษาอื่น (ประธานกรรมการแทน)")
        MEMBER = "member", _("กรรมการ")

    HELD = (Status.PENDING, Status.ACCEPTED)

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seats")
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="seats")
    kind = models.CharField(_("ฐานะ"), max_length=20, choices=Kind)
    # For members: the rulebook's member qualification code (supervisor, lecturer, other_school_teacher, expert).
    qualification = models.CharField(_("คุณสมบัติ"), max_length=40, blank=True)
    reason = models.TextField(_("เหตุผล/คุณวุฒิ"), blank=True)
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status, default=Status.PENDING)
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    appointed_at = models.DateTimeField(auto_now_add=True)
    respond_by = models.DateTimeField(_("ตอบรับภายใน"), null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    response_note = models.TextField(_("หมายเหตุการตอบรับ/ปฏิเสธ"), blank=True)

    class Meta:
        verbose_name = _("ที่นั่งกรรมการ")
        verbose_name_plural = _("ที่นั่งกรรมการ")
        ordering = ["committee_id", "number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number"],
                condition=Q(status__in=["pending", "accepted"]),
                name="seat_one_holder",
            ),
            models.UniqueConstraint(
                fields=["committee", "person"],
                condition=Q(status__in=["pending", "accepted"]),
                name="seat_one_per_person",
            ),
            models.CheckConstraint(name="seat_number_1_to_3", condition=Q(number__gte=1, number__lte=3)),
        ]
        indexes = [models.Index(fields=["person", "status"], name="seat_person_status")]

    def __str__(self) -> str:
        return f"{self.committee} #{self.number} {self.person}"

    @property
    def is_chair(self) -> bool:
        return self.number == CHAIR_SEAT

    @property
    def is_held(self) -> bool:
        return self.status in self.HELD


class EvaluationQuerySet(models.QuerySet["Evaluation"]):
    def visible_to(self, user: Any) -> EvaluationQuerySet:
        from committees.access import evaluation_filter

        return self.filter(evaluation_filter(user))


class Evaluation(models.Model):
    """One teacher's evaluation for the year: their agreement, the committee, and the PA 3 result."""

    agreement = models.OneToOneField(Agreement, on_delete=models.PROTECT, related_name="evaluation")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="evaluations")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    # Set when all three sheets are submitted (cleared when one is reopened): the rulebook's PA 3 result.
    result_passed = models.BooleanField(_("ผลการประเมิน"), null=True, blank=True)
    result_reasons = models.JSONField(default=list, blank=True)
    result_computed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("ประกาศผลเมื่อ"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = EvaluationQuerySet.as_manager()

    if TYPE_CHECKING:
        sheets: RelatedManager[ScoreSheet]

    class Meta:
        verbose_name = _("การประเมินครู")
        verbose_name_plural = _("การประเมินครู")
        indexes = [models.Index(fields=["committee", "published_at"], name="evaluation_committee_pub")]

    def __str__(self) -> str:
        return f"{self.agreement.teacher} · {self.committee}"


class ScoreSheet(models.Model):
    """One member's PA 2 for one teacher: levels and comments per item, saved item by item."""

    class State(models.TextChoices):
        DRAFT = "draft", _("ฉบับร่าง")
        SUBMITTED = "submitted", _("ส่งแล้ว")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="sheets")
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="sheets")
    levels = models.JSONField(default=dict, blank=True)  # item code (indicator or Part 2 item) → level
    comments = models.JSONField(default=dict, blank=True)  # item code → comment
    overall_comment = models.TextField(_("ความเห็นโดยรวม"), blank=True)
    state = models.CharField(_("สถานะ"), max_length=20, choices=State, default=State.DRAFT)
    revision = models.PositiveIntegerField(default=0)
    part1 = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    part2 = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    total = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("แบบประเมิน PA 2")
        verbose_name_plural = _("แบบประเมิน PA 2")
        constraints = [models.UniqueConstraint(fields=["evaluation", "seat"], name="sheet_one_per_seat")]

    def __str__(self) -> str:
        return f"PA 2 {self.evaluation_id}/{self.seat_id}"

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED
