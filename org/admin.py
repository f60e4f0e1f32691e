"""Admin screens for system administrators. Changes that need rules go through the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from org import national_id
from org.forms import NationalIdField
from org.models import AreaOffice, Membership, Person, Province, School, User
from org.services import check_role_scope, national_id_digest


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin[Province]):
    list_display = ("code", "name")
    search_fields = ("name", "code")


@admin.register(AreaOffice)
class AreaOfficeAdmin(admin.ModelAdmin[AreaOffice]):
    list_display = ("code", "short_name", "kind", "province")
    list_filter = ("kind", "province")
    search_fields = ("name", "short_name", "code")


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin[School]):
    list_display = ("code", "name", "area_office")
    list_filter = ("area_office__province", "area_office")
    search_fields = ("name", "code")
    list_select_related = ("area_office",)


class PersonAdminForm(forms.ModelForm[Person]):
    national_id = NationalIdField(required=False, help_text=_("กรอกเมื่อสร้างหรือแก้ไขเลข ระบบไม่เก็บเลขเต็ม"))

    class Meta:
        model = Person
        fields = [
            "user",
            "prefix",
            "first_name",
            "last_name",
            "first_name_en",
            "last_name_en",
            "position",
            "standing",
            "academic_rank",
            "salary_grade",
            "salary",
            "learning_area",
            "organisation",
            "phone",
        ]

    def clean_national_id(self) -> str:
        value: str = self.cleaned_data.get("national_id", "")
        if not value and not self.instance.pk:
            raise forms.ValidationError(_("กรุณากรอกเลขประจำตัวประชาชน"))
        taken = Person.objects.filter(national_id_digest=national_id_digest(value)).exclude(pk=self.instance.pk)
        if value and taken.exists():
            raise forms.ValidationError(_("มีบุคคลที่ใช้เลขประจำตัวประชาชนนี้ในระบบแล้ว"))
        return value

    def save(self, commit: bool = True) -> Person:
        value = self.cleaned_data.get("national_id")
        if value:
            self.instance.national_id_digest = national_id_digest(value)
            self.instance.national_id_masked = national_id.masked(value)
        return super().save(commit=commit)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    form = PersonAdminForm
    list_display = ("__str__", "national_id_masked", "position", "standing", "learning_area")
    list_filter = ("position", "standing", "learning_area")
    search_fields = ("first_name", "last_name", "first_name_en", "last_name_en")
    readonly_fields = ("national_id_masked",)
    raw_id_fields = ("user",)


class MembershipAdminForm(forms.ModelForm[Membership]):
    class Meta:
        model = Membership
        fields = ["user", "role", "school", "area_office", "province", "evaluator_kind", "note", "is_active"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_role_scope(
            data.get("role", ""),
            school=data.get("school"),
            area_office=data.get("area_office"),
            province=data.get("province"),
            evaluator_kind=data.get("evaluator_kind", ""),
        )
        return data


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    form = MembershipAdminForm
    list_display = ("user", "role", "school", "area_office", "province", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("user", "school")
    list_select_related = ("user", "school", "area_office", "province")

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        from org.services import scope_key_for

        obj.scope_key = scope_key_for(obj.role, obj.school, obj.area_office, obj.province)
        super().save_model(request, obj, form, change)


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    list_display = ("username", "display_name", "email", "is_active", "must_change_password")
    search_fields = ("username", "display_name", "email")
    ordering = ("username",)
    list_filter = ("is_active", "is_staff", "must_change_password")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("ข้อมูล"), {"fields": ("display_name", "email", "thai_digits")}),
        (_("สิทธิ์"), {"fields": ("is_active", "is_staff", "is_superuser", "must_change_password")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "email", "password1", "password2")}),)
    filter_horizontal = ()

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        # An account an administrator creates gets a password someone else knows: its owner must replace it.
        if not change:
            obj.must_change_password = True
        super().save_model(request, obj, form, change)
