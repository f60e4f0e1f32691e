"""Writing one planned batch: new accounts, people, roles and schools in bulk (rosters.bulk), changed ones field by
field with an audit entry each, inside the import's one transaction (rosters.running).

New accounts are made as org.services.person_register makes them — username the national ID's digest, the masked
ID shown, the role at the school (scope key as org.services.scope_key_for writes it), must change the password —
but a batch at a time: one insert per table instead of a dozen queries and an Argon2 hash per person. Each gets a
one-time code (rosters.hashers) whose plain text goes on the school's password sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.services import audit_record
from org.models import Membership, Person, Role, School, User
from org.services import membership_grant
from rosters.bulk import insert
from rosters.hashers import encode_login_codes, login_code_expiry, new_codes
from rosters.models import ImportJob, PasswordSheet
from rosters.plan import PERSON_FIELDS, STAFF_ROLES, Action, PersonOutcome, Plan, SchoolOutcome, full_name, standing_for

USER_COLUMNS = (
    "username",
    "password",
    "email",
    "display_name",
    "is_active",
    "is_staff",
    "is_superuser",
    "must_change_password",
    "thai_digits",
    "date_joined",
)
PERSON_COLUMNS = (
    "user_id",
    "prefix",
    "first_name",
    "last_name",
    "first_name_en",
    "last_name_en",
    "national_id_digest",
    "national_id_masked",
    "position",
    "standing",
    "academic_rank",
    "salary_grade",
    "learning_area",
    "organisation",
    "phone",
    "created_at",
    "updated_at",
)
MEMBERSHIP_COLUMNS = ("user_id", "role", "school_id", "evaluator_kind", "note", "scope_key", "is_active", "created_at")
AUDIT_COLUMNS = ("actor_id", "action", "target_type", "target_id", "data", "created_at")
SCHOOL_COLUMNS = ("code", "name", "area_office_id", "district", "phone", "thai_digits_in_documents")
SHEET_COLUMNS = ("job_id", "school_id", "title", "entries", "count", "created_at")


def new_accounts(rows: Sequence[tuple[str, str | None, str]], *, now: Any) -> tuple[list[int], list[str]]:
    """Accounts for (username, email, display name) rows with fresh one-time codes: their ids and the codes."""
    codes = new_codes(len(rows), settings.ROSTERS_LOGIN_CODE_LENGTH)
    passwords = encode_login_codes(codes, login_code_expiry())
    values = [
        (username, password, email, name, True, False, False, True, False, now)
        for (username, email, name), password in zip(rows, passwords, strict=True)
    ]
    return insert(User, USER_COLUMNS, values, ids=True), codes


def audit_created(
    job: ImportJob, target: type[Any], ids: Sequence[int], data: Sequence[dict[str, Any]], now: Any
) -> None:
    """One `<noun>.created` entry per new record, as audit_record would write it, in one insert."""
    action = f"{target._meta.model_name}.created"
    label = target._meta.label_lower
    rows = [
        (job.created_by_id, action, label, str(pk), {**item, "roster_import": job.pk}, now)
        for pk, item in zip(ids, data, strict=True)
    ]
    insert(AuditEntry, AUDIT_COLUMNS, rows)


class Sheets:
    """The import's password sheets, one a school (or the area's sheet of school admin accounts): their lines are
    gathered while the batches are written and stored once, a row a sheet, at the end of the import's transaction."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.titles: dict[int | None, str] = {}
        self.entries: dict[int | None, list[list[str]]] = {}

    def add(self, lines: Sequence[tuple[int | None, str, str, str]], titles: dict[int | None, str]) -> None:
        for school_id, name, login, password in lines:
            if school_id not in self.entries:
                self.titles[school_id], self.entries[school_id] = titles[school_id][:200], []
            self.entries[school_id].append([name, login, password])

    def save(self, now: Any) -> None:
        rows = [
            (self.job.pk, school_id, self.titles[school_id], entries, len(entries), now)
            for school_id, entries in self.entries.items()
        ]
        insert(PasswordSheet, SHEET_COLUMNS, rows)


class PeopleWriter:
    def __init__(self, job: ImportJob, school_names: dict[int, str]) -> None:
        self.job = job
        self.sheets = Sheets(job)
        self.school_names: dict[int | None, str] = {pk: name for pk, name in school_names.items()}
        self.school_codes = dict(School.objects.filter(pk__in=school_names).values_list("pk", "code"))

    def write(self, plan: Plan[PersonOutcome]) -> tuple[int, int]:
        creates, updates = plan.of(Action.CREATE), plan.of(Action.UPDATE)
        if creates:
            self._create(creates)
        if updates:
            people = Person.objects.select_related("user").in_bulk([o.known.pk for o in updates if o.known])
            for outcome in updates:
                assert outcome.known is not None
                self._update(people[outcome.known.pk], outcome)
        return len(creates), len(updates)

    def _create(self, outcomes: list[PersonOutcome]) -> None:
        now = timezone.now()
        rows = [outcome.row for outcome in outcomes]
        names = [full_name(row.prefix, row.first_name, row.last_name) for row in rows]
        user_ids, codes = new_accounts(
            [(row.digest, row.email or None, name) for row, name in zip(rows, names, strict=True)], now=now
        )
        standings = [standing_for(row, None) for row in rows]
        person_ids = insert(
            Person,
            PERSON_COLUMNS,
            [
                (user_id, row.prefix, row.first_name, row.last_name, "", "", row.digest, row.masked, row.position)
                + (standing, "", "", row.learning_area, "", row.phone, now, now)
                for user_id, row, standing in zip(user_ids, rows, standings, strict=True)
            ],
            ids=True,
        )
        insert(
            Membership,
            MEMBERSHIP_COLUMNS,
            [
                (user_id, o.role, o.school_id, "", "", school_scope_key(o.school_id), True, now)
                for user_id, o in zip(user_ids, outcomes, strict=True)
            ],
        )
        data = [
            {
                "position": row.position,
                "standing": standing,
                "role": o.role,
                "school": self.school_codes.get(o.school_id, ""),
            }
            for row, standing, o in zip(rows, standings, outcomes, strict=True)
        ]
        audit_created(self.job, Person, person_ids, data, now)
        lines = [
            (o.school_id, name, row.email or row.masked, code)
            for o, row, name, code in zip(outcomes, rows, names, codes, strict=True)
        ]
        self.sheets.add(lines, self.school_names)

    def _update(self, person: Person, outcome: PersonOutcome) -> None:
        changes = outcome.changes
        assert person.user is not None
        fields = [name for name in PERSON_FIELDS if name in changes]
        for name in fields:
            setattr(person, name, changes[name][1])
        if fields:
            person.save(update_fields=[*fields, "updated_at"])
        user_fields = []
        if "email" in changes:
            person.user.email = changes["email"][1]
            user_fields.append("email")
        if person.user.display_name != person.full_name:
            person.user.display_name = person.full_name
            user_fields.append("display_name")
        if user_fields:
            person.user.save(update_fields=user_fields)
        if "role" in changes:
            self._change_role(person.user, outcome)
        audit_record(self.job.created_by, "person.updated", person, changes=changes, roster_import=self.job.pk)

    def _change_role(self, user: User, outcome: PersonOutcome) -> None:
        """The role the position gives at this school, and no other staff role there."""
        school = School.objects.select_related("area_office").get(pk=outcome.school_id)
        membership_grant(actor=self.job.created_by, user=user, role=outcome.role, school=school)
        others = Membership.objects.filter(user=user, school=school, role__in=STAFF_ROLES, is_active=True).exclude(
            role=outcome.role
        )
        for membership in others:
            membership.is_active = False
            membership.save(update_fields=["is_active"])
            audit_record(
                self.job.created_by, "membership.revoked", membership, role=membership.role, roster_import=self.job.pk
            )


class SchoolWriter:
    def __init__(self, job: ImportJob) -> None:
        assert job.area_office is not None
        self.job = job
        self.area_office = job.area_office
        self.sheets = Sheets(job)

    def write(self, plan: Plan[SchoolOutcome]) -> tuple[int, int]:
        creates, updates = plan.of(Action.CREATE), plan.of(Action.UPDATE)
        if creates:
            self._create(creates)
        for outcome in updates:
            school = outcome.school
            assert school is not None
            for name, (_old, new) in outcome.changes.items():
                setattr(school, name, new)
            school.save(update_fields=list(outcome.changes))
            audit_record(
                self.job.created_by, "school.updated", school, changes=outcome.changes, roster_import=self.job.pk
            )
        return len(creates), len(updates)

    def _create(self, outcomes: list[SchoolOutcome]) -> None:
        """New schools, each with its school admin account (username the school code, as offices already use)."""
        now = timezone.now()
        rows = [outcome.row for outcome in outcomes]
        school_ids = insert(
            School,
            SCHOOL_COLUMNS,
            [(row.code, row.name, self.area_office.pk, row.district, row.phone, False) for row in rows],
            ids=True,
        )
        admin_names = [_admin_name(row.name) for row in rows]
        user_ids, codes = new_accounts(
            [(row.code, None, name) for row, name in zip(rows, admin_names, strict=True)], now=now
        )
        insert(
            Membership,
            MEMBERSHIP_COLUMNS,
            [
                (user_id, Role.SCHOOL_ADMIN, school_id, "", "", school_scope_key(school_id), True, now)
                for user_id, school_id in zip(user_ids, school_ids, strict=True)
            ],
        )
        audit_created(self.job, School, school_ids, [{"code": row.code, "name": row.name} for row in rows], now)
        self.sheets.add(
            [(None, row.name, row.code, code) for row, code in zip(rows, codes, strict=True)],
            {None: self.area_office.name},
        )


def school_scope_key(school_id: int) -> str:
    """A school role's scope key, as org.services.scope_key_for writes it."""
    return f"school:{school_id}"


def _admin_name(school_name: str) -> str:
    """The school admin account's name, as org.services.school_admin_account_create gives it."""
    return (_("ผู้ดูแลระบบ %(school)s") % {"school": school_name})[:200]
