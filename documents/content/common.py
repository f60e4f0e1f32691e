"""Pieces every official document shares: the form's heading, the teacher's details, signature blocks.

Documents are Thai whatever the reader's language (they are signed and filed), so every builder runs
under `translation.override("th")`; what a document says depends only on its records, never on who
asks or when, so the same records always give the same content hash.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from documents.blocks import Cell, Fields, Row, Signature, Text
from org.models import Membership, Person, Role, School
from rounds.models import FiscalYear
from rulebook import RulebookError
from rulebook.model import Edition
from rulebook.numbers import format_number
from thaitext import be_date

FORM_SUBTITLE = "สำหรับข้าราชการครูและบุคลากรทางการศึกษา ตำแหน่งครู (ทุกสังกัด)"
NO_STANDING = "ยังไม่มีวิทยฐานะ"


def on(moment: date | datetime | None) -> str:
    """A signature's date line when the system knows the date: "วันที่ 15 ตุลาคม 2568"."""
    return f"วันที่ {be_date(moment)}" if moment else ""


def number(value: Decimal | float | int | str | None) -> str:
    return "-" if value is None or value == "" else format_number(Decimal(str(value)))


def period_line(fiscal_year: FiscalYear) -> str:
    return f"ระหว่างวันที่ {be_date(fiscal_year.starts_on)} ถึงวันที่ {be_date(fiscal_year.ends_on)}"


def heading(title: str, fiscal_year: FiscalYear, *, standing_line: str = "") -> list[Text]:
    """The centred heading of a PA form: its name, who it is for, the fiscal year and period."""
    lines = [Text(title, bold=True, align="C"), Text(FORM_SUBTITLE, bold=True, align="C")]
    if standing_line:
        lines.append(Text(standing_line, align="C"))
    lines.append(Text(f"ปีงบประมาณ พ.ศ. {fiscal_year.year}", align="C"))
    lines.append(Text(period_line(fiscal_year), align="C", space_after=3))
    return lines


def standing_of(code: str, edition: Edition) -> Any:
    try:
        return edition.standing(code) if code else None
    except RulebookError:
        return None


def position_label(snapshot: dict[str, Any], edition: Edition) -> str:
    """How the forms name position and standing together: "ครู วิทยฐานะครูชำนาญการ"."""
    standing = standing_of(str(snapshot.get("standing") or ""), edition)
    if standing is not None:
        return str(standing.position_label)
    return str(snapshot.get("position") or "ครู")


def teacher_fields(snapshot: dict[str, Any], edition: Edition) -> list[Fields]:
    """The teacher's details as the agreement recorded them when it was submitted."""
    standing = standing_of(str(snapshot.get("standing") or ""), edition)
    salary = snapshot.get("salary") or ""
    return [
        Fields((("ชื่อ", str(snapshot.get("name", ""))), ("ตำแหน่ง", str(snapshot.get("position") or "ครู")))),
        Fields((("วิทยฐานะ", standing.title if standing else NO_STANDING),)),
        Fields((("สถานศึกษา", str(snapshot.get("school", ""))), ("สังกัด", str(snapshot.get("area_office", ""))))),
        Fields(
            (
                ("รับเงินเดือนในอันดับ", str(snapshot.get("salary_grade") or "-")),
                ("อัตราเงินเดือน", f"{number(salary)} บาท" if salary else "-"),
            )
        ),
    ]


def live_snapshot(teacher: Person, school: School) -> dict[str, Any]:
    """The teacher's details now, for an agreement never submitted (the same keys as its snapshot)."""
    return {
        "name": teacher.full_name,
        "position": teacher.get_position_display(),
        "standing": teacher.standing,
        "school": school.name,
        "area_office": str(school.area_office),
        "salary_grade": teacher.salary_grade,
        "salary": str(teacher.salary) if teacher.salary is not None else "",
    }


def director_of(school: School) -> Person | None:
    """The school's director now (the first active director membership with a person)."""
    membership = (
        Membership.objects.active()
        .filter(role=Role.DIRECTOR, school=school, user__person__isnull=False)
        .select_related("user__person")
        .order_by("pk")
        .first()
    )
    return membership.user.person if membership else None


def director_position(school: School) -> str:
    return f"ตำแหน่ง ผู้อำนวยการ{school.name}"


def person_position(person: Person, edition: Edition | None = None) -> str:
    """A signer's position line: a teacher's with the standing, others with their organisation."""
    if person.position == "teacher" and edition is not None:
        standing = standing_of(person.standing, edition)
        if standing is not None:
            return f"ตำแหน่ง {standing.position_label}"
    text = f"ตำแหน่ง {person.get_position_display()}"
    return f"{text} {person.organisation}" if person.organisation else text


def signature(
    person: Person | None, *, position: str, role: str, when: date | datetime | None = None, dated: bool = True
) -> Signature:
    name = person.full_name if person else "." * 30
    return Signature(name=name, position=position, role=role, date=on(when), dated=dated)


def heading_row(*titles: str) -> Row:
    return Row(tuple(Cell(title, bold=True, align="C") for title in titles))


def group_row(title: str, columns: int) -> Row:
    return Row((Cell(title, bold=True, span=columns, shade=True),), keep_with_next=True)


def seat_position(seat: Any, school: School, edition: Edition | None = None) -> str:
    """A committee seat's position line: the school's director in the chair, otherwise the person's own."""
    if seat.kind == "chair":
        return director_position(school)
    return person_position(seat.person, edition)
