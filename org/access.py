"""Fetch-and-check helpers: the only way a view or endpoint loads an organisation or person it was asked for.

Each raises the same 404 for "missing" and "not yours", so a guessed id tells nothing.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from org.models import AreaOffice, Person, Province, School
from org.scope import scope_of

SchoolNeed = Literal["view", "manage"]


def not_found() -> Http404:
    """The one answer for "missing" and "not yours" alike, in every app's access helpers."""
    return Http404(_("ไม่พบข้อมูลที่ขอ หรือคุณไม่มีสิทธิ์เข้าถึง"))


def school_for(user: Any, pk: int | str, *, need: SchoolNeed = "view") -> School:
    """A school the user may see (`view`) or whose roster and settings they may change (`manage`)."""
    scope = scope_of(user)
    allowed = scope.school_filter() if need == "view" else scope.managed_school_filter()
    return fetch_or_404(School.objects.select_related("area_office__province").filter(allowed), pk)


def area_office_for(user: Any, pk: int | str) -> AreaOffice:
    return fetch_or_404(AreaOffice.objects.select_related("province").visible_to(user), pk)


def province_for(user: Any, pk: int | str) -> Province:
    return fetch_or_404(Province.objects.visible_to(user), pk)


def person_for(user: Any, pk: int | str) -> Person:
    """A person the user may see: themself, or staff of a school they manage or oversee."""
    return fetch_or_404(Person.objects.visible_to(user), pk)


def own_person(user: Any) -> Person:
    """The signed-in user's own person record: asked for by who they are, not by an id they sent."""
    scope = scope_of(user)
    if scope.person_id is None:
        raise not_found()
    return Person.objects.get(pk=scope.person_id)


def fetch_or_404[M: models.Model](queryset: QuerySet[M], pk: int | str) -> M:
    """The record with this user-supplied pk from an already-scoped queryset, or the common 404."""
    try:
        return queryset.get(Q(pk=int(pk)))
    except (ValueError, TypeError, OverflowError, ObjectDoesNotExist) as error:
        raise not_found() from error
