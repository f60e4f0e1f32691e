"""Writing and deleting many rows fast, below the ORM: PostgreSQL COPY, batched INSERTs elsewhere (SQLite).

Rows are plain tuples in the order of the columns named; every other column gets its field's default
(an `auto_now` timestamp gets the time of writing), so a field another app adds with a default does not
break the seed. Ids are reserved from the table's sequence before the rows are made, so the rows can
refer to each other without reading anything back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models
from django.db.models import NOT_PROVIDED, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

Row = tuple[Any, ...]
SQLITE_BATCH = 2_000


class ResetRefusedError(Exception):
    """Rows outside the national data refer to it in a way that forbids deleting it (PROTECT)."""


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def table(model: type[models.Model]) -> str:
    return model._meta.db_table


def reserve_ids(model: type[models.Model], count: int) -> int:
    """The first of `count` consecutive unused ids of the table; nothing else will be given them."""
    name = table(model)
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [name])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s)", [sequence])
            first = int(cursor.fetchone()[0])
            if count > 1:
                cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
            return first
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(name)}")  # noqa: S608
        highest = int(cursor.fetchone()[0])
        # AUTOINCREMENT never gives an id twice, even a deleted one: start above the highest ever given.
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [name])
        given = cursor.fetchone()
        return max(highest, int(given[0]) if given else 0) + 1


def _defaults(model: type[models.Model], columns: Sequence[str]) -> tuple[list[str], Row]:
    """The columns not given, with the value each row gets there (a database default is left to the database)."""
    given = set(columns)
    names: list[str] = []
    values: list[Any] = []
    now = timezone.now()
    for field in model._meta.concrete_fields:
        if field.column in given or field.db_default is not NOT_PROVIDED:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value: Any = now
        elif field.has_default():
            value = field.get_default()
        elif field.null or isinstance(field, models.CharField | models.TextField):
            value = None if field.null else ""
        else:
            raise TypeError(f"national seed: {table(model)}.{field.column} needs a value")
        if isinstance(field, models.JSONField):
            value = json.dumps(value, ensure_ascii=False)
        names.append(str(field.column))
        values.append(value)
    unknown = given - {field.column for field in model._meta.concrete_fields}
    if unknown:
        raise TypeError(f"national seed: {table(model)} has no column {', '.join(sorted(unknown))}")
    return names, tuple(values)


def write_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Row]) -> int:
    """Write the rows (JSON columns as JSON text); returns how many were written.

    Making the rows must not use the database: on PostgreSQL the COPY holds the connection meanwhile.
    """
    extra_columns, extra = _defaults(model, columns)
    names = [*columns, *extra_columns]
    quoted = ", ".join(connection.ops.quote_name(name) for name in names)
    if is_postgresql():
        return _copy(f"COPY {connection.ops.quote_name(table(model))} ({quoted}) FROM STDIN", rows, extra)
    converters = _sqlite_converters(model, names)
    placeholders = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {connection.ops.quote_name(table(model))} ({quoted}) VALUES ({placeholders})"  # noqa: S608
    written = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := [_converted(row + extra, converters) for row in islice(iterator, SQLITE_BATCH)]:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


def _copy(sql: str, rows: Iterable[Row], extra: Row) -> int:
    connection.ensure_connection()
    written = 0
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        write = copy.write_row
        if extra:
            for row in rows:
                write(row + extra)
                written += 1
        else:
            for row in rows:
                write(row)
                written += 1
    return written


Converter = Callable[[Any], Any] | None


def _sqlite_converters(model: type[models.Model], names: Sequence[str]) -> list[Converter]:
    fields = {field.column: field for field in model._meta.concrete_fields}
    converters: list[Converter] = []
    for name in names:
        field = fields[name]
        if isinstance(field, models.DateTimeField):
            converters.append(connection.ops.adapt_datetimefield_value)
        elif isinstance(field, models.DecimalField):
            converters.append(lambda value: None if value is None else str(value))
        else:
            converters.append(None)
    return converters


def _converted(row: Row, converters: Sequence[Converter]) -> Row:
    return tuple(value if convert is None else convert(value) for value, convert in zip(row, converters, strict=True))


Constraint = tuple[str, str, str]  # (table, name, definition)


def drop_foreign_keys(models_: Sequence[type[models.Model]], *, referencing: bool) -> list[Constraint]:
    """Drop the foreign keys of tables about to get many rows (`referencing`) or lose many; add them back
    with `restore_foreign_keys`, in the same transaction (a rollback restores them too).

    PostgreSQL checks a foreign key row by row — a query and a row lock per row and key, at commit for
    Django's deferred keys — which is most of the time of a million-row load or delete. Added back, a
    key checks every row in one query. The manual advises it for bulk loads ("Populating a Database":
    remove foreign key constraints). Elsewhere (SQLite, small sets) nothing is dropped.
    """
    if not is_postgresql():
        return []
    side = "conrelid" if referencing else "confrelid"
    with connection.cursor() as cursor:
        # A table with checks still pending in this transaction cannot be altered: run them now (and defer the
        # rest of the transaction's checks again, as Django declares them).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "  # noqa: S608
            f"WHERE contype = 'f' AND {side} = ANY(%s::regclass[]) ORDER BY conrelid, conname",
            [[table(model) for model in models_]],
        )
        constraints: list[Constraint] = cursor.fetchall()
        for owner, name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {owner} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    return constraints


def restore_foreign_keys(constraints: Sequence[Constraint]) -> None:
    """Add the dropped keys back exactly as they were; each checks all its rows (and fails the transaction).

    Elsewhere every foreign key is checked now rather than at commit, so a test (which never commits) sees a
    dangling reference too.
    """
    if not is_postgresql():
        connection.check_constraints()
        return
    with connection.cursor() as cursor:
        for owner, name, definition in constraints:
            cursor.execute(f"ALTER TABLE {owner} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")


# --- deleting -------------------------------------------------------------------------------------------


def delete_rows(model: type[models.Model], rows: QuerySet[Any]) -> int:
    """Delete the rows in one statement, first doing for other tables' rows that refer to them what their
    foreign keys say (cascade, set null; refuse on protect). Returns how many rows were deleted."""
    ids_sql, params = rows.values("pk").query.sql_with_params()
    chosen = model._base_manager.filter(pk__in=RawSQL(ids_sql, params))  # noqa: S611 — the ORM's own SQL
    for relation in _relations_to(model):
        _follow(relation, chosen)
    name = connection.ops.quote_name(table(model))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {name} WHERE id IN ({ids_sql})", params)  # noqa: S608
        return int(cursor.rowcount)


def _relations_to(model: type[models.Model]) -> list[Any]:
    # As Django's deletion collector finds them: reverse one-to-one and many-to-one, hidden ones included.
    return [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and (field.one_to_one or field.one_to_many)
    ]


def _follow(relation: Any, chosen: QuerySet[Any]) -> None:
    field = relation.field
    referring = relation.related_model._base_manager.filter(**{f"{field.name}__in": chosen})
    if not referring.exists():
        return
    on_delete = field.remote_field.on_delete
    if on_delete is models.CASCADE:
        referring.delete()
    elif on_delete is models.SET_NULL:
        referring.update(**{field.name: None})
    elif on_delete is models.DO_NOTHING:
        return
    else:
        labels = f"{relation.related_model._meta.label} → {field.related_model._meta.label}"
        raise ResetRefusedError(f"ลบข้อมูลที่สร้างไว้ไม่ได้: ข้อมูลอื่นยังอ้างถึงข้อมูลที่สร้างไว้ ({labels})")
