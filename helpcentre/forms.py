"""Forms at the boundary: the page editor and file upload; changes go through helpcentre.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helpcentre.access import ScopeChoice
from helpcentre.keys import KEYS_MAX, parse_keys
from helpcentre.models import Page
from helpcentre.services import PageDraft

BODY_MAX = 50_000


class PageForm(forms.Form):
    scope = forms.ChoiceField(label=_("หน้านี้เป็นของ"), choices=())
    kind = forms.ChoiceField(label=_("ประเภท"), choices=Page.Kind.choices)
    audience = forms.ChoiceField(
        label=_("สำหรับ"),
        choices=Page.Audience.choices,
        required=False,
        help_text=_("คู่มือการใช้งานแยกตามบทบาท เลือก “ทุกคน” สำหรับหน้าอื่น"),
    )
    title = forms.CharField(label=_("ชื่อหน้า"), max_length=200)
    summary = forms.CharField(label=_("สรุปสั้น ๆ"), max_length=300, required=False)
    body = forms.CharField(
        label=_("เนื้อหา"),
        max_length=BODY_MAX,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "editor"}),
        help_text=_(
            "เขียนแบบ Markdown: # หัวข้อ, **ตัวหนา**, - รายการ, 1. ลำดับขั้น, [ข้อความ](https://ลิงก์) "
            "ระบบตัดสคริปต์และรูปแบบที่ไม่ปลอดภัยออกให้"
        ),
    )
    keys = forms.CharField(
        label=_("ใช้เป็นคำอธิบายของ (คีย์ความช่วยเหลือ)"),
        required=False,
        max_length=600,
        help_text=_("คั่นด้วยเว้นวรรค เช่น indicator:1.1 section:workload section:challenge pa2 pa3"),
    )
    position = forms.IntegerField(label=_("ลำดับการแสดง"), min_value=0, max_value=10_000, initial=100)
    note = forms.CharField(label=_("บันทึกการแก้ไข (ไม่บังคับ)"), max_length=200, required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, scopes: list[ScopeChoice] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scopes = {choice.value: choice for choice in scopes or []}
        if scopes is None:
            del self.fields["scope"]
        else:
            scope_field = self.fields["scope"]
            assert isinstance(scope_field, forms.ChoiceField)
            scope_field.choices = [(choice.value, choice.label) for choice in scopes]

    def clean_keys(self) -> list[str]:
        keys, refused = parse_keys(self.cleaned_data.get("keys", ""))
        if refused:
            raise forms.ValidationError(
                _("คีย์ไม่ถูกต้อง: %(keys)s (ใช้ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และ : . _ - เท่านั้น)"),
                params={"keys": " ".join(refused)},
            )
        if len(keys) > KEYS_MAX:
            raise forms.ValidationError(_("ใส่คีย์ได้ไม่เกิน %(limit)s คีย์"), params={"limit": KEYS_MAX})
        return keys

    def chosen_scope(self) -> ScopeChoice:
        return self.scopes[self.cleaned_data["scope"]]

    def draft(self) -> PageDraft:
        data = self.cleaned_data
        audience = data.get("audience") or ""
        return PageDraft(
            kind=data["kind"],
            title=data["title"].strip(),
            body=data.get("body", ""),
            summary=data.get("summary", "").strip(),
            audience=audience if data["kind"] == Page.Kind.MANUAL else "",
            keys=tuple(data.get("keys") or ()),
            position=data["position"],
            note=data.get("note", "").strip(),
        )

    @classmethod
    def initial_for(cls, page: Page) -> dict[str, Any]:
        return {
            "kind": page.kind,
            "audience": page.audience,
            "title": page.title,
            "summary": page.summary,
            "body": page.body,
            "keys": " ".join(key.key for key in page.keys.all()),
            "position": page.position,
            "revision": page.revision,
        }


class PageFileForm(forms.Form):
    title = forms.CharField(label=_("ชื่อที่แสดง"), max_length=200, required=False)
    upload = forms.FileField(label=_("ไฟล์ (PDF, Word, Excel, PowerPoint หรือรูปภาพ)"))
