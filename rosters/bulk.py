"""Inserting many rows of one model and learning their ids: PostgreSQL's COPY, or bulk_create elsewhere.

A 400,000-row import makes 1.6 million rows (account, person, role, audit entry). bulk_create spends most of its
time in Python building the statement (≈ 70 µs a row here); COPY streams the same rows for a third of that. The ids
the caller needs (to link the next table's rows to them) are taken from the table's sequence first. Callers pass plain
values in the model's column order; both paths insert exactly the same rows, and the suite runs on both databases.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def insert(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]], *, ids: bool = False
) -> list[int]:
    """Insert `rows` (values for `columns`, by field attname); with `ids`, return their new primary keys in order."""
    if not rows:
        return []
    if connection.vendor == "postgresql":
        return _copy(model, columns, rows, ids=ids)
    objects = model._default_manager.bulk_create(model(**dict(zip(columns, row, strict=True))) for row in rows)
    return [int(obj.pk) for obj in objects] if ids else []


def _copy(model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]], *, ids: bool) -> list[int]:
    meta = model._meta
    assert meta.pk is not None
    fields = [meta.get_field(column) for column in columns]
    names = [str(field.column) for field in fields]  # type: ignore[union-attr]
    # COPY takes text: JSON values go as JSON text, the rest as psycopg adapts them.
    json_at = [index for index, field in enumerate(fields) if isinstance(field, models.JSONField)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        pks: list[int] = []
        if ids:  # taken from the table's own sequence, as the column's default would
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, len(rows)])
            pks = [int(row[0]) for row in cursor.fetchall()]
            names = [str(meta.pk.column), *names]
        statement = f"COPY {quote(meta.db_table)} ({', '.join(quote(name) for name in names)}) FROM STDIN"
        with cursor.cursor.copy(statement) as copy:  # the psycopg cursor under Django's wrapper
            for index, row in enumerate(rows):
                values = list(row)
                for at in json_at:
                    values[at] = json.dumps(values[at], ensure_ascii=False)
                copy.write_row((pks[index], *values) if ids else values)
    return pks


def lookup(model: type[models.Model], key: str, keys: Sequence[Any], columns: Sequence[str]) -> list[tuple[Any, ...]]:
    """The (key, *columns) of `model`'s rows whose `key` is one of `keys`.

    On PostgreSQL one index probe per key, whatever the table's statistics say: a bulk import makes them stale
    (a table the planner believes small has grown by thousands of rows in the import's own transaction), and it
    would then scan and hash the whole table for every batch. The LATERAL subquery (kept apart by OFFSET 0) can
    only be run key by key, through the key's index.
    """
    if not keys:
        return []
    if connection.vendor != "postgresql":
        manager = model._default_manager
        return list(manager.filter(**{f"{key}__in": list(keys)}).order_by().values_list(key, *columns))
    meta = model._meta
    quote = connection.ops.quote_name
    key_field = meta.get_field(key)
    key_column = quote(str(key_field.column))  # type: ignore[union-attr]
    selected = ", ".join(quote(str(meta.get_field(column).column)) for column in columns)  # type: ignore[union-attr]
    # The keys travel as one text of lines, split by the server: psycopg would quote a list's items one by one
    # in Python. None of them can hold a line break (checked values: digests, codes, emails, ids).
    joined = "\n".join(map(str, keys))
    if joined.count("\n") != len(keys) - 1:
        raise ValueError("a lookup key holds a line break")
    # Only names from the model's own metadata go into the statement; the keys are one parameter.
    array = f"string_to_array(%s, chr(10))::{key_field.db_type(connection)}[]"  # type: ignore[union-attr]
    sql = (
        f"SELECT k.key, t.* FROM unnest({array}) AS k(key) CROSS JOIN LATERAL "  # noqa: S608
        f"(SELECT {selected} FROM {quote(meta.db_table)} WHERE {key_column} = k.key OFFSET 0) AS t"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [joined])
        return [tuple(row) for row in cursor.fetchall()]
