"""Who reads and who edits help pages; the one way views fetch a page or a file.

- read: a published page is public (the poster's QR code opens it without a login); a draft only for its editors.
- edit: system admins edit every page (national pages only they may write); area office staff edit their
  area's pages; province office staff their province's. Staff of one area never edit another area's pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import Q
from django.utils.translation import gettext as _

from helpcentre.models import Page, PageFile
from org.access import fetch_or_404, not_found
from org.models import AreaOffice, Province
from org.scope import scope_of

Need = Literal["view", "edit"]
NATIONAL = "national"


def editable_filter(user: Any) -> Q:
    scope = scope_of(user)
    if scope.is_system_admin:
        return Q()
    return Q(area_office_id__in=scope.area_office_ids) | Q(province_id__in=scope.province_ids)


def may_edit(user: Any, target: Page | ScopeChoice) -> bool:
    """The user may change this page, or write a new page in this scope (national pages: system admins only)."""
    scope = scope_of(user)
    if scope.is_system_admin:
        return True
    if target.area_office_id is not None:
        return target.area_office_id in scope.area_office_ids
    return target.province_id is not None and target.province_id in scope.province_ids


def is_editor(user: Any) -> bool:
    """The user may write help pages for some scope."""
    scope = scope_of(user)
    return scope.is_system_admin or bool(scope.area_office_ids or scope.province_ids)


def page_for(user: Any, pk: int | str, *, need: Need = "view") -> Page:
    """A page the user may read (`view`) or change (`edit`); the same 404 for missing, draft and not yours."""
    pages = Page.objects.select_related("area_office", "province", "updated_by")
    page = fetch_or_404(pages.visible_to(user) if need == "view" else pages.editable_by(user), pk)
    return page


def page_file_for(user: Any, pk: int | str, *, need: Need = "view") -> PageFile:
    """A file of a page the user may read (`view`) or change (`edit`); the same 404 otherwise."""
    pages = Page.objects.visible_to(user) if need == "view" else Page.objects.editable_by(user)
    return fetch_or_404(PageFile.objects.select_related("page").filter(page__in=pages), pk)


def area_by_code(code: str) -> AreaOffice:
    """An area office by its public code (the poster's URL carries it); names of offices are public."""
    area = AreaOffice.objects.select_related("province").filter(code=code).first()
    if area is None:
        raise not_found()
    return area


@dataclass(frozen=True)
class Places:
    """The area and province offices whose pages a reader sees beside the national ones."""

    area_office_ids: frozenset[int] = frozenset()
    province_ids: frozenset[int] = frozenset()


def places_of_area(area: AreaOffice) -> Places:
    return Places(frozenset({area.pk}), frozenset({area.province_id}))


def places_of(user: Any) -> Places:
    """A teacher's or director's school's area and its province; an officer's own offices and their provinces."""
    scope = scope_of(user)
    if not (scope.school_ids or scope.area_office_ids or scope.province_ids):
        return Places()
    rows = (
        AreaOffice.objects.filter(Q(pk__in=scope.area_office_ids) | Q(schools__pk__in=scope.school_ids))
        .values_list("pk", "province_id")
        .distinct()
        if scope.school_ids or scope.area_office_ids
        else []
    )
    areas = frozenset(pk for pk, _province in rows)
    provinces = frozenset(province for _pk, province in rows) | scope.province_ids
    return Places(areas, provinces)


@dataclass(frozen=True)
class ScopeChoice:
    value: str  # "national", "area:<pk>", "province:<pk>"
    label: str
    area_office: AreaOffice | None = None
    province: Province | None = None

    @property
    def area_office_id(self) -> int | None:
        return self.area_office.pk if self.area_office is not None else None

    @property
    def province_id(self) -> int | None:
        return self.province.pk if self.province is not None else None


def scope_choices(user: Any) -> list[ScopeChoice]:
    """The scopes the user may write pages for, national first."""
    scope = scope_of(user)
    choices = [ScopeChoice(NATIONAL, _("ส่วนกลาง (ทั้งประเทศ)"))] if scope.is_system_admin else []
    for province in Province.objects.filter(pk__in=scope.province_ids):
        choices.append(
            ScopeChoice(
                f"province:{province.pk}", _("สำนักงานศึกษาธิการจังหวัด%(name)s") % {"name": province}, None, province
            )
        )
    for area in AreaOffice.objects.filter(pk__in=scope.area_office_ids):
        choices.append(ScopeChoice(f"area:{area.pk}", area.name, area, None))
    return choices
