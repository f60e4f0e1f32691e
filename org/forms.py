"""Forms at the boundary: field checks with Thai messages; domain changes go through services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from org.models import Person, Position
from org.services import person_exists
from org.tasks import send_account_email
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
        "invalid_login": _("เลขประจำตัวประชาชน/อีเมล/รหัสโรงเรียน หรือรหัสผ่านไม่ถูกต้อง หากกรอกผิดหลายครั้ง บัญชีจะถูกระงับชั่วคราว"),
        "inactive": _("บัญชีนี้ถูกระงับการใช้งาน กรุณาติดต่อผู้ดูแลระบบของโรงเรียน"),
    }


class NationalIdField(forms.CharField):
    """A 13-digit national ID as people type it (dashes and spaces allowed), check digit validated."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("เลขประจำตัวประชาชน"))
        kwargs.setdefault("help_text", _("13 หลัก พิมพ์ขีดหรือเว้นวรรคได้ ระบบเก็บเลขเต็มในรูปที่อ่านย้อนกลับไม่ได้"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(max_length=17, validators=[validate_national_id], **kwargs)


class PersonForm(forms.ModelForm[Person]):
    """A teacher or director added to a school's roster by its director, admin account or area office."""

    national_id = NationalIdField()
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
        position = self.fields["position"]
        assert isinstance(position, forms.ChoiceField)
        position.choices = [
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


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the email sent by a background task instead of inside the request."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        html_body = render_to_string(html_email_template_name, context) if html_email_template_name else ""
        send_account_email.enqueue(subject=subject, body=body, to=[to_email], html_body=html_body)
