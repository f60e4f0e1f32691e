"""The demo's year in progress: every step of the committee round is there to try after `make run`."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command

from agreements.models import Agreement
from committees.models import Committee, Evaluation, ScoreSheet, Seat


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", quiet_logins=True, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db: Any) -> str:
    return seed()


def test_the_demo_year_has_agreements_committees_sheets_and_results_in_every_state(seeded: str) -> None:
    assert "คณะกรรมการ 2 ชุด" in seeded
    states = Counter(Agreement.objects.values_list("state", flat=True))
    assert states == {"approved": 6, "submitted": 1, "draft": 1}
    assert Committee.objects.count() == 2
    assert Seat.objects.filter(status=Seat.Status.PENDING).count() == 1  # the lecturer has an answer to give
    assert Evaluation.objects.filter(published_at__isnull=False).count() == 2
    assert Evaluation.objects.filter(result_computed_at__isnull=False, published_at__isnull=True).count() == 1
    assert ScoreSheet.objects.filter(state=ScoreSheet.State.DRAFT).count() == 1


def test_seeding_again_adds_no_committee_work(seeded: str) -> None:
    before = (Committee.objects.count(), Seat.objects.count(), ScoreSheet.objects.count(), Agreement.objects.count())
    seed()
    after = (Committee.objects.count(), Seat.objects.count(), ScoreSheet.objects.count(), Agreement.objects.count())
    assert after == before
