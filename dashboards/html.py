"""The dashboards' big tables and bars as HTML, written in Python rather than template loops.

An area office of 300 schools is 300 × 37 cells plus 300 bars: Django's template engine spends most of a
second on that many variable lookups and filters, string building with `escape` a few milliseconds. Every
text goes through `escape`; numbers are formatted here (and turned into Thai digits when the reader asked).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape as _escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dashboards.pages import Bar
from dashboards.tables import Table, Value

_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def escape(text: object) -> str:
    """HTML-escaped text, quotes included (the standard library's, without Django's lazy-string wrapper)."""
    return _escape(str(text), quote=True)


def number(value: Value, *, thai: bool) -> str:
    """A cell's number as shown: "–" for none, Decimals as written (3.33), Thai digits when asked for."""
    if value is None:
        return "–"
    text = f"{value:f}" if isinstance(value, Decimal) else escape(value)
    return text.translate(_THAI) if thai else text


def _exports(table: Table, query: str) -> str:
    base = f"?{escape(query)}&amp;table={escape(table.name)}"
    return (
        f'<p class="exports"><a href="{base}&amp;export=xlsx" download>{escape(_("ส่งออก Excel"))}</a>'
        f' · <a href="{base}&amp;export=csv" download>CSV</a></p>'
    )


def _head(table: Table, query: str) -> str:
    """The section's opening, its title and its export links."""
    return (
        f'<section class="card" id="table-{escape(table.name)}">'
        f'<div class="section-head"><h2>{escape(table.title)}</h2>{_exports(table, query)}</div>'
    )


def figures_table(table: Table, query: str, *, thai: bool) -> SafeString:
    parts = [_head(table, query)]
    if not table.rows:
        parts.append(f'<p class="empty-state">{escape(_("ยังไม่มีข้อมูลตามตัวกรองนี้"))}</p></section>')
        return mark_safe("".join(parts))  # noqa: S308 — every piece above is escaped
    headings = "".join(
        f'<th scope="col"{"" if index == 0 else ' class="num"'}>{escape(heading)}</th>'
        for index, heading in enumerate(table.headings)
    )
    parts.append(f'<div class="table-wrap"><table class="figures"><thead><tr>{headings}</tr></thead><tbody>')
    for link, first, cells in table.linked_rows():
        label = escape(str(first))
        head = f'<a href="{escape(link)}">{label}</a>' if link else label
        values = "".join(f'<td class="num">{number(value, thai=thai)}</td>' for value in cells)
        parts.append(f'<tr><th scope="row">{head}</th>{values}</tr>')
    parts.append("</tbody></table></div></section>")
    return mark_safe("".join(parts))  # noqa: S308 — every piece above is escaped


def heatmap(table: Table, query: str, items: Sequence[tuple[str, str]], *, thai: bool) -> SafeString:
    parts = [_head(table, query)]
    if not table.rows:
        parts.append(f'<p class="empty-state">{escape(_("ยังไม่มีแบบประเมินที่ส่งแล้วตามตัวกรองนี้"))}</p></section>')
        return mark_safe("".join(parts))  # noqa: S308 — every piece above is escaped
    names = dict(items)
    headings = "".join(
        f'<th scope="col"{_title(names.get(str(heading)))}>{escape(heading)}</th>' for heading in table.headings
    )
    parts.append(f'<div class="table-wrap"><table class="heatmap"><thead><tr>{headings}</tr></thead><tbody>')
    for first, cells in table.heat_rows():
        values = "".join(f'<td class="{css}">{number(value, thai=thai)}</td>' for value, css in cells)
        parts.append(f'<tr><th scope="row">{escape(str(first))}</th>{values}</tr>')
    legend = escape(_("ระดับเฉลี่ย"))
    hint = escape(_("สีเข้มโทนแดงคือยังอ่อน ควรพัฒนา"))
    parts.append(
        "</tbody></table></div>"
        f'<p class="heat-legend muted">{legend} <span class="heat-1">1</span><span class="heat-3">2</span>'
        f'<span class="heat-5">3</span><span class="heat-8">4</span> · {hint}</p>'
        f'<details><summary>{escape(_("ชื่อตัวชี้วัด"))}</summary><dl class="details">'
        + "".join(f"<dt>{escape(code)}</dt><dd>{escape(name)}</dd>" for code, name in items)
        + "</dl></details></section>"
    )
    return mark_safe("".join(parts))  # noqa: S308 — every piece above is escaped


def _title(name: str | None) -> str:
    return f' title="{escape(name)}"' if name else ""


def bars(items: Sequence[Bar], *, thai: bool) -> SafeString:
    rows = []
    for bar in items:
        present = [(step, label, teachers, x, width) for step, label, teachers, x, width in bar.segments if teachers]
        described = " ".join(f"{label} {number(teachers, thai=thai)}" for _step, label, teachers, _x, _w in present)
        rects = "".join(
            f'<rect x="{x:f}" width="{width:f}" height="6" class="step-{step}"><title>{escape(label)} '
            f"{number(teachers, thai=thai)}</title></rect>"
            for step, label, teachers, x, width in present
        )
        name = escape(bar.label)
        rows.append(
            f'<div class="bar-row"><span class="bar-label">{name}</span><svg class="bar" viewBox="0 0 100 6" '
            f'preserveAspectRatio="none" role="img" aria-label="{name}: {escape(described)}">{rects}</svg></div>'
        )
    if not rows:
        rows.append(f'<p class="empty-state">{escape(_("ยังไม่มีข้อมูลตามตัวกรองนี้"))}</p>')
    return mark_safe("".join(rows))  # noqa: S308 — every piece above is escaped
