"""Evidence: the teacher's own library of files and links, tied to sections of agreements.

An item belongs to a teacher for good and can be tied to any of her agreements, this year's and later
ones, so nobody has to produce a document twice. It counts as evidence of a section only through an
attachment shared with the committee.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from evidence import sniff
from org.models import Person

UPLOADS_IN_PROGRESS = "uploads-in-progress"


def evidence_upload_to(instance: EvidenceItem, filename: str) -> str:
    """A random path with the detected type's extension: the teacher's file name never reaches storage."""
    file_type = sniff.BY_CONTENT_TYPE.get(instance.content_type)
    token = uuid.uuid4().hex
    return f"evidence/{token[:2]}/{token}{file_type.extension if file_type else ''}"


class EvidenceItem(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("ไฟล์")
        LINK = "link", _("ลิงก์")

    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="evidence_items")
    kind = models.CharField(_("ชนิด"), max_length=10, choices=Kind)
    title = models.CharField(_("ชื่อที่แสดง"), max_length=255)
    file = models.FileField(_("ไฟล์"), upload_to=evidence_upload_to, max_length=200, blank=True)
    content_type = models.CharField(_("ชนิดไฟล์ที่ตรวจพบ"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("ขนาด (ไบต์)"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(_("ลิงก์"), max_length=2000, blank=True)
    # Rows are written complete today; the flag keeps half-assembled items out of every list should the
    # final copy to storage ever move to a background task.
    upload_completed = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("เพิ่มเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="evidence_owner_recent")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="file") & ~models.Q(file="")) | (models.Q(kind="link") & ~models.Q(url="")),
                name="evidence_item_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def file_type(self) -> sniff.FileType | None:
        return sniff.BY_CONTENT_TYPE.get(self.content_type)

    @property
    def is_image(self) -> bool:
        return self.file_type is not None and self.file_type.is_image

    @property
    def is_video(self) -> bool:
        return self.file_type is not None and self.file_type.is_video

    @property
    def type_label(self) -> str:
        return self.file_type.label if self.file_type else ""

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "") if self.url else ""


class EvidenceAttachmentQuerySet(models.QuerySet["EvidenceAttachment"]):
    def shared(self) -> EvidenceAttachmentQuerySet:
        return self.filter(shared_with_committee=True)

    def for_panel(self, agreement: Agreement) -> EvidenceAttachmentQuerySet:
        return (
            self.filter(agreement=agreement, item__upload_completed=True)
            .select_related("item")
            .order_by("section", "created_at", "pk")
        )


class EvidenceAttachment(models.Model):
    """One item tied to one section ("indicator:1.1" or "challenge") of one agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="evidence_attachments")
    section = models.CharField(_("ส่วนของข้อตกลง"), max_length=30)
    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="attachments")
    shared_with_committee = models.BooleanField(_("ให้คณะกรรมการเห็น"), default=True)
    attached_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("หลักฐานที่แนบ")
        verbose_name_plural = _("หลักฐานที่แนบ")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "section", "item"], name="evidence_attachment_unique")
        ]
        indexes = [models.Index(fields=["agreement", "section"], name="evidence_attachment_section")]

    def __str__(self) -> str:
        return f"{self.agreement_id}:{self.section}:{self.item_id}"


class UploadSession(models.Model):
    """A large file on its way in: chunks in order, each a separate object in the default storage.

    Nothing here is evidence: the item is written only when the last chunk is in and the whole file
    passed its checks. Sessions expire; an expired one and its chunks are purged.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    declared_name = models.CharField(max_length=255)
    total_size = models.PositiveBigIntegerField()
    received_bytes = models.PositiveBigIntegerField(default=0)
    temp_path = models.CharField(max_length=200)  # the storage folder of the chunks
    chunks = models.JSONField(default=list)  # storage names, in file order
    # Where the finished item goes, when the upload started from an agreement's section.
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    section = models.CharField(max_length=30, blank=True)
    shared_with_committee = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.declared_name} {self.received_bytes}/{self.total_size}"
