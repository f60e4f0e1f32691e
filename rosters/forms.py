"""The upload form: a file of the right type and size; what is inside is checked in the background."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

EXTENSIONS = (".xlsx", ".csv")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์รายชื่อ (.xlsx หรือ .csv)"),
        help_text=_("ใช้แบบฟอร์มของระบบ หรือไฟล์ที่มีหัวคอลัมน์เดียวกัน ระบบตรวจทุกแถวก่อน ยังไม่บันทึกอะไรจนกว่าจะกดยืนยัน"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
        error_messages={"empty": _("ไฟล์นี้ไม่มีข้อมูล"), "required": _("กรุณาเลือกไฟล์")},
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        name = str(upload.name or "").lower()
        if not name.endswith(EXTENSIONS):
            raise forms.ValidationError(
                _("รับเฉพาะไฟล์ .xlsx หรือ .csv (ไฟล์ .xls รุ่นเก่า ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx)"), code="type"
            )
        limit = settings.ROSTERS_MAX_UPLOAD_MB
        if (upload.size or 0) > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("ไฟล์ใหญ่เกิน %(limit)d MB: แบ่งเป็นหลายไฟล์"), code="size", params={"limit": limit}
            )
        return upload
