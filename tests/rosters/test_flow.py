"""A school imports its teachers end to end: check, preview, confirm, accounts, the password sheet, first login."""

from __future__ import annotations

import io
from typing import Any

import pypdf
from django.test import Client

from org.models import Membership, Person, Role
from org.services import national_id_digest
from rosters.models import ImportJob, PasswordSheet
from tests.conftest import Cast, logged_in
from tests.rosters.files import PEOPLE_HEADER, csv_bytes, person_row


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def school_page(cast: Cast) -> str:
    return f"/rosters/schools/{cast.school.pk}/"


def test_nothing_is_written_until_the_import_is_confirmed(cast: Cast, run_import: Any) -> None:
    data = csv_bytes(PEOPLE_HEADER, [person_row(first_name="มานี"), person_row(first_name="ปิติ", standing="")])
    job = run_import(cast.user("director"), school_page(cast), data, confirm=False)
    assert (job.state, job.rows, job.to_create, job.to_update, job.unchanged, job.problems) == (
        "review",
        2,
        2,
        0,
        0,
        [],
    )
    assert not Person.objects.filter(first_name__in=["มานี", "ปิติ"]).exists()
    assert not job.upload  # the file with full national IDs is gone once checked
    assert job.parsed  # only digests and masked IDs wait for the confirmation
    page = logged_in(cast.user("director")).get(f"/rosters/imports/{job.pk}/").content.decode()
    assert "ยืนยันการนำเข้า" in page
    assert "จะสร้างใหม่" in page


def test_a_confirmed_import_makes_accounts_that_must_change_their_password(cast: Cast, run_import: Any) -> None:
    manee = person_row(first_name="มานี", last_name="มีนา", email="Manee@Example.com", phone="0811111111")
    piti = person_row(first_name="ปิติ", last_name="ชูใจ", position="ครูผู้ช่วย", standing="", learning_area="")
    job = run_import(cast.user("director"), school_page(cast), csv_bytes(PEOPLE_HEADER, [manee, piti]))
    assert (job.state, job.created, job.updated, job.unchanged, job.parsed.name) == ("done", 2, 0, 0, "")
    person = Person.objects.select_related("user").get(national_id_digest=national_id_digest(manee[0]))
    assert (person.full_name, person.position, person.standing, person.learning_area, person.phone) == (
        "นางสาวมานี มีนา",
        "teacher",
        "professional",
        "thai",
        "0811111111",
    )
    assert person.national_id_masked == f"{manee[0][0]}-xxxx-xxxxx-xx-{manee[0][12]}"
    user = person.user
    assert user is not None
    assert (user.username, user.email, user.must_change_password) == (
        person.national_id_digest,
        "manee@example.com",
        True,
    )
    assert user.password.startswith("rosters_login_code$")
    assistant = Person.objects.get(national_id_digest=national_id_digest(piti[0]))
    assert (assistant.position, assistant.standing, assistant.learning_area) == ("assistant_teacher", "assistant", "")
    roles = set(
        Membership.objects.filter(user__person__in=[person, assistant]).values_list("role", "school_id", "is_active")
    )
    assert roles == {(Role.TEACHER, cast.school.pk, True)}
    sheet = PasswordSheet.objects.get(job=job)
    assert (sheet.school_id, sheet.title, sheet.count, len(sheet.entries)) == (cast.school.pk, cast.school.name, 2, 2)


def test_the_password_sheet_names_everyone_and_downloads_once(cast: Cast, run_import: Any) -> None:
    rows = [person_row(first_name="มานี", last_name="มีนา"), person_row(first_name="ปิติ", last_name="ชูใจ")]
    job = run_import(cast.user("director"), school_page(cast), csv_bytes(PEOPLE_HEADER, rows))
    sheet = PasswordSheet.objects.get(job=job)
    codes = [code for _name, _login, code in sheet.entries]
    director = logged_in(cast.user("director"))
    assert director.get(f"/rosters/sheets/{sheet.pk}/download").status_code == 405  # a GET cannot spend it
    response = director.post(f"/rosters/sheets/{sheet.pk}/download")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    text = pdf_text(response.content)
    for expected in ("รหัสผ่านสำหรับเข้าสู่ระบบครั้งแรก", "นางสาวมานี มีนา", "นางสาวปิติ ชูใจ", *codes):
        assert expected in text
    sheet.refresh_from_db()
    assert sheet.downloaded_at is not None
    assert sheet.wiped_at == sheet.downloaded_at
    assert PasswordSheet.objects.get(pk=sheet.pk).entries == []
    again = director.post(f"/rosters/sheets/{sheet.pk}/download")
    assert (again.status_code, again["Location"]) == (302, f"/rosters/imports/{job.pk}/")
    page = director.get(f"/rosters/imports/{job.pk}/").content.decode()
    assert "ใบรหัสผ่านนี้ถูกดาวน์โหลดไปแล้วหรือหมดเวลาเก็บแล้ว" in page
    assert "ดาวน์โหลดแล้วเมื่อ" in page


def test_the_one_time_password_logs_in_and_forces_a_new_password(cast: Cast, run_import: Any) -> None:
    row = person_row(first_name="มานี", last_name="มีนา")
    job = run_import(cast.user("director"), school_page(cast), csv_bytes(PEOPLE_HEADER, [row]))
    ((_name, _login, code),) = PasswordSheet.objects.get(job=job).entries
    client = Client()
    wrong = client.post("/accounts/login/", {"username": row[0], "password": code[::-1]})
    assert wrong.status_code == 200  # refused, the form again
    response = client.post("/accounts/login/", {"username": row[0], "password": code})
    assert response.status_code == 302
    assert client.get("/home/")["Location"] == "/accounts/password/change/"
    user = Person.objects.select_related("user").get(national_id_digest=national_id_digest(row[0])).user
    assert user is not None
    # Re-hashed by the preferred hasher at the first login (Argon2 in production, MD5 in the suite).
    assert user.password.startswith("md5$")
    changed = client.post(
        "/accounts/password/change/",
        {"old_password": code, "new_password1": "a-new-Passw0rd-2569", "new_password2": "a-new-Passw0rd-2569"},
    )
    assert changed.status_code == 302
    user.refresh_from_db()
    assert user.must_change_password is False
    assert client.get("/home/").status_code == 302  # now it goes home, not to the change page
    assert ImportJob.objects.get(pk=job.pk).state == "done"


def test_a_school_file_may_leave_the_school_code_out(cast: Cast, run_import: Any) -> None:
    header = [name for name in PEOPLE_HEADER if name != "รหัสโรงเรียน"]
    row = person_row(first_name="มานี", last_name="มีนา")
    data = csv_bytes(header, [[value for index, value in enumerate(row) if index != 7]])
    job = run_import(cast.user("school_admin"), school_page(cast), data)
    assert (job.state, job.created) == ("done", 1)
    teacher = Person.objects.get(national_id_digest=national_id_digest(row[0]))
    assert list(Membership.objects.filter(user__person=teacher).values_list("school_id", "role")) == [
        (cast.school.pk, Role.TEACHER)
    ]
    area = run_import(cast.user("area_officer"), f"/rosters/areas/{cast.area.pk}/", data)
    assert area.problems == [[2, "ไม่ได้กรอก “รหัสโรงเรียน”"]]
