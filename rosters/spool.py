"""The good rows of a checked file, kept in the default storage (local folder or S3) between the check and the apply:
gzip'd JSON, one batch of rows a line. National IDs are in it only as digests and masked forms."""

from __future__ import annotations

import gzip
import json
import tempfile
from collections.abc import Iterator
from typing import Any, NamedTuple

from django.core.files import File

from rosters.models import ImportJob


class Spool:
    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 — closed by save() or discard()
        self._gzip = gzip.GzipFile(fileobj=self._file, mode="wb", compresslevel=1)

    def add(self, rows: list[Any]) -> None:
        if rows:
            self._gzip.write(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")

    def save(self, job: ImportJob) -> None:
        self._gzip.close()
        self._file.seek(0)
        job.parsed.save(f"import-{job.pk}.jsonl.gz", File(self._file), save=False)
        self._file.close()

    def discard(self) -> None:
        self._gzip.close()
        self._file.close()


def batches[R: NamedTuple](job: ImportJob, row_type: type[R]) -> Iterator[list[R]]:
    with job.parsed.open("rb") as stored, gzip.GzipFile(fileobj=stored) as lines:
        for line in lines:
            yield [row_type._make(values) for values in json.loads(line)]
