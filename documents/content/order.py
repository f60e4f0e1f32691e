"""คำสั่งแต่งตั้งคณะกรรมการประเมินผลการพัฒนางานตามข้อตกลง: the school's order for one fiscal year.

Every committee of the school that year, its three members with their roles, and the teachers it
evaluates; dated the day its last member was appointed (so the order changes only when a committee does)
and signed by the director.
"""

from __future__ import annotations

from django.db.models import Max, Prefetch
from django.utils import translation

from committees.models import Committee, Evaluation, Seat
from committees.results import role_label
from documents.blocks import Block, Document, Signatures, Space, Text
from documents.content.common import director_of, director_position, seat_position, signature
from org.models import School
from rounds.models import FiscalYear
from rulebook.model import Edition
from thaitext import be_date, thai_sorted

TITLE = "คำสั่งแต่งตั้งคณะกรรมการประเมินผลการพัฒนางานตามข้อตกลง"


def order_committees(school: School, fiscal_year: FiscalYear) -> list[Committee]:
    held = Seat.objects.filter(status__in=Seat.HELD).select_related("person").order_by("number")
    evaluations = Evaluation.objects.select_related("agreement__teacher")
    return list(
        Committee.objects.filter(school=school, fiscal_year=fiscal_year)
        .prefetch_related(Prefetch("seats", queryset=held, to_attr="held"), Prefetch("evaluations", evaluations))
        .order_by("pk")
    )


def order_document(school: School, fiscal_year: FiscalYear) -> Document:
    """The order for `school` (fetched with its area office) in `fiscal_year`."""
    with translation.override("th"):
        committees = order_committees(school, fiscal_year)
        dated = Seat.objects.filter(committee__in=committees, status__in=Seat.HELD).aggregate(last=Max("appointed_at"))
        blocks: list[Block] = [
            Text(f"คำสั่ง{school.name}", bold=True, align="C"),
            Text("ที่ ........../..........", align="C"),
            Text(f"เรื่อง แต่งตั้ง{TITLE[len('คำสั่งแต่งตั้ง') :]} ปีงบประมาณ พ.ศ. {fiscal_year.year}", align="C"),
            Text("-" * 40, align="C", space_after=2),
            Text(_preamble(fiscal_year), indent=12, space_after=2),
        ]
        for index, committee in enumerate(committees, start=1):
            blocks += _committee(index, committee, school, fiscal_year.edition)
        blocks += [
            Text(
                "ให้คณะกรรมการที่ได้รับการแต่งตั้งปฏิบัติหน้าที่ประเมินผลการพัฒนางานตามข้อตกลงตามระดับการปฏิบัติที่คาดหวัง"
                "ของตำแหน่งและวิทยฐานะ จากการปฏิบัติงานจริง โดยไม่เน้นการประเมินจากเอกสาร"
                " ให้เกิดประโยชน์ต่อผู้เรียนและทางราชการ",
                indent=12,
            ),
            Text("ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป", indent=12, space_after=2),
            Text(f"สั่ง ณ วันที่ {be_date(dated['last'])}" if dated["last"] else "สั่ง ณ วันที่ ..........", align="C"),
            Space(2),
            Signatures((signature(director_of(school), position=director_position(school), role="", dated=False),)),
        ]
        return Document(
            kind="order",
            form_code="",
            title=f"{TITLE} {school.name} ปีงบประมาณ พ.ศ. {fiscal_year.year}",
            blocks=tuple(blocks),
            thai_digits=school.thai_digits_in_documents,
            meta={"name": school.name, "year": str(fiscal_year.year)},
        )


def _preamble(fiscal_year: FiscalYear) -> str:
    edition = fiscal_year.edition
    return (
        f"ตามหนังสือสำนักงาน ก.ค.ศ. {edition.circular} เรื่อง {edition.title}"
        " กำหนดให้ผู้อำนวยการสถานศึกษาแต่งตั้งคณะกรรมการประเมินผลการพัฒนางานตามข้อตกลง"
        " จำนวน 3 คน ประกอบด้วย ผู้อำนวยการสถานศึกษา เป็นประธานกรรมการ และกรรมการอื่นอีก 2 คน"
        " เพื่อให้การประเมินผลการพัฒนางานตามข้อตกลงของข้าราชการครูเป็นไปด้วยความเรียบร้อย"
        " จึงแต่งตั้งคณะกรรมการ ดังต่อไปนี้"
    )


def _committee(index: int, committee: Committee, school: School, edition: Edition) -> list[Block]:
    blocks: list[Block] = [Text(f"{index}. {committee.name}", bold=True)]
    for seat in getattr(committee, "held", []):
        line = f"{seat.number}) {seat.person.full_name} {seat_position(seat, school, edition)} {role_label(seat)}"
        blocks.append(Text(line, indent=8))
    teachers = thai_sorted(
        [evaluation.agreement.teacher for evaluation in committee.evaluations.all()],
        key=lambda person: f"{person.first_name} {person.last_name}",
    )
    blocks.append(Text(f"ผู้รับการประเมิน จำนวน {len(teachers)} คน", indent=8))
    blocks += [Text(f"{n}) {teacher.full_name}", indent=16) for n, teacher in enumerate(teachers, start=1)]
    blocks.append(Space(2))
    return blocks
