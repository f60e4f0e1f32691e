"""Notifications: one row per person per event, what each person chose to receive, and their LINE link.

A notification is stored once per (user, key): the key names the event ("agreement:12:v2:returned",
"deadline:scoring:2569:3:…"), so a second call for the same event, a task run twice or a worker restarted
mid-way stores and sends nothing new. Each row also carries how far its email and LINE deliveries got.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    AGREEMENT_RETURNED = "agreement_returned", _("ข้อตกลงถูกส่งกลับให้แก้ไข")
    AGREEMENT_APPROVED = "agreement_approved", _("ข้อตกลงได้รับความเห็นชอบ")
    COMMITTEE_APPOINTED = "committee_appointed", _("การแต่งตั้งเป็นกรรมการประเมิน")
    SHEET_REOPENED = "sheet_reopened", _("แบบประเมินถูกเปิดให้แก้ไข")
    RESULTS_PUBLISHED = "results_published", _("การประกาศผลการประเมิน")
    DEADLINE_APPROACHING = "deadline_approaching", _("ใกล้ถึงกำหนดส่ง")
    DEADLINE_PASSED = "deadline_passed", _("เลยกำหนดส่ง")
    QUESTION_ANSWERED = "question_answered", _("คำตอบใหม่สำหรับคำถามของคุณ")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("ในระบบ")
    EMAIL = "email", _("อีเมล")
    LINE = "line", _("LINE")


class Delivery(models.TextChoices):
    """How far one channel's delivery of a notification got. A row claims SENDING before it sends, so two
    workers (or a retried task) never both send it; PENDING rows whose task was lost are queued again."""

    NONE = "", _("ไม่ส่ง")
    PENDING = "pending", _("รอส่ง")
    SENDING = "sending", _("กำลังส่ง")
    SENT = "sent", _("ส่งแล้ว")
    FAILED = "failed", _("ส่งไม่สำเร็จ")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def visible_to(self, user: Any) -> NotificationQuerySet:
        """Only the user's own notifications, and only those they chose to see in the app."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user_id=user.pk, in_app=True)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("ประเภท"), max_length=40, choices=Kind)
    key = models.CharField(max_length=200)
    title = models.CharField(_("หัวเรื่อง"), max_length=200)
    body = models.TextField(_("ข้อความ"), blank=True)
    url = models.CharField(_("ลิงก์"), max_length=500, blank=True)  # a path on this site
    # The email's own text when it says more than the in-app line (the whole answer to a question).
    email_text = models.TextField(blank=True)
    created_at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)
    read_at = models.DateTimeField(_("อ่านเมื่อ"), null=True, blank=True)
    in_app = models.BooleanField(default=True)
    email_status = models.CharField(max_length=10, choices=Delivery, blank=True, default=Delivery.NONE)
    line_status = models.CharField(max_length=10, choices=Delivery, blank=True, default=Delivery.NONE)
    line_attempts = models.PositiveSmallIntegerField(default=0)
    # Sent to LINE as X-Line-Retry-Key, so a retried push is accepted once; also tells a fresh row from an old one.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("การแจ้งเตือน")
        verbose_name_plural = _("การแจ้งเตือน")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")]
        indexes = [models.Index(fields=["user", "in_app", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """One user's choice of channels for one kind; without a row the defaults apply (in-app and email on,
    LINE on once the account is linked)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, choices=Kind)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)
    # None: not chosen yet (the preferences page offers LINE only once it is linked), which means on.
    line = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name = _("การตั้งค่าการแจ้งเตือน")
        verbose_name_plural = _("การตั้งค่าการแจ้งเตือน")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.kind}"


class LineAccount(models.Model):
    """A user's LINE link: the LINE userId the official account's webhook reported, and a pending link code."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="line_account")
    line_user_id = models.CharField(max_length=64, blank=True, db_index=True)
    following = models.BooleanField(default=False)  # false after the person blocks or unfollows the account
    linked_at = models.DateTimeField(null=True, blank=True)
    # A keyed digest of the one-time code shown on the preferences page, never the code itself.
    code_digest = models.CharField(max_length=64, blank=True, db_index=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("บัญชี LINE ที่เชื่อมต่อ")
        verbose_name_plural = _("บัญชี LINE ที่เชื่อมต่อ")

    def __str__(self) -> str:
        return f"{self.user_id}:{'linked' if self.line_user_id else 'not linked'}"

    @property
    def is_linked(self) -> bool:
        return bool(self.line_user_id)

    @property
    def receives(self) -> bool:
        return self.is_linked and self.following
