"""Recomputing the dashboards' summary rows from the real tables, and knowing which schools changed.

`summaries_refresh(fiscal_year, school_ids)` rebuilds the rows of those schools (all when None) with five
grouped queries — teachers, agreements, evaluations, sheets with their level sums, and the per-evaluation
spreads that make disagreement flags — and replaces them in one transaction. `summaries_catch_up()` reads
the audit trail since the last run (every service writes an entry), maps the changed records to their
schools and refreshes just those: the lower apps need not know that dashboards exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, IntegerField, Max, Min, OuterRef, Q, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone

from agreements.models import Agreement
from audit.models import AuditEntry
from committees.models import Committee, Evaluation, ScoreSheet, Seat
from committees.points import item_codes
from dashboards.figures import SUMMED
from dashboards.models import (
    COUNT_FIELDS,
    ITEM_FIELDS,
    ITEM_SLOTS,
    AreaSummary,
    AreaUsage,
    GroupSummary,
    RefreshState,
)
from org.models import Membership, Person, Role, School
from rounds.models import FiscalYear

Key = tuple[int, str, str]  # school, learning area, standing
BATCH = 400  # schools per round of queries: keeps IN lists short for SQLite and the planner


@dataclass
class _Group:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_FIELDS, 0))
    items: list[int] = field(default_factory=lambda: [0] * ITEM_SLOTS)


def _within(field: str, schools: list[int] | None) -> dict[str, list[int]]:
    """The filter to these schools, or none at all for every school (one pass over each table)."""
    return {} if schools is None else {f"{field}__in": schools}


def _level(code: str) -> Cast:
    return Cast(KeyTextTransform(code, "levels"), IntegerField())


def _key(row: Any, prefix: str) -> Key:
    return (row["school_key"], row[f"{prefix}learning_area"] or "", row[f"{prefix}standing"] or "")


def _teachers(
    fiscal_year: FiscalYear, schools: list[int] | None, pa_standings: list[str]
) -> Iterator[tuple[Key, int, int]]:
    has_agreement = Agreement.objects.filter(teacher_id=OuterRef("user__person__id"), fiscal_year=fiscal_year)
    rows = (
        Membership.objects.filter(role=Role.TEACHER, is_active=True, **_within("school_id", schools))
        .filter(user__person__standing__in=pa_standings)
        .annotate(school_key=F("school_id"), has=Exists(has_agreement))
        .values("school_key", "user__person__learning_area", "user__person__standing")
        .annotate(teachers=Count("pk"), without=Count("pk", filter=Q(has=False)))
    )
    for row in rows:
        yield _key(row, "user__person__"), row["teachers"], row["without"]


def _agreements(fiscal_year: FiscalYear, schools: list[int] | None) -> Iterator[tuple[Key, dict[str, int]]]:
    state = Agreement.State
    rows = (
        Agreement.objects.filter(fiscal_year=fiscal_year, **_within("school_id", schools))
        .annotate(school_key=F("school_id"))
        .values("school_key", "teacher__learning_area", "teacher__standing")
        .annotate(
            draft=Count("pk", filter=Q(state=state.DRAFT)),
            submitted=Count("pk", filter=Q(state=state.SUBMITTED)),
            returned=Count("pk", filter=Q(state=state.RETURNED)),
            approved=Count("pk", filter=Q(state__in=[state.APPROVED, state.AMENDING])),
        )
    )
    for row in rows:
        yield _key(row, "teacher__"), {name: row[name] for name in ("draft", "submitted", "returned", "approved")}


def _evaluations(fiscal_year: FiscalYear, schools: list[int] | None) -> Iterator[tuple[Key, dict[str, int]]]:
    rows = (
        Evaluation.objects.filter(agreement__fiscal_year=fiscal_year, **_within("agreement__school_id", schools))
        .annotate(school_key=F("agreement__school_id"))
        .values("school_key", "agreement__teacher__learning_area", "agreement__teacher__standing")
        .annotate(
            with_committee=Count("pk"),
            scored=Count("pk", filter=Q(result_computed_at__isnull=False)),
            published=Count("pk", filter=Q(published_at__isnull=False)),
            passed=Count("pk", filter=Q(result_passed=True)),
            failed=Count("pk", filter=Q(result_passed=False)),
        )
    )
    names = ("with_committee", "scored", "published", "passed", "failed")
    for row in rows:
        values: dict[str, Any] = dict(row)
        yield _key(row, "agreement__teacher__"), {name: values[name] for name in names}


def _submitted_sheets(fiscal_year: FiscalYear, schools: list[int] | None) -> Any:
    return ScoreSheet.objects.filter(
        state=ScoreSheet.State.SUBMITTED,
        evaluation__agreement__fiscal_year=fiscal_year,
        **_within("evaluation__agreement__school_id", schools),
    ).annotate(school_key=F("evaluation__agreement__school_id"))


_SHEET_GROUP = (
    "school_key",
    "evaluation__agreement__teacher__learning_area",
    "evaluation__agreement__teacher__standing",
)


def _sheets(
    fiscal_year: FiscalYear, schools: list[int] | None, codes: tuple[str, ...]
) -> Iterator[tuple[Key, int, list[int]]]:
    sums = {ITEM_FIELDS[index]: Sum(_level(code)) for index, code in enumerate(codes)}
    rows = _submitted_sheets(fiscal_year, schools).values(*_SHEET_GROUP).annotate(sheets=Count("pk"), **sums)
    for row in rows:
        items = [int(row.get(name) or 0) for name in ITEM_FIELDS]
        yield _key(row, "evaluation__agreement__teacher__"), row["sheets"], items


def _flags(fiscal_year: FiscalYear, schools: list[int] | None, codes: tuple[str, ...]) -> Iterator[Key]:
    """One key per scored evaluation whose members are far apart (settings: level gap, total gap)."""
    spreads: dict[str, Any] = {}
    for index, code in enumerate(codes):
        spreads[f"hi{index}"] = Max(_level(code))
        spreads[f"lo{index}"] = Min(_level(code))
    rows = (
        _submitted_sheets(fiscal_year, schools)
        .filter(evaluation__result_computed_at__isnull=False)
        .values("evaluation_id", *_SHEET_GROUP)
        .annotate(hi_total=Max("total"), lo_total=Min("total"), **spreads)
    )
    level_gap = settings.COMMITTEE_FLAG_LEVEL_GAP
    total_gap = Decimal(settings.COMMITTEE_FLAG_TOTAL_GAP)
    for row in rows:
        gaps = (
            (row[f"hi{index}"] or 0) - (row[f"lo{index}"] or 0) >= level_gap
            for index in range(len(codes))
            if row[f"hi{index}"] is not None
        )
        spread = Decimal(row["hi_total"] or 0) - Decimal(row["lo_total"] or 0)
        if any(gaps) or spread >= total_gap:
            yield _key(row, "evaluation__agreement__teacher__")


def compute(fiscal_year: FiscalYear, schools: list[int] | None) -> dict[Key, _Group]:
    """The summary of each (school, learning area, standing) of these schools, from the real tables."""
    edition = fiscal_year.edition
    codes = item_codes(edition)
    if len(codes) > ITEM_SLOTS:
        raise ValueError(f"edition {edition.code} scores {len(codes)} items; summaries hold {ITEM_SLOTS}")
    groups: dict[Key, _Group] = {}

    def group(key: Key) -> _Group:
        return groups.setdefault(key, _Group())

    for key, teachers, without in _teachers(fiscal_year, schools, [s.code for s in edition.pa_standings]):
        group(key).counts.update(teachers=teachers, no_agreement=without)
    for key, counts in (*_agreements(fiscal_year, schools), *_evaluations(fiscal_year, schools)):
        group(key).counts.update(counts)
    for key, sheets, items in _sheets(fiscal_year, schools, codes):
        entry = group(key)
        entry.counts.update(sheets_submitted=sheets, item_sheets=sheets)
        entry.items = items
    for key in _flags(fiscal_year, schools, codes):
        group(key).counts["flagged"] += 1
    return groups


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _rows(fiscal_year: FiscalYear, groups: dict[Key, _Group], where: dict[int, tuple[int, int]]) -> Iterator[Any]:
    for (school, learning_area, standing), entry in groups.items():
        if school in where:
            yield GroupSummary(
                fiscal_year=fiscal_year,
                school_id=school,
                area_office_id=where[school][0],
                province_id=where[school][1],
                learning_area=learning_area,
                standing=standing,
                **entry.counts,
                **dict(zip(ITEM_FIELDS, entry.items, strict=True)),
            )


def _write(fiscal_year: FiscalYear, schools: list[int] | None, rows: Iterator[Any]) -> int:
    """Replace the rows of these schools (every school when None) in one transaction."""
    written = 0
    with transaction.atomic():
        GroupSummary.objects.filter(fiscal_year=fiscal_year, **_within("school_id", schools)).delete()
        while batch := list(islice(rows, 5000)):
            GroupSummary.objects.bulk_create(batch)
            written += len(batch)
    return written


def summaries_refresh(fiscal_year: FiscalYear, school_ids: Iterable[int] | None = None) -> int:
    """Rebuild the summary rows of these schools (every school when None); returns the rows written.

    Every school: one grouped pass over each table (PostgreSQL hashes it in seconds); some schools: in
    rounds of BATCH, each query filtered to them by index.
    """
    places = School.objects.values_list("pk", "area_office_id", "area_office__province_id")
    if school_ids is not None:
        places = places.filter(pk__in=list(school_ids))
    where = {pk: (area, province) for pk, area, province in places}
    if school_ids is None:
        written = _write(fiscal_year, None, _rows(fiscal_year, compute(fiscal_year, None), where))
        areas_rollup(fiscal_year, None)
        return written
    written = sum(
        _write(fiscal_year, batch, _rows(fiscal_year, compute(fiscal_year, batch), where))
        for batch in _batches(sorted(where))
    )
    areas_rollup(fiscal_year, sorted({area for area, _province in where.values()}))
    return written


def areas_rollup(fiscal_year: FiscalYear, areas: list[int] | None) -> None:
    """Add the school rows of these area offices (all when None) up into AreaSummary and AreaUsage."""
    rows = GroupSummary.objects.filter(fiscal_year=fiscal_year, **_within("area_office_id", areas))
    sums = {name: Sum(name) for name in SUMMED}
    keys = ("area_office", "province", "learning_area", "standing")
    summed = rows.values(*keys).annotate(**sums).order_by()
    active = Q(draft__gt=0) | Q(submitted__gt=0) | Q(returned__gt=0) | Q(approved__gt=0)
    usage = (
        rows.values("area_office", "province")
        .annotate(schools=Count("school", distinct=True), active=Count("school", distinct=True, filter=active))
        .order_by()
    )
    with transaction.atomic():
        AreaSummary.objects.filter(fiscal_year=fiscal_year, **_within("area_office_id", areas)).delete()
        AreaUsage.objects.filter(fiscal_year=fiscal_year, **_within("area_office_id", areas)).delete()
        AreaSummary.objects.bulk_create(
            AreaSummary(
                fiscal_year=fiscal_year,
                area_office_id=row["area_office"],
                province_id=row["province"],
                learning_area=row["learning_area"],
                standing=row["standing"],
                **{name: row[name] or 0 for name in sums},
            )
            for row in summed
        )
        AreaUsage.objects.bulk_create(
            AreaUsage(
                fiscal_year=fiscal_year,
                area_office_id=row["area_office"],
                province_id=row["province"],
                schools=row["schools"],
                active_schools=row["active"],
            )
            for row in usage
        )


# --- which schools changed: the audit trail since the last run ------------------------------------------

_SCHOOL_OF: dict[str, Any] = {
    "agreements.agreement": lambda ids: Agreement.objects.filter(pk__in=ids).values_list("school_id", flat=True),
    "committees.committee": lambda ids: Committee.objects.filter(pk__in=ids).values_list("school_id", flat=True),
    "committees.seat": lambda ids: Seat.objects.filter(pk__in=ids).values_list("committee__school_id", flat=True),
    "committees.evaluation": lambda ids: Evaluation.objects.filter(pk__in=ids).values_list(
        "agreement__school_id", flat=True
    ),
    "committees.scoresheet": lambda ids: ScoreSheet.objects.filter(pk__in=ids).values_list(
        "evaluation__agreement__school_id", flat=True
    ),
    "org.membership": lambda ids: Membership.objects.filter(pk__in=ids, school__isnull=False).values_list(
        "school_id", flat=True
    ),
    "org.person": lambda ids: Person.objects.filter(pk__in=ids, user__memberships__school__isnull=False).values_list(
        "user__memberships__school_id", flat=True
    ),
}


def changed_schools(entries: Iterable[tuple[str, str]]) -> set[int]:
    """The schools whose figures the audited changes (target type, target id) may have moved."""
    by_type: dict[str, set[int]] = {}
    for target_type, target_id in entries:
        if target_type in _SCHOOL_OF and target_id.isdigit():
            by_type.setdefault(target_type, set()).add(int(target_id))
    schools: set[int] = set()
    for target_type, ids in by_type.items():
        schools.update(school for school in _SCHOOL_OF[target_type](sorted(ids)) if school is not None)
    return schools


def summaries_catch_up(*, limit: int = 20_000) -> int:
    """Refresh the schools changed since the last run (at most `limit` audit entries); returns the schools."""
    with transaction.atomic():
        state, _created = RefreshState.objects.select_for_update().get_or_create(pk=1)
        entries = list(
            AuditEntry.objects.filter(pk__gt=state.last_audit_id)
            .order_by("pk")
            .values_list("pk", "target_type", "target_id")[:limit]
        )
        if not entries:
            return 0
        schools = changed_schools((target_type, target_id) for _pk, target_type, target_id in entries)
        for fiscal_year in FiscalYear.objects.all():
            summaries_refresh(fiscal_year, schools)
        state.last_audit_id = entries[-1][0]
        state.refreshed_at = timezone.now()
        state.save(update_fields=["last_audit_id", "refreshed_at"])
        return len(schools)


def summaries_rebuild() -> int:
    """Every school, every fiscal year, from scratch; the audit trail read so far is then all in."""
    with transaction.atomic():
        state, _created = RefreshState.objects.select_for_update().get_or_create(pk=1)
        state.last_audit_id = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
        written = sum(summaries_refresh(fiscal_year) for fiscal_year in FiscalYear.objects.all())
        state.refreshed_at = timezone.now()
        state.save(update_fields=["last_audit_id", "refreshed_at"])
    return written
