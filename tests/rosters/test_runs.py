"""Background runs: progress while they run, a retry after a crash that starts clean, a run that was thought dead
stopping when a retry takes over, and a database that changed between the check and the confirmation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from org.models import Membership, Person, Role
from rosters import running
from rosters.models import ImportJob
from tests.conftest import Cast, make_person
from tests.rosters.files import PEOPLE_HEADER, csv_bytes, new_national_id, person_row, upload


def director(cast: Cast) -> Client:
    client = Client()
    client.force_login(cast.user("director"))
    return client


def uploaded(cast: Cast, rows: list[list[str]]) -> ImportJob:
    """Uploaded, its check queued but never run: as a worker that died before it started leaves it."""
    response = director(cast).post(
        f"/rosters/schools/{cast.school.pk}/", {"kind": "people", "people-file": upload(csv_bytes(PEOPLE_HEADER, rows))}
    )
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))


def test_the_progress_bar_polls_while_it_runs_and_the_page_reloads_when_done(cast: Cast) -> None:
    job = uploaded(cast, [person_row()])
    client = director(cast)
    fragment = client.get(f"/rosters/imports/{job.pk}/", headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert f'hx-get="/rosters/imports/{job.pk}/"' in html
    assert 'hx-trigger="every 1s"' in html
    assert "<progress" in html
    assert "<html" not in html  # the fragment alone
    running.import_check(job.pk)
    finished = client.get(f"/rosters/imports/{job.pk}/", headers={"HX-Request": "true"})
    assert (finished.status_code, finished["HX-Refresh"]) == (200, "true")


def test_a_check_that_died_is_retried_and_finishes(cast: Cast, django_capture_on_commit_callbacks: Any) -> None:
    job = uploaded(cast, [person_row(), person_row()])
    client = director(cast)
    assert "ไม่มีความคืบหน้ามานานผิดปกติ" not in client.get(f"/rosters/imports/{job.pk}/").content.decode()  # not stale yet
    ImportJob.objects.filter(pk=job.pk).update(state="checking", heartbeat_at=timezone.now() - timedelta(minutes=20))
    assert "ไม่มีความคืบหน้ามานานผิดปกติ" in client.get(f"/rosters/imports/{job.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/rosters/imports/{job.pk}/retry").status_code == 302
    job.refresh_from_db()
    assert (job.state, job.to_create, job.attempt) == ("review", 2, 2)  # one number for the retry, one for its run


def test_an_apply_that_died_half_way_starts_again_clean(cast: Cast, django_capture_on_commit_callbacks: Any) -> None:
    rows = [person_row(), person_row(), person_row()]
    job = uploaded(cast, rows)
    running.import_check(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(
        state="applying", applying=True, heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    assert Person.objects.filter(first_name="มานี").count() == 0  # its transaction died with it: nothing is left
    with django_capture_on_commit_callbacks(execute=True):
        director(cast).post(f"/rosters/imports/{job.pk}/retry")
    job.refresh_from_db()
    assert (job.state, job.created, job.updated) == ("done", 3, 0)
    assert Person.objects.filter(first_name="มานี").count() == 3


def test_a_run_that_was_thought_dead_stops_once_a_retry_takes_over(cast: Cast) -> None:
    job = uploaded(cast, [person_row()])
    claimed = running.claim(job.pk, "queued", "checking", applying=False)
    assert claimed is not None
    ImportJob.objects.filter(pk=job.pk).update(attempt=claimed.attempt + 1)  # the retry took a later number
    with pytest.raises(running.SupersededError):
        running.save(claimed, "done")
    assert running.claim(job.pk, "queued", "checking", applying=False) is None  # not queued any more


def test_rows_the_database_now_refuses_roll_the_whole_import_back(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    number = new_national_id()
    rows = [person_row(first_name="ก่อน"), person_row(national_id_value=number), person_row(first_name="หลัง")]
    job = uploaded(cast, rows)
    running.import_check(job.pk)
    job.refresh_from_db()
    assert (job.state, job.to_create) == ("review", 3)
    make_person(school=cast.other_school, national_id_value=number)  # someone else registered her meanwhile
    with django_capture_on_commit_callbacks(execute=True):
        director(cast).post(f"/rosters/imports/{job.pk}/confirm")
    job.refresh_from_db()
    assert (job.state, job.created, [line for line, _message in job.problems]) == ("rejected", 0, [3])
    assert not Person.objects.filter(first_name__in=["ก่อน", "หลัง"]).exists()


def test_an_importer_who_lost_the_role_before_the_apply_fails_it_with_a_reason(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    job = uploaded(cast, [person_row()])
    running.import_check(job.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        director(cast).post(f"/rosters/imports/{job.pk}/confirm")
    Membership.objects.filter(user=cast.user("director"), role=Role.DIRECTOR).update(is_active=False)
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert (job.state, job.error) == ("failed", "ผู้นำเข้าไม่มีสิทธิ์นำเข้ารายชื่อของโรงเรียนหรือเขตพื้นที่นี้แล้ว")


def test_an_import_waiting_for_confirmation_can_be_cancelled_with_its_files(cast: Cast) -> None:
    job = uploaded(cast, [person_row()])
    running.import_check(job.pk)
    job.refresh_from_db()
    storage, name = job.parsed.storage, str(job.parsed.name)
    assert storage.exists(name)
    director(cast).post(f"/rosters/imports/{job.pk}/cancel")
    job.refresh_from_db()
    assert (job.state, job.parsed.name, storage.exists(name)) == ("cancelled", "", False)
    assert director(cast).post(f"/rosters/imports/{job.pk}/confirm").status_code == 302
    assert ImportJob.objects.get(pk=job.pk).state == "cancelled"
