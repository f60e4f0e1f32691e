"""The two background runs of an import: the check (read the file, check every row, compare with the database,
count) and the apply (compare the whole file again, then write it batch by batch).

Each run claims the job by taking the next attempt number and writes its progress only while it holds the latest
one: a run thought dead and retried stops at its next step instead of writing beside its successor. The apply
commits one batch at a time with its progress, so a run that dies resumes on retry — what it wrote compares as
unchanged — and nothing is ever half a batch.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from org.models import School
from rosters.labels import COLUMNS
from rosters.models import ImportJob, PasswordSheet, SheetLine
from rosters.plan import Action, PeoplePlanner, Plan, SchoolPlanner
from rosters.reading import UnreadableFileError, read_table
from rosters.rows import PeopleChecker, PersonRow, Problem, SchoolChecker, SchoolRow
from rosters.rules import imports_for_area, imports_for_school
from rosters.spool import Spool, batches
from rosters.writing import PeopleWriter, SchoolWriter

logger = logging.getLogger(__name__)
State = ImportJob.State


class SupersededError(Exception):
    """A later attempt has taken the job over."""


class DatabaseChangedError(Exception):
    """The database changed between the whole-file comparison and a batch's write."""


def claim(job_pk: int, state: str, running: str, *, applying: bool) -> ImportJob | None:
    with transaction.atomic():
        job = (
            ImportJob.objects.select_for_update()
            .select_related("school__area_office", "area_office", "created_by")
            .filter(pk=job_pk, state=state)
            .first()
        )
        if job is None:
            return None  # delivered twice, cancelled, or taken by another run
        job.attempt += 1
        job.state, job.applying, job.done, job.error = running, applying, 0, ""
        job.heartbeat_at = timezone.now()
        job.save(update_fields=["attempt", "state", "applying", "done", "error", "heartbeat_at"])
    return job


def save(job: ImportJob, *fields: str) -> None:
    """Write these fields of the job (and the heartbeat) unless a later attempt has taken it over."""
    job.heartbeat_at = timezone.now()
    values: dict[str, Any] = {name: getattr(job, name) for name in (*fields, "heartbeat_at")}
    if not ImportJob.objects.filter(pk=job.pk, attempt=job.attempt).update(**values):
        raise SupersededError


def may_run(job: ImportJob) -> bool:
    """The person who ran the import still may import into its school or area."""
    if job.school is not None:
        return bool(imports_for_school(job.created_by, job.school))
    return job.area_office is not None and bool(imports_for_area(job.created_by, job.area_office))


def planner_for(job: ImportJob) -> PeoplePlanner | SchoolPlanner:
    return PeoplePlanner(job) if job.kind == ImportJob.Kind.PEOPLE else SchoolPlanner(job)


def row_type(job: ImportJob) -> type[PersonRow] | type[SchoolRow]:
    return PersonRow if job.kind == ImportJob.Kind.PEOPLE else SchoolRow


def _guarded(job: ImportJob, body: Any) -> None:
    try:
        if not may_run(job):
            raise PermissionError(_("ผู้นำเข้าไม่มีสิทธิ์นำเข้ารายชื่อของโรงเรียนหรือเขตพื้นที่นี้แล้ว"))
        body(job)
    except SupersededError:
        logger.info("import %s: attempt %s superseded", job.pk, job.attempt)
    except Exception as error:
        logger.exception("import %s failed", job.pk)
        job.state, job.error, job.finished_at = State.FAILED, _failure_text(error), timezone.now()
        try:
            save(job, "state", "error", "finished_at")
        except SupersededError:
            return
        raise


def _failure_text(error: Exception) -> str:
    if isinstance(error, DatabaseChangedError | PermissionError):
        return str(error)
    return _("เกิดข้อผิดพลาดระหว่างทำงาน (%(kind)s) กรุณากดลองใหม่ หากยังไม่สำเร็จให้แจ้งผู้ดูแลระบบ") % {
        "kind": type(error).__name__
    }


# --- the check ------------------------------------------------------------------------------------------------


def import_check(job_pk: int) -> None:
    job = claim(job_pk, State.QUEUED, State.CHECKING, applying=False)
    if job is not None:
        _guarded(job, _check)


def _check(job: ImportJob) -> None:
    checker = PeopleChecker() if job.kind == ImportJob.Kind.PEOPLE else _school_checker(job)
    planner = planner_for(job)
    spool = Spool()
    problems: list[Problem] = []
    counts: Counter[str] = Counter()
    job.rows = 0
    try:
        with job.upload.open("rb") as upload:
            table = read_table(upload, job.file_name, COLUMNS[job.kind])
            job.total, job.ignored_columns = table.estimated_rows, list(table.header.ignored)
            batch: list[Any] = []
            for line, cells in table.records:
                job.rows += 1
                row, messages = checker.check(line, cells)
                problems += [(line, message) for message in messages]
                if row is not None:
                    batch.append(row)
                if len(batch) >= settings.ROSTERS_BATCH_ROWS:
                    _compare(job, planner, batch, spool, problems, counts)
                    batch = []
            _compare(job, planner, batch, spool, problems, counts)
    except UnreadableFileError as unreadable:
        problems.append((unreadable.line, unreadable.message))
    if not problems and not job.rows:
        problems.append((1, _("ไฟล์นี้ไม่มีข้อมูลใต้แถวหัวตาราง")))
    _checked(job, spool, problems, counts)


def _school_checker(job: ImportJob) -> SchoolChecker:
    assert job.area_office is not None
    return SchoolChecker(area_code=job.area_office.code, area_name=job.area_office.name)


def _compare(
    job: ImportJob,
    planner: PeoplePlanner | SchoolPlanner,
    batch: list[Any],
    spool: Spool,
    problems: list[Problem],
    counts: Counter[str],
) -> None:
    plan: Plan[Any] = planner.plan(batch)
    problems += plan.problems
    counts.update(outcome.action for outcome in plan.outcomes)
    spool.add(batch)
    job.done = job.rows
    save(job, "done", "total", "rows")


def _checked(job: ImportJob, spool: Spool, problems: list[Problem], counts: Counter[str]) -> None:
    _keep_problems(job, problems)
    if problems:
        spool.discard()
        job.state = State.REJECTED
    else:
        spool.save(job)
        job.state = State.REVIEW
    job.to_create, job.to_update = counts[Action.CREATE], counts[Action.UPDATE]
    job.upload.delete(save=False)  # full national IDs: gone once read
    job.finished_at = timezone.now()
    fields = ("state", "to_create", "to_update", "problems", "problem_count", "ignored_columns", "upload", "parsed")
    save(job, *fields, "finished_at", "rows")


def _keep_problems(job: ImportJob, problems: list[Problem]) -> None:
    problems.sort(key=lambda problem: problem[0])
    job.problem_count = len(problems)
    job.problems = [[line, message] for line, message in problems[: settings.ROSTERS_MAX_PROBLEMS]]


# --- the apply ------------------------------------------------------------------------------------------------


def import_apply(job_pk: int) -> None:
    job = claim(job_pk, State.CONFIRMED, State.APPLYING, applying=True)
    if job is not None:
        _guarded(job, _apply)


def _apply(job: ImportJob) -> None:
    planner = planner_for(job)
    kind = row_type(job)
    job.total = 2 * job.rows
    # The whole file against the database as it is now, before anything is written.
    problems: list[Problem] = []
    for batch in batches(job, kind):
        problems += planner.plan(batch).problems  # type: ignore[arg-type]
        job.done += len(batch)
        save(job, "done", "total")
    if problems:
        _refused(job, problems)
        return
    writer = _writer(job, planner)
    for batch in batches(job, kind):
        with transaction.atomic():
            plan: Plan[Any] = planner.plan(batch)  # type: ignore[arg-type]
            if plan.problems:
                line, message = plan.problems[0]
                raise DatabaseChangedError(
                    _("ข้อมูลในระบบเปลี่ยนระหว่างนำเข้า (บรรทัดที่ %(line)d: %(message)s) กรุณากดลองใหม่")
                    % {"line": line, "message": message}
                )
            created, updated = writer.write(plan)
            job.created, job.updated, job.done = job.created + created, job.updated + updated, job.done + len(batch)
            save(job, "created", "updated", "done")
    _applied(job)


def _writer(job: ImportJob, planner: PeoplePlanner | SchoolPlanner) -> PeopleWriter | SchoolWriter:
    if isinstance(planner, PeoplePlanner):
        names = dict(School.objects.filter(pk__in=planner.schools.values()).values_list("pk", "name"))
        return PeopleWriter(job, names)
    return SchoolWriter(job)


def _refused(job: ImportJob, problems: list[Problem]) -> None:
    """What changed in the database since the check makes rows wrong now: back to the person, nothing written."""
    _keep_problems(job, problems)
    job.parsed.delete(save=False)
    job.state, job.finished_at = State.REJECTED, timezone.now()
    save(job, "state", "problems", "problem_count", "parsed", "finished_at")


def _applied(job: ImportJob) -> None:
    with transaction.atomic():
        lines = SheetLine.objects.filter(sheet=OuterRef("pk")).values("sheet").annotate(n=Count("pk")).values("n")
        PasswordSheet.objects.filter(job=job).update(count=Coalesce(Subquery(lines), 0))
        PasswordSheet.objects.filter(job=job, count=0).delete()
        job.parsed.delete(save=False)
        job.state, job.finished_at = State.DONE, timezone.now()
        save(job, "state", "parsed", "finished_at")
        audit_record(
            job.created_by, "roster_import.applied", job, kind=job.kind, created=job.created, updated=job.updated
        )
    from rosters.tasks import wipe_password_sheets

    backend = wipe_password_sheets.get_backend()
    if backend.supports_defer:  # wipe the plain passwords on time even if nobody runs `rosters_purge`
        run_after = timezone.now() + timedelta(hours=settings.ROSTERS_SHEET_KEEP_HOURS, minutes=1)
        wipe_password_sheets.using(run_after=run_after).enqueue()
