"""The province's inspection report as an editable Word file, laid out like the report's sections.

(๑) situation, (๒) results — the figures filled in from the dashboard, (๓) obstacles, (๔) suggestions,
(๕) good practices — the text parts left as dotted lines for the inspector to write. Built as a
`documents.blocks.Document` so the DOCX has the official Thai font settings of every other document.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from dashboards.pages import Page
from dashboards.tables import Table as FigureTable
from documents.blocks import Block, Cell, Document, Row, Space, Table, Text
from org.models import Province
from rulebook.numbers import format_number

WRITE_HERE = "." * 90


def _number(value: object) -> str:
    if value is None:
        return "-"
    return format_number(value) if isinstance(value, Decimal) else str(value)


def _table(figures: FigureTable, columns: tuple[int, ...]) -> Table:
    header = Row(tuple(Cell(figures.headings[index], bold=True, align="C") for index in columns))
    rows = tuple(
        Row(tuple(Cell(_number(row[index]), align="L" if index == 0 else "R") for index in columns))
        for row in figures.rows
    )
    return Table(widths=tuple(4.0 if index == 0 else 1.4 for index in columns), header=(header,), rows=rows, size=14)


def _blank(title: str) -> list[Block]:
    return [Text(title, bold=True), *(Text(WRITE_HERE, indent=10) for _ in range(4)), Space(2)]


def inspection_report(province: Province, page: Page) -> Document:
    with translation.override("th"):
        year = page.filters.fiscal_year.year
        totals, using = page.totals, page.units_using
        c = totals.counts
        results: list[Block] = [
            Text("๒) ผลการดำเนินงาน", bold=True),
            Text(
                f"หน่วยงานที่ใช้ระบบ: สำนักงานเขตพื้นที่การศึกษา {using.get('area_offices', 0)} แห่ง "
                f"สถานศึกษา {using.get('schools', 0)} แห่ง จากสถานศึกษาในระบบ {using.get('schools_listed', 0)} แห่ง",
                indent=10,
            ),
            Text(
                f"ครูที่จัดทำข้อตกลง {c['teachers']} คน ข้อตกลงที่ผู้อำนวยการเห็นชอบแล้ว {c['approved']} คน "
                f"(ร้อยละ {_number(totals.approved_share)}) มีคณะกรรมการประเมินแล้ว {c['with_committee']} คน "
                f"(ร้อยละ {_number(totals.committee_share)}) ประกาศผลแล้ว {c['published']} คน "
                f"(ร้อยละ {_number(totals.published_share)})",
                indent=10,
            ),
            Text(
                f"ผลการประเมินที่ประเมินครบแล้ว {c['scored']} คน ผ่านเกณฑ์ {c['passed']} คน "
                f"ไม่ผ่านเกณฑ์ {c['failed']} คน (อัตราผ่านร้อยละ {_number(totals.pass_rate)})",
                indent=10,
            ),
        ]
        if page.weakest:
            weak = " ".join(f"{item.code} {item.name} (เฉลี่ย {_number(item.average)})" for item in page.weakest)
            results.append(Text(f"ตัวชี้วัดที่ครูยังมีระดับคุณภาพเฉลี่ยต่ำที่สุด: {weak}", indent=10))
        areas = page.table("areas")
        results += [Space(2), _table(areas, (0, 1, 6, 7, 9, 10, 16)), Space(2)]
        blocks: list[Block] = [
            Text("รายงานผลการตรวจราชการและติดตามประเมินผลการจัดการศึกษา", bold=True, align="C"),
            Text(f"ประจำปีงบประมาณ พ.ศ. {year}", bold=True, align="C"),
            Text(f"สำนักงานศึกษาธิการจังหวัด{province.name}", bold=True, align="C"),
            Text("นโยบายการตรวจฯ : การลดภาระครูและบุคลากรทางการศึกษา", align="C", space_after=3),
            *_blank("๑) การวิเคราะห์สถานการณ์ในพื้นที่"),
            *results,
            *_blank("๓) ปัญหาอุปสรรค"),
            *_blank("๔) ข้อคิดเห็นและข้อเสนอแนะในภาพรวม"),
            *_blank("๕) รูปแบบ แนวทาง หรือนวัตกรรมที่เป็นแบบอย่างที่ดี (ถ้ามี)"),
        ]
        return Document(
            kind="report",
            form_code="",
            title=f"รายงานผลการตรวจราชการ จังหวัด{province.name} ปีงบประมาณ พ.ศ. {year}",
            blocks=tuple(blocks),
            thai_digits=True,
        )
