"""What a user's roles reach: the one place that turns memberships into query filters.

Every `visible_to(user)` QuerySet method and every access helper starts here, so a rule about who
sees what is written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q

from org.models import Membership, Role

_CACHE_ATTRIBUTE = "_teacherpa_scope"


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    person_id: int | None = None
    is_system_admin: bool = False
    roles: frozenset[str] = frozenset()
    teacher_school_ids: frozenset[int] = frozenset()
    managed_school_ids: frozenset[int] = frozenset()  # director or school admin account
    directed_school_ids: frozenset[int] = frozenset()
    area_office_ids: frozenset[int] = frozenset()
    province_ids: frozenset[int] = frozenset()
    memberships: tuple[Membership, ...] = field(default=(), compare=False)

    @property
    def school_ids(self) -> frozenset[int]:
        return self.teacher_school_ids | self.managed_school_ids

    def school_membership(self) -> Membership | None:
        """The school role this person works from as a teacher (first) or a director: the school, and through
        it the area office, that their questions and mentoring belong to."""
        for role in (Role.TEACHER, Role.DIRECTOR):
            for membership in self.memberships:
                if membership.role == role and membership.school_id is not None:
                    return membership
        return None

    @property
    def admin_school_ids(self) -> frozenset[int]:
        """Schools whose admin account this is: it types for their teachers (a director reviews instead)."""
        return self.managed_school_ids - self.directed_school_ids

    def school_filter(self) -> Q:
        """Schools this user may see."""
        if self.is_system_admin:
            return Q()
        return (
            Q(pk__in=self.school_ids)
            | Q(area_office_id__in=self.area_office_ids)
            | Q(area_office__province_id__in=self.province_ids)
        )

    def managed_school_filter(self) -> Q:
        """Schools whose roster and settings this user may change."""
        if self.is_system_admin:
            return Q()
        return Q(pk__in=self.managed_school_ids) | Q(area_office_id__in=self.area_office_ids)

    def area_office_filter(self) -> Q:
        if self.is_system_admin:
            return Q()
        return Q(pk__in=self.area_office_ids) | Q(province_id__in=self.province_ids)

    def province_filter(self) -> Q:
        if self.is_system_admin:
            return Q()
        return Q(pk__in=self.province_ids)

    def person_filter(self) -> Q:
        """People this user may see: themself, and the staff of schools they manage or oversee.

        A teacher sees only themself; colleagues' records belong to the director and the offices.
        """
        if self.is_system_admin:
            return Q()
        own = Q(pk=self.person_id) if self.person_id else Q(pk__in=[])
        staff = Q(user__memberships__is_active=True, user__memberships__role__in=[Role.TEACHER, Role.DIRECTOR])
        return (
            own
            | (staff & Q(user__memberships__school_id__in=self.managed_school_ids))
            | (staff & Q(user__memberships__school__area_office_id__in=self.area_office_ids))
            | (staff & Q(user__memberships__school__area_office__province_id__in=self.province_ids))
        )


ANONYMOUS = Scope()


def scope_of(user: Any) -> Scope:
    """The user's scope, read once per request object from their active memberships."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached: Scope | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    # The person's id rides along on each membership row: one query for both on every request.
    memberships = tuple(Membership.objects.active().filter(user=user).annotate(person_pk=F("user__person__id")))
    by_role: dict[str, set[int]] = {}
    for membership in memberships:
        scope_id = membership.school_id or membership.area_office_id or membership.province_id or 0
        by_role.setdefault(membership.role, set()).add(scope_id)
    person_id: int | None = getattr(memberships[0], "person_pk", None) if memberships else _person_id(user)
    scope = Scope(
        user_id=user.pk,
        person_id=person_id,
        is_system_admin=bool(user.is_superuser) or Role.SYSTEM_ADMIN in by_role,
        roles=frozenset(by_role),
        teacher_school_ids=frozenset(by_role.get(Role.TEACHER, ())),
        managed_school_ids=frozenset(by_role.get(Role.DIRECTOR, set()) | by_role.get(Role.SCHOOL_ADMIN, set())),
        directed_school_ids=frozenset(by_role.get(Role.DIRECTOR, ())),
        area_office_ids=frozenset(by_role.get(Role.AREA_STAFF, ())),
        province_ids=frozenset(by_role.get(Role.PROVINCE_INSPECTOR, ())),
        memberships=memberships,
    )
    setattr(user, _CACHE_ATTRIBUTE, scope)
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope after the user's memberships change."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _person_id(user: Any) -> int | None:
    from org.models import Person

    return Person.objects.filter(user=user).values_list("pk", flat=True).first()
