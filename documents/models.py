"""Documents issued (for the public verify page) and school bundles built in the background."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from org.models import School
from rounds.models import FiscalYear


class Kind(models.TextChoices):
    PA1 = "pa1", _("PA 1/ส ข้อตกลงในการพัฒนางาน")
    PA2 = "pa2", _("PA 2/ส แบบประเมินผลการพัฒนางานตามข้อตกลง")
    PA3 = "pa3", _("PA 3/ส แบบสรุปผลการประเมิน")
    ORDER = "order", _("คำสั่งแต่งตั้งคณะกรรมการประเมิน")


class IssuedDocument(models.Model):
    """One version of a document's content that the system has printed a verification code on.

    `record` names what the document is of ("agreement:12", "sheet:40", "evaluation:7",
    "order:3:2569"); `content_hash` is what it said. The verify page compares it with what the record
    says now: equal means genuine and current, different means superseded.
    """

    code = models.CharField(_("รหัสตรวจสอบ"), max_length=16, unique=True)
    kind = models.CharField(_("ประเภทเอกสาร"), max_length=10, choices=Kind)
    record = models.CharField(max_length=60)
    content_hash = models.CharField(max_length=64)
    # What the public verify page may show of the person, and nothing else.
    person_name = models.CharField(_("ชื่อ"), max_length=200)
    school_name = models.CharField(_("สถานศึกษา"), max_length=200)
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"))
    issued_at = models.DateTimeField(_("ออกเอกสารเมื่อ"), auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("เอกสารที่ออกจากระบบ")
        verbose_name_plural = _("เอกสารที่ออกจากระบบ")
        constraints = [
            models.UniqueConstraint(fields=["record", "content_hash"], name="issued_document_one_per_content")
        ]
        indexes = [models.Index(fields=["record", "-issued_at"], name="issued_document_record")]

    def __str__(self) -> str:
        return f"{self.code} {self.record}"


class Bundle(models.Model):
    """A ZIP of every PA 1 or PA 3 of a school's fiscal year, built by a background task with its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", _("รอคิว")
        RUNNING = "running", _("กำลังสร้างไฟล์")
        DONE = "done", _("เสร็จแล้ว")
        FAILED = "failed", _("ไม่สำเร็จ")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="document_bundles")
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="document_bundles")
    kind = models.CharField(_("ประเภทเอกสาร"), max_length=10, choices=Kind)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(_("สถานะ"), max_length=10, choices=State, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="bundles/%Y/%m/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ไฟล์รวมเอกสารของโรงเรียน")
        verbose_name_plural = _("ไฟล์รวมเอกสารของโรงเรียน")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.school_id}/{self.fiscal_year_id}"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
