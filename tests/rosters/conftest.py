"""Imports run their background tasks inline here (ImmediateBackend), once the request's transaction commits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from org.models import User
from rosters.models import ImportJob
from tests.rosters.files import upload


@pytest.fixture
def run_import(django_capture_on_commit_callbacks: Any) -> Callable[..., ImportJob]:
    """Upload a file as `user` to an import page, and confirm it unless told not to: the job as it ends."""

    def run(
        user: User, url: str, data: bytes, *, name: str = "รายชื่อ.csv", kind: str = "people", confirm: bool = True
    ) -> ImportJob:
        client = Client()
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"kind": kind, f"{kind}-file": upload(data, name)})
        assert response.status_code == 302, response.content.decode()[:2000]
        job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))
        if confirm and job.state == ImportJob.State.REVIEW:
            with django_capture_on_commit_callbacks(execute=True):
                assert client.post(f"/rosters/imports/{job.pk}/confirm").status_code == 302
            job.refresh_from_db()
        return job

    return run
