"""Reading help pages: what a place's readers see, the page that explains a key, Thai word search."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import reverse

from helpcentre.access import Places
from helpcentre.keys import KEY_PATTERN
from helpcentre.models import Page, PageKey, PageWord
from helpcentre.search import Hit, query_groups, ranked, snippet
from org.models import AreaOffice

SEARCH_RESULTS_MAX = 20


def area_help_url(area: AreaOffice) -> str:
    """The absolute address of an area office's help centre: what its poster's QR code encodes."""
    return settings.SITE_URL.rstrip("/") + reverse("help_area", args=[area.code])


def pages_for(places: Places) -> QuerySet[Page]:
    """Published pages a reader of these places sees: national ones and their offices' own."""
    return Page.objects.published().for_places(places.area_office_ids, places.province_ids)


def _nearest_first(places: Places) -> Case:
    """Area pages before province pages before national ones."""
    return Case(
        When(area_office_id__in=places.area_office_ids, then=Value(0)),
        When(province_id__in=places.province_ids, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def page_for_key(key: str, places: Places) -> Page | None:
    """The published page that explains `key` for these places, the nearest office's first."""
    claimed = PageKey.objects.filter(key=key).values("page_id")
    return (
        pages_for(places)
        .filter(pk__in=claimed)
        .annotate(nearness=_nearest_first(places))
        .order_by("nearness", "position", "pk")
        .first()
    )


@dataclass(frozen=True)
class SearchResult:
    page: Page
    matched: int
    snippet: list[tuple[str, bool]]


def search_pages(query: str, places: Places, *, limit: int = SEARCH_RESULTS_MAX) -> list[SearchResult]:
    """Published pages of these places ranked by how many of the query's words they contain."""
    groups = query_groups(query)
    candidates = pages_for(places)
    hits: list[Hit] = ranked(PageWord.objects.filter(page__in=candidates.values("pk")), "page_id", groups, limit)
    key = query.strip().lower()
    keyed = (
        list(candidates.filter(keys__key=key).values_list("pk", flat=True)[:limit])
        if KEY_PATTERN.fullmatch(key)
        else []
    )
    order = [*keyed, *(hit.owner_id for hit in hits if hit.owner_id not in keyed)][:limit]
    matched = {hit.owner_id: hit.matched for hit in hits}
    pages = Page.objects.select_related("area_office", "province").in_bulk(order)
    return [
        SearchResult(pages[pk], matched.get(pk, len(groups)), snippet(pages[pk].body_text, groups))
        for pk in order
        if pk in pages
    ]
