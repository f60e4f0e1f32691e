"""Names out of a shared agreement: the teacher's, her school's and her colleagues', wherever the text says them.

The snapshot's fields (name, school, school code, area office) are never copied into an example; the texts
are searched for those names and for the names of everyone on the school's staff, longest first, and each
is replaced by a placeholder. Students' names and other details cannot be known here, so the teacher is
asked to read the result before sharing it.
"""

from __future__ import annotations

from typing import Any

from agreements.models import Agreement
from org.models import Person, Role

TEACHER = "[ชื่อครู]"
COLLEAGUE = "[ชื่อบุคคล]"
SCHOOL = "[ชื่อโรงเรียน]"
AREA = "[สำนักงานเขตพื้นที่]"
SCHOOL_PREFIX = "โรงเรียน"
NAME_MIN = 2  # a one-letter "name" would blank out ordinary words


def _names(person: Person) -> list[str]:
    return [person.full_name, f"{person.first_name} {person.last_name}", f"{person.first_name}{person.last_name}"]


def replacements(agreement: Agreement) -> list[tuple[str, str]]:
    """(text, placeholder) pairs to replace in the agreement's sections, longest text first."""
    teacher, school = agreement.teacher, agreement.school
    pairs: list[tuple[str, str]] = [(name, TEACHER) for name in _names(teacher)]
    pairs += [(teacher.first_name, TEACHER), (teacher.last_name, TEACHER)]
    pairs += [(school.name, SCHOOL), (school.name.removeprefix(SCHOOL_PREFIX).strip(), SCHOOL), (school.code, SCHOOL)]
    pairs += [(school.area_office.name, AREA), (school.area_office.short_name, AREA)]
    snapshot = agreement.snapshot or {}
    pairs += [(str(snapshot.get(field, "")), placeholder) for field, placeholder in _SNAPSHOT_FIELDS]
    colleagues = Person.objects.filter(
        user__memberships__school=school,
        user__memberships__role__in=[Role.TEACHER, Role.DIRECTOR],
        user__memberships__is_active=True,
    ).exclude(pk=teacher.pk)
    for colleague in colleagues.distinct():
        # Whole names and surnames only: a first name alone is often an ordinary word (มานะ, สมใจ).
        pairs += [(name, COLLEAGUE) for name in _names(colleague)] + [(colleague.last_name, COLLEAGUE)]
    unique = {text.strip(): placeholder for text, placeholder in reversed(pairs) if len(text.strip()) >= NAME_MIN}
    return sorted(unique.items(), key=lambda pair: -len(pair[0]))


_SNAPSHOT_FIELDS = (("name", TEACHER), ("school", SCHOOL), ("school_code", SCHOOL), ("area_office", AREA))


def scrubbed(value: Any, pairs: list[tuple[str, str]]) -> tuple[Any, int]:
    """`value` (section JSON) with every text replaced; and how many replacements were made."""
    if isinstance(value, str):
        count = 0
        for text, placeholder in pairs:
            found = value.count(text)
            if found:
                value, count = value.replace(text, placeholder), count + found
        return value, count
    if isinstance(value, dict):
        total, result = 0, {}
        for key, item in value.items():
            result[key], found = scrubbed(item, pairs)
            total += found
        return result, total
    if isinstance(value, list):
        items = [scrubbed(item, pairs) for item in value]
        return [item for item, _found in items], sum(found for _item, found in items)
    return value, 0
