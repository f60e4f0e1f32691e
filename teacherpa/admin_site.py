"""Django admin, for system administrators only."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class TeacherpaAdminSite(admin.AdminSite):
    site_header = _("teacherpa — ผู้ดูแลระบบ")
    site_title = _("teacherpa ผู้ดูแลระบบ")

    def has_permission(self, request: HttpRequest) -> bool:
        from org.scope import scope_of

        return bool(request.user.is_active and request.user.is_staff and scope_of(request.user).is_system_admin)


class TeacherpaAdminConfig(AdminConfig):
    default_site = "teacherpa.admin_site.TeacherpaAdminSite"
