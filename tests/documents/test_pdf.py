"""The PDF renderer on its own: Thai text that copies back exactly, line breaking, tables over pages, footers."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from documents.blocks import Cell, Check, Document, Fields, PageBreak, Row, Signature, Signatures, Space, Table, Text
from documents.pdf import DATE_LINE, SIZE, Verification, render_pdf
from documents.thai_font import FONT_DIR, STYLES, drawable
from tests.documents.reading import contains, fonts_of, pdftotext, pypdf_pages, squeezed

HARD_WORDS = [
    "ผู้อำนวยการ",
    "ตำแหน่ง",
    "นางสาว",
    "น้ำใจ",
    "กำหนด",
    "คำสั่ง",
    "ปี่",
    "ญาติ",
    "ฐานข้อมูล",
    "พื้นที่",
    "ศึกษาธิการ",
    "ประเด็นท้าทาย",
    "ครูชำนาญการพิเศษ",
]
VERIFY = Verification("K7Q2-M9XD-4TRB", "http://127.0.0.1:8000/verify/K7Q2M9XD4TRB/")


def document(*blocks: object, thai_digits: bool = False) -> Document:
    return Document(kind="pa1", form_code="PA 1/ส", title="ทดสอบ", blocks=tuple(blocks), thai_digits=thai_digits)  # type: ignore[arg-type]


@pytest.mark.parametrize("bold", [False, True])
def test_words_with_sara_am_and_stacked_marks_copy_back_exactly(bold: bool) -> None:
    line = " ".join(HARD_WORDS)
    rendered = render_pdf(document(Text(line, bold=bold)), VERIFY)
    assert rendered.missing == ()
    for text in (pypdf_pages(rendered.data)[0], pdftotext(rendered.data)):
        assert contains(text, line), text
        for word in HARD_WORDS:
            assert word in text  # each word whole, nothing inserted inside it (no \x0f, no space after ำ)


def test_each_table_cell_and_heading_reads_back_as_stored() -> None:
    table = Table(
        widths=(1, 2),
        header=(Row((Cell("ตำแหน่ง", bold=True), Cell("ผู้อำนวยการสถานศึกษา", bold=True))),),
        rows=(Row((Cell("นางสาวสมศรี ใจดี"), Cell("ครูชำนาญการพิเศษ น้ำใจงาม"))),),
    )
    text = pypdf_pages(render_pdf(document(table)).data)[0]
    lines = text.splitlines()
    assert "ตำแหน่ง ผู้อำนวยการสถานศึกษา" in lines or {"ตำแหน่ง", "ผู้อำนวยการสถานศึกษา"} <= set(lines)
    assert "นางสาวสมศรี ใจดี" in text
    assert "ครูชำนาญการพิเศษ น้ำใจงาม" in text


def test_long_thai_wraps_between_words_never_inside_one() -> None:
    sentence = (
        "นำความรู้ ความสามารถ ทักษะที่ได้จากการพัฒนาตนเองและวิชาชีพ มาใช้ในการพัฒนาการจัดการเรียนรู้"
        " การพัฒนาคุณภาพผู้เรียน และการพัฒนานวัตกรรมการจัดการเรียนรู้"
    )
    narrow = Table(widths=(1, 3), header=(), rows=(Row((Cell(sentence), Cell(""))),))
    text = pypdf_pages(render_pdf(document(narrow)).data)[0]
    lines = [line for line in text.splitlines() if line.strip() and "PA 1/ส" not in line and "หน้า" not in line]
    wrapped = [line for line in lines if squeezed(line) and squeezed(line) in squeezed(sentence)]
    assert len(wrapped) >= 4  # a quarter of the page wide: several lines
    assert squeezed("".join(wrapped)) == squeezed(sentence)
    words = {"ความสามารถ", "ทักษะ", "วิชาชีพ", "นวัตกรรม", "ผู้เรียน", "คุณภาพ"}
    for word in words:  # every word sits whole on one line
        assert any(word in line for line in wrapped), word


def test_a_table_over_several_pages_repeats_its_header_and_splits_a_very_tall_row() -> None:
    tall = "\n".join(f"บรรทัดที่ {n} ของงานที่ยาวมาก" for n in range(1, 61))
    rows = tuple(Row((Cell(f"แถว {n}"), Cell("ผลลัพธ์ที่คาดหวัง"))) for n in range(1, 30))
    table = Table(
        widths=(1, 2),
        header=(Row((Cell("หัวตารางซ้ำทุกหน้า", bold=True), Cell("ผลลัพธ์ (Outcomes)", bold=True))),),
        rows=(*rows, Row((Cell("แถวสูง"), Cell(tall))), Row((Cell("แถวสุดท้าย"), Cell("จบ")))),
    )
    rendered = render_pdf(document(table), VERIFY)
    pages = pypdf_pages(rendered.data)
    assert rendered.pages == len(pages) >= 4
    assert all("หัวตารางซ้ำทุกหน้า" in page for page in pages)
    joined = "\n".join(pages)
    assert all(f"บรรทัดที่ {n} ของงานที่ยาวมาก" in joined for n in range(1, 61))
    assert "แถวสุดท้าย" in pages[-1]


def test_every_page_has_its_number_the_form_code_and_the_verification_code() -> None:
    rendered = render_pdf(document(Text("หน้าแรก"), PageBreak(), Text("หน้าสอง"), PageBreak(), Text("หน้าสาม")), VERIFY)
    pages = pypdf_pages(rendered.data)
    assert rendered.pages == 3
    for number, page in enumerate(pages, start=1):
        assert f"หน้า {number}/3" in page
        assert "PA 1/ส" in page
        assert "รหัสตรวจสอบเอกสาร K7Q2-M9XD-4TRB" in page
        assert VERIFY.url in page


def test_thai_digits_are_printed_when_the_school_chooses_them_but_not_in_the_verification_code() -> None:
    blocks = (Text("ปีงบประมาณ พ.ศ. 2569 คะแนน 75.5"), Fields((("อัตราเงินเดือน", "25,430 บาท"),)))
    thai = pypdf_pages(render_pdf(document(*blocks, thai_digits=True), VERIFY).data)[0]
    arabic = pypdf_pages(render_pdf(document(*blocks), VERIFY).data)[0]
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๙ คะแนน ๗๕.๕" in thai
    assert "๒๕,๔๓๐ บาท" in thai
    assert "หน้า ๑/๑" in thai
    assert "ปีงบประมาณ พ.ศ. 2569 คะแนน 75.5" in arabic
    assert "2569" not in thai
    assert "K7Q2-M9XD-4TRB" in thai


def test_signature_blocks_follow_the_official_arrangement() -> None:
    chair = Signature("นายประเสริฐ บุญมา", "ตำแหน่ง ผู้อำนวยการโรงเรียนทดสอบ", "ประธานกรรมการ", "วันที่ 30 กันยายน 2569")
    members = (
        Signature("นางวิไล นิเทศ", "ตำแหน่ง ศึกษานิเทศก์", "กรรมการ"),
        Signature("นางสาวกาญจนา ต่างโรง", role="กรรมการ"),
    )
    text = pypdf_pages(render_pdf(document(Signatures((chair,)), Signatures(members))).data)[0]
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index("(นายประเสริฐ บุญมา)")
    assert lines[start - 1].startswith("(ลงชื่อ)....")
    assert lines[start + 1 : start + 4] == ["ตำแหน่ง ผู้อำนวยการโรงเรียนทดสอบ", "ประธานกรรมการ", "วันที่ 30 กันยายน 2569"]
    assert "(นางวิไล นิเทศ)" in text
    assert "(นางสาวกาญจนา ต่างโรง)" in text
    assert text.count(DATE_LINE) == 2  # dates left to write
    undated = render_pdf(document(Signatures((Signature("นายประเสริฐ บุญมา", dated=False),))))
    assert "วันที่" not in pypdf_pages(undated.data)[0]


def test_tick_boxes_and_fields_read_as_their_text() -> None:
    blocks = (
        Fields((("ชื่อ", "นางสาวสมศรี ใจดี"), ("ตำแหน่ง", "ครู"))),
        Check("ห้องเรียนวิชาสามัญหรือวิชาพื้นฐาน", True),
        Check("ห้องเรียนปฐมวัย", False),
        Space(),
    )
    text = pypdf_pages(render_pdf(document(*blocks)).data)[0]
    assert "ชื่อ นางสาวสมศรี ใจดี" in text
    assert "ตำแหน่ง ครู" in text
    assert "ห้องเรียนวิชาสามัญหรือวิชาพื้นฐาน" in text
    assert "ห้องเรียนปฐมวัย" in text


def test_characters_the_font_lacks_are_shown_as_a_box_and_reported_never_dropped() -> None:
    rendered = render_pdf(document(Text("ดีมาก 👍 ครับ")))
    assert rendered.missing == ("👍",)
    assert "ดีมาก ■ ครับ" in pypdf_pages(rendered.data)[0]
    assert drawable("ครู\u200bดี") == ("ครูดี", set())  # an invisible zero-width space is simply left out


def test_only_sarabun_is_embedded_and_it_covers_every_thai_letter_mark_and_digit() -> None:
    rendered = render_pdf(document(Text("ก ข ฃ ค ฅ ฆ ง ... ฮ ๐๑๒๓๔๕๖๗๘๙", bold=True), Text("ฯ ๆ ฿ ะ ั า ำ ิ ี ึ ื ุ ู ฺ")))
    assert fonts_of(rendered.data) == {"Sarabun", "SarabunBold"}
    for file_name in STYLES.values():
        cmap = TTFont(str(FONT_DIR / file_name)).getBestCmap()
        missing = [
            hex(code) for code in range(0x0E01, 0x0E5C) if code not in cmap and code not in range(0x0E3B, 0x0E3F)
        ]
        assert missing == []
    assert SIZE == 16.0
