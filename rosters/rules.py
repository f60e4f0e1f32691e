"""Who may import rosters: the school's director or school admin account for the school's own staff, and the area
office's staff for the schools of their area and the staff of those schools. Nobody else — not even a province
inspector or the system administrator, who have other tools."""

from __future__ import annotations

from typing import Any

import rules

from org.models import AreaOffice, School
from org.scope import scope_of


def imports_for_school(user: Any, school: School) -> bool:
    scope = scope_of(user)
    return school.pk in scope.managed_school_ids or school.area_office_id in scope.area_office_ids


def imports_for_area(user: Any, area_office: AreaOffice) -> bool:
    return area_office.pk in scope_of(user).area_office_ids


# `rules` ships no type information; its predicates are these plain functions once wrapped.
rules.add_perm("rosters.import_school", rules.predicate(imports_for_school))  # type: ignore[no-untyped-call]
rules.add_perm("rosters.import_area", rules.predicate(imports_for_area))  # type: ignore[no-untyped-call]
