"""The tables every dashboard shows, as plain values: the page renders them and exports the same ones.

A `Table` has a name (for `?export=xlsx&table=<name>`), a title, column headings and rows of numbers and
texts, so the Excel file, the CSV and the page can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from dashboards.figures import Figures, heat_class

Value = int | Decimal | str | None


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    classes: tuple[tuple[str, ...], ...] = field(default=(), compare=False)  # per cell, for the heatmap
    links: tuple[str, ...] = field(default=(), compare=False)  # per row: where its first cell leads

    def linked_rows(self) -> list[tuple[str, Value, tuple[Value, ...]]]:
        """(link, first cell, other cells) per row, for the page."""
        links = self.links or ("",) * len(self.rows)
        return [(link, row[0], row[1:]) for link, row in zip(links, self.rows, strict=True)]

    def heat_rows(self) -> list[tuple[Value, tuple[tuple[Value, str], ...]]]:
        """(first cell, ((value, css class), …)) per row, for the heatmap."""
        classes = self.classes or tuple(("",) * len(row) for row in self.rows)
        return [
            (row[0], tuple(zip(row[1:], css[1:], strict=True))) for row, css in zip(self.rows, classes, strict=True)
        ]


def progress_headings(first: str) -> tuple[str, ...]:
    return (
        first,
        _("ครูที่จัดทำ PA"),
        _("ยังไม่มีข้อตกลง"),
        _("ฉบับร่าง"),
        _("ส่งแล้ว รอพิจารณา"),
        _("ส่งกลับแก้ไข"),
        _("เห็นชอบแล้ว"),
        _("มีคณะกรรมการ"),
        _("ประเมินครบ 3 คน"),
        _("ประกาศผลแล้ว"),
        _("ผ่านเกณฑ์"),
        _("ไม่ผ่านเกณฑ์"),
        _("กรรมการให้คะแนนต่างกันมาก"),
        _("ร้อยละเห็นชอบ"),
        _("ร้อยละมีคณะกรรมการ"),
        _("ร้อยละประกาศผล"),
        _("อัตราผ่าน (ร้อยละ)"),
    )


def progress_row(label: str, figures: Figures) -> tuple[Value, ...]:
    c = figures.counts
    return (
        label,
        c["teachers"],
        c["no_agreement"],
        c["draft"],
        c["submitted"],
        c["returned"],
        c["approved"],
        c["with_committee"],
        c["scored"],
        c["published"],
        c["passed"],
        c["failed"],
        c["flagged"],
        figures.approved_share,
        figures.committee_share,
        figures.published_share,
        figures.pass_rate,
    )


def progress_table(
    name: str,
    title: str,
    first: str,
    figures: Sequence[Figures],
    labels: Mapping[Any, str],
    links: Mapping[Any, str] | None = None,
) -> Table:
    return Table(
        name=name,
        title=title,
        headings=progress_headings(first),
        rows=tuple(progress_row(labels.get(figure.key, str(figure.key)), figure) for figure in figures),
        links=tuple((links or {}).get(figure.key, "") for figure in figures),
    )


def heatmap_table(
    name: str,
    title: str,
    first: str,
    figures: Sequence[Figures],
    labels: Mapping[Any, str],
    items: Sequence[tuple[str, str]],
) -> Table:
    """Average level per indicator (columns) per unit (rows), with a colour class per cell."""
    rows, classes = [], []
    for figure in figures:
        averages = [figure.item_average(index) for index in range(len(items))]
        rows.append((labels.get(figure.key, str(figure.key)), figure.counts["item_sheets"], *averages))
        classes.append(("", "", *(heat_class(value) for value in averages)))
    return Table(
        name=name,
        title=title,
        headings=(first, _("แบบประเมินที่ส่งแล้ว"), *(code for code, _name in items)),
        rows=tuple(rows),
        classes=tuple(classes),
    )
