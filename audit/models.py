"""The audit trail: who changed what, when, from where."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_entries"
    )
    action = models.CharField(_("การกระทำ"), max_length=60)  # noun.verb_past, e.g. "person.created"
    target_type = models.CharField(_("ประเภทข้อมูล"), max_length=60)
    target_id = models.CharField(_("รหัสข้อมูล"), max_length=40)
    data = models.JSONField(_("รายละเอียด"), default=dict, blank=True)
    created_at = models.DateTimeField(_("เวลา"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("บันทึกการเปลี่ยนแปลง")
        verbose_name_plural = _("บันทึกการเปลี่ยนแปลง")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}:{self.target_id}"
