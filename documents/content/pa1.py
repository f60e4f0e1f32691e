"""PA 1/ส — the agreement as the teacher and the director sign it, from the stored sections."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import translation

from agreements import content as agreement_content
from agreements.models import Agreement, AgreementVersion, ReviewDecision
from documents.blocks import Block, Cell, Check, Document, Row, Signatures, Space, Table, Text
from documents.content.common import (
    director_of,
    director_position,
    group_row,
    heading,
    heading_row,
    live_snapshot,
    number,
    position_label,
    signature,
    standing_of,
    teacher_fields,
)
from rulebook import challenge_sentence, semesters_of_fiscal_year
from rulebook.model import Edition

TITLE = "ข้อตกลงในการพัฒนางาน (PA)"
FORM_CODE = "PA 1/ส"
PLAN_HEADINGS = (
    "มาตรฐานตำแหน่ง (ตัวชี้วัด)",
    "งาน (Tasks) ที่จะดำเนินการพัฒนาตามข้อตกลงในรอบการประเมิน",
    "ผลลัพธ์ (Outcomes) ที่คาดหวังให้เกิดกับผู้เรียน",
    "ตัวชี้วัด (Indicators) ที่แสดงถึงการเปลี่ยนแปลง",
)
APPROVE = "เห็นชอบให้เป็นข้อตกลงในการพัฒนางาน"
RETURN = "ไม่เห็นชอบให้เป็นข้อตกลงในการพัฒนางาน ให้นำไปปรับปรุงแก้ไขเพิ่มเติมในประเด็นดังนี้"


def pa1_document(agreement: Agreement) -> Document:
    """The agreement `agreement` (fetched with its teacher, school and fiscal year) as PA 1/ส."""
    with translation.override("th"):
        edition = agreement.fiscal_year.edition
        sections = {section.key: section.content for section in agreement.sections.all()}
        snapshot = agreement.snapshot or live_snapshot(agreement.teacher, agreement.school)
        version = agreement.versions.select_related("decision__decided_by__person").order_by("-number").first()
        blocks: list[Block] = [*heading(TITLE, agreement.fiscal_year), Text("ผู้จัดทำข้อตกลง", bold=True)]
        blocks += teacher_fields(snapshot, edition)
        blocks += _classrooms(sections.get("classroom") or {}, edition)
        blocks.append(Text(_intent(snapshot, edition), indent=10, space_after=2))
        blocks += _workload(sections.get("workload") or {"items": []}, edition)
        blocks += _plans(sections, edition, agreement.fiscal_year.year)
        blocks += _challenge(sections.get("challenge") or {}, snapshot, edition)
        blocks += _signatures(agreement, snapshot, edition, version)
        return Document(
            kind="pa1",
            form_code=FORM_CODE,
            title=f"{TITLE} {snapshot.get('name', '')} ปีงบประมาณ พ.ศ. {agreement.fiscal_year.year}",
            blocks=tuple(blocks),
            thai_digits=agreement.school.thai_digits_in_documents,
            meta={"name": str(snapshot.get("name", "")), "year": str(agreement.fiscal_year.year)},
        )


def _classrooms(content: dict[str, Any], edition: Edition) -> list[Block]:
    chosen = set(content.get("types") or [])
    blocks: list[Block] = [Text("ประเภทห้องเรียนที่จัดการเรียนรู้ตามสภาพการจัดการเรียนรู้จริง (ระบุได้มากกว่า 1 ประเภท)", bold=True)]
    blocks += [Check(kind.name, kind.code in chosen, indent=6) for kind in edition.classroom_types]
    return blocks


def _intent(snapshot: dict[str, Any], edition: Edition) -> str:
    return (
        f"ข้าพเจ้าขอแสดงเจตจำนงในการจัดทำข้อตกลงในการพัฒนางานตำแหน่ง{position_label(snapshot, edition)} "
        "ซึ่งเป็นตำแหน่งและวิทยฐานะที่ดำรงอยู่ในปัจจุบันกับผู้อำนวยการสถานศึกษา ไว้ดังต่อไปนี้"
    )


def _workload(content: dict[str, Any], edition: Edition) -> list[Block]:
    """Part 1, 1. Workload: each category's items with their hours, category totals and the grand total."""
    items = [item for item in content.get("items", []) if isinstance(item, dict)]
    hours = agreement_content.workload_hours(content)
    rows: list[Row] = []
    for category in edition.workload.categories:
        total = hours.get(category.code, Decimal(0))
        rows.append(
            Row(
                (
                    Cell(f"{category.number} {category.name}", bold=True, span=2, shade=True),
                    Cell(number(total), bold=True, align="R", shade=True),
                ),
                keep_with_next=True,
            )
        )
        for item in items:
            if item.get("category") == category.code and (item.get("name") or item.get("hours")):
                rows.append(Row((Cell(str(item.get("code", ""))), Cell(str(item.get("name", ""))), _hours(item))))
    rows.append(Row((Cell("รวมภาระงานทั้งสิ้น", bold=True, span=2), Cell(number(sum(hours.values())), True, "R"))))
    check = agreement_content.check_workload(content, edition)
    verdict = (
        "ภาระงานเป็นไปตามที่ ก.ค.ศ. กำหนด"
        if check.ok
        else "ภาระงานยังไม่เป็นไปตามที่ ก.ค.ศ. กำหนด: " + " ".join(failure.message for failure in check.failures)
    )
    return [
        Text("ส่วนที่ 1 ข้อตกลงในการพัฒนางานตามมาตรฐานตำแหน่ง", bold=True),
        Text("1. ภาระงาน จะมีภาระงานเป็นไปตามที่ ก.ค.ศ. กำหนด (ชั่วโมง/สัปดาห์)", indent=6),
        Table(
            widths=(2.2, 7, 1.6),
            header=(heading_row("รหัสวิชา", "รายวิชา/งาน", "ชั่วโมง/สัปดาห์"),),
            rows=tuple(rows),
        ),
        Text(verdict, indent=6, space_after=2),
    ]


def _hours(item: dict[str, Any]) -> Cell:
    parsed = agreement_content.parse_hours(item.get("hours", ""))
    return Cell(number(parsed) if parsed is not None else str(item.get("hours", "")), align="R")


def _plans(sections: dict[str, Any], edition: Edition, year: int) -> list[Block]:
    """Part 1, 2. Tasks for each of the 15 indicators, by domain (and by semester where the teacher split them)."""
    rows: list[Row] = []
    terms = semesters_of_fiscal_year(year, edition)
    for domain in edition.domains:
        rows.append(group_row(f"ด้านที่ {domain.code} {domain.name}", 4))
        for indicator in domain.indicators:
            body = sections.get(f"indicator:{indicator.code}") or {}
            texts = [_plan_text(body, field, terms) for field in agreement_content.PLAN_FIELDS]
            rows.append(Row((Cell(f"{indicator.code} {indicator.name}"), *(Cell(text) for text in texts))))
    return [
        Text(
            "2. งานที่จะปฏิบัติตามมาตรฐานตำแหน่งครู ตามระดับการปฏิบัติที่คาดหวัง"
            " ทั้ง 3 ด้าน 15 ตัวชี้วัด ที่จะดำเนินการพัฒนาตามข้อตกลงในรอบการประเมิน",
            indent=6,
        ),
        Table(widths=(2.4, 3, 2.6, 2.4), header=(heading_row(*PLAN_HEADINGS),), rows=tuple(rows)),
    ]


def _plan_text(body: dict[str, Any], field: str, terms: tuple[str, ...]) -> str:
    if not body.get("by_semester"):
        return str(body.get(field, ""))
    semesters = body.get("semesters") or {}
    parts = [f"ภาคเรียนที่ {label}\n{semesters.get(label, {}).get(field, '')}" for label in terms]
    return "\n".join(parts)


def _challenge(content: dict[str, Any], snapshot: dict[str, Any], edition: Edition) -> list[Block]:
    standing = standing_of(str(snapshot.get("standing") or ""), edition)
    sentence = challenge_sentence(standing.code, edition) if standing is not None and standing.makes_pa else ""
    blocks: list[Block] = [
        Space(2),
        Text(
            "ส่วนที่ 2 ข้อตกลงในการพัฒนางานที่เสนอเป็นประเด็นท้าทายในการพัฒนาผลลัพธ์การเรียนรู้ของผู้เรียน",
            bold=True,
        ),
    ]
    if sentence:
        blocks.append(Text(sentence, indent=6))
    blocks.append(Text(f"ประเด็นท้าทาย เรื่อง {content.get('title', '')}", bold=True, indent=6))
    parts = (
        ("1. สภาพปัญหาของผู้เรียนและการจัดการเรียนรู้", content.get("problem", "")),
        ("2. วิธีการดำเนินการให้บรรลุผล", content.get("method", "")),
        ("3. ผลลัพธ์การพัฒนาที่คาดหวัง", None),
        ("3.1 ผลลัพธ์เชิงปริมาณ", content.get("quantitative", "")),
        ("3.2 ผลลัพธ์เชิงคุณภาพ", content.get("qualitative", "")),
    )
    for label, text in parts:
        indent = 12 if label.startswith("3.") else 6
        blocks.append(Text(label, bold=True, indent=indent))
        if text is not None:
            blocks.append(Text(str(text), indent=indent + 6))
    return blocks


def _decision(version: AgreementVersion | None) -> ReviewDecision | None:
    if version is None:
        return None
    try:
        return version.decision
    except ReviewDecision.DoesNotExist:
        return None


def _signatures(
    agreement: Agreement, snapshot: dict[str, Any], edition: Edition, version: AgreementVersion | None
) -> list[Block]:
    teacher = signature(
        agreement.teacher,
        position=f"ตำแหน่ง {position_label(snapshot, edition)}",
        role="ผู้จัดทำข้อตกลง",
        when=agreement.submitted_at,
    )
    decision = _decision(version)
    approved = decision is not None and decision.outcome == ReviewDecision.Outcome.APPROVED
    returned = decision is not None and decision.outcome == ReviewDecision.Outcome.RETURNED
    decider = getattr(decision.decided_by, "person", None) if decision and decision.decided_by else None
    director = decider or director_of(agreement.school)
    blocks: list[Block] = [
        Space(4),
        Signatures((teacher,)),
        Space(4),
        Text("ความเห็นของผู้อำนวยการสถานศึกษา", bold=True),
        Check(APPROVE, approved, indent=6),
        Check(RETURN, returned, indent=6),
    ]
    comments = _comments(decision) if returned else []
    blocks += [Text(comment, indent=16) for comment in comments]
    blocks.append(
        Signatures(
            (
                signature(
                    director,
                    position=director_position(agreement.school),
                    role="ผู้อำนวยการสถานศึกษา",
                    when=decision.decided_at if decision else None,
                ),
            )
        )
    )
    return blocks


def _comments(decision: ReviewDecision | None) -> list[str]:
    if decision is None:
        return []
    comments = [decision.comment] if decision.comment else []
    comments += [str(text) for text in (decision.section_comments or {}).values() if text]
    return comments
