"""PA 3/ส — the summary of the three members' scores and the result, signed by the committee."""

from __future__ import annotations

from django.utils import translation

from committees.models import Evaluation, ScoreSheet, Seat
from committees.results import MemberTotals, summary
from documents.blocks import Block, Cell, Check, Document, Row, Signatures, Space, Table, Text
from documents.content.common import (
    heading,
    heading_row,
    live_snapshot,
    number,
    position_label,
    seat_position,
    signature,
    teacher_fields,
)
from org.models import School
from rulebook.model import Edition

TITLE = "แบบสรุปผลการประเมินผลการพัฒนางานตามข้อตกลง (PA)"
FORM_CODE = "PA 3/ส"


def pa3_document(evaluation: Evaluation, seats: list[Seat], sheets: list[ScoreSheet]) -> Document:
    """The evaluation's PA 3/ส from its held seats and their submitted sheets."""
    with translation.override("th"):
        agreement = evaluation.agreement
        edition = agreement.fiscal_year.edition
        snapshot = agreement.snapshot or live_snapshot(agreement.teacher, agreement.school)
        result = summary(evaluation, seats, sheets, edition)
        members = list(result.members)
        blocks: list[Block] = [
            *heading(TITLE, agreement.fiscal_year, standing_line=f"ตำแหน่ง{position_label(snapshot, edition)}"),
            Text("ข้อมูลผู้รับการประเมิน", bold=True),
            *teacher_fields(snapshot, edition),
            Space(2),
            Text("ผลการประเมิน", bold=True),
            _scores(members, edition),
            *_verdict(result.passed, list(result.reasons), edition),
            Space(4),
            *_signatures(members, evaluation.committee.school, edition),
        ]
        return Document(
            kind="pa3",
            form_code=FORM_CODE,
            title=f"{TITLE} {snapshot.get('name', '')} ปีงบประมาณ พ.ศ. {agreement.fiscal_year.year}",
            blocks=tuple(blocks),
            thai_digits=agreement.school.thai_digits_in_documents,
            meta={"name": str(snapshot.get("name", "")), "year": str(agreement.fiscal_year.year)},
        )


def _scores(members: list[MemberTotals], edition: Edition) -> Table:
    scoring = edition.scoring
    rows = (
        Row((Cell("ชื่อกรรมการ"), *(Cell(f"{member.name}\n({member.role})", align="C") for member in members))),
        Row(
            (
                Cell(f"ส่วนที่ 1 {scoring.part1_name} ({number(scoring.part1_max)} คะแนน)"),
                *(Cell(member.part1, align="C") for member in members),
            )
        ),
        Row(
            (
                Cell(f"ส่วนที่ 2 {scoring.part2_name} ({number(scoring.part2_max)} คะแนน)"),
                *(Cell(member.part2, align="C") for member in members),
            )
        ),
        Row(
            (
                Cell(f"รวม ({number(scoring.total_max)} คะแนน)", bold=True),
                *(Cell(member.total, bold=True, align="C") for member in members),
            )
        ),
    )
    return Table(
        widths=(5.4, *(2.2 for _ in members)),
        header=(heading_row("องค์ประกอบการประเมิน", *(f"กรรมการคนที่ {member.number}" for member in members)),),
        rows=rows,
    )


def _verdict(passed: bool | None, reasons: list[str], edition: Edition) -> list[Block]:
    scoring = edition.scoring
    threshold = number(scoring.pass_threshold_per_member)
    blocks: list[Block] = [
        Text("สรุปผลการประเมิน", bold=True),
        Check(
            f"{scoring.passed_label} (ภาระงานเป็นไปตามที่ ก.ค.ศ. กำหนด และได้คะแนนจากกรรมการแต่ละคนไม่ต่ำกว่า"
            f" {threshold} คะแนน)",
            passed is True,
            indent=6,
        ),
        Check(scoring.failed_label, passed is False, indent=6),
    ]
    if passed is False:
        blocks += [Text(f"เหตุผล: {reason}", indent=16) for reason in reasons]
    return blocks


def _signatures(members: list[MemberTotals], school: School, edition: Edition) -> list[Block]:
    """ว 9/2564's PA 3: the chair in the centre, the two members side by side below."""
    people = [
        signature(member.seat.person, position=seat_position(member.seat, school, edition), role=member.role)
        for member in members
    ]
    chair, others = people[:1], people[1:]
    blocks: list[Block] = []
    if chair:
        blocks.append(Signatures(tuple(chair)))
    if others:
        blocks.append(Signatures(tuple(others)))
    return blocks
