"""Forms at the boundary: field checks with Thai messages; domain changes go through services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from org.models import Person, Position
from org.services import person_exists
from org.validators import validate_national_id


class IdentifierAuthenticationForm(AuthenticationForm):
    username = forms.CharField(
        label=_("เลขประจำตัวประชาชน อีเมล หรือรหัสโรงเรียน"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "inputmode": "text"}),
    )
    password = forms.CharField(
        label=_("รหัสผ่าน"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": _(
            "เลขประจำตัวประชาชน/อีเมล/รหัสโรงเรียน หรือรหัสผ่านไม่ถูกต้อง "
            "หากกรอกผิดหลายครั้ง บัญชีจะถูกระงับชั่วคราว"
        ),
        "inactive": _("บัญชีนี้ถูกระงับการใช้งาน กรุณาติดต่อผู้ดูแลระบบของโรงเรียน"),
    }


class PersonForm(forms.ModelForm[Person]):
    """A teacher or director added to a school's roster by its director, admin account or area office."""

    national_id = forms.CharField(
        label=_("เลขประจำตัวประชาชน"),
        max_length=17,
        validators=[validate_national_id],
        help_text=_("13 หลัก พิมพ์ขีดหรือเว้นวรรคได้ ระบบเก็บเลขเต็มในรูปที่อ่านย้อนกลับไม่ได้"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("อีเมล (ใช้เข้าสู่ระบบและรับลิงก์ตั้งรหัสผ่าน)"), required=False)

    class Meta:
        model = Person
        fields = [
            "prefix",
            "first_name",
            "last_name",
            "first_name_en",
            "last_name_en",
            "position",
            "standing",
            "salary_grade",
            "salary",
            "learning_area",
            "phone",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = [
            (Position.TEACHER.value, Position.TEACHER.label),
            (Position.ASSISTANT_TEACHER.value, Position.ASSISTANT_TEACHER.label),
            (Position.DIRECTOR.value, Position.DIRECTOR.label),
            (Position.DEPUTY_DIRECTOR.value, Position.DEPUTY_DIRECTOR.label),
        ]

    def clean_national_id(self) -> str:
        value: str = self.cleaned_data["national_id"]
        if person_exists(value):
            raise forms.ValidationError(_("มีบุคคลที่ใช้เลขประจำตัวประชาชนนี้ในระบบแล้ว"), code="duplicate")
        return value


class PreferencesForm(forms.Form):
    thai_digits = forms.BooleanField(label=_("แสดงตัวเลขเป็นเลขไทย (๐–๙)"), required=False)
