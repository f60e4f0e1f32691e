"""Field validators with Thai messages that name the field."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from org import national_id
from rulebook import DEFAULT_EDITION, load_edition


def validate_national_id(value: str) -> None:
    number = national_id.normalise(value)
    if not (len(number) == 13 and number.isascii() and number.isdigit()):
        raise ValidationError(_("เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก"), code="national_id_format")
    if not national_id.is_valid(number):
        raise ValidationError(
            _("เลขประจำตัวประชาชนไม่ถูกต้อง: เลขตรวจสอบหลักสุดท้ายไม่ตรง กรุณาตรวจสอบอีกครั้ง"),
            code="national_id_check_digit",
        )


def validate_school_code(value: str) -> None:
    length = settings.SCHOOL_CODE_LENGTH
    if not (len(value) == length and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("รหัสโรงเรียนต้องเป็นตัวเลข %(length)d หลัก"),
            code="school_code_format",
            params={"length": length},
        )


def validate_area_office_code(value: str) -> None:
    if not (4 <= len(value) <= 8 and value.isascii() and value.isdigit()):
        raise ValidationError(_("รหัสสำนักงานเขตพื้นที่ต้องเป็นตัวเลข 4–8 หลัก"), code="area_code_format")


def validate_standing(value: str) -> None:
    codes = {standing.code for standing in load_edition(DEFAULT_EDITION).standings}
    if value not in codes:
        raise ValidationError(_("ไม่รู้จักวิทยฐานะ “%(value)s”"), code="standing_unknown", params={"value": value})
