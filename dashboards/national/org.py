"""The national organisation: provinces, area offices, schools, and everyone in them with a login and a role.

Generated rows are marked so a reset finds them and nothing else: area office and school codes start with
CODE_PREFIX (real ones never do: OBEC school codes start with 10), province codes are a Latin letter and a
digit (real ones are two digits). People are the generated ones when all their roles are in generated
organisations.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db.models import Q, QuerySet

from dashboards.national import names, shares
from dashboards.national.tables import Row, reserve_ids, write_rows
from org import national_id
from org.models import AreaOffice, Membership, Person, Position, Province, Role, School, User
from org.services import national_id_digest
from rulebook import Edition

CODE_PREFIX = "99"
PROVINCE_CODE_LETTERS = "ABCDEFGH"
SYNTHETIC_SUFFIX = " (ชุดข้อมูลจำลอง)"  # added to a generated name that a real one already uses
Counts = dict[str, int]
Scope = tuple[int | None, int | None, int | None]  # (school, area office, province) ids: one of them is set


def province_code(index: int) -> str:
    return f"{PROVINCE_CODE_LETTERS[index // 10]}{index % 10}"


PROVINCE_CODES = tuple(province_code(index) for index in range(len(names.PROVINCES)))


def generated_provinces() -> QuerySet[Province]:
    return Province.objects.filter(code__in=PROVINCE_CODES)


def generated_areas() -> QuerySet[AreaOffice]:
    return AreaOffice.objects.filter(code__startswith=CODE_PREFIX)


def generated_schools() -> QuerySet[School]:
    return School.objects.filter(code__startswith=CODE_PREFIX)


def generated_role() -> Q:
    """A role in a generated school, area office or province."""
    return (
        Q(school__in=generated_schools()) | Q(area_office__in=generated_areas()) | Q(province__in=generated_provinces())
    )


def generated_users() -> QuerySet[User]:
    """Users with a role in the generated organisations and none elsewhere."""
    outside = (
        (Q(school__isnull=False) & ~Q(school__in=generated_schools()))
        | (Q(area_office__isnull=False) & ~Q(area_office__in=generated_areas()))
        | (Q(province__isnull=False) & ~Q(province__in=generated_provinces()))
        | Q(school__isnull=True, area_office__isnull=True, province__isnull=True)
    )
    inside = Membership.objects.filter(generated_role()).values("user_id")
    return User.objects.filter(pk__in=inside).exclude(pk__in=Membership.objects.filter(outside).values("user_id"))


# --- sizes ----------------------------------------------------------------------------------------------


def size_for(scale: float = 1.0, schools: int | None = None, teachers: int | None = None) -> shares.Size:
    """The national shape at a scale, or around explicit numbers of schools and teachers (each wins over scale)."""
    national = shares.NATIONAL
    if not scale > 0:
        raise ValueError("scale ต้องมากกว่า 0")
    if schools is None and teachers is None:
        schools = max(1, round(national.schools * scale))
        teachers = max(schools, round(national.teachers * scale))
    elif schools is None:
        assert teachers is not None
        schools = max(1, round(teachers * national.schools / national.teachers))
    elif teachers is None:
        teachers = max(schools, round(schools * national.teachers / national.schools))
    if schools < 1:
        raise ValueError("ต้องมีโรงเรียนอย่างน้อย 1 แห่ง")
    if teachers < schools:
        raise ValueError("ต้องมีครูอย่างน้อยโรงเรียนละ 1 คน")
    fraction = schools / national.schools
    areas = min(schools, max(1, round(national.areas * fraction)))
    secondary_areas = round(areas * national.secondary_areas / national.areas)
    secondary_areas = min(areas - 1, max(1, secondary_areas)) if areas >= 2 else 0
    primary_areas = areas - secondary_areas
    provinces = min(primary_areas, len(names.PROVINCES), max(1, round(national.provinces * fraction)))
    secondary_schools = round(schools * national.secondary_schools / national.schools) if secondary_areas else 0
    secondary_schools = min(max(secondary_schools, secondary_areas), schools - primary_areas)
    return shares.Size(provinces, primary_areas, secondary_areas, schools, secondary_schools, teachers)


def check_school_codes(size: shares.Size) -> None:
    digits = settings.SCHOOL_CODE_LENGTH - len(CODE_PREFIX)
    if digits < 1 or size.schools >= 10**digits:
        raise ValueError(f"รหัสโรงเรียน {settings.SCHOOL_CODE_LENGTH} หลักไม่พอสำหรับ {size.schools:,} โรงเรียน")


def allocate(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), each part at least `minimum`."""
    rest = total - minimum * len(weights)
    assert rest >= 0, "not enough to give each part its minimum"
    weight_sum = sum(weights) or 1.0
    quotas = [rest * weight / weight_sum for weight in weights]
    parts = [int(quota) for quota in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda index: parts[index] - quotas[index])
    for index in by_remainder[: rest - sum(parts)]:
        parts[index] += 1
    return [minimum + part for part in parts]


class Draw[T]:
    """Draws keys of a {key: share} table by their shares."""

    def __init__(self, table: Mapping[T, float]) -> None:
        self.keys = list(table)
        self.cumulative = list(accumulate(table.values()))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random) -> T:
        return self.keys[bisect(self.cumulative, rng.random() * self.total)]


# --- geography ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class AreaSpec:
    id: int
    province: int  # index into Geography.provinces
    kind: str
    code: str
    name: str
    short_name: str
    schools: list[SchoolSpec] = field(default_factory=list)


@dataclass(slots=True)
class SchoolSpec:
    id: int
    area: AreaSpec
    code: str
    name: str
    district: str
    teachers: int


@dataclass(slots=True)
class Geography:
    provinces: list[tuple[int, str, str, str]]  # (id, code, name, name_en)
    areas: list[AreaSpec]

    @property
    def schools(self) -> Iterator[SchoolSpec]:
        for area in self.areas:
            yield from area.schools


def _unique(name: str, taken: set[str]) -> str:
    chosen = name if name not in taken else name + SYNTHETIC_SUFFIX
    taken.add(chosen)
    return chosen


def geography(size: shares.Size, rng: random.Random) -> Geography:
    """Provinces, their area offices, and the schools of each area with their number of teachers (no ids yet)."""
    picked = sorted(rng.sample(range(len(names.PROVINCES)), size.provinces))
    weights = [names.PROVINCES[index][2] for index in picked]
    taken_provinces = set(Province.objects.values_list("name", flat=True))
    taken_areas = set(AreaOffice.objects.values_list("name", flat=True))
    provinces = [
        (0, province_code(index), _unique(names.PROVINCES[index][0], taken_provinces), names.PROVINCES[index][1])
        for index in picked
    ]
    areas: list[AreaSpec] = []
    counts = zip(allocate(size.primary_areas, weights, 1), allocate(size.secondary_areas, weights), strict=True)
    for position, (primary, secondary) in enumerate(counts):
        province = provinces[position][2]
        for kind, count, word, short in (
            ("primary", primary, "ประถมศึกษา", "สพป."),
            ("secondary", secondary, "มัธยมศึกษา", "สพม."),
        ):
            for number in range(1, count + 1):
                suffix = f" เขต {number}" if count > 1 else ""
                code = f"{CODE_PREFIX}{picked[position]:02d}{1 if kind == 'primary' else 2}{number:03d}"
                name = _unique(f"สำนักงานเขตพื้นที่การศึกษา{word}{province}{suffix}", taken_areas)
                areas.append(AreaSpec(0, position, kind, code, name, f"{short}{province}{suffix}"))
    _schools(size, areas, rng)
    return Geography(provinces, areas)


def _schools(size: shares.Size, areas: list[AreaSpec], rng: random.Random) -> None:
    by_kind = {kind: [area for area in areas if area.kind == kind] for kind in ("primary", "secondary")}
    totals = {"primary": size.schools - size.secondary_schools, "secondary": size.secondary_schools}
    raw: list[tuple[AreaSpec, int]] = []
    for kind, kind_areas in by_kind.items():
        if not kind_areas:
            continue
        per_area = allocate(totals[kind], [rng.uniform(0.6, 1.4) for _area in kind_areas], 1)
        bands = shares.SCHOOL_SIZE_BANDS[kind]
        for area, count in zip(kind_areas, per_area, strict=True):
            for _school in range(count):
                _share, low, high = rng.choices(bands, weights=[band[0] for band in bands])[0]
                raw.append((area, rng.randint(low, high)))
    sizes = allocate(size.teachers, [teachers for _area, teachers in raw], 1)
    digits = settings.SCHOOL_CODE_LENGTH - len(CODE_PREFIX)
    for number, ((area, _raw), teachers) in enumerate(zip(raw, sizes, strict=True), start=1):
        code = f"{CODE_PREFIX}{number:0{digits}d}"
        area.schools.append(SchoolSpec(0, area, code, "", rng.choice(names.DISTRICTS), teachers))
    for area in areas:
        _name_schools(area, rng)


def _name_schools(area: AreaSpec, rng: random.Random) -> None:
    largest = max(area.schools, key=lambda school: school.teachers, default=None)
    province = area.short_name.removeprefix("สพป.").removeprefix("สพม.").split(" เขต ")[0]
    for school in area.schools:
        place = rng.choice(names.PLACES)
        if area.kind == "secondary":
            base = province if school is largest else place
            school.name = f"โรงเรียน{base}{rng.choice(names.SECONDARY_SUFFIXES)}"
        elif school is largest:
            school.name = f"โรงเรียนอนุบาล{school.district}"
        else:
            word = rng.choices(("บ้าน", "วัด", "ชุมชน"), weights=(0.7, 0.22, 0.08))[0]
            school.name = f"โรงเรียน{word}{rng.choice(names.TEMPLES) if word == 'วัด' else place}"


def write_geography(geo: Geography) -> Counts:
    first = reserve_ids(Province, len(geo.provinces))
    geo.provinces = [
        (first + index, code, name, name_en) for index, (_id, code, name, name_en) in enumerate(geo.provinces)
    ]
    area_first = reserve_ids(AreaOffice, len(geo.areas))
    schools = list(geo.schools)
    school_first = reserve_ids(School, len(schools))
    for index, area in enumerate(geo.areas):
        area.id = area_first + index
    for index, school in enumerate(schools):
        school.id = school_first + index
    province_ids = [province[0] for province in geo.provinces]
    return {
        "org_province": write_rows(Province, ("id", "code", "name", "name_en"), geo.provinces),
        "org_areaoffice": write_rows(
            AreaOffice,
            ("id", "province_id", "kind", "code", "name", "short_name"),
            (
                (area.id, province_ids[area.province], area.kind, area.code, area.name, area.short_name)
                for area in geo.areas
            ),
        ),
        "org_school": write_rows(
            School,
            ("id", "area_office_id", "code", "name", "district"),
            ((school.id, school.area.id, school.code, school.name, school.district) for school in schools),
        ),
    }


# --- people ---------------------------------------------------------------------------------------------

USER_COLUMNS = ("id", "password", "username", "display_name")
PERSON_COLUMNS = (
    "id",
    "user_id",
    "prefix",
    "first_name",
    "last_name",
    "national_id_digest",
    "national_id_masked",
    "position",
    "standing",
    "salary_grade",
    "salary",
    "learning_area",
    "organisation",
)
MEMBERSHIP_COLUMNS = ("id", "user_id", "role", "school_id", "area_office_id", "province_id", "scope_key")


@dataclass(slots=True)
class PersonSpec:
    digest: str
    masked: str
    prefix: str
    first_name: str
    last_name: str
    position: str
    standing: str
    learning_area: str
    organisation: str
    salary: Decimal | None
    role: str = ""
    scope: Scope = (None, None, None)
    id: int = 0
    user_id: int = 0

    @property
    def full_name(self) -> str:
        return f"{self.prefix}{self.first_name} {self.last_name}"


class PeopleMaker:
    """Draws people with valid national IDs that nobody else has (numbered through a stride: none repeats)."""

    STRIDE = 7_919  # prime, so (base + i × stride) mod 10¹¹ never repeats for i < 10¹¹

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.base = rng.randrange(10**11)
        self.drawn = 0
        self.taken = set(Person.objects.values_list("national_id_digest", flat=True))
        self.everyone: list[PersonSpec] = []

    def _national_id(self) -> tuple[str, str]:
        """The keyed digest (as org.services stores it) and masked form of a new valid national ID."""
        while True:
            body = (self.base + self.drawn * self.STRIDE) % 10**11
            self.drawn += 1
            first = f"{self.rng.choice('1358')}{body:011d}"
            number = first + str(national_id.check_digit(first))
            digest = national_id_digest(number)
            if digest not in self.taken:
                return digest, national_id.masked(number)

    def add(
        self,
        role: str,
        scope: Scope,
        *,
        position: str,
        standing: str = "",
        learning_area: str = "",
        organisation: str = "",
    ) -> None:
        rng = self.rng
        if rng.random() < shares.FEMALE_SHARE:
            prefix = "นาง" if rng.random() < 0.55 else "นางสาว"
            first = rng.choice(names.FIRST_NAMES_FEMALE)
        else:
            prefix = "ว่าที่ร้อยตรี" if rng.random() < 0.03 else "นาย"
            first = rng.choice(names.FIRST_NAMES_MALE)
        salary_range = shares.SALARY_RANGES.get(standing)
        # Two decimal places, as the database gives it back (the agreement's snapshot prints it so).
        salary = Decimal(f"{rng.randrange(salary_range[0], salary_range[1], 10)}.00") if salary_range else None
        digest, masked = self._national_id()
        last = rng.choice(names.LAST_NAMES)
        spec = PersonSpec(digest, masked, prefix, first, last, position, standing, learning_area, organisation, salary)
        spec.role, spec.scope = role, scope
        self.everyone.append(spec)


def people(geo: Geography, edition: Edition, rng: random.Random) -> list[PersonSpec]:
    """Directors and teachers of every school, supervisors and an officer of every area, an inspector per province."""
    maker = PeopleMaker(rng)
    makes_no_pa = {standing.code for standing in edition.standings if not standing.makes_pa}
    standing_of, senior_standing = Draw(shares.STANDING_SHARES), Draw(shares.SENIOR_STANDING_SHARES)
    learning_area_of = {kind: Draw(table) for kind, table in shares.LEARNING_AREA_SHARES.items()}
    scope: Scope
    for school in geo.schools:
        scope = (school.id, None, None)
        maker.add(Role.DIRECTOR, scope, position=Position.DIRECTOR, standing=senior_standing(rng))
        learning_area = learning_area_of[school.area.kind]
        for _teacher in range(school.teachers):
            standing = standing_of(rng)
            position = Position.ASSISTANT_TEACHER if standing in makes_no_pa else Position.TEACHER
            maker.add(Role.TEACHER, scope, position=position, standing=standing, learning_area=learning_area(rng))
    low, high = shares.SUPERVISORS_PER_AREA
    for area in geo.areas:
        scope = (None, area.id, None)
        for _supervisor in range(min(high, max(low, round(len(area.schools) / shares.SCHOOLS_PER_SUPERVISOR)))):
            maker.add(
                Role.AREA_STAFF,
                scope,
                position=Position.SUPERVISOR,
                standing=senior_standing(rng),
                learning_area=learning_area_of[area.kind](rng),
                organisation=area.name,
            )
        maker.add(Role.AREA_STAFF, scope, position=Position.EDUCATION_OFFICER, organisation=area.name)
    for province_id, _code, name, _name_en in geo.provinces:
        organisation = f"สำนักงานศึกษาธิการจังหวัด{name}"
        maker.add(
            Role.PROVINCE_INSPECTOR, (None, None, province_id), position=Position.INSPECTOR, organisation=organisation
        )
    return maker.everyone


def _scope_key(scope: Scope) -> str:
    # As org.services.scope_key_for writes it.
    school, area, province = scope
    if school is not None:
        return f"school:{school}"
    return f"area:{area}" if area is not None else f"province:{province}"


def write_people(
    geo: Geography, everyone: list[PersonSpec], *, phase: Callable[[str], AbstractContextManager[list[str]]]
) -> Counts:
    """Users, people and roles; plus each school's admin account (a login named by the school code)."""
    schools = list(geo.schools)
    user_first = reserve_ids(User, len(everyone) + len(schools))
    person_first = reserve_ids(Person, len(everyone))
    membership_first = reserve_ids(Membership, len(everyone) + len(schools))
    # Nobody logs in to these accounts with a password: one unusable value, as make_password(None) makes.
    password = make_password(None)
    for index, spec in enumerate(everyone):
        spec.id, spec.user_id = person_first + index, user_first + index

    def users() -> Iterator[Row]:
        for index, spec in enumerate(everyone):
            yield (user_first + index, password, spec.digest[:64], spec.full_name)
        for index, school in enumerate(schools, start=len(everyone)):
            yield (user_first + index, password, school.code, f"ผู้ดูแลระบบ {school.name}")

    def persons() -> Iterator[Row]:
        for index, spec in enumerate(everyone):
            yield (
                person_first + index,
                user_first + index,
                spec.prefix,
                spec.first_name,
                spec.last_name,
                spec.digest,
                spec.masked,
                spec.position,
                spec.standing,
                shares.SALARY_GRADES.get(spec.standing, ""),
                spec.salary,
                spec.learning_area,
                spec.organisation,
            )

    def memberships() -> Iterator[Row]:
        for index, spec in enumerate(everyone):
            yield (membership_first + index, user_first + index, spec.role, *spec.scope, _scope_key(spec.scope))
        for index, school in enumerate(schools, start=len(everyone)):
            scope: Scope = (school.id, None, None)
            yield (membership_first + index, user_first + index, Role.SCHOOL_ADMIN, *scope, _scope_key(scope))

    counts: Counts = {}
    for model, columns, rows in (
        (User, USER_COLUMNS, users),
        (Person, PERSON_COLUMNS, persons),
        (Membership, MEMBERSHIP_COLUMNS, memberships),
    ):
        with phase(model._meta.db_table) as notes:
            counts[model._meta.db_table] = written = write_rows(model, columns, rows())
            notes.append(f"{written:,} rows")
    return counts
