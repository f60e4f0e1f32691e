"""Fetch-and-check helpers for the import pages; each answers the one 404 for "missing" and "not yours"."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from org.access import fetch_or_404
from org.models import AreaOffice, School
from org.scope import scope_of
from rosters.models import ImportJob, PasswordSheet


def import_school_for(user: Any, pk: int | str) -> School:
    """A school whose staff the user may import: its director or admin account, or its area office's staff."""
    scope = scope_of(user)
    allowed = Q(pk__in=scope.managed_school_ids) | Q(area_office_id__in=scope.area_office_ids)
    return fetch_or_404(School.objects.select_related("area_office").filter(allowed), pk)


def import_area_for(user: Any, pk: int | str) -> AreaOffice:
    """An area office whose schools (and their staff) the user may import: its own staff only."""
    return fetch_or_404(AreaOffice.objects.filter(pk__in=scope_of(user).area_office_ids), pk)


def jobs_visible_to(user: Any) -> QuerySet[ImportJob]:
    """Imports the user ran, while they still may import into the same school or area."""
    scope = scope_of(user)
    within = (
        Q(school_id__in=scope.managed_school_ids)
        | Q(school__area_office_id__in=scope.area_office_ids)
        | Q(area_office_id__in=scope.area_office_ids)
    )
    return ImportJob.objects.filter(within, created_by_id=getattr(user, "pk", None))


def import_job_for(user: Any, pk: int | str) -> ImportJob:
    return fetch_or_404(jobs_visible_to(user).select_related("school__area_office", "area_office", "created_by"), pk)


def password_sheet_for(user: Any, pk: int | str) -> PasswordSheet:
    """A password sheet of an import the user ran: only they may download it."""
    jobs = jobs_visible_to(user)
    return fetch_or_404(PasswordSheet.objects.filter(job__in=jobs).select_related("job", "school"), pk)
