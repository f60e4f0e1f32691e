"""PA 2/ส — one committee member's score sheet for one teacher, as the member signs it."""

from __future__ import annotations

from django.utils import translation

from committees.models import ScoreSheet
from committees.results import ItemRow, RowGroup, sheet_view
from documents.blocks import Block, Cell, Document, Row, Signatures, Space, Table, Text
from documents.content.common import (
    group_row,
    heading,
    live_snapshot,
    number,
    position_label,
    seat_position,
    signature,
    standing_of,
    teacher_fields,
)
from rulebook import expected_level_sentence
from rulebook.model import Edition

TITLE = "แบบประเมินผลการพัฒนางานตามข้อตกลง (PA)"
FORM_CODE = "PA 2/ส"
LEVELS = ("1", "2", "3", "4")


def pa2_document(sheet: ScoreSheet) -> Document:
    """The sheet (fetched with its seat's person and its evaluation's agreement) as PA 2/ส."""
    with translation.override("th"):
        evaluation = sheet.evaluation
        agreement = evaluation.agreement
        edition = agreement.fiscal_year.edition
        snapshot = agreement.snapshot or live_snapshot(agreement.teacher, agreement.school)
        view = sheet_view(sheet, edition)
        standing = standing_of(str(snapshot.get("standing") or ""), edition)
        expected = expected_level_sentence(standing.code, edition) if standing and standing.makes_pa else ""
        blocks: list[Block] = [
            *heading(TITLE, agreement.fiscal_year, standing_line=f"ตำแหน่ง{position_label(snapshot, edition)}"),
            Text("ข้อมูลผู้รับการประเมิน", bold=True),
            *teacher_fields(snapshot, edition),
        ]
        if not sheet.is_submitted:
            blocks.append(Text("ฉบับร่าง: กรรมการยังไม่ได้ส่งผลการประเมิน คะแนนอาจเปลี่ยนแปลง", bold=True))
        blocks.append(Text(f"ผู้ประเมิน {view.name} ({view.role})", space_after=2))
        practices = _practices(edition, standing.code if standing else "")
        blocks += _part1(view.groups[:-1], expected, practices, edition, view.part1)
        blocks += _part2(view.groups[-1].rows, edition, view.part2)
        blocks += _summary(view.part1, view.part2, view.total, edition)
        blocks += _comments(view.groups, sheet.overall_comment)
        blocks += [
            Space(4),
            Signatures(
                (
                    signature(
                        sheet.seat.person,
                        position=seat_position(sheet.seat, evaluation.committee.school, edition),
                        role=f"{view.role} (ผู้ประเมิน)",
                        when=sheet.submitted_at,
                    ),
                )
            ),
        ]
        return Document(
            kind="pa2",
            form_code=FORM_CODE,
            title=f"{TITLE} {snapshot.get('name', '')} โดย {view.name}",
            blocks=tuple(blocks),
            thai_digits=agreement.school.thai_digits_in_documents,
            meta={"name": str(snapshot.get("name", "")), "year": str(agreement.fiscal_year.year)},
        )


def _level_cells(row: ItemRow) -> tuple[Cell, ...]:
    chosen = row.cells[0].level
    return tuple(Cell("", align="C", mark=str(chosen) == level) for level in LEVELS)


def _practices(edition: Edition, standing_code: str) -> dict[str, str]:
    """The rulebook's expected-practice paragraph per indicator for the teacher's standing, where it has one."""
    if not standing_code:
        return {}
    found = {code: edition.expected_practice(code, standing_code) for code in (i.code for i in edition.indicators)}
    return {code: text for code, text in found.items() if text}


def _part1(
    groups: tuple[RowGroup, ...], expected: str, practices: dict[str, str], edition: Edition, total: str
) -> list[Block]:
    rows: list[Row] = []
    for group in groups:
        rows.append(group_row(group.title, 6))
        for row in group.rows:
            practice = practices.get(row.code)
            label = f"{row.number} {row.name}" + (f"\nระดับการปฏิบัติที่คาดหวัง: {practice}" if practice else "")
            rows.append(Row((Cell(label), *_level_cells(row), Cell(row.cells[0].points_shown, align="C"))))
    rows.append(
        Row(
            (
                Cell(f"รวมคะแนนส่วนที่ 1 (เต็ม {number(edition.scoring.part1_max)})", bold=True, span=5),
                Cell(total, bold=True, align="C"),
            )
        )
    )
    blocks: list[Block] = [Text(f"ส่วนที่ 1 {edition.scoring.part1_name}", bold=True)]
    if expected:
        blocks.append(Text(expected, indent=6))
    blocks.append(
        Table(
            widths=(6.4, 0.8, 0.8, 0.8, 0.8, 1.4),
            header=level_heading(),
            rows=tuple(rows),
        )
    )
    return blocks


def level_heading(first: str = "ตัวชี้วัด") -> tuple[Row, Row]:
    """Two header rows: the item, "ระดับคุณภาพ" over the four levels, the points; then 1 2 3 4."""
    return (
        Row(
            (
                Cell(first, bold=True, align="C"),
                Cell("ระดับคุณภาพ", bold=True, align="C", span=4),
                Cell("คะแนน", bold=True, align="C"),
            )
        ),
        Row((Cell(""), *(Cell(level, bold=True, align="C") for level in LEVELS), Cell(""))),
    )


def _part2(rows: tuple[ItemRow, ...], edition: Edition, total: str) -> list[Block]:
    body = [
        Row((Cell(f"{row.number} {row.name}"), *_level_cells(row), Cell(row.cells[0].points_shown, align="C")))
        for row in rows
    ]
    body.append(
        Row(
            (
                Cell(f"รวมคะแนนส่วนที่ 2 (เต็ม {number(edition.scoring.part2_max)})", bold=True, span=5),
                Cell(total, bold=True, align="C"),
            )
        )
    )
    return [
        Text(f"ส่วนที่ 2 {edition.scoring.part2_name}", bold=True),
        Table(
            widths=(6.4, 0.8, 0.8, 0.8, 0.8, 1.4),
            header=level_heading("ประเด็นการประเมิน"),
            rows=tuple(body),
        ),
    ]


def _summary(part1: str, part2: str, total: str, edition: Edition) -> list[Block]:
    scoring = edition.scoring
    return [
        Text("สรุปผลการประเมิน", bold=True),
        Table(
            widths=(6, 2),
            header=(Row((Cell("องค์ประกอบการประเมิน", bold=True, align="C"), Cell("คะแนนที่ได้", bold=True, align="C"))),),
            rows=(
                Row((Cell(f"ส่วนที่ 1 (เต็ม {number(scoring.part1_max)} คะแนน)"), Cell(part1, align="C"))),
                Row((Cell(f"ส่วนที่ 2 (เต็ม {number(scoring.part2_max)} คะแนน)"), Cell(part2, align="C"))),
                Row(
                    (Cell(f"รวม (เต็ม {number(scoring.total_max)} คะแนน)", bold=True), Cell(total, bold=True, align="C"))
                ),
            ),
        ),
    ]


def _comments(groups: tuple[RowGroup, ...], overall: str) -> list[Block]:
    blocks: list[Block] = [Text("ความเห็นของผู้ประเมิน", bold=True)]
    for group in groups:
        for row in group.rows:
            if row.cells[0].comment:
                blocks.append(Text(f"{row.label}: {row.cells[0].comment}", indent=6))
    blocks.append(Text(f"ความเห็นโดยรวม: {overall or '-'}", indent=6))
    return blocks
