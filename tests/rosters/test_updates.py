"""Importing the same file again changes nothing; an updated file changes only the rows (and fields) that changed,
each change with its audit entry."""

from __future__ import annotations

from typing import Any

from django.test import Client

from audit.models import AuditEntry
from org.models import Membership, Person, Position, Role, School, User
from org.services import national_id_digest
from rosters.models import ImportJob, PasswordSheet
from tests.conftest import Cast, make_person
from tests.rosters.files import PEOPLE_HEADER, SCHOOL_HEADER, csv_bytes, new_national_id, person_row, xlsx_bytes


def school_page(cast: Cast) -> str:
    return f"/rosters/schools/{cast.school.pk}/"


def person(row: list[str]) -> Person:
    return Person.objects.select_related("user").get(national_id_digest=national_id_digest(row[0]))


def account(someone: Person) -> User:
    assert someone.user is not None
    return someone.user


def audit_counts() -> dict[str, int]:
    actions = AuditEntry.objects.exclude(action__startswith="roster_import.").values_list("action", flat=True)
    return {action: list(actions).count(action) for action in set(actions)}


def test_importing_the_same_file_again_changes_nothing(cast: Cast, run_import: Any) -> None:
    rows = [
        person_row(first_name="มานี", email="manee@example.com", phone="0811111111"),
        person_row(first_name="ปิติ", standing="", learning_area=""),
        person_row(first_name="ชูใจ", position="ผู้อำนวยการสถานศึกษา", standing="ผู้อำนวยการชำนาญการพิเศษ"),
    ]
    first = run_import(cast.user("director"), school_page(cast), csv_bytes(PEOPLE_HEADER, rows))
    assert (first.created, first.updated) == (3, 0)
    people, audits, updated_at = Person.objects.count(), audit_counts(), person(rows[0]).updated_at
    again = run_import(cast.user("director"), school_page(cast), csv_bytes(PEOPLE_HEADER, rows), confirm=False)
    assert (again.state, again.to_create, again.to_update, again.unchanged) == ("review", 0, 0, 3)
    # The same rows typed into Excel: numbers as numbers, the same spellings otherwise.
    as_excel = [[int(row[0]), *row[1:9], int(row[9]) if row[9] else ""] for row in rows]
    done = run_import(cast.user("director"), school_page(cast), xlsx_bytes(PEOPLE_HEADER, as_excel), name="ครู.xlsx")
    assert (done.state, done.to_create, done.to_update, done.created, done.updated, done.unchanged) == (
        "done",
        0,
        0,
        0,
        0,
        3,
    )
    assert (Person.objects.count(), audit_counts(), person(rows[0]).updated_at) == (people, audits, updated_at)
    assert not PasswordSheet.objects.filter(job=done).exists()  # no new accounts, no sheet


def test_an_updated_file_changes_only_what_changed(cast: Cast, run_import: Any) -> None:
    rows = [
        person_row(first_name="มานี", last_name="มีนา", standing="ครูชำนาญการ"),
        person_row(first_name="ปิติ", last_name="ชูใจ", phone="0822222222"),
        person_row(first_name="วีระ", last_name="กล้าหาญ", email="weera@example.com"),
        person_row(first_name="สมใจ", last_name="ใฝ่รู้", phone="0833333333", learning_area="คณิตศาสตร์"),
    ]
    run_import(cast.user("director"), school_page(cast), csv_bytes(PEOPLE_HEADER, rows))
    before = {index: person(row) for index, row in enumerate(rows)}
    changed = [
        [*rows[0][:5], "ชำนาญการพิเศษ", *rows[0][6:]],  # promoted
        [rows[1][0], "นาง", "ปิติ", "ชูใจดี", *rows[1][4:9], "0899999999"],  # married: prefix and name, new phone
        rows[2],  # as it was
        [*rows[3][:6], "", rows[3][7], "", ""],  # learning area and phone left empty: kept
        person_row(first_name="ใหม่", last_name="มาก่อน"),  # joined
    ]
    job = run_import(cast.user("director"), school_page(cast), csv_bytes(PEOPLE_HEADER, changed), confirm=False)
    assert (job.to_create, job.to_update, job.unchanged) == (1, 2, 2)
    client = Client()
    client.force_login(cast.user("director"))
    assert "จะปรับปรุง" in client.get(f"/rosters/imports/{job.pk}/").content.decode()
    job = run_import(cast.user("director"), school_page(cast), csv_bytes(PEOPLE_HEADER, changed))
    assert (job.created, job.updated, job.unchanged) == (1, 2, 2)
    after = {index: person(row) for index, row in enumerate(rows)}
    assert after[0].standing == "senior_professional"
    assert (after[1].prefix, after[1].last_name, after[1].phone, account(after[1]).display_name) == (
        "นาง",
        "ชูใจดี",
        "0899999999",
        "นางปิติ ชูใจดี",
    )
    assert (after[3].learning_area, after[3].phone) == ("mathematics", "0833333333")
    for index in (2, 3):
        assert after[index].updated_at == before[index].updated_at
    entries = AuditEntry.objects.filter(action="person.updated").order_by("pk")
    assert [(entry.target_id, entry.data["changes"]) for entry in entries] == [
        (str(after[0].pk), {"standing": ["professional", "senior_professional"]}),
        (
            str(after[1].pk),
            {"prefix": ["นางสาว", "นาง"], "last_name": ["ชูใจ", "ชูใจดี"], "phone": ["0822222222", "0899999999"]},
        ),
    ]
    assert {entry.actor_id for entry in entries} == {cast.user("director").pk}


def test_a_teacher_the_file_makes_director_changes_role_and_an_email_changes(cast: Cast, run_import: Any) -> None:
    row = person_row(first_name="มานี", email="manee@example.com")
    run_import(cast.user("area_officer"), school_page(cast), csv_bytes(PEOPLE_HEADER, [row]))
    promoted = [*row[:4], "ผู้อำนวยการโรงเรียน", "ชำนาญการพิเศษ", row[6], row[7], "Manee.New@Example.com", ""]
    job = run_import(cast.user("area_officer"), school_page(cast), csv_bytes(PEOPLE_HEADER, [promoted]))
    assert (job.created, job.updated) == (0, 1)
    manee = person(row)
    assert (manee.position, manee.standing, account(manee).email) == (
        Position.DIRECTOR,
        "senior_professional",
        "manee.new@example.com",
    )
    roles = set(Membership.objects.filter(user=manee.user).values_list("role", "is_active"))
    assert roles == {(Role.TEACHER, False), (Role.DIRECTOR, True)}
    entry = AuditEntry.objects.get(action="person.updated")
    assert entry.data["changes"] == {
        "position": ["teacher", "director"],
        "standing": ["professional", "senior_professional"],
        "email": ["manee@example.com", "manee.new@example.com"],
        "role": ["teacher", "director"],
    }
    teacher_role = Membership.objects.get(user=manee.user, role=Role.TEACHER)
    revoked = AuditEntry.objects.get(action="membership.revoked")
    assert (revoked.target_id, revoked.data["role"]) == (str(teacher_role.pk), "teacher")


def test_someone_who_left_the_school_is_taken_back(cast: Cast, run_import: Any) -> None:
    number = new_national_id()
    returning = make_person(school=cast.school, national_id_value=number, first_name="กลับมา", last_name="อีกครั้ง")
    Membership.objects.filter(user=returning.user).update(is_active=False)
    row = person_row(national_id_value=number, first_name="กลับมา", last_name="อีกครั้ง")
    job = run_import(cast.user("director"), school_page(cast), csv_bytes(PEOPLE_HEADER, [row]))
    assert (job.state, job.created, job.updated) == ("done", 0, 1)
    assert list(Membership.objects.filter(user=returning.user).values_list("role", "is_active")) == [
        (Role.TEACHER, True)
    ]


def test_an_importer_cannot_change_their_own_role(cast: Cast, run_import: Any) -> None:
    number = new_national_id()
    director = make_person(
        school=cast.school, role=Role.DIRECTOR, national_id_value=number, position=Position.DIRECTOR, standing=""
    )
    row = person_row(national_id_value=number, first_name="สมศรี", last_name="ใจดี", position="ครู")
    job = run_import(director.user, school_page(cast), csv_bytes(PEOPLE_HEADER, [row]))
    assert job.problems == [[2, "เปลี่ยนตำแหน่งหรือบทบาทของตนเองด้วยการนำเข้าไม่ได้"]]


def test_schools_import_once_with_their_admin_accounts_and_again_without_change(cast: Cast, run_import: Any) -> None:
    rows = [
        ["1065010050", "โรงเรียนบ้านใหม่", "6501", "เมืองพิษณุโลก", "055000000"],
        ["1065010051", "โรงเรียนวัดใหม่", "6501", "", ""],
    ]
    url = f"/rosters/areas/{cast.area.pk}/"
    job = run_import(cast.user("area_officer"), url, csv_bytes(SCHOOL_HEADER, rows), kind="schools")
    assert (job.state, job.created, job.updated) == ("done", 2, 0)
    school = School.objects.get(code="1065010050")
    assert (school.name, school.area_office_id, school.district, school.phone) == (
        "โรงเรียนบ้านใหม่",
        cast.area.pk,
        "เมืองพิษณุโลก",
        "055000000",
    )
    admin = User.objects.get(username="1065010050")
    assert (admin.display_name, admin.must_change_password) == ("ผู้ดูแลระบบ โรงเรียนบ้านใหม่", True)
    assert list(Membership.objects.filter(user=admin).values_list("role", "school_id")) == [
        (Role.SCHOOL_ADMIN, school.pk)
    ]
    sheet = PasswordSheet.objects.get(job=job)
    assert (sheet.school_id, sheet.title, sheet.count) == (None, cast.area.name, 2)
    assert [(name, login) for name, login, _code in sheet.entries] == [
        ("โรงเรียนบ้านใหม่", "1065010050"),
        ("โรงเรียนวัดใหม่", "1065010051"),
    ]
    code = next(code for _name, login, code in sheet.entries if login == "1065010050")
    client = Client()
    assert client.post("/accounts/login/", {"username": "1065010050", "password": code}).status_code == 302
    again = run_import(cast.user("area_officer"), url, csv_bytes(SCHOOL_HEADER, rows), kind="schools")
    assert (again.to_create, again.to_update, again.created, again.updated, again.unchanged) == (0, 0, 0, 0, 2)
    renamed = [["1065010050", "โรงเรียนบ้านใหม่พัฒนา", "6501", "", ""], rows[1]]
    changed = run_import(cast.user("area_officer"), url, csv_bytes(SCHOOL_HEADER, renamed), kind="schools")
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    school.refresh_from_db()
    assert (school.name, school.district) == ("โรงเรียนบ้านใหม่พัฒนา", "เมืองพิษณุโลก")
    entry = AuditEntry.objects.get(action="school.updated")
    assert (entry.target_id, entry.data["changes"]) == (
        str(school.pk),
        {"name": ["โรงเรียนบ้านใหม่", "โรงเรียนบ้านใหม่พัฒนา"]},
    )
    assert ImportJob.objects.filter(kind="schools").count() == 3
