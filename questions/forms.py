"""Forms at the boundary: asking and answering; changes go through questions.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from org.models import LearningArea
from questions.services import ANSWER_MAX, BODY_MAX, TITLE_MAX


class AskForm(forms.Form):
    title = forms.CharField(
        label=_("คำถาม"),
        max_length=TITLE_MAX,
        help_text=_("พิมพ์สั้น ๆ ระบบจะแสดงคำถามที่คล้ายกันและหน้าคำอธิบายที่เกี่ยวข้องให้ดูก่อน"),
    )
    body = forms.CharField(
        label=_("รายละเอียด (ไม่บังคับ)"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("อย่าใส่ชื่อนักเรียนหรือข้อมูลส่วนตัวของผู้อื่น"),
    )
    learning_area = forms.ChoiceField(
        label=_("กลุ่มสาระการเรียนรู้ (ไม่บังคับ)"), choices=[("", "-"), *LearningArea.choices], required=False
    )
    private_to_area = forms.BooleanField(
        label=_("ถามเฉพาะสำนักงานเขตพื้นที่"),
        required=False,
        help_text=_("เฉพาะเจ้าหน้าที่สำนักงานเขตพื้นที่ของคุณเห็นคำถามนี้ ครูคนอื่นและครูพี่เลี้ยงไม่เห็น"),
    )
    mentor = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class AnswerForm(forms.Form):
    body = forms.CharField(label=_("คำตอบ"), max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 5}))
