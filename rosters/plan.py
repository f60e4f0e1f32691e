"""Comparing good rows with the database, a batch at a time: what to create, what to update (and which fields
change), what is unchanged, and what must be refused — a school outside the importer's scope, a national ID that
belongs to someone at another school (never moved silently), an email of another account.

The same comparison runs for the preview and again for each batch as the apply writes it (rosters.running), so a
file checked an hour ago cannot write over what changed since.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from django.utils.translation import gettext as _

from org.models import Membership, Person, Position, Role, School, User
from rosters.bulk import lookup
from rosters.models import ImportJob
from rosters.rows import EXPLICIT_NONE, PersonRow, Problem, SchoolRow

STAFF_ROLES = (Role.TEACHER, Role.DIRECTOR)
PERSON_FIELDS = ("prefix", "first_name", "last_name", "position", "standing", "learning_area", "phone")
_DEFAULT_STANDING = {
    Position.TEACHER: "teacher",
    Position.ASSISTANT_TEACHER: "assistant",
    Position.DIRECTOR: "",
    Position.DEPUTY_DIRECTOR: "",
}


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


class Known(NamedTuple):
    """A person already in the database, as far as the comparison needs them."""

    pk: int
    user_id: int | None
    email: str
    fields: dict[str, str]


@dataclass
class PersonOutcome:
    row: PersonRow
    action: Action
    school_id: int
    role: str
    known: Known | None = None
    changes: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class SchoolOutcome:
    row: SchoolRow
    action: Action
    school: School | None = None
    changes: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Plan[Outcome: (PersonOutcome, SchoolOutcome)]:
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def of(self, action: Action) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.action == action]


def role_for(position: str) -> str:
    return Role.DIRECTOR if position == Position.DIRECTOR else Role.TEACHER


def standing_for(row: PersonRow, current: str | None) -> str:
    """The standing to keep: the file's, or (not given) the person's own while it fits the position."""
    if row.standing == EXPLICIT_NONE:
        return ""
    if row.standing:
        return row.standing
    if current is not None and (row.position == Position.ASSISTANT_TEACHER) == (current == "assistant"):
        return current
    return _DEFAULT_STANDING[Position(row.position)]


def full_name(prefix: str, first_name: str, last_name: str) -> str:
    """As Person.full_name writes it."""
    return f"{prefix}{first_name} {last_name}"


class PeoplePlanner:
    def __init__(self, job: ImportJob) -> None:
        self.actor_id = job.created_by_id
        self.school = job.school
        if job.school is not None:
            self.schools = {job.school.code: job.school.pk}
        else:
            self.schools = dict(School.objects.filter(area_office_id=job.area_office_id).values_list("code", "pk"))
        self.area_name = job.area_office.name if job.area_office else ""

    def plan(self, rows: list[PersonRow]) -> Plan[PersonOutcome]:
        plan: Plan[PersonOutcome] = Plan()
        placed = self._place(rows, plan)
        digests = [row.digest for row, _school in placed]
        found = lookup(Person, "national_id_digest", digests, ("id", "user_id", *PERSON_FIELDS))
        user_ids = [user_id for _digest, _pk, user_id, *_values in found if user_id]
        emails_of = dict(lookup(User, "id", user_ids, ("email",)))
        people = {
            digest: Known(pk, user_id, emails_of.get(user_id) or "", dict(zip(PERSON_FIELDS, values, strict=True)))
            for digest, pk, user_id, *values in found
        }
        staff: dict[int, list[tuple[str, int, bool]]] = defaultdict(list)
        for user_id, role, school_id, active in lookup(
            Membership, "user_id", user_ids, ("role", "school_id", "is_active")
        ):
            if role in STAFF_ROLES:
                staff[user_id].append((role, school_id, active))
        emails = [row.email for row, _school in placed if row.email]
        email_owner = {str(email): pk for email, pk in lookup(User, "email", emails, ("id",))}
        new_digests = [digest for digest in digests if digest not in people]
        taken = {username for username, _pk in lookup(User, "username", new_digests, ("id",))}
        for row, school_id in placed:
            known = people.get(row.digest)
            if known is None:
                self._new(row, school_id, email_owner, taken, plan)
            else:
                self._existing(row, school_id, known, staff[known.user_id or 0], email_owner, plan)
        return plan

    def _place(self, rows: list[PersonRow], plan: Plan[PersonOutcome]) -> list[tuple[PersonRow, int]]:
        """Each row's school within the importer's scope, or a problem."""
        codes = {row.school_code for row in rows if row.school_code and row.school_code not in self.schools}
        elsewhere = {code for code, _pk in lookup(School, "code", list(codes), ("id",))}
        placed = []
        for row in rows:
            code = row.school_code or (self.school.code if self.school else "")
            if code in self.schools:
                placed.append((row, self.schools[code]))
            elif not code:
                plan.problems.append((row.line, _("ไม่ได้กรอก “รหัสโรงเรียน”")))
            elif code not in elsewhere:
                plan.problems.append((row.line, _("ไม่พบโรงเรียนรหัส %(code)s ในระบบ") % {"code": code}))
            elif self.school is not None:
                message = _("นำเข้าได้เฉพาะบุคลากรของ%(school)s (รหัส %(own)s) แต่บรรทัดนี้เป็นรหัสโรงเรียน %(code)s")
                plan.problems.append(
                    (row.line, message % {"school": self.school.name, "own": self.school.code, "code": code})
                )
            else:
                message = _("โรงเรียนรหัส %(code)s ไม่อยู่ใน%(area)s")
                plan.problems.append((row.line, message % {"code": code, "area": self.area_name}))
        return placed

    def _new(
        self, row: PersonRow, school_id: int, email_owner: dict[str, int], taken: set[str], plan: Plan[PersonOutcome]
    ) -> None:
        if row.email and row.email in email_owner:
            plan.problems.append((row.line, _("อีเมลนี้ถูกใช้กับบัญชีอื่นแล้ว")))
        elif row.digest in taken:
            plan.problems.append((row.line, _("มีบัญชีผู้ใช้ของเลขประจำตัวประชาชนนี้อยู่แล้ว กรุณาติดต่อผู้ดูแลระบบ")))
        else:
            plan.outcomes.append(PersonOutcome(row, Action.CREATE, school_id, role_for(row.position)))

    def _existing(
        self,
        row: PersonRow,
        school_id: int,
        known: Known,
        staff: list[tuple[str, int, bool]],
        email_owner: dict[str, int],
        plan: Plan[PersonOutcome],
    ) -> None:
        here = [(role, active) for role, school, active in staff if school == school_id]
        active_here = {role for role, active in here if active}
        elsewhere = any(active for _role, school, active in staff if school != school_id)
        if elsewhere and not active_here:
            message = _(
                "เลขประจำตัวประชาชนนี้เป็นของบุคลากรที่สังกัดโรงเรียนอื่นอยู่แล้ว ระบบไม่ย้ายโรงเรียนให้เอง: "
                "ให้โรงเรียนเดิมหรือสำนักงานเขตพื้นที่ดำเนินการ"
            )
            plan.problems.append((row.line, message))
            return
        if not here:
            message = _("เลขประจำตัวประชาชนนี้มีบัญชีในระบบอยู่แล้ว แต่ไม่ใช่บุคลากรของโรงเรียนนี้ กรุณาติดต่อสำนักงานเขตพื้นที่")
            plan.problems.append((row.line, message))
            return
        if row.email and email_owner.get(row.email, known.user_id) != known.user_id:
            plan.problems.append((row.line, _("อีเมลนี้ถูกใช้กับบัญชีอื่นแล้ว")))
            return
        changes = self._changes(row, known, active_here)
        if "role" in changes and known.user_id == self.actor_id:
            plan.problems.append((row.line, _("เปลี่ยนตำแหน่งหรือบทบาทของตนเองด้วยการนำเข้าไม่ได้")))
            return
        action = Action.UPDATE if changes else Action.UNCHANGED
        plan.outcomes.append(PersonOutcome(row, action, school_id, role_for(row.position), known, changes))

    @staticmethod
    def _changes(row: PersonRow, known: Known, active_here: set[str]) -> dict[str, list[str]]:
        now = known.fields
        wanted = {
            "prefix": row.prefix,
            "first_name": row.first_name,
            "last_name": row.last_name,
            "position": row.position,
            "standing": standing_for(row, now["standing"]),
            # Left empty in the file: kept as the person has it (they may have filled it in themselves).
            "learning_area": row.learning_area or now["learning_area"],
            "phone": row.phone or now["phone"],
        }
        changes = {name: [now[name], value] for name, value in wanted.items() if now[name] != value}
        if row.email and row.email != known.email:
            changes["email"] = [known.email, row.email]
        role = role_for(row.position)
        if active_here != {role}:
            changes["role"] = [", ".join(sorted(active_here)), role]
        return changes


class SchoolPlanner:
    def __init__(self, job: ImportJob) -> None:
        assert job.area_office is not None
        self.area_office = job.area_office

    def plan(self, rows: list[SchoolRow]) -> Plan[SchoolOutcome]:
        plan: Plan[SchoolOutcome] = Plan()
        codes = [row.code for row in rows]
        existing = {school.code: school for school in School.objects.filter(code__in=codes).order_by()}
        new_codes = [code for code in codes if code not in existing]
        taken = {username for username, _pk in lookup(User, "username", new_codes, ("id",))}
        for row in rows:
            school = existing.get(row.code)
            if school is None and row.code in taken:
                message = _("มีบัญชีผู้ใช้ชื่อ %(code)s อยู่แล้ว จึงสร้างบัญชีผู้ดูแลของโรงเรียนนี้ไม่ได้ กรุณาติดต่อผู้ดูแลระบบ")
                plan.problems.append((row.line, message % {"code": row.code}))
            elif school is None:
                plan.outcomes.append(SchoolOutcome(row, Action.CREATE))
            elif school.area_office_id != self.area_office.pk:
                message = _("รหัสโรงเรียน %(code)s เป็นของโรงเรียนในเขตพื้นที่อื่นอยู่แล้ว ระบบไม่ย้ายเขตพื้นที่ให้เอง")
                plan.problems.append((row.line, message % {"code": row.code}))
            else:
                wanted = {
                    "name": row.name,
                    "district": row.district or school.district,
                    "phone": row.phone or school.phone,
                }
                changes = {
                    name: [getattr(school, name), value]
                    for name, value in wanted.items()
                    if getattr(school, name) != value
                }
                action = Action.UPDATE if changes else Action.UNCHANGED
                plan.outcomes.append(SchoolOutcome(row, action, school, changes))
        return plan
