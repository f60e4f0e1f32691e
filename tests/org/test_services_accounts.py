"""Services for people, accounts and roles: what they save, what they refuse, and that a refusal saves nothing."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from audit.models import AuditEntry
from org import national_id
from org.models import EvaluatorKind, Membership, Person, Position, Role, School, User
from org.services import (
    check_role_scope,
    membership_grant,
    national_id_digest,
    password_changed,
    person_register,
    school_admin_account_create,
)
from tests.conftest import Cast, make_national_id

# Seeds far from the shared factory's sequence, so the cast and these tests never pick the same ID.
_seeds = itertools.count(700_000_000)


def new_national_id() -> str:
    return make_national_id(next(_seeds))


NEEDS_SCHOOL = "บทบาทนี้ต้องระบุโรงเรียน"
NEEDS_AREA = "บทบาทนี้ต้องระบุสำนักงานเขตพื้นที่การศึกษา"
NEEDS_PROVINCE = "บทบาทนี้ต้องระบุจังหวัด"
EXTRA_SCOPE = "บทบาทนี้ไม่ใช้ขอบเขตนี้ ให้เว้นว่างไว้"
NEEDS_KIND = "กรรมการภายนอกต้องระบุประเภท"
CHECK_DIGIT_MESSAGE = "เลขประจำตัวประชาชนไม่ถูกต้อง: เลขตรวจสอบหลักสุดท้ายไม่ตรง กรุณาตรวจสอบอีกครั้ง"
FORMAT_MESSAGE = "เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก"
DUPLICATE_PERSON = "มีบุคคลที่ใช้เลขประจำตัวประชาชนนี้ในระบบแล้ว"
DUPLICATE_EMAIL = "อีเมลนี้ถูกใช้กับบัญชีอื่นแล้ว"

NEW_TEACHER_FIELDS: dict[str, Any] = {
    "prefix": "นาง",
    "first_name": "พรทิพย์",
    "last_name": "แก้วมณี",
    "position": Position.TEACHER,
    "standing": "senior_professional",
    "salary_grade": "คศ.3",
    "salary": Decimal("45210.00"),
}


def counts() -> dict[str, int]:
    return {
        "people": Person.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def register(actor: Any, school: School | None, **overrides: Any) -> Any:
    arguments: dict[str, Any] = {
        "actor": actor,
        "national_id_value": new_national_id(),
        "fields": dict(NEW_TEACHER_FIELDS),
        "school": school,
        **overrides,
    }
    return person_register(**arguments)


def errors_of(call: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.message_dict


# --- person_register ----------------------------------------------------------------------------


def test_person_register_creates_person_user_membership_and_audit(cast: Cast) -> None:
    director = cast.user("director")
    number = "1-2345-67890-12-1"
    before = counts()

    account = register(director, cast.school, national_id_value=number, email="  Porntip.K@Example.COM ")

    assert counts() == {
        key: value + {"people": 1, "users": 1, "memberships": 1, "audit": 2}[key] for key, value in before.items()
    }
    person = Person.objects.get(pk=account.person.pk)
    assert (person.prefix, person.first_name, person.last_name, person.standing, person.salary) == (
        "นาง",
        "พรทิพย์",
        "แก้วมณี",
        "senior_professional",
        Decimal("45210.00"),
    )
    assert person.national_id_masked == "1-xxxx-xxxxx-xx-1"
    assert person.national_id_digest == national_id_digest("1234567890121")
    user = User.objects.get(pk=account.user.pk)
    assert person.user_id == user.pk
    assert "1234567890121" not in user.username
    assert user.username != national_id.normalise(number)
    assert user.email == "porntip.k@example.com"
    assert user.display_name == "นางพรทิพย์ แก้วมณี"
    assert user.must_change_password is True
    assert len(account.password) == 10
    assert user.check_password(account.password) is True
    assert list(user.memberships.values_list("role", "school_id", "is_active")) == [("teacher", cast.school.pk, True)]
    membership = user.memberships.get()
    entries = list(AuditEntry.objects.order_by("pk").values_list("action", "target_type", "target_id", "actor_id"))[-2:]
    assert entries == [
        ("person.created", "org.person", str(person.pk), director.pk),
        ("membership.granted", "org.membership", str(membership.pk), director.pk),
    ]


def test_person_register_with_a_chosen_password_does_not_force_a_change(cast: Cast) -> None:
    account = register(cast.user("school_admin"), cast.school, password="chosen-by-the-teacher-1")
    assert account.password == "chosen-by-the-teacher-1"
    assert account.user.must_change_password is False
    assert account.user.check_password("chosen-by-the-teacher-1") is True


def test_person_register_with_an_empty_password_forces_a_change(cast: Cast) -> None:
    account = register(None, cast.school, password="")
    assert len(account.password) == 10
    assert account.user.must_change_password is True
    assert account.user.check_password(account.password) is True


def test_person_register_by_the_system_records_no_actor(db: Any) -> None:
    account = register(None, None, role="")
    assert [(entry.action, entry.actor_id) for entry in AuditEntry.objects.all()] == [("person.created", None)]
    assert account.user.memberships.count() == 0


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1234567890122", CHECK_DIGIT_MESSAGE),
        ("1-2345-67890-12-9", CHECK_DIGIT_MESSAGE),
        ("123456789012", FORMAT_MESSAGE),
        ("12345678901211", FORMAT_MESSAGE),
        ("12345678901a1", FORMAT_MESSAGE),
    ],
    ids=["check-digit", "check-digit-dashed", "12-digits", "14-digits", "letter"],
)
def test_person_register_refuses_a_bad_national_id_naming_the_field(cast: Cast, number: str, message: str) -> None:
    before = counts()
    assert errors_of(lambda: register(cast.user("director"), cast.school, national_id_value=number)) == {
        "national_id": [message]
    }
    assert counts() == before


def test_person_register_refuses_a_person_already_registered(cast: Cast) -> None:
    register(None, cast.school, national_id_value="1234567890121")
    before = counts()
    # The same person typed another way, at another school, by someone allowed to add people there.
    assert errors_of(
        lambda: register(cast.user("area_officer"), cast.other_school, national_id_value="1 2345 67890 12 1")
    ) == {"national_id": [DUPLICATE_PERSON]}
    assert counts() == before


def test_person_register_refuses_an_email_already_used_in_any_case(cast: Cast) -> None:
    # The cast's teacher registered as somsri@example.com.
    before = counts()
    assert errors_of(lambda: register(cast.user("director"), cast.school, email="SomSri@Example.com")) == {
        "email": [DUPLICATE_EMAIL]
    }
    assert counts() == before


def test_person_register_refuses_an_unknown_standing_and_saves_nothing(cast: Cast) -> None:
    before = counts()
    fields = {**NEW_TEACHER_FIELDS, "standing": "grandmaster"}
    errors = errors_of(lambda: register(cast.user("director"), cast.school, fields=fields))
    assert list(errors) == ["standing"]
    assert counts() == before


def test_person_register_refuses_a_role_without_its_scope_and_saves_nothing(db: Any) -> None:
    before = counts()
    assert errors_of(lambda: register(None, None, role=Role.TEACHER)) == {"school": [NEEDS_SCHOOL]}
    assert counts() == before


@pytest.mark.parametrize("actor_name", ["teacher", "outsider", "other_area_officer", "inspector", "supervisor"])
def test_person_register_refuses_an_actor_who_does_not_manage_the_school(cast: Cast, actor_name: str) -> None:
    before = counts()
    with pytest.raises(PermissionDenied):
        register(cast.user(actor_name), cast.school)
    assert counts() == before


def test_person_register_refuses_the_director_of_another_school(cast: Cast) -> None:
    before = counts()
    with pytest.raises(PermissionDenied):
        register(cast.user("director"), cast.other_school)
    assert counts() == before


@pytest.mark.parametrize("actor_name", ["director", "school_admin", "area_officer", "system_admin"])
def test_person_register_accepts_each_actor_who_manages_the_school(cast: Cast, actor_name: str) -> None:
    account = register(cast.user(actor_name), cast.school)
    assert list(account.user.memberships.values_list("role", "school_id")) == [("teacher", cast.school.pk)]


def test_person_register_cannot_make_a_system_admin_for_someone_who_is_not_one(cast: Cast) -> None:
    before = counts()
    with pytest.raises(PermissionDenied):
        register(cast.user("director"), None, role=Role.SYSTEM_ADMIN)
    assert counts() == before


# --- check_role_scope and membership_grant -------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "field", "message"),
    [
        (Role.TEACHER, "school", NEEDS_SCHOOL),
        (Role.DIRECTOR, "school", NEEDS_SCHOOL),
        (Role.SCHOOL_ADMIN, "school", NEEDS_SCHOOL),
        (Role.AREA_STAFF, "area_office", NEEDS_AREA),
        (Role.PROVINCE_INSPECTOR, "province", NEEDS_PROVINCE),
    ],
)
def test_each_scoped_role_without_its_scope_is_refused(role: str, field: str, message: str) -> None:
    assert errors_of(lambda: check_role_scope(role)) == {field: [message]}


def scopes(cast: Cast) -> dict[str, Any]:
    return {"school": cast.school, "area_office": cast.area, "province": cast.province}


@pytest.mark.parametrize(
    ("role", "given", "expected"),
    [
        (Role.TEACHER, ("school", "area_office"), {"area_office": [EXTRA_SCOPE]}),
        (Role.DIRECTOR, ("school", "province"), {"province": [EXTRA_SCOPE]}),
        (
            Role.SCHOOL_ADMIN,
            ("school", "area_office", "province"),
            {"area_office": [EXTRA_SCOPE], "province": [EXTRA_SCOPE]},
        ),
        (Role.AREA_STAFF, ("area_office", "school"), {"school": [EXTRA_SCOPE]}),
        (Role.PROVINCE_INSPECTOR, ("province", "area_office"), {"area_office": [EXTRA_SCOPE]}),
        (Role.SYSTEM_ADMIN, ("province",), {"province": [EXTRA_SCOPE]}),
        (Role.TEACHER, ("area_office",), {"school": [NEEDS_SCHOOL], "area_office": [EXTRA_SCOPE]}),
    ],
)
def test_a_scope_the_role_does_not_use_is_refused(
    cast: Cast, role: str, given: tuple[str, ...], expected: dict[str, list[str]]
) -> None:
    chosen = {name: scopes(cast)[name] for name in given}
    assert errors_of(lambda: check_role_scope(role, **chosen)) == expected


def test_an_external_evaluator_with_a_school_is_refused(cast: Cast) -> None:
    assert errors_of(
        lambda: check_role_scope(Role.EXTERNAL_EVALUATOR, school=cast.school, evaluator_kind=EvaluatorKind.EXPERT)
    ) == {"school": [EXTRA_SCOPE]}


@pytest.mark.parametrize("kind", ["", "friend_of_the_director"])
def test_an_external_evaluator_needs_a_known_kind(kind: str) -> None:
    assert errors_of(lambda: check_role_scope(Role.EXTERNAL_EVALUATOR, evaluator_kind=kind)) == {
        "evaluator_kind": [NEEDS_KIND]
    }


@pytest.mark.parametrize("role", ["janitor", "", "Teacher"])
def test_an_unknown_role_is_refused(role: str) -> None:
    assert errors_of(lambda: check_role_scope(role)) == {"role": [f"ไม่รู้จักบทบาท “{role}”"]}


@pytest.mark.parametrize(
    ("role", "given", "kind"),
    [
        (Role.TEACHER, ("school",), ""),
        (Role.DIRECTOR, ("school",), ""),
        (Role.SCHOOL_ADMIN, ("school",), ""),
        (Role.AREA_STAFF, ("area_office",), ""),
        (Role.PROVINCE_INSPECTOR, ("province",), ""),
        (Role.SYSTEM_ADMIN, (), ""),
        *[(Role.EXTERNAL_EVALUATOR, (), kind) for kind in EvaluatorKind.values],
    ],
)
def test_each_role_with_its_own_scope_is_accepted(cast: Cast, role: str, given: tuple[str, ...], kind: str) -> None:
    chosen = {name: scopes(cast)[name] for name in given}
    check_role_scope(role, evaluator_kind=kind, **chosen)


def test_membership_grant_refuses_a_bad_scope_and_saves_nothing(cast: Cast) -> None:
    before = counts()
    user = cast.user("outsider")
    assert errors_of(lambda: membership_grant(actor=None, user=user, role=Role.AREA_STAFF, school=cast.school)) == {
        "area_office": [NEEDS_AREA],
        "school": [EXTRA_SCOPE],
    }
    assert errors_of(lambda: membership_grant(actor=None, user=user, role=Role.EXTERNAL_EVALUATOR)) == {
        "evaluator_kind": [NEEDS_KIND]
    }
    assert counts() == before


def test_granting_the_same_role_twice_makes_one_row_and_one_audit_entry(cast: Cast) -> None:
    user = cast.user("outsider")
    before = counts()
    first = membership_grant(actor=cast.user("director"), user=user, role=Role.TEACHER, school=cast.school)
    second = membership_grant(actor=cast.user("director"), user=user, role=Role.TEACHER, school=cast.school)
    assert first.pk == second.pk
    assert counts() == {**before, "memberships": before["memberships"] + 1, "audit": before["audit"] + 1}
    assert list(
        AuditEntry.objects.filter(action="membership.granted", target_id=str(first.pk)).values_list("data", flat=True)
    ) == [{"role": "teacher", "scope": f"school:{cast.school.pk}"}]


def test_granting_a_deactivated_role_reactivates_it_and_audits_again(cast: Cast) -> None:
    user = cast.user("outsider")
    membership = user.memberships.get(role=Role.TEACHER)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    again = membership_grant(actor=None, user=user, role=Role.TEACHER, school=cast.other_school)
    assert again.pk == membership.pk
    assert Membership.objects.get(pk=membership.pk).is_active is True
    assert AuditEntry.objects.filter(action="membership.granted", target_id=str(membership.pk)).count() == 2


def test_the_same_role_at_two_schools_is_two_rows(cast: Cast) -> None:
    user = cast.user("teacher")
    membership_grant(actor=None, user=user, role=Role.TEACHER, school=cast.other_school)
    assert sorted(user.memberships.filter(role=Role.TEACHER).values_list("school__code", flat=True)) == [
        "1065010001",
        "1065010002",
    ]


def test_granting_system_admin_makes_the_user_staff(cast: Cast) -> None:
    user = cast.user("outsider")
    assert user.is_staff is False
    membership_grant(actor=cast.user("system_admin"), user=user, role=Role.SYSTEM_ADMIN)
    assert User.objects.get(pk=user.pk).is_staff is True


@pytest.mark.parametrize(
    ("actor_name", "role", "scope_name"),
    [
        ("director", Role.SYSTEM_ADMIN, None),
        ("area_officer", Role.SYSTEM_ADMIN, None),
        ("director", Role.PROVINCE_INSPECTOR, "province"),
        ("director", Role.AREA_STAFF, "area"),
        ("area_officer", Role.AREA_STAFF, "other_area"),
        ("director", Role.TEACHER, "other_school"),
        ("teacher", Role.DIRECTOR, "school"),
        ("teacher", Role.EXTERNAL_EVALUATOR, None),
    ],
)
def test_membership_grant_refuses_an_actor_beyond_their_reach(
    cast: Cast, actor_name: str, role: str, scope_name: str | None
) -> None:
    scope_field = {"province": "province", "area": "area_office", "other_area": "area_office"}.get(
        scope_name or "", "school"
    )
    scope = {scope_field: getattr(cast, scope_name)} if scope_name else {}
    kind = EvaluatorKind.EXPERT if role == Role.EXTERNAL_EVALUATOR else ""
    before = counts()
    with pytest.raises(PermissionDenied):
        membership_grant(
            actor=cast.user(actor_name), user=cast.user("outsider"), role=role, evaluator_kind=kind, **scope
        )
    assert counts() == before
    assert User.objects.get(pk=cast.user("outsider").pk).is_staff is False


@pytest.mark.parametrize(
    ("actor_name", "role", "scope"),
    [
        ("director", Role.TEACHER, {"school": "school"}),
        ("school_admin", Role.DIRECTOR, {"school": "school"}),
        ("area_officer", Role.TEACHER, {"school": "other_school"}),
        ("area_officer", Role.AREA_STAFF, {"area_office": "area"}),
        ("director", Role.EXTERNAL_EVALUATOR, {}),
        ("area_officer", Role.EXTERNAL_EVALUATOR, {}),
        ("system_admin", Role.PROVINCE_INSPECTOR, {"province": "province"}),
    ],
)
def test_membership_grant_accepts_an_actor_within_reach(
    cast: Cast, actor_name: str, role: str, scope: dict[str, str]
) -> None:
    kind = EvaluatorKind.EXPERT if role == Role.EXTERNAL_EVALUATOR else ""
    resolved = {field: getattr(cast, name) for field, name in scope.items()}
    membership = membership_grant(
        actor=cast.user(actor_name), user=cast.user("outsider"), role=role, evaluator_kind=kind, **resolved
    )
    assert (membership.role, membership.is_active) == (role, True)


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.TEACHER, {}),
        (Role.DIRECTOR, {"area_office": "area"}),
        (Role.AREA_STAFF, {"school": "school"}),
        (Role.PROVINCE_INSPECTOR, {}),
        (Role.SYSTEM_ADMIN, {"school": "school"}),
        (Role.EXTERNAL_EVALUATOR, {"province": "province"}),
    ],
)
def test_the_database_refuses_a_membership_whose_scope_does_not_fit(
    cast: Cast, role: str, scope: dict[str, str]
) -> None:
    resolved = {field: getattr(cast, name) for field, name in scope.items()}
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=cast.user("outsider"), role=role, scope_key="bypass", **resolved)
    assert Membership.objects.filter(scope_key="bypass").count() == 0


def test_the_database_refuses_the_same_role_and_scope_twice(cast: Cast) -> None:
    user = cast.user("teacher")
    existing = user.memberships.get(role=Role.TEACHER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.TEACHER, school=cast.school, scope_key=existing.scope_key)


# --- school admin accounts and password changes --------------------------------------------------


def test_school_admin_account_create_uses_the_school_code_and_forces_a_change(cast: Cast) -> None:
    actor = cast.user("area_officer")
    user, password = school_admin_account_create(actor=actor, school=cast.other_school, email=" Admin@School.example ")
    user = User.objects.get(pk=user.pk)
    assert user.username == "1065010002"
    assert user.email == "admin@school.example"
    assert user.display_name == "ผู้ดูแลระบบ โรงเรียนบ้านอื่น"
    assert user.must_change_password is True
    assert user.check_password(password) is True
    assert len(password) == 10
    assert list(user.memberships.values_list("role", "school_id")) == [("school_admin", cast.other_school.pk)]
    assert list(AuditEntry.objects.filter(actor=actor).order_by("pk").values_list("action", "target_type")) == [
        ("membership.granted", "org.membership"),
        ("user.created", "org.user"),
    ]


def test_school_admin_account_create_refuses_a_second_account_for_the_same_school(cast: Cast) -> None:
    before = counts()
    with pytest.raises(IntegrityError), transaction.atomic():
        school_admin_account_create(actor=None, school=cast.school)
    assert counts() == before


def test_school_admin_account_create_refuses_an_actor_who_does_not_manage_the_school(cast: Cast) -> None:
    before = counts()
    with pytest.raises(PermissionDenied):
        school_admin_account_create(actor=cast.user("director"), school=cast.far_school)
    assert counts() == before


def test_password_changed_clears_the_forced_change_and_audits(cast: Cast) -> None:
    user = cast.user("teacher")
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    password_changed(user=user)
    assert User.objects.get(pk=user.pk).must_change_password is False
    assert list(AuditEntry.objects.filter(action="user.password_changed").values_list("actor_id", "target_id")) == [
        (user.pk, str(user.pk))
    ]


def test_every_new_password_is_different_and_unambiguous(db: Any) -> None:
    from org.services import one_time_password

    passwords = {one_time_password() for _ in range(50)}
    assert len(passwords) == 50
    assert not set("".join(passwords)) & set("0O1lI2Z5S")
