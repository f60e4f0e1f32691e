"""Who may do what with organisations and people: named predicates, read by services, views and templates."""

from __future__ import annotations

from typing import Any

import rules

from org.models import AreaOffice, Person, Province, School
from org.scope import scope_of


@rules.predicate
def is_system_admin(user: Any) -> bool:
    return scope_of(user).is_system_admin


@rules.predicate
def sees_school(user: Any, school: School) -> bool:
    scope = scope_of(user)
    return (
        scope.is_system_admin
        or school.pk in scope.school_ids
        or school.area_office_id in scope.area_office_ids
        or school.area_office.province_id in scope.province_ids
    )


@rules.predicate
def manages_school(user: Any, school: School) -> bool:
    """Director or school admin account of the school, or staff of its area office."""
    scope = scope_of(user)
    return (
        scope.is_system_admin or school.pk in scope.managed_school_ids or school.area_office_id in scope.area_office_ids
    )


@rules.predicate
def sees_area_office(user: Any, area_office: AreaOffice) -> bool:
    scope = scope_of(user)
    return (
        scope.is_system_admin
        or area_office.pk in scope.area_office_ids
        or area_office.province_id in scope.province_ids
    )


@rules.predicate
def sees_province(user: Any, province: Province) -> bool:
    scope = scope_of(user)
    return scope.is_system_admin or province.pk in scope.province_ids


@rules.predicate
def is_self(user: Any, person: Person) -> bool:
    return person.pk is not None and person.pk == scope_of(user).person_id


rules.add_perm("org.view_school", sees_school)
rules.add_perm("org.manage_school", manages_school)
rules.add_perm("org.view_area_office", sees_area_office)
rules.add_perm("org.view_province", sees_province)
rules.add_perm("org.use_admin_site", is_system_admin)
