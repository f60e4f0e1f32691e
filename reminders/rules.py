"""Who may change a calendar: plain predicates for the services and access helpers, registered as permissions
for the templates (`{% has_perm "reminders.edit_area_calendar" user area_office %}`)."""

from __future__ import annotations

from typing import Any

import rules

from org.models import AreaOffice, School
from org.scope import scope_of


def edits_area_calendar(user: Any, area_office: AreaOffice | None) -> bool:
    """Staff of this area office (not of a neighbouring one, not the province), or a system admin."""
    scope = scope_of(user)
    return area_office is not None and (scope.is_system_admin or area_office.pk in scope.area_office_ids)


def edits_school_calendar(user: Any, school: School | None) -> bool:
    """The school's director or its admin account (who may only bring the area's dates forward)."""
    scope = scope_of(user)
    return school is not None and (scope.is_system_admin or school.pk in scope.managed_school_ids)


rules.add_perm("reminders.edit_area_calendar", rules.predicate(edits_area_calendar))  # type: ignore[no-untyped-call]
rules.add_perm("reminders.edit_school_calendar", rules.predicate(edits_school_calendar))  # type: ignore[no-untyped-call]
