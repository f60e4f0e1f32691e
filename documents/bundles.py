"""Building a school bundle: every PA 1 or PA 3 of a fiscal year that the requester may read, as one ZIP.

Runs in a background task; progress is saved after every file so the page shows it, and the ZIP is written
to a temporary file and stored once complete (the storage backend may be S3), so a failed run leaves
nothing half-written behind.
"""

from __future__ import annotations

import logging
import tempfile
import zipfile
from collections.abc import Iterator

from django.core.files import File
from django.db.models import QuerySet
from django.utils import timezone

from agreements.models import Agreement
from committees.access import held_seats
from committees.models import Evaluation, Seat
from documents.access import may_read_pa3
from documents.models import Bundle, Kind
from documents.services import document_pdf
from documents.sources import Source, agreement_source, evaluation_source

logger = logging.getLogger(__name__)


def bundle_agreements(bundle: Bundle) -> QuerySet[Agreement]:
    """Agreements of the school's year submitted at least once, that the requester may read."""
    return (
        Agreement.objects.visible_to(bundle.requested_by)
        .filter(school_id=bundle.school_id, fiscal_year_id=bundle.fiscal_year_id, submitted_at__isnull=False)
        .select_related("teacher", "school__area_office", "fiscal_year")
        .order_by("teacher__first_name", "teacher__last_name", "pk")
    )


def bundle_evaluations(bundle: Bundle) -> QuerySet[Evaluation]:
    """Evaluations of the school's year with a PA 3 result (all three sheets in), that the requester may read."""
    return (
        Evaluation.objects.visible_to(bundle.requested_by)
        .filter(
            agreement__school_id=bundle.school_id,
            agreement__fiscal_year_id=bundle.fiscal_year_id,
            result_computed_at__isnull=False,
        )
        .select_related(
            "agreement__teacher", "agreement__school__area_office", "agreement__fiscal_year", "committee__school"
        )
        .order_by("agreement__teacher__first_name", "agreement__teacher__last_name", "pk")
    )


def _sources(bundle: Bundle) -> tuple[int, Iterator[Source]]:
    if bundle.kind == Kind.PA1:
        agreements = bundle_agreements(bundle)
        return agreements.count(), (agreement_source(agreement) for agreement in agreements.iterator())
    evaluations = readable_results(bundle)
    return len(evaluations), (evaluation_source(evaluation) for evaluation in evaluations)


def readable_results(bundle: Bundle) -> list[Evaluation]:
    """The bundle's evaluations whose PA 3 the requester may read one by one (`may_read_pa3`, as the single
    download): seeing a teacher's evaluation is not seeing its scores."""
    seats: dict[int, list[Seat]] = {}
    readable = []
    for evaluation in bundle_evaluations(bundle).iterator():
        if evaluation.committee_id not in seats:  # one query per committee, not per evaluation
            seats[evaluation.committee_id] = held_seats(evaluation.committee, people=False)
        if may_read_pa3(bundle.requested_by, evaluation, seats[evaluation.committee_id]):
            readable.append(evaluation)
    return readable


def bundle_build(bundle_pk: int) -> Bundle:
    bundle = Bundle.objects.select_related("school", "fiscal_year", "requested_by").get(pk=bundle_pk)
    if bundle.state != Bundle.State.QUEUED:
        return bundle  # a task delivered twice builds once
    total, sources = _sources(bundle)
    bundle.state, bundle.total, bundle.done = Bundle.State.RUNNING, total, 0
    bundle.save(update_fields=["state", "total", "done"])
    try:
        _write(bundle, sources)
    except Exception as error:
        logger.exception("bundle %s failed", bundle.pk)
        bundle.state, bundle.error, bundle.finished_at = Bundle.State.FAILED, str(error)[:500], timezone.now()
        bundle.save(update_fields=["state", "error", "finished_at"])
        raise
    return bundle


def _write(bundle: Bundle, sources: Iterator[Source]) -> None:
    names: set[str] = set()
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for source in sources:
                rendered = document_pdf(source, actor=bundle.requested_by)
                archive.writestr(_unique(source.file_name("pdf"), names), rendered.data)
                bundle.done += 1
                bundle.save(update_fields=["done"])
        spool.seek(0)
        code = "PA1" if bundle.kind == Kind.PA1 else "PA3"
        bundle.file.save(f"{code}_{bundle.fiscal_year.year}_{bundle.school.code}.zip", File(spool), save=False)
    bundle.state, bundle.finished_at = Bundle.State.DONE, timezone.now()
    bundle.save(update_fields=["file", "state", "finished_at"])


def _unique(name: str, taken: set[str]) -> str:
    """Two teachers with the same name get "…(2).pdf" rather than overwriting each other in the ZIP."""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        stem, _, extension = name.rpartition(".")
        candidate = f"{stem} ({number}).{extension}"
    taken.add(candidate)
    return candidate
