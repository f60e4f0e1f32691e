"""Fetching the area office or school whose calendar a user asked for: the same 404 for "missing" and
"not yours". Anyone who sees the unit may read its calendar; only its own staff may change it."""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import Q

from org.access import area_office_for, fetch_or_404, school_for
from org.models import AreaOffice, School
from org.scope import scope_of

Need = Literal["view", "edit"]


def area_calendar_for(user: Any, pk: int | str, *, need: Need = "view") -> AreaOffice:
    if need == "view":
        return area_office_for(user, pk)
    scope = scope_of(user)
    allowed = Q() if scope.is_system_admin else Q(pk__in=scope.area_office_ids)
    return fetch_or_404(AreaOffice.objects.select_related("province").filter(allowed), pk)


def school_calendar_for(user: Any, pk: int | str, *, need: Need = "view") -> School:
    if need == "view":
        return school_for(user, pk)
    scope = scope_of(user)
    allowed = Q() if scope.is_system_admin else Q(pk__in=scope.managed_school_ids)
    return fetch_or_404(School.objects.select_related("area_office__province").filter(allowed), pk)
