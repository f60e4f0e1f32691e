"""Starting, confirming, retrying and cancelling imports, and taking a password sheet: atomic, checked, audited."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.services import audit_record
from documents.pdf import render_pdf
from org.models import AreaOffice, School
from rosters.models import ImportJob, PasswordSheet
from rosters.rules import imports_for_area, imports_for_school
from rosters.running import may_run
from rosters.sheets import codes_expire_at, sheet_document
from rosters.tasks import apply_import, check_import

State = ImportJob.State


class SheetGoneError(Exception):
    """The sheet was downloaded already, or its passwords were wiped on time."""


@transaction.atomic
def roster_import_start(
    *,
    actor: Any,
    kind: str,
    upload: UploadedFile[bytes],
    school: School | None = None,
    area_office: AreaOffice | None = None,
) -> ImportJob:
    """Keep the uploaded file and queue its check. Schools are imported by an area office; people by a school or
    an area office."""
    allowed = (
        imports_for_school(actor, school)
        if school is not None
        else area_office is not None and imports_for_area(actor, area_office)
    )
    if not allowed or (kind == ImportJob.Kind.SCHOOLS and area_office is None):
        raise PermissionDenied
    job = ImportJob.objects.create(
        kind=kind, school=school, area_office=area_office, created_by=actor, file_name=str(upload.name)[:255]
    )
    # The stored name carries only the job and the extension: file names often hold a school's or a person's name.
    job.upload.save(f"import-{job.pk}{PurePath(str(upload.name)).suffix.lower()}", upload, save=False)
    job.save(update_fields=["upload"])
    audit_record(actor, "roster_import.uploaded", job, kind=kind, file_name=job.file_name)
    transaction.on_commit(partial(check_import.enqueue, job.pk))
    return job


def _require(job: ImportJob, actor: Any) -> None:
    if job.created_by_id != getattr(actor, "pk", None) or not may_run(job):
        raise PermissionDenied


@transaction.atomic
def roster_import_confirm(job: ImportJob, *, actor: Any) -> bool:
    """The person who ran the check confirms its rows: queue the apply. False when it is not waiting for that."""
    _require(job, actor)
    if not ImportJob.objects.filter(pk=job.pk, state=State.REVIEW).update(state=State.CONFIRMED, done=0):
        return False
    audit_record(actor, "roster_import.confirmed", job, to_create=job.to_create, to_update=job.to_update)
    transaction.on_commit(partial(apply_import.enqueue, job.pk))
    return True


def may_retry(job: ImportJob, now: datetime) -> bool:
    return job.state == State.FAILED or job.is_stale(now)


@transaction.atomic
def roster_import_retry(job: ImportJob, *, actor: Any) -> bool:
    """Run a failed (or apparently dead) check or apply again. A retried apply starts clean: the one that died
    wrote nothing (its transaction rolled back).

    The attempt number moves on, so a run that is in fact still alive stops at its next step.
    """
    _require(job, actor)
    locked = ImportJob.objects.select_for_update().get(pk=job.pk)
    if not may_retry(locked, timezone.now()):
        return False
    locked.state = State.CONFIRMED if locked.applying else State.QUEUED
    locked.attempt += 1
    locked.error, locked.heartbeat_at = "", timezone.now()
    locked.save(update_fields=["state", "attempt", "error", "heartbeat_at"])
    audit_record(actor, "roster_import.retried", locked, applying=locked.applying)
    task = apply_import if locked.applying else check_import
    transaction.on_commit(partial(task.enqueue, locked.pk))
    return True


@transaction.atomic
def roster_import_cancel(job: ImportJob, *, actor: Any) -> bool:
    """Drop an import waiting for confirmation (or refused, or failed in its check) with its files."""
    _require(job, actor)
    locked = ImportJob.objects.select_for_update().get(pk=job.pk)
    cancellable = locked.state in (State.REVIEW, State.REJECTED) or (
        locked.state == State.FAILED and not locked.applying
    )
    if not cancellable:
        return False
    _drop_files(locked)
    locked.state, locked.finished_at = State.CANCELLED, timezone.now()
    locked.save(update_fields=["state", "finished_at", "upload", "parsed"])
    audit_record(actor, "roster_import.cancelled", locked)
    return True


def _drop_files(job: ImportJob) -> None:
    if job.upload:
        job.upload.delete(save=False)
    if job.parsed:
        job.parsed.delete(save=False)


@transaction.atomic
def password_sheet_take(sheet: PasswordSheet, *, actor: Any) -> bytes:
    """The sheet as a PDF for the person who ran the import, once: its plain passwords are wiped as it is handed
    over."""
    locked = PasswordSheet.objects.select_for_update(of=("self",)).select_related("job").get(pk=sheet.pk)
    if locked.job.created_by_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if not locked.is_available():
        raise SheetGoneError
    lines = [(name, login, password) for name, login, password in locked.entries]
    rendered = render_pdf(sheet_document(locked, lines, codes_expire=codes_expire_at(locked)))
    moment = timezone.now()
    locked.entries, locked.downloaded_at, locked.wiped_at = [], moment, moment
    locked.save(update_fields=["entries", "downloaded_at", "wiped_at"])
    audit_record(actor, "password_sheet.downloaded", locked, count=len(lines), roster_import=locked.job_id)
    return rendered.data


def roster_files_purge(now: datetime | None = None) -> int:
    """Drop the files of imports nobody finished within ROSTERS_FILE_KEEP_HOURS; returns how many imports."""
    moment = now or timezone.now()
    cutoff = moment - timedelta(hours=settings.ROSTERS_FILE_KEEP_HOURS)
    stale = ImportJob.objects.filter(Q(created_at__lt=cutoff), ~Q(upload="") | ~Q(parsed=""))
    purged = 0
    for job in stale.iterator():
        with transaction.atomic():
            _drop_files(job)
            if job.state != State.DONE:
                job.state = State.CANCELLED
            job.save(update_fields=["upload", "parsed", "state"])
        purged += 1
    return purged
