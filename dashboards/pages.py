"""What each dashboard page shows, assembled from summary rows: one function per level, no request handling.

Each returns a `Page`: the unit, its filters, the totals, the tables (which the page shows and exports) and
the chart data. The views only fetch the unit through `dashboards.access`, parse the filters and respond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.points import item_codes
from dashboards.figures import STEPS, Figures, combined, grouped, weakest
from dashboards.filters import Filters
from dashboards.models import AreaUsage
from dashboards.tables import Table, heatmap_table, progress_table
from org.models import AreaOffice, LearningArea, Membership, Province, Role, School
from reminders.models import Step
from reminders.queries import overdue_schools
from rulebook.model import Edition
from thaitext import thai_sorted


@dataclass(frozen=True)
class Bar:
    """One unit's teachers per step, as percentages of the bar's width (for an SVG stacked bar)."""

    label: str
    segments: tuple[tuple[str, str, int, Decimal, Decimal], ...]  # step, its label, teachers, x %, width %


@dataclass(frozen=True)
class Behind:
    school: School
    figures: Figures
    director: str
    phone: str
    email: str
    overdue: tuple[str, ...] = ()  # labels of the steps whose deadline passed with work undone


@dataclass
class Page:
    unit: Any
    filters: Filters
    totals: Figures
    tables: list[Table]
    bars: list[Bar] = field(default_factory=list)
    weakest: list[Any] = field(default_factory=list)
    behind: list[Behind] = field(default_factory=list)
    units_using: dict[str, int] = field(default_factory=dict)

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)


def step_labels() -> dict[str, str]:
    return {
        "no_agreement": _("ยังไม่มีข้อตกลง"),
        "draft": _("ฉบับร่าง"),
        "submitted": _("ส่งแล้ว รอพิจารณา"),
        "returned": _("ส่งกลับแก้ไข"),
        "approved_only": _("เห็นชอบ รอคณะกรรมการ"),
        "with_committee_only": _("กำลังประเมิน"),
        "scored_only": _("ประเมินครบ รอประกาศ"),
        "published": _("ประกาศผลแล้ว"),
    }


def indicator_items(edition: Edition) -> list[tuple[str, str]]:
    """(code, name) of every item the summaries sum, in slot order: the 15 indicators, then Part 2."""
    names = {indicator.code: indicator.name for indicator in edition.indicators}
    names.update({item.code: f"{item.number} {item.name}" for item in edition.scoring.part2_items})
    return [(code, names[code]) for code in item_codes(edition)]


def bars(figures: Sequence[Figures], labels: dict[Any, str]) -> list[Bar]:
    names = step_labels()
    result = []
    for figure in figures:
        steps = figure.steps()
        whole = sum(steps.values())
        x, segments = Decimal(0), []
        for step in STEPS:
            width = Decimal(100 * steps[step]) / whole if whole else Decimal(0)
            segments.append(
                (step, names[step], steps[step], x.quantize(Decimal("0.01")), width.quantize(Decimal("0.01")))
            )
            x += width
        result.append(Bar(labels.get(figure.key, str(figure.key)), tuple(segments)))
    return result


def _names(model: Any, keys: Sequence[Any]) -> dict[Any, str]:
    return dict(model.objects.filter(pk__in=[key for key in keys if key]).values_list("pk", "name"))


def learning_area_labels(keys: Sequence[str]) -> dict[str, str]:
    labels = dict(LearningArea.choices)
    return {key: str(labels.get(key, _("ไม่ระบุกลุ่มสาระ"))) for key in keys}


def _by_learning_area(rows: QuerySet[Any], items: list[tuple[str, str]]) -> list[Table]:
    figures = grouped(rows, "learning_area")
    labels = learning_area_labels([figure.key for figure in figures])
    return [
        progress_table("learning_areas", _("ความก้าวหน้าตามกลุ่มสาระการเรียนรู้"), _("กลุ่มสาระการเรียนรู้"), figures, labels),
        heatmap_table(
            "heatmap_learning_areas",
            _("ระดับคุณภาพเฉลี่ยรายตัวชี้วัด ตามกลุ่มสาระการเรียนรู้"),
            _("กลุ่มสาระการเรียนรู้"),
            figures,
            labels,
            items,
        ),
    ]


def _directors(schools: Sequence[int]) -> dict[int, tuple[str, str, str]]:
    found: dict[int, tuple[str, str, str]] = {}
    memberships = (
        Membership.objects.active()
        .filter(role=Role.DIRECTOR, school_id__in=schools, user__person__isnull=False)
        .select_related("user__person")
        .order_by("pk")
    )
    for membership in memberships:
        person = membership.user.person
        found.setdefault(int(membership.school_id or 0), (person.full_name, person.phone, membership.user.email or ""))
    return found


def area_page(area: AreaOffice, filters: Filters, rows: QuerySet[Any], *, sort: str = "progress") -> Page:
    """An area office: every school's progress, who is behind (with contacts), pass rates and the heatmap."""
    edition = filters.fiscal_year.edition
    items = indicator_items(edition)
    rows = filters.apply(rows)
    per_school = grouped(rows, "school")
    schools = {school.pk: school for school in School.objects.filter(pk__in=[f.key for f in per_school])}
    labels = {pk: school.name for pk, school in schools.items()}
    per_school = _sorted(per_school, labels, sort)
    links = {pk: reverse("school_dashboard", args=[pk]) + f"?{filters.query(school='')}" for pk in schools}
    directors = _directors(list(schools))
    late = overdue_schools(area.pk, filters.fiscal_year, timezone.localdate())
    steps = dict(Step.choices)
    behind = [
        Behind(
            schools[figure.key],
            figure,
            *directors.get(figure.key, ("", "", "")),
            overdue=tuple(str(steps[step]) for step in late.get(figure.key, ())),
        )
        for figure in sorted(per_school, key=lambda f: (f.progress, labels[f.key]))[:10]
        if figure.progress < 100
    ]
    tables = [
        progress_table("schools", _("ความก้าวหน้ารายโรงเรียน"), _("โรงเรียน"), per_school, labels, links),
        heatmap_table(
            "heatmap_schools",
            _("ระดับคุณภาพเฉลี่ยรายตัวชี้วัด รายโรงเรียน"),
            _("โรงเรียน"),
            per_school,
            labels,
            items,
        ),
        *_by_learning_area(rows, items),
        behind_table(behind),
    ]
    totals = combined(per_school)
    return Page(
        unit=area,
        filters=filters,
        totals=totals,
        tables=tables,
        bars=bars(per_school, labels),
        weakest=weakest(totals, items[: len(edition.indicators)]),
        behind=behind,
    )


def behind_table(behind: Sequence[Behind]) -> Table:
    """The schools furthest behind with whom to call: exported like every other table."""
    return Table(
        name="behind",
        title=_("โรงเรียนที่ยังดำเนินการช้า"),
        headings=(_("โรงเรียน"), _("ผู้อำนวยการ"), _("โทรศัพท์"), _("อีเมล"), _("ความก้าวหน้า (ร้อยละ)")),
        rows=tuple(
            (
                row.school.name,
                row.director,
                row.phone or row.school.phone,
                row.email,
                row.figures.progress.quantize(Decimal("0.1")),
            )
            for row in behind
        ),
    )


SORTS = ("progress", "name", "teachers", "approved", "committee", "published", "pass_rate", "flagged")


def sort_labels() -> list[tuple[str, str]]:
    labels = (
        _("ความก้าวหน้าน้อยก่อน"),
        _("ชื่อโรงเรียน"),
        _("จำนวนครูมากก่อน"),
        _("ร้อยละเห็นชอบ"),
        _("ร้อยละมีคณะกรรมการ"),
        _("ร้อยละประกาศผล"),
        _("อัตราผ่าน"),
        _("เห็นต่างมากก่อน"),
    )
    return list(zip(SORTS, labels, strict=True))


def _sorted(figures: list[Figures], labels: dict[Any, str], sort: str) -> list[Figures]:
    named = thai_sorted(figures, key=lambda figure: labels.get(figure.key, ""))
    keys: dict[str, Any] = {
        "progress": lambda f: f.progress,
        "teachers": lambda f: -f.counts["teachers"],
        "approved": lambda f: f.approved_share or Decimal(-1),
        "committee": lambda f: f.committee_share or Decimal(-1),
        "published": lambda f: f.published_share or Decimal(-1),
        "pass_rate": lambda f: f.pass_rate or Decimal(-1),
        "flagged": lambda f: -f.counts["flagged"],
    }
    return named if sort not in keys else sorted(named, key=keys[sort])


@dataclass(frozen=True)
class Breakdown:
    """How a page splits its unit: by which summary field, named from which model, linked to which dashboard."""

    field: str
    model: Any
    view: str
    name: str  # the table names: "areas" → tables "areas" and "heatmap_areas"
    title: str
    heatmap_title: str
    column: str


def _broken_down(unit: Province | None, filters: Filters, rows: QuerySet[Any], by: Breakdown) -> Page:
    """A page of one unit per part (areas of a province, provinces of the country) with its totals and heatmaps."""
    edition = filters.fiscal_year.edition
    items = indicator_items(edition)
    rows = filters.apply(rows)
    parts = grouped(rows, by.field)
    labels = _names(by.model, [figure.key for figure in parts])
    parts = thai_sorted(parts, key=lambda figure: labels.get(figure.key, ""))
    links = {key: reverse(by.view, args=[key]) + f"?{filters.query(area='')}" for key in labels}
    totals = combined(parts)
    return Page(
        unit=unit,
        filters=filters,
        totals=totals,
        tables=[
            progress_table(by.name, by.title, by.column, parts, labels, links),
            heatmap_table(f"heatmap_{by.name}", by.heatmap_title, by.column, parts, labels, items),
            *_by_learning_area(rows, items),
        ],
        bars=bars(parts, labels),
        weakest=weakest(totals, items[: len(edition.indicators)]),
        units_using=_using(unit, filters),
    )


def province_page(province: Province, filters: Filters, rows: QuerySet[Any]) -> Page:
    """A province: the same per area office, and the inspection report's figures."""
    by = Breakdown(
        field="area_office",
        model=AreaOffice,
        view="area_dashboard",
        name="areas",
        title=_("ความก้าวหน้ารายสำนักงานเขตพื้นที่"),
        heatmap_title=_("ระดับคุณภาพเฉลี่ยรายตัวชี้วัด รายสำนักงานเขตพื้นที่"),
        column=_("สำนักงานเขตพื้นที่การศึกษา"),
    )
    return _broken_down(province, filters, rows, by)


def _using(unit: Province | None, filters: Filters) -> dict[str, int]:
    """How many area offices and schools use the system: they have at least one agreement this year."""
    usage = AreaUsage.objects.filter(fiscal_year=filters.fiscal_year)
    if unit is not None:
        usage = usage.filter(province=unit)
    if filters.area_office is not None:
        usage = usage.filter(area_office=filters.area_office)
    figures = usage.aggregate(
        active_areas=Count("pk", filter=Q(active_schools__gt=0)),
        active=Sum("active_schools"),
        listed=Sum("schools"),
    )
    return {
        "area_offices": figures["active_areas"] or 0,
        "schools": figures["active"] or 0,
        "schools_listed": figures["listed"] or 0,
    }


def national_page(filters: Filters, rows: QuerySet[Any]) -> Page:
    """The country: per province, the heatmap per province, and how many units use the system."""
    by = Breakdown(
        field="province",
        model=Province,
        view="province_dashboard",
        name="provinces",
        title=_("ความก้าวหน้ารายจังหวัด"),
        heatmap_title=_("ระดับคุณภาพเฉลี่ยรายตัวชี้วัด รายจังหวัด"),
        column=_("จังหวัด"),
    )
    return _broken_down(None, filters, rows, by)
