"""Which record a document is of, and the document it gives today.

A `Source` is a record's document with the few facts the public verify page may show (name, school,
fiscal year). `source_of(record)` rebuilds one from its record key alone — the verify page uses it to
compare what a printed code said with what the record says now.
"""

from __future__ import annotations

from dataclasses import dataclass

from agreements.models import Agreement
from committees.access import held_seats
from committees.models import Committee, Evaluation, ScoreSheet
from documents.blocks import Document
from documents.content.order import order_document
from documents.content.pa1 import pa1_document
from documents.content.pa2 import pa2_document
from documents.content.pa3 import pa3_document
from org.models import School
from rounds.models import FiscalYear


@dataclass(frozen=True)
class Source:
    record: str  # "agreement:12", "sheet:40", "evaluation:7", "order:3:2569"
    document: Document
    person_name: str
    school_name: str
    fiscal_year: int

    @property
    def kind(self) -> str:
        return self.document.kind

    def file_name(self, extension: str) -> str:
        """ "PA1_2569_นางสาวสมศรี ใจดี.pdf": what the download is saved as."""
        code = self.document.form_code.split("/")[0].replace(" ", "") or "คำสั่งแต่งตั้งคณะกรรมการ"
        name = self.person_name.replace("/", " ")
        return f"{code}_{self.fiscal_year}_{name}.{extension}"


def _identity(document: Document, agreement: Agreement) -> tuple[str, str, int]:
    """What the verify page may show: the teacher's name as the document prints it, the school, the year."""
    return document.meta["name"], agreement.school.name, agreement.fiscal_year.year


def agreement_source(agreement: Agreement) -> Source:
    document = pa1_document(agreement)
    return Source(f"agreement:{agreement.pk}", document, *_identity(document, agreement))


def sheet_source(sheet: ScoreSheet) -> Source:
    agreement = sheet.evaluation.agreement
    document = pa2_document(sheet)
    return Source(f"sheet:{sheet.pk}", document, *_identity(document, agreement))


def evaluation_source(evaluation: Evaluation) -> Source:
    agreement = evaluation.agreement
    seats = held_seats(evaluation.committee)
    sheets = list(evaluation.sheets.filter(seat__in=seats))
    document = pa3_document(evaluation, seats, sheets)
    return Source(f"evaluation:{evaluation.pk}", document, *_identity(document, agreement))


def order_source(school: School, fiscal_year: FiscalYear) -> Source:
    document = order_document(school, fiscal_year)
    return Source(f"order:{school.pk}:{fiscal_year.year}", document, school.name, school.name, fiscal_year.year)


_AGREEMENT = ("teacher", "school__area_office", "fiscal_year")
_EVALUATION = tuple(f"agreement__{name}" for name in _AGREEMENT) + ("committee__school",)


def source_of(record: str) -> Source | None:
    """The document `record` gives now, or None when the record no longer exists or gives none."""
    kind, _, rest = record.partition(":")
    try:
        if kind == "agreement":
            return agreement_source(Agreement.objects.select_related(*_AGREEMENT).get(pk=int(rest)))
        if kind == "sheet":
            sheet = ScoreSheet.objects.select_related("seat__person", *(f"evaluation__{n}" for n in _EVALUATION))
            return sheet_source(sheet.get(pk=int(rest)))
        if kind == "evaluation":
            return evaluation_source(Evaluation.objects.select_related(*_EVALUATION).get(pk=int(rest)))
        if kind == "order":
            school_pk, _, year = rest.partition(":")
            school = School.objects.select_related("area_office").get(pk=int(school_pk))
            return order_source(school, FiscalYear.objects.get(year=int(year)))
    except (ValueError, Agreement.DoesNotExist, ScoreSheet.DoesNotExist, Evaluation.DoesNotExist):
        return None
    except (School.DoesNotExist, FiscalYear.DoesNotExist, Committee.DoesNotExist):
        return None
    return None
