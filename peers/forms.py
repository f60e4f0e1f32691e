"""Forms at the boundary: the mentor profile and sharing an example; changes go through peers.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from org.models import LearningArea
from peers.models import Mentor
from peers.services import BIO_MAX


class MentorForm(forms.Form):
    learning_areas = forms.MultipleChoiceField(
        label=_("กลุ่มสาระการเรียนรู้ที่ให้คำแนะนำได้"), choices=LearningArea.choices, widget=forms.CheckboxSelectMultiple
    )
    bio = forms.CharField(
        label=_("แนะนำตัวสั้น ๆ"),
        max_length=BIO_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("เช่น สอนคณิตศาสตร์ ม.ต้น 12 ปี เคยเขียนประเด็นท้าทายเรื่องการแก้โจทย์ปัญหา"),
    )
    contact_preference = forms.ChoiceField(label=_("ช่องทางที่สะดวก"), choices=Mentor.Contact.choices)
    contact_detail = forms.CharField(
        label=_("อีเมล หมายเลขโทรศัพท์ หรือ LINE ID"),
        max_length=120,
        required=False,
        help_text=_("แสดงเฉพาะผู้ที่เข้าสู่ระบบ เว้นว่างได้ถ้าเลือก “ถามผ่านระบบ”"),
    )
    is_active = forms.BooleanField(label=_("รับคำถามอยู่"), required=False, initial=True)


class ShareForm(forms.Form):
    learning_area = forms.ChoiceField(label=_("กลุ่มสาระการเรียนรู้"), choices=LearningArea.choices)
    show_name = forms.BooleanField(
        label=_("แสดงชื่อและโรงเรียนของฉัน"),
        required=False,
        help_text=_("ถ้าไม่เลือก ระบบจะแทนชื่อของคุณ เพื่อนครู โรงเรียน และเขตพื้นที่ด้วยคำกลาง ๆ"),
    )
    confirmed = forms.BooleanField(label=_("ฉันอ่านข้อความด้านล่างแล้ว ไม่มีชื่อนักเรียนหรือข้อมูลส่วนตัวของผู้อื่นเหลืออยู่"), required=True)
