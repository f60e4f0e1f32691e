"""Background work for imports (Django's Tasks API): arguments are plain ids for any backend."""

from __future__ import annotations

from django.tasks import task

from rosters.running import import_apply, import_check
from rosters.sheets import password_sheets_wipe


@task()
def check_import(job_pk: int) -> None:
    """Read and check an uploaded file, compare it with the database and count what it would change."""
    import_check(job_pk)


@task()
def apply_import(job_pk: int) -> None:
    """Write a confirmed import, batch by batch."""
    import_apply(job_pk)


@task()
def wipe_password_sheets() -> int:
    """Wipe plain one-time passwords kept past ROSTERS_SHEET_KEEP_HOURS; returns how many sheets."""
    return password_sheets_wipe()
