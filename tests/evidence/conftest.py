"""Evidence fixtures: temporary media, the teacher's agreement, and a way to list what storage holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement
from agreements.services import agreement_start
from evidence import services
from evidence.models import EvidenceAttachment, EvidenceItem
from org.models import Person
from rounds.services import fiscal_year_open
from tests.conftest import Cast
from tests.evidence import files

THAI_EMOJI_NAME = "แผนการสอน ป.๔ น้ำท่วม ผู้อำนวยการ café 👩🏽‍🏫🇹🇭✔️.pdf"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    return root


def stored(root: Path) -> list[str]:
    """Every file in storage, as paths relative to the media root."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture
def agreement(cast: Cast) -> Agreement:
    fiscal_year = fiscal_year_open(actor=None, year=2570)
    return agreement_start(actor=cast.user("teacher"), teacher=cast.teacher, fiscal_year=fiscal_year)


def set_state(agreement: Agreement, state: str) -> Agreement:
    Agreement.objects.filter(pk=agreement.pk).update(state=state)
    agreement.refresh_from_db()
    return agreement


def add_file(
    cast: Cast, content: bytes = files.PDF, name: str = "แผนการสอน.pdf", owner: Person | None = None
) -> EvidenceItem:
    person = owner or cast.teacher
    assert person.user is not None
    upload = SimpleUploadedFile(name, content)
    return services.evidence_file_add(actor=person.user, owner=person, upload=upload, name=name)


def attach(
    cast: Cast, agreement: Agreement, item: EvidenceItem, section: str = "indicator:1.1", *, shared: bool = True
) -> EvidenceAttachment:
    return services.evidence_attach(
        actor=cast.user("teacher"), agreement=agreement, section=section, item=item, shared=shared
    )
