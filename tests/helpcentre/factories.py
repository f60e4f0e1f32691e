"""Help pages for tests, made through the services as an office would make them."""

from __future__ import annotations

from helpcentre.access import NATIONAL, ScopeChoice
from helpcentre.models import Page
from helpcentre.services import PageDraft, page_create
from org.models import AreaOffice, Province, User


def national() -> ScopeChoice:
    return ScopeChoice(NATIONAL, "national")


def area_scope(area: AreaOffice) -> ScopeChoice:
    return ScopeChoice(f"area:{area.pk}", area.name, area_office=area)


def province_scope(province: Province) -> ScopeChoice:
    return ScopeChoice(f"province:{province.pk}", province.name, province=province)


def make_page(
    actor: User,
    scope: ScopeChoice,
    *,
    title: str = "หลักเกณฑ์การประเมิน",
    body: str = "ครูจัดทำข้อตกลงปีละครั้ง",
    kind: str = Page.Kind.CRITERIA,
    keys: tuple[str, ...] = (),
    publish: bool = True,
    summary: str = "",
) -> Page:
    draft = PageDraft(kind=kind, title=title, body=body, keys=keys, summary=summary)
    return page_create(actor=actor, scope=scope, draft=draft, publish=publish)
