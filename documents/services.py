"""Issuing documents (a verification code per distinct content), verifying them, and school bundles."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from audit.services import audit_record
from documents.models import Bundle, IssuedDocument
from documents.pdf import RenderedPdf, Verification, render_pdf
from documents.sources import Source, source_of
from documents.word import render_docx
from org.models import School
from rounds.models import FiscalYear

# Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper is not mistaken.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 bits: not guessable, short enough to type


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def shown_code(code: str) -> str:
    """ "K7Q2M9XD4TRB" → "K7Q2-M9XD-4TRB", as printed."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalised_code(typed: str) -> str:
    """What a person typed or scanned, as stored: dashes and spaces dropped, O→0, I/L→1, upper case."""
    cleaned = "".join(char for char in typed.upper() if char.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))


def verify_url(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("document_verify", args=[code])


def document_issue(source: Source, *, actor: Any) -> IssuedDocument:
    """The issued document for this content: the same code whenever the same content is printed again."""
    content_hash = source.document.content_hash()
    existing = IssuedDocument.objects.filter(record=source.record, content_hash=content_hash).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            issued = IssuedDocument.objects.create(
                code=new_code(),
                kind=source.kind,
                record=source.record,
                content_hash=content_hash,
                person_name=source.person_name,
                school_name=source.school_name,
                fiscal_year=source.fiscal_year,
                issued_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            audit_record(actor, "document.issued", issued, record=source.record, kind=source.kind)
    except IntegrityError:  # the same content issued at the same moment by another request
        return IssuedDocument.objects.get(record=source.record, content_hash=content_hash)
    return issued


def document_pdf(source: Source, *, actor: Any) -> RenderedPdf:
    issued = document_issue(source, actor=actor)
    return render_pdf(source.document, Verification(shown_code(issued.code), verify_url(issued.code)))


def document_docx(source: Source) -> bytes:
    return render_docx(source.document, font=settings.DOCUMENTS_DOCX_FONT)


@dataclass(frozen=True)
class Verdict:
    """What the public verify page says of a code: found or not, and whether it is still current."""

    issued: IssuedDocument | None
    current: bool

    @property
    def status(self) -> str:
        if self.issued is None:
            return "not_found"
        return "genuine" if self.current else "superseded"


def document_verify(typed_code: str) -> Verdict:
    issued = IssuedDocument.objects.filter(code=normalised_code(typed_code)).first()
    if issued is None:
        return Verdict(None, current=False)
    source = source_of(issued.record)
    current = source is not None and source.document.content_hash() == issued.content_hash
    return Verdict(issued, current=current)


@transaction.atomic
def school_documents_configure(*, actor: Any, school: School, thai_digits: bool) -> School:
    """The school's choice of Thai digits (๐–๙) in the documents it prints."""
    if school.thai_digits_in_documents != thai_digits:
        school.thai_digits_in_documents = thai_digits
        school.save(update_fields=["thai_digits_in_documents"])
        audit_record(actor, "school.documents_configured", school, thai_digits=thai_digits)
    return school


@transaction.atomic
def bundle_request(*, actor: Any, school: School, fiscal_year: FiscalYear, kind: str) -> Bundle:
    """Queue a ZIP of the school's PA 1 or PA 3 files for the year; the task builds it after commit."""
    from documents.tasks import build_bundle

    bundle = Bundle.objects.create(school=school, fiscal_year=fiscal_year, kind=kind, requested_by=actor)
    audit_record(actor, "bundle.requested", bundle, kind=kind, fiscal_year=fiscal_year.year)
    transaction.on_commit(lambda: build_bundle.enqueue(bundle.pk))
    return bundle


def bundles_purge() -> int:
    """Delete bundles (and their files in storage) older than DOCUMENTS_BUNDLE_KEEP_DAYS; returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.DOCUMENTS_BUNDLE_KEEP_DAYS)
    removed = 0
    for bundle in Bundle.objects.filter(created_at__lt=cutoff).iterator():
        if bundle.file:
            bundle.file.delete(save=False)
        bundle.delete()
        removed += 1
    return removed
