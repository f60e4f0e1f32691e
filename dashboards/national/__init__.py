"""A national-size data set for the dashboards and their benchmarks: `seed(...)`, or `manage.py seed_national`.

29,449 schools in 245 area offices (62 สพม., 183 สพป.) and 77 provinces, 382,500 teachers with a login
and a role, and one fiscal year: agreements in every state, committees, evaluations and about a million
PA 2 sheets, in the proportions of `dashboards.national.shares`. Everything is written to the real tables
of the org, rounds, agreements and committees apps, consistent with their services (snapshots, PA 3
results from the rulebook), but below the ORM — PostgreSQL COPY (batched INSERTs on SQLite) — and without
audit entries, so the whole set takes minutes. Rebuild the dashboards' summaries afterwards.

Three transactions: the reset (if asked), the organisation, the year. A run that fails leaves what the
earlier phases committed; running again (same options) reuses the organisation and makes the year, and
`reset=True` removes everything generated before (and only that: see `dashboards.national.org`).
"""

from __future__ import annotations

import random
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from time import perf_counter
from typing import Any, TextIO

from django.core.management.base import OutputWrapper
from django.db import connection, models, transaction
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from agreements.models import Agreement, AgreementSection, AgreementVersion, ReviewDecision
from committees.models import Committee, Evaluation, ScoreSheet, Seat
from dashboards.national import shares
from dashboards.national.directory import directory_of, read_directory
from dashboards.national.org import (
    Counts,
    Geography,
    PersonSpec,
    check_school_codes,
    generated_areas,
    generated_provinces,
    generated_role,
    generated_schools,
    generated_users,
    geography,
    people,
    size_for,
    write_geography,
    write_people,
)
from dashboards.national.plan import YearPlan
from dashboards.national.tables import (
    ResetRefusedError,
    Row,
    delete_rows,
    drop_foreign_keys,
    is_postgresql,
    restore_foreign_keys,
    write_rows,
)
from dashboards.national.year import YearRows
from org.models import AreaOffice, Membership, Person, Province, School, User
from rounds.models import FiscalYear
from rounds.services import fiscal_year_open
from rulebook import DEFAULT_EDITION, fiscal_year_of, load_edition

__all__ = ["NationalDataExistsError", "ResetRefusedError", "seed"]

_USERS_TABLE = "national_seed_users"
ORGANISATION: tuple[type[models.Model], ...] = (Province, AreaOffice, School, User, Person, Membership)
YEAR: tuple[type[models.Model], ...] = (
    Agreement,
    AgreementSection,
    AgreementVersion,
    ReviewDecision,
    Committee,
    Seat,
    ScoreSheet,
    Evaluation,
)
DELETED = YEAR + ORGANISATION


class NationalDataExistsError(Exception):
    """The fiscal year already has generated data: refuse rather than add a second set."""


class Progress:
    def __init__(self, out: TextIO | OutputWrapper) -> None:
        self.out = out

    def line(self, text: str) -> None:
        self.out.write(f"seed_national: {text}\n")
        self.out.flush()

    def counting(self, name: str, rows: Iterator[Row], every: int = 250_000) -> Iterator[Row]:
        """The rows, with a line every `every` of them (a long COPY shows it is moving)."""
        for count, row in enumerate(rows, start=1):
            yield row
            if count % every == 0:
                self.line(f"{name}: {count:,} rows …")

    @contextmanager
    def phase(self, name: str) -> Iterator[list[str]]:
        """Time a phase; what the block appends to the list it gets is printed with the time."""
        started, notes = perf_counter(), list[str]()
        yield notes
        self.line(f"{name}: {', '.join([*notes, ''])}{perf_counter() - started:.1f} s")


def seed(
    *,
    scale: float = 1.0,
    schools: int | None = None,
    teachers: int | None = None,
    year: int | None = None,
    random_seed: int | None = None,
    reset: bool = False,
    moment: str = shares.MIDYEAR.name,
    out: TextIO | OutputWrapper | None = None,
) -> dict[str, int]:
    """Generate the national data set (or a `scale`d one, or one of `schools` and `teachers`) for fiscal year
    `year` (BE; the current one by default) at `moment` ("midyear" or "year-end"), and return the number
    of rows written per table. Raises ValueError for impossible sizes, NationalDataExistsError when the year
    already has generated data and `reset` is not given, ResetRefusedError when other data refers to it."""
    progress = Progress(out or sys.stdout)
    size = size_for(scale, schools, teachers)
    check_school_codes(size)
    if moment not in shares.MOMENTS:
        raise ValueError(f"moment ต้องเป็น {' หรือ '.join(shares.MOMENTS)}")
    year = year or fiscal_year_of(timezone.localdate())
    random_seed = secrets.randbelow(2**31) if random_seed is None else random_seed
    started = perf_counter()
    progress.line(
        f"seed {random_seed} · ปีงบประมาณ {year} ({moment}) · {size.schools:,} schools, {size.teachers:,} teachers, "
        f"{size.areas} area offices ({size.secondary_areas} สพม., {size.primary_areas} สพป.), "
        f"{size.provinces} provinces"
    )
    if reset:
        _reset(progress)
    counts: Counts = {}
    made: Made | None = None
    if not _reuse_organisation(year, progress):
        with progress.phase("organisation, committed"):
            made = _organisation(size, random.Random(f"national:{random_seed}:org"), progress)  # noqa: S311
            counts |= made.counts
    with progress.phase(f"year {year}, committed"):
        rng = random.Random(f"national:{random_seed}:{year}")  # noqa: S311
        counts |= _year(year, shares.MOMENTS[moment], rng, progress, made)
    _analyze(counts, progress)
    progress.line(f"done in {perf_counter() - started:.1f} s; rows written per table:")
    for name, rows in counts.items():
        progress.out.write(f"  {name:<32} {rows:>12,}\n")
    progress.out.write(f"  {'total':<32} {sum(counts.values()):>12,}\n")
    return counts


def _reuse_organisation(year: int, progress: Progress) -> bool:
    """Whether an organisation generated before is there to add the year to; refuse a second set for a year."""
    if not generated_schools().exists():
        return False
    if year_has_data(year):
        raise NationalDataExistsError(
            f"ปีงบประมาณ พ.ศ. {year} มีข้อมูลระดับประเทศที่สร้างไว้แล้ว: ใช้ --reset เพื่อลบข้อมูลที่สร้างไว้ทั้งหมดแล้วสร้างใหม่"
        )
    progress.line(f"reusing the generated organisation: {generated_schools().count():,} schools")
    return True


def _analyze(counts: Counts, progress: Progress) -> None:
    """Fresh planner statistics for the tables just filled (PostgreSQL's autovacuum would get there later)."""
    if not is_postgresql():
        return
    with progress.phase("analyze"), connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(name) for name in counts))


def _reset(progress: Progress) -> None:
    with progress.phase("reset") as notes, transaction.atomic():
        if is_postgresql():
            # Room to hash the sets of generated ids (412,000 users) instead of searching them row by row.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '256MB'")
        dropped = drop_foreign_keys(DELETED, referencing=False)
        deleted = delete_national()
        restore_foreign_keys(dropped)
        notes.extend(f"{name} {rows:,} deleted" for name, rows in deleted.items() if rows)


@dataclass(frozen=True, slots=True)
class Made:
    """The organisation just written, to make its directory from without reading it back."""

    counts: Counts
    geography: Geography
    everyone: list[PersonSpec]


@transaction.atomic
def _organisation(size: shares.Size, rng: random.Random, progress: Progress) -> Made:
    dropped = drop_foreign_keys(ORGANISATION, referencing=True)
    with progress.phase("geography") as notes:
        geo = geography(size, rng)
        counts = write_geography(geo)
        notes.extend(f"{name} {rows:,}" for name, rows in counts.items())
    with progress.phase("people (drawn)") as notes:
        everyone = people(geo, load_edition(DEFAULT_EDITION), rng)
        notes.append(f"{len(everyone):,} people")
    counts |= write_people(geo, everyone, phase=progress.phase)
    with progress.phase("organisation's foreign keys checked"):
        restore_foreign_keys(dropped)
    return Made(counts, geo, everyone)


@transaction.atomic
def _year(year: int, moment: shares.Moment, rng: random.Random, progress: Progress, made: Made | None) -> Counts:
    counts: Counts = {}
    if not FiscalYear.objects.filter(year=year).exists():
        counts[FiscalYear._meta.db_table] = 1
    fiscal_year = fiscal_year_open(actor=None, year=year)
    dropped = drop_foreign_keys(YEAR, referencing=True)
    with progress.phase("directory" if made else "directory (read back)") as notes:
        if made:
            people_of_year = directory_of(made.geography, made.everyone, fiscal_year.edition)
        else:
            people_of_year = read_directory(fiscal_year.edition)
        notes.append(f"{len(people_of_year.schools):,} schools, {people_of_year.teachers:,} teachers")
    plan = YearPlan(fiscal_year, people_of_year, moment, rng, timezone.now())
    with progress.phase("plan") as notes:
        plan.plan()
        notes.append(f"{plan.sheet_count:,} sheets to make")
    for model, columns, rows in YearRows(plan).tables():
        with progress.phase(model._meta.db_table) as notes:
            table = model._meta.db_table
            counts[table] = written = write_rows(model, columns, progress.counting(table, rows()))
            notes.append(f"{written:,} rows")
    with progress.phase("year's foreign keys checked"):
        restore_foreign_keys(dropped)
    return counts


def year_has_data(year: int) -> bool:
    schools = generated_schools()
    return (
        Agreement.objects.filter(fiscal_year__year=year, school__in=schools).exists()
        or Committee.objects.filter(fiscal_year__year=year, school__in=schools).exists()
    )


def delete_national() -> Counts:
    """Delete every generated row, of every fiscal year; rows that are not generated stay."""
    schools = generated_schools()
    evaluations = Evaluation.objects.filter(Q(agreement__school__in=schools) | Q(committee__school__in=schools))
    deleted: Counts = {}
    steps: list[tuple[type[models.Model], QuerySet[Any]]] = [
        (ScoreSheet, ScoreSheet.objects.filter(evaluation__in=evaluations)),
        (Evaluation, evaluations),
        (Seat, Seat.objects.filter(committee__school__in=schools)),
        (Committee, Committee.objects.filter(school__in=schools)),
        (ReviewDecision, ReviewDecision.objects.filter(version__agreement__school__in=schools)),
        (AgreementVersion, AgreementVersion.objects.filter(agreement__school__in=schools)),
        (AgreementSection, AgreementSection.objects.filter(agreement__school__in=schools)),
        (Agreement, Agreement.objects.filter(school__in=schools)),
    ]
    for model, rows in steps:
        deleted[model._meta.db_table] = delete_rows(model, rows)
    with connection.cursor() as cursor:
        # Who is generated is read from the roles, which go first: keep the answer in a table of its own.
        cursor.execute(f"DROP TABLE IF EXISTS {_USERS_TABLE}")
        cursor.execute(f"CREATE TEMPORARY TABLE {_USERS_TABLE} (id bigint PRIMARY KEY)")
        sql, params = generated_users().values("pk").query.sql_with_params()
        cursor.execute(f"INSERT INTO {_USERS_TABLE} (id) {sql}", params)
        if is_postgresql():
            cursor.execute(f"ANALYZE {_USERS_TABLE}")  # a temporary table gets no statistics by itself
    users = User.objects.filter(pk__in=RawSQL(f"SELECT id FROM {_USERS_TABLE}", ()))  # noqa: S608,S611 — a constant
    # Two deletes, not one with OR: an OR of subqueries is checked row by row against each of them.
    steps = [
        (Membership, Membership.objects.filter(user__in=users)),
        (Membership, Membership.objects.filter(generated_role())),
        (Person, Person.objects.filter(user__in=users)),
        (User, users),
        (School, schools),
        (AreaOffice, generated_areas()),
        (Province, generated_provinces()),
    ]
    for model, rows in steps:
        deleted[model._meta.db_table] = deleted.get(model._meta.db_table, 0) + delete_rows(model, rows)
    # On failure the transaction's rollback takes the helper table with it.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {_USERS_TABLE}")
    return deleted
