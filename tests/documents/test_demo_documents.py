"""Every document rendered for the demo data reads back, in the PDF and in the DOCX, exactly as stored."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from fontTools.ttLib import TTFont
from PIL import Image

from agreements.models import Agreement
from committees.models import Committee, Evaluation, ScoreSheet
from documents.pdf import RenderedPdf, Verification, render_pdf
from documents.sources import Source, source_of
from documents.thai_font import FONT_DIR
from documents.word import render_docx
from rulebook.numbers import format_number
from tests.documents.reading import contains, docx_text, first_page_png, pdftotext, pypdf_pages

VERIFY = Verification("TEST-CODE-0001", "http://127.0.0.1:8000/verify/TESTCODE0001/")
WORDS_WITH_SARA_AM = ("ผู้อำนวยการ", "ตำแหน่ง", "นางสาว")


@pytest.fixture
def demo(db: Any) -> None:
    call_command("seed_demo", quiet_logins=True, stdout=io.StringIO())


def sources() -> dict[str, Source]:
    agreement = Agreement.objects.filter(state=Agreement.State.APPROVED, evaluation__result_computed_at__isnull=False)
    evaluation = Evaluation.objects.filter(agreement=agreement.order_by("pk").first()).get()
    sheet = ScoreSheet.objects.filter(evaluation=evaluation).order_by("seat__number").first()
    committee = Committee.objects.order_by("pk").first()
    assert sheet is not None
    assert committee is not None
    records = {
        "pa1": f"agreement:{evaluation.agreement_id}",
        "pa2": f"sheet:{sheet.pk}",
        "pa3": f"evaluation:{evaluation.pk}",
        "order": f"order:{committee.school_id}:{committee.fiscal_year.year}",
    }
    found = {kind: source_of(record) for kind, record in records.items()}
    assert all(found.values())
    return {kind: source for kind, source in found.items() if source is not None}


def both_texts(source: Source) -> tuple[RenderedPdf, str, str, str]:
    rendered = render_pdf(source.document, VERIFY)
    return (
        rendered,
        "\n".join(pypdf_pages(rendered.data)),
        pdftotext(rendered.data),
        docx_text(render_docx(source.document)),
    )


def test_every_demo_document_carries_the_stored_thai_exactly_in_pdf_and_docx(demo: None) -> None:
    found = sources()
    evaluation = Evaluation.objects.select_related("agreement__teacher", "agreement__fiscal_year").get(
        pk=int(found["pa3"].record.split(":")[1])
    )
    agreement = evaluation.agreement
    edition = agreement.fiscal_year.edition
    teacher_name = agreement.snapshot["name"]
    year = str(agreement.fiscal_year.year)
    for kind, source in found.items():
        rendered, pdf_text, poppler_text, word_text = both_texts(source)
        assert rendered.missing == (), kind
        for text in (pdf_text, poppler_text, word_text):
            assert f"ปีงบประมาณ พ.ศ. {year}" in text, kind
            for word in WORDS_WITH_SARA_AM:
                assert word in text, (kind, word)
            if kind != "order":
                assert teacher_name in text, kind
    for kind in ("pa1", "pa2"):
        _rendered, pdf_text, poppler_text, word_text = both_texts(found[kind])
        for indicator in edition.indicators:
            for text in (pdf_text, poppler_text, word_text):
                assert contains(text, f"{indicator.code} {indicator.name}"), (kind, indicator.code)


def test_pa1_says_what_the_teacher_wrote_and_what_the_director_decided(demo: None) -> None:
    source = sources()["pa1"]
    agreement = Agreement.objects.get(pk=int(source.record.split(":")[1]))
    sections = {section.key: section.content for section in agreement.sections.all()}
    _rendered, pdf_text, _poppler, word_text = both_texts(source)
    for text in (pdf_text, word_text):
        assert contains(text, sections["challenge"]["title"])
        assert contains(text, sections["indicator:1.1"]["tasks"])
        assert contains(text, sections["indicator:3.3"]["change_indicators"])
        for item in sections["workload"]["items"]:
            if item.get("name"):
                assert contains(text, item["name"])
        assert "ผู้จัดทำข้อตกลง" in text
        assert "ความเห็นของผู้อำนวยการสถานศึกษา" in text
    assert "PA 1/ส" in pdf_text
    assert "PA 1/ส" in word_text


def test_pa2_and_pa3_carry_the_totals_exactly_as_stored(demo: None) -> None:
    found = sources()
    evaluation = Evaluation.objects.get(pk=int(found["pa3"].record.split(":")[1]))
    sheets = list(evaluation.sheets.select_related("seat__person").order_by("seat__number"))
    assert len(sheets) == 3
    _rendered, pa3_pdf, pa3_poppler, pa3_word = both_texts(found["pa3"])
    for sheet in sheets:
        for text in (pa3_pdf, pa3_poppler, pa3_word):
            assert sheet.seat.person.full_name in text
            for value in (sheet.part1, sheet.part2, sheet.total):
                assert value is not None
                assert format_number(value) in text
    pa2_sheet = ScoreSheet.objects.get(pk=int(found["pa2"].record.split(":")[1]))
    _rendered, pa2_pdf, _poppler, pa2_word = both_texts(found["pa2"])
    for text in (pa2_pdf, pa2_word):
        assert f"รวม (เต็ม 100 คะแนน) {format_number(Decimal(str(pa2_sheet.total)))}" in " ".join(text.split())


def test_the_pa3_first_page_is_rendered_to_png_with_no_missing_glyph(demo: None) -> None:
    rendered = render_pdf(sources()["pa3"].document, VERIFY)
    assert rendered.pages == 2  # the scores and the verdict on page 1, the three signatures after them
    assert rendered.missing == ()
    png = first_page_png(rendered.data, "pa3-first-page")
    image = Image.open(png)
    assert image.size == (827, 1170)  # A4 at 100 dpi
    inked = sum(image.convert("L").histogram()[:128])
    assert inked > 20_000  # a page of text, not a blank one
    drawable = set(TTFont(str(FONT_DIR / "Sarabun-Regular.ttf")).getBestCmap())
    text = "".join(pypdf_pages(rendered.data))
    assert {char for char in text if not char.isspace() and ord(char) not in drawable} == set()  # no .notdef box


def test_the_order_lists_each_committee_its_members_and_teachers(demo: None) -> None:
    source = sources()["order"]
    _rendered, pdf_text, _poppler, word_text = both_texts(source)
    school_pk, year = (int(part) for part in source.record.split(":")[1:])
    for committee in Committee.objects.filter(school_id=school_pk, fiscal_year__year=year):
        for text in (pdf_text, word_text):
            assert contains(text, committee.name)
            for seat in committee.seats.filter(status__in=("pending", "accepted")):
                assert seat.person.full_name in text
            for evaluation in committee.evaluations.select_related("agreement__teacher"):
                assert evaluation.agreement.teacher.full_name in text
    assert not any(line.startswith("PA ") for line in pdf_text.splitlines())  # an order carries no form code
    assert "ประธานกรรมการ" in pdf_text
    assert "กรรมการ" in word_text
