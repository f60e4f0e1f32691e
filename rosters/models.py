"""Imports of schools and people from an office's file, and the one-time password sheets of the accounts they made."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from org.models import AreaOffice, School


class ImportJob(models.Model):
    """One uploaded file on its way: checked in the background, reviewed, confirmed, applied in batches.

    The uploaded file (it holds full national IDs) is kept only until it has been checked; what is kept for the
    confirmation is `parsed`, the good rows with each national ID as its digest and masked form.
    """

    class Kind(models.TextChoices):
        SCHOOLS = "schools", _("รายชื่อโรงเรียน")
        PEOPLE = "people", _("รายชื่อครูและผู้บริหาร")

    class State(models.TextChoices):
        QUEUED = "queued", _("รอตรวจไฟล์")
        CHECKING = "checking", _("กำลังตรวจไฟล์")
        REJECTED = "rejected", _("พบข้อผิดพลาดในไฟล์")
        REVIEW = "review", _("รอยืนยันการนำเข้า")
        CONFIRMED = "confirmed", _("รอคิวนำเข้า")
        APPLYING = "applying", _("กำลังนำเข้า")
        DONE = "done", _("นำเข้าเสร็จแล้ว")
        FAILED = "failed", _("ไม่สำเร็จ")
        CANCELLED = "cancelled", _("ยกเลิกแล้ว")

    RUNNING = (State.QUEUED, State.CHECKING, State.CONFIRMED, State.APPLYING)

    kind = models.CharField(_("ประเภท"), max_length=10, choices=Kind)
    state = models.CharField(_("สถานะ"), max_length=10, choices=State, default=State.QUEUED)
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    area_office = models.ForeignKey(AreaOffice, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    upload = models.FileField(upload_to="rosters/uploads/%Y/%m/", max_length=255, blank=True)
    parsed = models.FileField(upload_to="rosters/parsed/%Y/%m/", max_length=255, blank=True)
    # Each run (check, apply, or a retry of either) takes the next attempt number and writes only while it
    # is still the latest, so a run that was thought dead and retried cannot write beside its successor.
    attempt = models.PositiveIntegerField(default=0)
    applying = models.BooleanField(default=False)  # the current or failed run is the apply, not the check
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    rows = models.PositiveIntegerField(_("จำนวนแถว"), default=0)
    to_create = models.PositiveIntegerField(default=0)
    to_update = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)  # [[line, message], ...] up to ROSTERS_MAX_PROBLEMS
    problem_count = models.PositiveIntegerField(default=0)
    ignored_columns = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("การนำเข้ารายชื่อ")
        verbose_name_plural = _("การนำเข้ารายชื่อ")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="import_job_one_scope",
                condition=Q(school__isnull=False, area_office__isnull=True)
                | Q(school__isnull=True, area_office__isnull=False),
            )
        ]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="import_job_creator")]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name}"

    @property
    def unchanged(self) -> int:
        """Good rows that needed no change: at review, those neither to create nor to update; once done, the rest."""
        if self.state == self.State.DONE:
            return max(self.rows - self.created - self.updated, 0)
        return max(self.rows - self.to_create - self.to_update, 0)

    @property
    def percent(self) -> int:
        if self.state in (self.State.DONE, self.State.REVIEW, self.State.REJECTED):
            return 100
        return min(int(100 * self.done / self.total), 99) if self.total else 0

    @property
    def is_running(self) -> bool:
        return self.state in self.RUNNING

    def is_stale(self, now: datetime) -> bool:
        """Running, but no progress for ROSTERS_STALE_MINUTES: the worker most likely died."""
        last = self.heartbeat_at or self.created_at
        return self.is_running and now - last > timedelta(minutes=settings.ROSTERS_STALE_MINUTES)


class PasswordSheet(models.Model):
    """The one-time passwords of the accounts one import made for one school (or, for an import of schools, the
    schools' admin accounts), until the person who ran the import downloads the sheet — once — or
    ROSTERS_SHEET_KEEP_HOURS pass. Then the plain passwords are wiped; only their keyed hashes stay on the accounts.
    """

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="sheets")
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    title = models.CharField(_("ชื่อ"), max_length=200)
    # [[name, login, one-time password], ...] in the file's order; emptied when the sheet is wiped.
    entries = models.JSONField(default=list, blank=True)
    count = models.PositiveIntegerField(_("จำนวนบัญชี"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)
    wiped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ใบรหัสผ่านครั้งแรก")
        verbose_name_plural = _("ใบรหัสผ่านครั้งแรก")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["wiped_at", "created_at"], name="password_sheet_wipe")]

    def __str__(self) -> str:
        return self.title

    @property
    def expires_at(self) -> datetime:
        return self.created_at + timedelta(hours=settings.ROSTERS_SHEET_KEEP_HOURS)

    def is_available(self, now: datetime | None = None) -> bool:
        return self.wiped_at is None and (now or timezone.now()) < self.expires_at
