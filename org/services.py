"""Changes to people, accounts and roles: atomic, validated, audited."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_record
from org import national_id
from org.models import SCHOOL_ROLES, AreaOffice, EvaluatorKind, Membership, Person, Province, Role, School, User
from org.rules import manages_school
from org.scope import forget_scope, scope_of
from org.validators import validate_national_id

# Letters and digits that cannot be misread on a printed sheet (no 0/O, 1/l/I).
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789"  # noqa: S105 — an alphabet


def one_time_password(length: int = 10) -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _unused in range(length))


def national_id_digest(value: str) -> str:
    return national_id.digest(value, settings.NATIONAL_ID_KEY)


def person_exists(national_id_value: str) -> bool:
    return Person.objects.filter(national_id_digest=national_id_digest(national_id_value)).exists()


@dataclass(frozen=True)
class NewAccount:
    person: Person
    user: User
    password: str


@transaction.atomic
def person_register(
    *,
    actor: Any,
    national_id_value: str,
    fields: dict[str, Any],
    school: School | None = None,
    role: str = Role.TEACHER,
    email: str = "",
    password: str | None = None,
) -> NewAccount:
    """Create a person with a login and their first role; the login must change its password first.

    `fields` holds the Person's plain fields (prefix, names, position, standing, ...). `actor` is the
    signed-in user, or None for the system itself (management commands, imports run by the system).
    """
    if school is not None and actor is not None and not manages_school(actor, school):
        raise PermissionDenied
    try:
        validate_national_id(national_id_value)
    except ValidationError as error:
        # Name the field, so a form can show the message beside the ID box.
        raise ValidationError({"national_id": error.error_list}) from error
    if person_exists(national_id_value):
        raise ValidationError({"national_id": _("มีบุคคลที่ใช้เลขประจำตัวประชาชนนี้ในระบบแล้ว")})
    email = email.strip().lower()
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("อีเมลนี้ถูกใช้กับบัญชีอื่นแล้ว")})
    digest = national_id_digest(national_id_value)
    person = Person(national_id_digest=digest, national_id_masked=national_id.masked(national_id_value), **fields)
    person.full_clean(exclude=["user"])
    chosen_password = password or one_time_password()
    user = User.objects.create_user(
        username=digest[:64],
        password=chosen_password,
        email=email or None,
        display_name=person.full_name,
        must_change_password=not password,
    )
    person.user = user
    person.save()
    audit_record(actor, "person.created", person, position=person.position, standing=person.standing)
    if role:
        membership_grant(actor=actor, user=user, role=role, school=school)
    return NewAccount(person=person, user=user, password=chosen_password)


def scope_key_for(role: str, school: School | None, area_office: AreaOffice | None, province: Province | None) -> str:
    if role in SCHOOL_ROLES:
        return f"school:{school.pk}" if school else ""
    if role == Role.AREA_STAFF:
        return f"area:{area_office.pk}" if area_office else ""
    if role == Role.PROVINCE_INSPECTOR:
        return f"province:{province.pk}" if province else ""
    return "global"


def check_role_scope(
    role: str,
    *,
    school: School | None = None,
    area_office: AreaOffice | None = None,
    province: Province | None = None,
    evaluator_kind: str = "",
) -> None:
    """Refuse a role whose scope does not fit it, naming the field in Thai."""
    if role not in Role.values:
        raise ValidationError({"role": _("ไม่รู้จักบทบาท “%(role)s”") % {"role": role}})
    given = {"school": school, "area_office": area_office, "province": province}
    needed = {
        **dict.fromkeys(SCHOOL_ROLES, "school"),
        Role.AREA_STAFF: "area_office",
        Role.PROVINCE_INSPECTOR: "province",
    }.get(Role(role))
    messages = {
        "school": _("บทบาทนี้ต้องระบุโรงเรียน"),
        "area_office": _("บทบาทนี้ต้องระบุสำนักงานเขตพื้นที่การศึกษา"),
        "province": _("บทบาทนี้ต้องระบุจังหวัด"),
    }
    errors: dict[str, str] = {}
    if needed and given[needed] is None:
        errors[needed] = messages[needed]
    for name, value in given.items():
        if value is not None and name != needed:
            errors[name] = _("บทบาทนี้ไม่ใช้ขอบเขตนี้ ให้เว้นว่างไว้")
    if role == Role.EXTERNAL_EVALUATOR and evaluator_kind not in EvaluatorKind.values:
        errors["evaluator_kind"] = _("กรรมการภายนอกต้องระบุประเภท")
    if errors:
        raise ValidationError(errors)


def may_grant(
    actor: Any,
    role: str,
    *,
    school: School | None = None,
    area_office: AreaOffice | None = None,
) -> bool:
    """Whether `actor` may hand out this role: only within what they manage, never beyond their own reach.

    `actor` None is the system itself (management commands, the demo seed).
    """
    if actor is None:
        return True
    scope = scope_of(actor)
    if scope.is_system_admin:
        return True
    if role in SCHOOL_ROLES:
        return school is not None and bool(manages_school(actor, school))
    if role == Role.AREA_STAFF:
        return area_office is not None and area_office.pk in scope.area_office_ids
    if role == Role.EXTERNAL_EVALUATOR:
        # Directors and area offices put outside evaluators on committees.
        return bool(scope.managed_school_ids or scope.area_office_ids)
    return False  # province inspectors and system administrators: the system administrator only


@transaction.atomic
def membership_grant(
    *,
    actor: Any,
    user: User,
    role: str,
    school: School | None = None,
    area_office: AreaOffice | None = None,
    province: Province | None = None,
    evaluator_kind: str = "",
    note: str = "",
) -> Membership:
    """Give `user` a role in a scope; granting a role they already hold reactivates it."""
    check_role_scope(role, school=school, area_office=area_office, province=province, evaluator_kind=evaluator_kind)
    if not may_grant(actor, role, school=school, area_office=area_office):
        raise PermissionDenied
    membership, created = Membership.objects.get_or_create(
        user=user,
        role=role,
        scope_key=scope_key_for(role, school, area_office, province),
        defaults={
            "school": school,
            "area_office": area_office,
            "province": province,
            "evaluator_kind": evaluator_kind,
            "note": note,
        },
    )
    if role == Role.SYSTEM_ADMIN and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if created or not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
        audit_record(actor, "membership.granted", membership, role=role, scope=membership.scope_key)
        forget_scope(user)
    return membership


@transaction.atomic
def school_admin_account_create(*, actor: Any, school: School, email: str = "") -> tuple[User, str]:
    """The school-level login whose username is the school code, as area offices already do."""
    if actor is not None and not manages_school(actor, school):
        raise PermissionDenied
    password = one_time_password()
    user = User.objects.create_user(
        username=school.code,
        password=password,
        email=email.strip().lower() or None,
        display_name=_("ผู้ดูแลระบบ %(school)s") % {"school": school.name},
        must_change_password=True,
    )
    membership_grant(actor=actor, user=user, role=Role.SCHOOL_ADMIN, school=school)
    audit_record(actor, "user.created", user, kind="school_admin", school=school.code)
    return user, password


@transaction.atomic
def password_changed(*, user: User) -> None:
    """The user chose their own password: the forced change is done."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit_record(user, "user.password_changed", user)
