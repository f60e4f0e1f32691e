"""Every org view through the test client: where each role lands, what each page lists, and 404 for the rest."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from audit.models import AuditEntry
from org import national_id
from org.models import Membership, Person, Position, Role, User
from tests.conftest import CAST_USERS, Cast, make_national_id, make_person

# WhiteNoise warns when no collected static directory exists, as in a fresh checkout.

NOT_FOUND = "ไม่พบข้อมูลที่ขอ หรือคุณไม่มีสิทธิ์เข้าถึง"
ADD_PERSON = "เพิ่มบุคลากร"
# pytest loads conftest.py under another module name, so this import has its own ID counter: start far away.
_national_ids = itertools.count(800_001)


def new_national_id() -> str:
    return make_national_id(next(_national_ids))


def new_person(**fields: Any) -> Person:
    return make_person(national_id_value=new_national_id(), **fields)


def page(client: Client, user: Any, url: str) -> Any:
    client.force_login(user)
    return client.get(url)


def text(response: Any) -> str:
    return str(response.content.decode())


def main_of(response: Any) -> str:
    return text(response).split('<main id="main"', 1)[1].split("</main>", 1)[0]


def link_texts(response: Any, prefix: str) -> list[str]:
    """The texts of the links whose address starts with `prefix`, in page order."""
    return re.findall(rf'<a href="{prefix}\d+/">([^<]*)</a>', text(response))


# --- Home and the role pages --------------------------------------------------------------------

HOMES: dict[str, Callable[[Cast], str]] = {
    "teacher": lambda c: "/teacher/",
    "outsider": lambda c: "/teacher/",
    "director": lambda c: f"/schools/{c.school.pk}/",
    "school_admin": lambda c: f"/schools/{c.school.pk}/",
    "supervisor": lambda c: "/evaluator/",
    "lecturer": lambda c: "/evaluator/",
    "area_officer": lambda c: f"/areas/{c.area.pk}/",
    "other_area_officer": lambda c: f"/areas/{c.other_area.pk}/",
    "inspector": lambda c: f"/provinces/{c.province.pk}/",
    "system_admin": lambda c: "/system/",
}


@pytest.mark.parametrize("name", sorted(HOMES))
def test_home_sends_a_one_role_user_to_their_page(cast: Cast, client: Client, name: str) -> None:
    response = page(client, cast.user(name), "/home/")
    assert (response.status_code, response["Location"]) == (302, HOMES[name](cast))


def test_home_lets_a_teacher_who_also_evaluates_choose_between_exactly_those_roles(cast: Cast, client: Client) -> None:
    response = page(client, cast.user("other_school_teacher"), "/home/")
    assert response.status_code == 200
    chosen = re.findall(r'<a class="card-link" href="([^"]+)"><strong>([^<]+)</strong>', text(response))
    assert chosen == [("/teacher/", "ครู"), ("/evaluator/", "กรรมการประเมินภายนอก")]


def test_home_tells_a_user_whose_only_role_ended_that_they_have_none(cast: Cast, client: Client) -> None:
    Membership.objects.filter(user=cast.director.user, role=Role.DIRECTOR).update(is_active=False)
    response = page(client, cast.user("director"), "/home/")
    assert (response.status_code, response.context["links"]) == (200, [])
    assert ("<h1>ยังไม่มีบทบาทในระบบ</h1>" in text(response), "คุณมีหลายบทบาท" in text(response)) == (True, False)


def test_a_superuser_without_roles_lands_on_the_system_page(cast: Cast, client: Client) -> None:
    response = page(client, User.objects.create_superuser("root", "x"), "/home/")
    assert response["Location"] == "/system/"


@pytest.mark.parametrize(
    ("url", "outsiders"),
    [
        ("/teacher/", ["director", "school_admin", "supervisor", "area_officer", "inspector", "system_admin"]),
        ("/evaluator/", ["teacher", "director", "school_admin", "area_officer", "inspector", "system_admin"]),
        ("/system/", ["teacher", "director", "school_admin", "supervisor", "area_officer", "inspector"]),
    ],
)
def test_a_role_page_sends_users_without_the_role_home(
    cast: Cast, client: Client, url: str, outsiders: list[str]
) -> None:
    locations = {name: page(client, cast.user(name), url)["Location"] for name in outsiders}
    assert locations == dict.fromkeys(outsiders, "/home/")


def test_teacher_home_greets_by_name_with_the_expected_level_and_an_empty_state(cast: Cast, client: Client) -> None:
    body = text(page(client, cast.user("teacher"), "/teacher/"))
    assert "<h1>สวัสดี นางสาวสมศรี ใจดี</h1>" in body
    assert "ระดับการปฏิบัติที่คาดหวังตามวิทยฐานะของคุณ: <strong>แก้ไขปัญหา</strong>" in body
    assert "ยังไม่มีข้อตกลงของปีนี้" in body
    assert "ครูผู้ช่วยยังไม่ต้องจัดทำ" not in body


def test_an_assistant_teacher_gets_the_explanation_instead_of_the_agreement(cast: Cast, client: Client) -> None:
    assistant = new_person(
        school=cast.school,
        first_name="น้องใหม่",
        last_name="เพิ่งบรรจุ",
        position=Position.ASSISTANT_TEACHER,
        standing="assistant",
    )
    body = text(page(client, assistant.user, "/teacher/"))
    assert "<h1>สวัสดี นางสาวน้องใหม่ เพิ่งบรรจุ</h1>" in body
    assert "ครูผู้ช่วยยังไม่ต้องจัดทำข้อตกลงในการพัฒนางาน (PA)" in body
    assert "ครูผู้ช่วยไม่ต้องจัดทำข้อตกลงในการพัฒนางาน (PA) แต่ให้เตรียมความพร้อม" in body
    assert "ยังไม่มีข้อตกลงของปีนี้" not in body
    assert 'id="agreement"' not in body


def test_evaluator_home_names_the_evaluator_and_their_kind(cast: Cast, client: Client) -> None:
    body = text(page(client, cast.user("supervisor"), "/evaluator/"))
    assert "<h1>สวัสดี นางสาววิไล นิเทศ</h1>" in body
    assert "ศึกษานิเทศก์ (ปัจจุบันหรือเคยดำรงตำแหน่ง)" in body


def test_system_home_counts_everything(cast: Cast, client: Client) -> None:
    response = page(client, cast.system_admin, "/system/")
    assert response.context["counts"] == {"schools": 3, "people": 9, "area_offices": 3}
    assert '<span class="stat">9</span> บุคคล' in text(response)


# --- Organisation pages -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["director", "school_admin", "teacher", "area_officer", "inspector"])
def test_school_page_lists_exactly_its_staff(cast: Cast, client: Client, name: str) -> None:
    response = page(client, cast.user(name), f"/schools/{cast.school.pk}/")
    assert link_texts(response, "/people/") == ["นายประเสริฐ บุญมา", "นางสาวสมศรี ใจดี"]
    assert "คนนอก" not in text(response)


@pytest.mark.parametrize(
    ("name", "can_add"),
    [
        ("director", True),
        ("school_admin", True),
        ("area_officer", True),
        ("system_admin", True),
        ("teacher", False),
        ("inspector", False),
    ],
)
def test_school_page_offers_adding_staff_only_to_those_who_manage_it(
    cast: Cast, client: Client, name: str, can_add: bool
) -> None:
    body = text(page(client, cast.user(name), f"/schools/{cast.school.pk}/"))
    add_link = f'<a class="button primary" href="/schools/{cast.school.pk}/people/new/">{ADD_PERSON}</a>'
    assert (add_link in body, body.count(ADD_PERSON)) == (can_add, int(can_add))


def test_school_page_leaves_out_a_teacher_whose_membership_ended(cast: Cast, client: Client) -> None:
    Membership.objects.filter(user=cast.teacher.user, role=Role.TEACHER).update(is_active=False)
    response = page(client, cast.user("director"), f"/schools/{cast.school.pk}/")
    assert link_texts(response, "/people/") == ["นายประเสริฐ บุญมา"]


def test_area_page_lists_exactly_its_schools_with_teacher_counts(cast: Cast, client: Client) -> None:
    response = page(client, cast.user("area_officer"), f"/areas/{cast.area.pk}/")
    assert link_texts(response, "/schools/") == ["โรงเรียนอนุบาลทดสอบ", "โรงเรียนบ้านอื่น"]
    assert [(s.code, s.teacher_count) for s in response.context["schools"]] == [("1065010001", 1), ("1065010002", 2)]


def test_province_page_lists_exactly_its_area_offices_with_counts(cast: Cast, client: Client) -> None:
    response = page(client, cast.user("inspector"), f"/provinces/{cast.province.pk}/")
    assert link_texts(response, "/areas/") == ["สำนักงานเขตพื้นที่การศึกษา 6501", "สำนักงานเขตพื้นที่การศึกษา 6502"]
    counts = [(a.code, a.school_count, a.teacher_count) for a in response.context["area_offices"]]
    assert counts == [("6501", 2, 3), ("6502", 0, 0)]


def test_person_page_shows_the_masked_national_id_and_never_the_number(cast: Cast, client: Client) -> None:
    number = new_national_id()
    person = make_person(school=cast.school, first_name="ลับ", last_name="เฉพาะ", national_id_value=number)
    body = text(page(client, cast.user("director"), f"/people/{person.pk}/"))
    assert f"<dd>{national_id.masked(number)}</dd>" in body
    grouped = f"{number[0]}-{number[1:5]}-{number[5:10]}-{number[10:12]}-{number[12]}"
    assert [value for value in (number, grouped, number[1:12]) if value in body] == []


def test_person_page_lists_the_persons_active_roles(cast: Cast, client: Client) -> None:
    response = page(client, cast.user("area_officer"), f"/people/{cast.other_school_teacher.pk}/")
    assert [str(m) for m in response.context["memberships"]] == ["ครู · โรงเรียนบ้านอื่น", "กรรมการประเมินภายนอก"]


# --- Preferences --------------------------------------------------------------------------------


def test_thai_digits_preference_is_saved_and_turns_digits_thai(cast: Cast, client: Client) -> None:
    director = cast.user("director")
    client.force_login(director)
    response = client.post("/me/", {"thai_digits": "on"})
    assert (response.status_code, response["Location"]) == (302, "/me/")
    director.refresh_from_db()
    assert director.thai_digits is True
    body = text(client.get(f"/schools/{cast.school.pk}/"))
    assert ("รหัสโรงเรียน ๑๐๖๕๐๑๐๐๐๑" in body, '<span class="count">(๒)</span>' in body) == (True, True)
    assert "1065010001" not in body


def test_thai_digits_preference_can_be_turned_off_again(cast: Cast, client: Client) -> None:
    director = cast.user("director")
    User.objects.filter(pk=director.pk).update(thai_digits=True)
    client.force_login(director)
    response = client.post("/me/", {})
    assert (response.status_code, response["Location"]) == (302, "/me/")
    director.refresh_from_db()
    assert director.thai_digits is False
    assert "รหัสโรงเรียน 1065010001" in text(client.get(f"/schools/{cast.school.pk}/"))


def test_me_page_lists_the_users_roles(cast: Cast, client: Client) -> None:
    response = page(client, cast.user("other_school_teacher"), "/me/")
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', text(response)) == [
        ("/teacher/", "ครู · โรงเรียนบ้านอื่น"),
        ("/evaluator/", "กรรมการประเมินภายนอก"),
    ]


# --- 404 for everything that is not yours -------------------------------------------------------

TARGETS: dict[str, tuple[Any, Any, set[str]]] = {
    # name: (url, what the page shows when allowed, who may open it)
    "school": (
        lambda c: f"/schools/{c.school.pk}/",
        lambda c: f"<h1>{c.school.name}</h1>",
        {"teacher", "director", "school_admin", "area_officer", "inspector", "system_admin"},
    ),
    "other_school": (
        lambda c: f"/schools/{c.other_school.pk}/",
        lambda c: f"<h1>{c.other_school.name}</h1>",
        {"other_school_teacher", "outsider", "area_officer", "inspector", "system_admin"},
    ),
    "far_school": (
        lambda c: f"/schools/{c.far_school.pk}/",
        lambda c: f"<h1>{c.far_school.name}</h1>",
        {"system_admin"},
    ),
    "add_person": (
        lambda c: f"/schools/{c.school.pk}/people/new/",
        lambda c: f'<p class="muted">{c.school.name}</p>',
        {"director", "school_admin", "area_officer", "system_admin"},
    ),
    "area": (
        lambda c: f"/areas/{c.area.pk}/",
        lambda c: f"<h1>{c.area.name}</h1>",
        {"area_officer", "inspector", "system_admin"},
    ),
    "other_area": (
        lambda c: f"/areas/{c.other_area.pk}/",
        lambda c: f"<h1>{c.other_area.name}</h1>",
        {"other_area_officer", "inspector", "system_admin"},
    ),
    "province": (
        lambda c: f"/provinces/{c.province.pk}/",
        lambda c: f"<h1>จังหวัด{c.province.name}</h1>",
        {"inspector", "system_admin"},
    ),
    "other_province": (
        lambda c: f"/provinces/{c.other_province.pk}/",
        lambda c: f"<h1>จังหวัด{c.other_province.name}</h1>",
        {"system_admin"},
    ),
    "teacher": (
        lambda c: f"/people/{c.teacher.pk}/",
        lambda c: f"<h1>{c.teacher.full_name}</h1>",
        {"teacher", "director", "school_admin", "area_officer", "inspector", "system_admin"},
    ),
    "outsider": (
        lambda c: f"/people/{c.outsider.pk}/",
        lambda c: f"<h1>{c.outsider.full_name}</h1>",
        {"outsider", "area_officer", "inspector", "system_admin"},
    ),
    "supervisor": (
        lambda c: f"/people/{c.supervisor.pk}/",
        lambda c: f"<h1>{c.supervisor.full_name}</h1>",
        {"supervisor", "system_admin"},
    ),
}


def outcome(response: Any, marker: str) -> object:
    """'shown' for the page with its data, 404 for the not-found page without it, anything else as is."""
    body = text(response)
    if response.status_code == 200 and marker in body:
        return "shown"
    if response.status_code == 404 and marker not in body and NOT_FOUND in body:
        return 404
    return (response.status_code, marker in body)


@pytest.mark.parametrize("name", CAST_USERS)
def test_each_page_opens_for_its_audience_and_is_a_404_for_everyone_else(cast: Cast, client: Client, name: str) -> None:
    client.force_login(cast.user(name))
    seen = {target: outcome(client.get(url(cast)), marker(cast)) for target, (url, marker, _who) in TARGETS.items()}
    assert seen == {target: "shown" if name in who else 404 for target, (_url, _marker, who) in TARGETS.items()}


def test_a_missing_id_is_the_same_404_as_someone_elses(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("outsider"))
    missing, not_yours = client.get("/schools/99999999/"), client.get(f"/schools/{cast.school.pk}/")
    assert (missing.status_code, not_yours.status_code) == (404, 404)
    assert main_of(missing) == main_of(not_yours)


def test_a_director_whose_role_ended_gets_a_404_for_the_school(cast: Cast, client: Client) -> None:
    Membership.objects.filter(user=cast.director.user, role=Role.DIRECTOR).update(is_active=False)
    response = page(client, cast.user("director"), f"/schools/{cast.school.pk}/")
    assert outcome(response, f"<h1>{cast.school.name}</h1>") == 404


@pytest.mark.parametrize(
    "url",
    [
        "/home/",
        "/me/",
        "/teacher/",
        "/evaluator/",
        "/system/",
        "/schools/1/",
        "/schools/1/people/new/",
        "/areas/1/",
        "/provinces/1/",
        "/people/1/",
    ],
)
def test_anonymous_users_are_sent_to_login(cast: Cast, client: Client, url: str) -> None:
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


# --- Adding a person to a school ----------------------------------------------------------------


def counts() -> tuple[int, int, int, int]:
    return Person.objects.count(), User.objects.count(), Membership.objects.count(), AuditEntry.objects.count()


def person_post(national_id: str, **overrides: str) -> dict[str, str]:
    return {
        "national_id": national_id,
        "prefix": "นาย",
        "first_name": "สมชาย",
        "last_name": "มาใหม่",
        "position": Position.TEACHER,
        "standing": "teacher",
        **overrides,
    }


def test_adding_a_teacher_creates_person_membership_and_a_one_time_password(cast: Cast, client: Client) -> None:
    number, before = new_national_id(), counts()
    dashed = f"{number[0]}-{number[1:5]}-{number[5:10]}-{number[10:12]}-{number[12]}"
    client.force_login(cast.user("director"))
    response = client.post(f"/schools/{cast.school.pk}/people/new/", person_post(dashed, email="Somchai@Example.com"))
    person = Person.objects.select_related("user").get(first_name="สมชาย", last_name="มาใหม่")
    account = person.user
    assert account is not None
    shown = re.findall(r'<code class="password">([^<]+)</code>', text(response))
    assert (response.status_code, len(shown), len(shown[0])) == (200, 1, 10)
    assert (account.check_password(shown[0]), account.must_change_password) == (True, True)
    assert (account.email, person.national_id_masked) == ("somchai@example.com", national_id.masked(number))
    assert list(Membership.objects.filter(user=account).values_list("role", "school", "is_active")) == [
        (Role.TEACHER, cast.school.pk, True)
    ]
    assert counts() == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 2)
    assert set(AuditEntry.objects.filter(actor=cast.user("director")).values_list("action", flat=True)) == {
        "person.created",
        "membership.granted",
    }


def test_adding_a_director_gives_the_director_role(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("area_officer"))
    client.post(
        f"/schools/{cast.other_school.pk}/people/new/", person_post(new_national_id(), position=Position.DIRECTOR)
    )
    person = Person.objects.get(first_name="สมชาย")
    assert list(Membership.objects.filter(user__person=person).values_list("role", "school")) == [
        (Role.DIRECTOR, cast.other_school.pk)
    ]


def test_a_wrong_check_digit_names_the_field_and_saves_nothing(cast: Cast, client: Client) -> None:
    number, before = new_national_id(), counts()
    wrong = number[:12] + str((int(number[12]) + 1) % 10)
    client.force_login(cast.user("director"))
    response = client.post(f"/schools/{cast.school.pk}/people/new/", person_post(wrong))
    assert response.status_code == 200
    assert re.findall(r'<p class="error" role="alert">([^<]+)</p>', text(response)) == [
        "เลขประจำตัวประชาชน: เลขประจำตัวประชาชนไม่ถูกต้อง: เลขตรวจสอบหลักสุดท้ายไม่ตรง กรุณาตรวจสอบอีกครั้ง"
    ]
    assert counts() == before


def test_a_duplicate_national_id_names_the_field_and_saves_nothing(cast: Cast, client: Client) -> None:
    number = new_national_id()
    make_person(school=cast.other_school, first_name="มีแล้ว", national_id_value=number)
    before = counts()
    client.force_login(cast.user("director"))
    response = client.post(f"/schools/{cast.school.pk}/people/new/", person_post(f"{number[:6]} {number[6:]}"))
    assert re.findall(r'<p class="error" role="alert">([^<]+)</p>', text(response)) == [
        "เลขประจำตัวประชาชน: มีบุคคลที่ใช้เลขประจำตัวประชาชนนี้ในระบบแล้ว"
    ]
    assert counts() == before


def test_an_email_already_in_use_names_the_field_and_saves_nothing(cast: Cast, client: Client) -> None:
    before = counts()
    client.force_login(cast.user("director"))
    response = client.post(
        f"/schools/{cast.school.pk}/people/new/", person_post(new_national_id(), email="SOMSRI@example.com")
    )
    errors = re.findall(r'<p class="error" role="alert">([^<]+)</p>', text(response))
    assert errors == ["อีเมล (ใช้เข้าสู่ระบบและรับลิงก์ตั้งรหัสผ่าน): อีเมลนี้ถูกใช้กับบัญชีอื่นแล้ว"]
    assert counts() == before


@pytest.mark.parametrize("name", ["teacher", "inspector", "supervisor", "outsider", "other_area_officer"])
def test_posting_the_add_person_form_without_managing_the_school_is_a_404(
    cast: Cast, client: Client, name: str
) -> None:
    before = counts()
    client.force_login(cast.user(name))
    response = client.post(f"/schools/{cast.school.pk}/people/new/", person_post(new_national_id()))
    assert (response.status_code, counts()) == (404, before)


def test_the_school_page_lists_the_director_first_then_staff_in_thai_dictionary_order(
    cast: Cast, client: Client
) -> None:
    for seed, first_name in enumerate(["ไพรวัลย์", "กมล", "เกศินี"], start=990_001):
        make_person(
            school=cast.school, first_name=first_name, last_name="ทดสอบ", national_id_value=make_national_id(seed)
        )
    client.force_login(cast.user("director"))
    page = client.get(f"/schools/{cast.school.pk}/").content.decode()
    names = re.findall(r'<td><a href="/people/\d+/">([^<]+)</a></td>', page)
    assert names == [
        "นายประเสริฐ บุญมา",  # the director
        "นางสาวกมล ทดสอบ",
        "นางสาวเกศินี ทดสอบ",
        "นางสาวไพรวัลย์ ทดสอบ",
        "นางสาวสมศรี ใจดี",
    ]
