"""Plain one-time passwords live only until the sheet is downloaded or ROSTERS_SHEET_KEEP_HOURS pass; login codes
stop working after ROSTERS_LOGIN_CODE_DAYS; the files of imports nobody finished are removed."""

from __future__ import annotations

import io
import time
from datetime import timedelta
from typing import Any

from django.contrib.auth.hashers import check_password, identify_hasher
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from rosters.hashers import ALPHABET, encode_login_codes, new_codes
from rosters.models import ImportJob, PasswordSheet
from rosters.tasks import wipe_password_sheets
from tests.conftest import Cast
from tests.rosters.files import PEOPLE_HEADER, csv_bytes, person_row


def test_passwords_nobody_downloaded_are_wiped_after_the_keep_hours(cast: Cast, run_import: Any) -> None:
    job = run_import(
        cast.user("director"), f"/rosters/schools/{cast.school.pk}/", csv_bytes(PEOPLE_HEADER, [person_row()])
    )
    sheet = PasswordSheet.objects.get(job=job)
    assert wipe_password_sheets.call() == 0  # kept: not yet ROSTERS_SHEET_KEEP_HOURS (48) old
    PasswordSheet.objects.filter(pk=sheet.pk).update(created_at=timezone.now() - timedelta(hours=49))
    client = Client()
    client.force_login(cast.user("director"))
    page = client.get(f"/rosters/imports/{job.pk}/").content.decode()
    assert "หมดเวลาเก็บแล้ว รหัสผ่านครั้งแรกถูกลบ" in page
    assert f'action="/rosters/sheets/{sheet.pk}/download"' not in page
    refused = client.post(f"/rosters/sheets/{sheet.pk}/download")
    assert (refused.status_code, refused["Location"]) == (302, f"/rosters/imports/{job.pk}/")
    out = io.StringIO()
    call_command("rosters_purge", stdout=out)
    assert out.getvalue() == "wiped 1 password sheet(s), removed the files of 0 import(s)\n"
    sheet.refresh_from_db()
    assert (sheet.wiped_at is not None, sheet.downloaded_at, sheet.entries) == (True, None, [])


def test_a_login_code_stops_working_once_it_expires(db: Any) -> None:
    (code,) = new_codes(1, 10)
    (fresh,) = encode_login_codes([code], int(time.time()) + 60)
    (stale,) = encode_login_codes([code], int(time.time()) - 1)
    assert (check_password(code, fresh), check_password(code, stale), check_password(code.swapcase(), fresh)) == (
        True,
        False,
        False,
    )
    assert identify_hasher(fresh).safe_summary(fresh)["hash"].endswith("*" * 10)


def test_codes_are_drawn_evenly_from_the_unambiguous_alphabet() -> None:
    codes = new_codes(2000, 12)
    assert (len(codes), len(set(codes)), {len(code) for code in codes}) == (2000, 2000, {12})
    letters = "".join(codes)
    assert set(letters) == set(ALPHABET)
    counts = [letters.count(letter) for letter in ALPHABET]
    # 480 expected each, give or take 22: a mapping that favoured some letters would fall outside by far.
    assert min(counts) > 300
    assert max(counts) < 700


def test_the_files_of_imports_nobody_finished_are_removed(cast: Cast, run_import: Any) -> None:
    waiting = run_import(
        cast.user("director"),
        f"/rosters/schools/{cast.school.pk}/",
        csv_bytes(PEOPLE_HEADER, [person_row()]),
        confirm=False,
    )
    done = run_import(
        cast.user("director"), f"/rosters/schools/{cast.school.pk}/", csv_bytes(PEOPLE_HEADER, [person_row()])
    )
    storage, name = waiting.parsed.storage, str(waiting.parsed.name)
    assert storage.exists(name)
    ImportJob.objects.update(created_at=timezone.now() - timedelta(hours=49))
    out = io.StringIO()
    call_command("rosters_purge", stdout=out)
    assert out.getvalue() == "wiped 0 password sheet(s), removed the files of 1 import(s)\n"
    waiting.refresh_from_db()
    assert (waiting.state, waiting.parsed.name, storage.exists(name)) == ("cancelled", "", False)
    assert ImportJob.objects.get(pk=done.pk).state == "done"
