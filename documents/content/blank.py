"""Blank PA 1/ส, PA 2/ส and PA 3/ส from the rulebook edition alone: the forms the help centre offers to print.

The same headings, indicator names, level labels and signature blocks as the filled documents, with dotted
lines where a person writes; no record is read.
"""

from __future__ import annotations

from django.utils import translation

from documents.blocks import Block, Cell, Check, Document, Fields, Row, Signature, Signatures, Space, Table, Text
from documents.content import pa1, pa2, pa3
from documents.content.common import FORM_SUBTITLE, group_row, heading_row
from rulebook.model import Edition

LINE = "." * 70
DATE = "....... เดือน ................ พ.ศ. ......."
CHALLENGE_PARTS = (
    "1. สภาพปัญหาของผู้เรียนและการจัดการเรียนรู้",
    "2. วิธีการดำเนินการให้บรรลุผล",
    "3.1 ผลลัพธ์เชิงปริมาณ",
    "3.2 ผลลัพธ์เชิงคุณภาพ",
)


def _heading(title: str) -> list[Block]:
    return [
        Text(title, bold=True, align="C"),
        Text(FORM_SUBTITLE, bold=True, align="C"),
        Text("ปีงบประมาณ พ.ศ. ..........", align="C"),
        Text(f"ระหว่างวันที่ {DATE} ถึงวันที่ {DATE}", align="C"),
        Space(2),
    ]


def _person(title: str) -> list[Block]:
    dots = "." * 30
    return [
        Text(title, bold=True),
        Fields((("ชื่อ", dots), ("ตำแหน่ง", dots))),
        Fields((("สถานศึกษา", dots), ("สังกัด", dots))),
        Fields((("รับเงินเดือนในอันดับ", "." * 12), ("อัตราเงินเดือน", "." * 16 + " บาท"))),
    ]


def _signature(role: str) -> Signatures:
    return Signatures((Signature(name="." * 30, position="ตำแหน่ง " + "." * 30, role=role),))


def blank_pa1(edition: Edition) -> list[Block]:
    blocks: list[Block] = [*_heading(pa1.TITLE), *_person("ผู้จัดทำข้อตกลง")]
    blocks.append(Text("ประเภทห้องเรียนที่จัดการเรียนรู้ตามสภาพการจัดการเรียนรู้จริง (ระบุได้มากกว่า 1 ประเภท)", bold=True))
    blocks += [Check(kind.name, False, indent=6) for kind in edition.classroom_types]
    blocks.append(Text("ส่วนที่ 1 ข้อตกลงในการพัฒนางานตามมาตรฐานตำแหน่ง", bold=True))
    blocks.append(Text("1. ภาระงาน จะมีภาระงานเป็นไปตามที่ ก.ค.ศ. กำหนด (ชั่วโมง/สัปดาห์)", indent=6))
    for category in edition.workload.categories:
        blocks.append(Text(f"{category.number} {category.name} จำนวน ........ ชั่วโมง/สัปดาห์", indent=12))
    rows: list[Row] = []
    for domain in edition.domains:
        rows.append(group_row(f"ด้านที่ {domain.code} {domain.name}", 4))
        rows += [Row((Cell(f"{i.code} {i.name}"), Cell(""), Cell(""), Cell(""))) for i in domain.indicators]
    blocks.append(Table(widths=(2.4, 3, 2.6, 2.4), header=(heading_row(*pa1.PLAN_HEADINGS),), rows=tuple(rows)))
    blocks.append(Text("ส่วนที่ 2 ข้อตกลงในการพัฒนางานที่เสนอเป็นประเด็นท้าทายในการพัฒนาผลลัพธ์การเรียนรู้ของผู้เรียน", bold=True))
    blocks.append(Text(f"ประเด็นท้าทาย เรื่อง {LINE}", indent=6))
    for part in CHALLENGE_PARTS:
        blocks += [Text(part, bold=True, indent=6), Text(LINE, indent=12), Text(LINE, indent=12)]
    blocks += [Space(4), _signature("ผู้จัดทำข้อตกลง"), Space(4), Text("ความเห็นของผู้อำนวยการสถานศึกษา", bold=True)]
    blocks += [Check(pa1.APPROVE, False, indent=6), Check(pa1.RETURN, False, indent=6), Text(LINE, indent=16)]
    blocks.append(_signature("ผู้อำนวยการสถานศึกษา"))
    return blocks


def blank_pa2(edition: Edition) -> list[Block]:
    blocks: list[Block] = [*_heading(pa2.TITLE), *_person("ข้อมูลผู้รับการประเมิน")]
    empty = tuple(Cell("") for _ in range(5))
    rows: list[Row] = []
    for domain in edition.domains:
        rows.append(group_row(f"ด้านที่ {domain.code} {domain.name}", 6))
        rows += [Row((Cell(f"{i.code} {i.name}"), *empty)) for i in domain.indicators]
    blocks += [
        Text(f"ส่วนที่ 1 {edition.scoring.part1_name}", bold=True),
        Table(widths=(6.4, 0.8, 0.8, 0.8, 0.8, 1.4), header=pa2.level_heading(), rows=tuple(rows)),
        Text(f"ส่วนที่ 2 {edition.scoring.part2_name}", bold=True),
        Table(
            widths=(6.4, 0.8, 0.8, 0.8, 0.8, 1.4),
            header=pa2.level_heading("ประเด็นการประเมิน"),
            rows=tuple(Row((Cell(f"{item.number} {item.name}"), *empty)) for item in edition.scoring.part2_items),
        ),
        Text("ระดับคุณภาพ", bold=True),
        *(Text(f"ระดับ {level.value} {level.label}", indent=6) for level in edition.levels),
        Text("ความเห็นของผู้ประเมิน", bold=True),
        Text(LINE, indent=6),
        Text(LINE, indent=6),
        Space(4),
        _signature("กรรมการ (ผู้ประเมิน)"),
    ]
    return blocks


def blank_pa3(edition: Edition) -> list[Block]:
    scoring = edition.scoring
    members = ("กรรมการคนที่ 1", "กรรมการคนที่ 2", "กรรมการคนที่ 3")
    parts = (
        f"ส่วนที่ 1 {scoring.part1_name}",
        f"ส่วนที่ 2 {scoring.part2_name}",
        "รวม",
    )
    rows = tuple(Row((Cell(part), Cell(""), Cell(""), Cell(""))) for part in parts)
    return [
        *_heading(pa3.TITLE),
        *_person("ข้อมูลผู้รับการประเมิน"),
        Text("ผลการประเมิน", bold=True),
        Table(widths=(5.4, 2.2, 2.2, 2.2), header=(heading_row("องค์ประกอบการประเมิน", *members),), rows=rows),
        Text("สรุปผลการประเมิน", bold=True),
        Check(scoring.passed_label, False, indent=6),
        Check(scoring.failed_label, False, indent=6),
        Space(4),
        _signature("ประธานกรรมการ"),
        Signatures((Signature(name="." * 30, role="กรรมการ"), Signature(name="." * 30, role="กรรมการ"))),
    ]


_BUILDERS = {
    "pa1": (pa1.FORM_CODE, pa1.TITLE, blank_pa1),
    "pa2": (pa2.FORM_CODE, pa2.TITLE, blank_pa2),
    "pa3": (pa3.FORM_CODE, pa3.TITLE, blank_pa3),
}
KINDS = tuple(_BUILDERS)


def blank_document(kind: str, edition: Edition) -> Document:
    form_code, title, build = _BUILDERS[kind]
    with translation.override("th"):
        return Document(
            kind=f"blank_{kind}",
            form_code=form_code,
            title=f"{title} (แบบฟอร์มเปล่า)",
            blocks=tuple(build(edition)),
            meta={"name": "แบบฟอร์มเปล่า", "year": ""},
        )
