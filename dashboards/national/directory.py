"""Who is in the generated organisation, as a fiscal year needs it: each school with its director and teachers,
each area office with the people qualified to sit on its schools' committees.

Built from what was just generated, or read back from the database when a later year reuses the
organisation; both give the same directory, in the same order (schools by code, people by id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from dashboards.national.org import Geography, PersonSpec, generated_areas, generated_schools
from dashboards.national.shares import SALARY_GRADES
from org.models import Membership, Position, Role
from rulebook import Edition

SUPERVISOR_POSITIONS = (Position.SUPERVISOR, Position.FORMER_SUPERVISOR)


@dataclass(slots=True)
class TeacherEntry:
    person_id: int
    user_id: int
    name: str
    position: str
    standing: str
    learning_area: str
    salary_grade: str
    salary: Decimal | None


@dataclass(slots=True)
class SchoolEntry:
    id: int
    code: str
    name: str
    area_id: int
    area_name: str
    kind: str
    director: tuple[int, int] | None = None  # (person id, user id)
    teachers: list[TeacherEntry] = field(default_factory=list)

    @property
    def director_user(self) -> int | None:
        """The director's user id: who appoints, decides and publishes at the school."""
        return self.director[1] if self.director else None


@dataclass(slots=True)
class AreaEntry:
    id: int
    supervisors: list[tuple[int, int]] = field(default_factory=list)  # (person id, user id), qualified
    senior_teachers: list[tuple[int, int, int]] = field(default_factory=list)  # (person, user, school), qualified


@dataclass(slots=True)
class Directory:
    schools: list[SchoolEntry]
    areas: dict[int, AreaEntry]

    @property
    def teachers(self) -> int:
        return sum(len(school.teachers) for school in self.schools)


class _Filler:
    """Adds people to a directory, keeping as committee members only those the edition qualifies."""

    def __init__(self, edition: Edition, schools: dict[int, SchoolEntry], areas: dict[int, AreaEntry]) -> None:
        self.edition = edition
        self.schools, self.areas = schools, areas
        rules = edition.committee
        self.teacher_minimum = rules.qualification("other_school_teacher").min_standing
        self.supervisor_minimum = rules.qualification("supervisor").min_standing

    def qualified(self, standing: str, minimum: str | None) -> bool:
        return minimum is None or bool(standing) and self.edition.standing_at_least(standing, minimum)

    def school_person(self, role: str, school_id: int, teacher: TeacherEntry) -> None:
        school = self.schools[school_id]
        if role == Role.DIRECTOR:
            school.director = school.director or (teacher.person_id, teacher.user_id)
            return
        school.teachers.append(teacher)
        if self.qualified(teacher.standing, self.teacher_minimum):
            self.areas[school.area_id].senior_teachers.append((teacher.person_id, teacher.user_id, school_id))

    def supervisor(self, area_id: int, person_id: int, user_id: int, standing: str) -> None:
        if self.qualified(standing, self.supervisor_minimum):
            self.areas[area_id].supervisors.append((person_id, user_id))

    def directory(self) -> Directory:
        return Directory(list(self.schools.values()), self.areas)


def directory_of(geo: Geography, everyone: list[PersonSpec], edition: Edition) -> Directory:
    """The directory of an organisation just written (its people have their ids)."""
    schools = {
        school.id: SchoolEntry(
            school.id, school.code, school.name, school.area.id, school.area.short_name, school.area.kind
        )
        for school in geo.schools
    }
    filler = _Filler(edition, schools, {area.id: AreaEntry(area.id) for area in geo.areas})
    for spec in everyone:
        school_id, area_id, _province_id = spec.scope
        if school_id is not None and spec.role in (Role.TEACHER, Role.DIRECTOR):
            salary_grade = SALARY_GRADES.get(spec.standing, "")
            teacher = TeacherEntry(
                spec.id,
                spec.user_id,
                spec.full_name,
                spec.position,
                spec.standing,
                spec.learning_area,
                salary_grade,
                spec.salary,
            )
            filler.school_person(spec.role, school_id, teacher)
        elif area_id is not None and spec.position in SUPERVISOR_POSITIONS:
            filler.supervisor(area_id, spec.id, spec.user_id, spec.standing)
    return filler.directory()


def read_directory(edition: Edition) -> Directory:
    """The directory of the generated organisation, read from the database."""
    school_rows = (
        generated_schools()
        .order_by("code")
        .values_list("id", "code", "name", "area_office_id", "area_office__short_name", "area_office__kind")
    )
    schools = {row[0]: SchoolEntry(*row) for row in school_rows.iterator(chunk_size=5_000)}
    filler = _Filler(
        edition, schools, {area: AreaEntry(area) for area in generated_areas().values_list("id", flat=True)}
    )
    people = (
        Membership.objects.filter(
            is_active=True, role__in=[Role.TEACHER, Role.DIRECTOR], school__in=generated_schools()
        )
        .filter(user__person__isnull=False)
        .order_by("user__person__id")
        .values_list(
            "role",
            "school_id",
            "user__person__id",
            "user_id",
            "user__person__prefix",
            "user__person__first_name",
            "user__person__last_name",
            "user__person__position",
            "user__person__standing",
            "user__person__learning_area",
            "user__person__salary_grade",
            "user__person__salary",
        )
    )
    for row in people.iterator(chunk_size=5_000):
        role, school_id, person_id, user_id, prefix, first, last, position, standing, learning_area, grade, salary = row
        name = f"{prefix}{first} {last}"
        teacher = TeacherEntry(person_id, user_id, name, position, standing, learning_area, grade, salary)
        filler.school_person(role, school_id, teacher)
    supervisors = Membership.objects.filter(
        is_active=True,
        role=Role.AREA_STAFF,
        area_office__in=generated_areas(),
        user__person__position__in=SUPERVISOR_POSITIONS,
    ).order_by("user__person__id")
    rows = supervisors.values_list("area_office_id", "user__person__id", "user_id", "user__person__standing")
    for area_id, person_id, user_id, standing in rows:
        filler.supervisor(area_id, person_id, user_id, standing)
    return filler.directory()
